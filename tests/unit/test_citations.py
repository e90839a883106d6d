"""Pandoc-style citations: ids, locators, and how they render."""

from __future__ import annotations

from mindlex.render.html import Numbering, render_tokens
from mindlex.source.markdown import tokens


def _citations(text: str) -> list[dict[str, object]]:
    inline = tokens(text)[1]
    return [c.meta for c in inline.children or [] if c.type == "citation"]


def test_ids_and_locators_are_kept() -> None:
    [first, second] = _citations("A claim [@a, p. 4; @b] and [@c].\n")
    assert first["ids"] == ["a", "b"] and first["locators"] == ["p. 4", ""]
    assert second["ids"] == ["c"]


def test_email_and_plain_brackets_are_not_citations() -> None:
    assert _citations("Write to someone@example.org [not a citation] or [see @a].\n") == []


def test_locator_is_shown_next_to_the_number() -> None:
    html = render_tokens(tokens("Claim [@a, p. 4; @b].\n"), Numbering({"a": 1, "b": 2}), None, {})
    assert '<a href="#ref-1"' in html and ">1</a>, p. 4" in html
    assert '<a href="#ref-2"' in html


def test_unknown_id_renders_a_question_mark() -> None:
    html = render_tokens(tokens("Claim [@nobody].\n"), Numbering({}), None, {})
    assert 'class="cite-missing">?</span>' in html
