"""The fingerprint moves with every change of wording and ignores layout-only edits."""

from __future__ import annotations

import pytest
from review_support import ANXIETY, Sandbox

from mindlex.review.fingerprint import body_lines, content_of, fingerprint, fingerprint_of

REORDERED = """\
---
category: emotions
aliases: ["worry", 'nervousness']
summary: >-
  A feeling of worry or unease
  about something whose outcome is uncertain.
references:
  - issued: 2020
    title: Anxiety disorders reviewed
    id: smith2020
    evidence: peer_reviewed_review
    type: article-journal
title: "Anxiety"
---


## Definition   \r
\r
\r
Anxiety is a normal response to stress [@smith2020].\t
\r
## Clinical context\r
\r
Around the world many people live with an anxiety disorder [@who2022].\r
\r
## When to seek help\r
\r
Talk to a doctor if worry lasts for weeks or gets in the way of daily life.\r
\r
\r
"""


def _print(sandbox: Sandbox) -> str:
    glossary = sandbox.glossary()
    article = glossary.get("anxiety")
    assert article is not None
    return fingerprint_of(glossary, article)


def test_reformatting_keeps_the_fingerprint(sandbox: Sandbox) -> None:
    before = _print(sandbox)
    sandbox.write("anxiety", REORDERED)
    assert _print(sandbox) == before


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("normal response", "common response"),
        ("title: Anxiety", "title: Anxiety disorder"),
        ("unease about", "dread about"),
        ("[worry, nervousness]", "[worry]"),
        ("[worry, nervousness]", "[nervousness, worry]"),
        ("issued: 2020", "issued: 2021"),
        ("[@smith2020].", "[@smith2020; @who2022]."),
        ("category: emotions\n", "category: emotions\nheadline: Anxiety explained\n"),
    ],
)
def test_any_change_of_wording_moves_it(sandbox: Sandbox, old: str, new: str) -> None:
    before = _print(sandbox)
    sandbox.edit("anxiety", old, new)
    assert _print(sandbox) != before


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("category: emotions", "category: feelings"),
        ("category: emotions\n", "category: emotions\nrelated: [sleep-hygiene]\n"),
        ("category: emotions\n", "category: emotions\npublished: 2025-01-02\n"),
    ],
)
def test_fields_outside_the_clinical_content_do_not_count(
    sandbox: Sandbox, old: str, new: str
) -> None:
    before = _print(sandbox)
    sandbox.edit("anxiety", old, new)
    assert _print(sandbox) == before


def test_cited_bibliography_entries_are_covered(sandbox: Sandbox) -> None:
    before = _print(sandbox)
    sources = sandbox.root / "sources.yaml"
    sources.write_text(sources.read_text().replace("issued: 2022", "issued: 2023"))
    assert _print(sandbox) != before


def test_uncited_bibliography_entries_are_not(sandbox: Sandbox) -> None:
    sandbox.edit("anxiety", " [@who2022]", "")
    before = _print(sandbox)
    sources = sandbox.root / "sources.yaml"
    sources.write_text(sources.read_text().replace("issued: 2022", "issued: 2023"))
    assert _print(sandbox) == before


def test_a_headline_equal_to_the_title_changes_nothing(sandbox: Sandbox) -> None:
    before = _print(sandbox)
    sandbox.edit("anxiety", "category: emotions\n", "category: emotions\nheadline: Anxiety\n")
    assert _print(sandbox) == before


def test_content_is_what_the_snapshot_keeps(sandbox: Sandbox) -> None:
    glossary = sandbox.glossary()
    article = glossary.get("anxiety")
    assert article is not None
    content = content_of(glossary, article)
    assert content["aliases"] == ["worry", "nervousness"]
    assert [ref["id"] for ref in content["references"]] == ["smith2020", "who2022"]
    assert content["body"][0] == "## Definition"
    assert fingerprint(content).startswith("sha256:")
    assert ANXIETY.count("\n") > len(content["body"])


def test_body_lines_normalise_layout_only() -> None:
    assert body_lines("\n\na  \r\n\r\n\r\n\u0065\u0301\n\n") == ["a", "", "\u00e9"]
