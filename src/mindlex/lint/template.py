"""The placeholder text `mindlex new` writes, so a draft left unfilled is caught.

The patterns are read from the scaffold itself (`scaffold/new-article.md`), so changing the
template never leaves the check behind; `{title}` matches any term.
"""

from __future__ import annotations

import re
from functools import cache
from importlib import resources

from mindlex.lint.prose import CITE_MARK

TEMPLATE = resources.files("mindlex") / "scaffold" / "new-article.md"
SUMMARY_TEMPLATE = "One plain sentence that says what {title} is, for a reader new to the term."
"""The summary `mindlex new` writes."""
EXAMPLE_CITATION = "source-id"
"""The citation id the template's Definition shows as an example."""


@cache
def placeholders() -> tuple[re.Pattern[str], ...]:
    """One whole-block pattern per placeholder line of the template, plus the summary."""
    body = TEMPLATE.read_text(encoding="utf-8").split("\n---\n", 1)[-1]
    lines = [SUMMARY_TEMPLATE]
    for line in body.split("\n"):
        text = line.strip()
        if not text or text.startswith("#"):
            continue
        lines.append(re.sub(r"^[-*] ", "", text))
    return tuple(_pattern(line) for line in dict.fromkeys(lines))


def _pattern(line: str) -> re.Pattern[str]:
    text = line.replace(f"[@{EXAMPLE_CITATION}]", CITE_MARK)
    parts = [re.escape(p) for p in text.split("{title}")]
    return re.compile(r"\s*" + r".+?".join(p.replace(r"\ ", r"\s+") for p in parts) + r"\s*")
