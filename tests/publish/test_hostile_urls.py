"""URL fields of references become links only with http(s); anything else is shown as text."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from mindlex.config import load_config
from mindlex.model.reference import web_link
from mindlex.publish.pipeline import BuildOptions, build
from tests.conftest import CONFIG, MakeGlossary

HOSTILE = (
    "javascript:alert(1)",
    "JaVaScRiPt:alert(1)",
    " javascript:alert(1)",
    "\tjavascript:alert(1)",
    "java\nscript:alert(1)",
    "vbscript:msgbox(1)",
    "data:text/html,<script>alert(1)</script>",
    "//evil.example/x",
    "http:/no-host",
    "file:///etc/passwd",
)

ARTICLE = """\
---
title: Term {n}
summary: An article whose reference carries a hostile address.
category: tests
references:
  - id: r{n}
    evidence: peer_reviewed_article
    title: A study
    issued: 2021
    URL: {url}
    PMID: {pmid}
---

## Definition

Words [@r{n}].
"""


@pytest.mark.parametrize("url", HOSTILE)
def test_only_web_addresses_are_links(url: str) -> None:
    assert web_link(url) is None


def test_web_addresses_are_kept() -> None:
    assert web_link(" https://example.org/a?b=1 ") == "https://example.org/a?b=1"
    assert web_link("HTTP://example.org/") == "HTTP://example.org/"


def test_draft_builds_never_link_hostile_urls(make_glossary: MakeGlossary) -> None:
    files = {
        f"t{n}.md": ARTICLE.format(n=n, url=repr(url), pmid=repr("javascript:x" if n else "1"))
        for n, url in enumerate(HOSTILE)
    }
    root = make_glossary(files, config=CONFIG + '\n[lint]\nselect = ["CIT001"]\n')
    out = root / "_site"
    options = BuildOptions(out, draft=True, today=dt.date(2026, 3, 1), pagefind=False)
    result = build(load_config(root), options)
    assert result.written
    pages = "".join((out / f"t{n}" / "index.html").read_text() for n in range(len(HOSTILE)))
    hrefs = re.findall(r'href="([^"]*)"', pages)
    assert hrefs
    bad = [h for h in hrefs if not re.match(r"(https?://|\.|/|#|mailto:)", h)]
    assert bad == []
    assert "javascript" not in " ".join(hrefs).lower()
    assert "/javascript:x/" not in pages  # a PMID that is not a number is not linked
