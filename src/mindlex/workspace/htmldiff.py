"""Word-level differences between two sanitised HTML fragments, marked with <ins> and <del>.

Both sides are split into tags and words. The result keeps exactly the new fragment's tags,
in order, so its structure is the page readers will see; inserted words are wrapped in
<ins>, removed words are put back, wrapped in <del>, where they used to be. Only text runs
are wrapped, never tags, so the output stays well formed.
"""

from __future__ import annotations

import difflib
import re

TOKEN = re.compile(r"<[^>]*>|[^<\s]+|\s+")


def tokens(html: str) -> list[str]:
    return TOKEN.findall(html)


def mark(old: str, new: str) -> tuple[str, int, int]:
    """The new HTML with changes marked, and the number of inserted and deleted words."""
    a, b = tokens(old), tokens(new)
    out: list[str] = []
    inserted = deleted = 0
    matcher = difflib.SequenceMatcher(a=a, b=b, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            out.extend(b[j1:j2])
            continue
        if tag in ("delete", "replace"):
            text = [t for t in a[i1:i2] if not t.startswith("<")]
            deleted += _words(text)
            out.append(_wrap("del", text))
        if tag in ("insert", "replace"):
            inserted += _words([t for t in b[j1:j2] if not t.startswith("<")])
            out.append(_wrap_runs("ins", b[j1:j2]))
    return "".join(out), inserted, deleted


def _words(parts: list[str]) -> int:
    return sum(1 for p in parts if p.strip())


def _wrap(name: str, text: list[str]) -> str:
    joined = "".join(text)
    if not joined.strip():
        return joined
    return f"<{name}>{joined}</{name}>"


def _wrap_runs(name: str, parts: list[str]) -> str:
    """Wrap each run of text between tags; tags pass through untouched."""
    out: list[str] = []
    run: list[str] = []
    for part in parts:
        if part.startswith("<"):
            out.append(_wrap(name, run))
            run = []
            out.append(part)
        else:
            run.append(part)
    out.append(_wrap(name, run))
    return "".join(out)
