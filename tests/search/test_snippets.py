"""Snippets show one whole sentence of the body, never the summary or citation marks."""

from __future__ import annotations

from pathlib import Path

from mindlex.publish.search import Entry, query_index, write_fts
from mindlex.publish.snippets import MAX_WORDS, snippet

BODY = (
    "Sleep debt builds up over nights of short sleep [1]. It affects mood and memory "
    "in adults [2, 3]. Recovery takes several nights of longer sleep [4–6]."
)


def test_the_sentence_holding_the_match_is_shown_whole() -> None:
    assert snippet(BODY, ["memory"]) == "It affects mood and <mark>memory</mark> in adults."


def test_citation_marks_are_left_out() -> None:
    text = snippet(BODY, ["recovery"])
    assert text == "<mark>Recovery</mark> takes several nights of longer sleep."
    assert "[" not in snippet(BODY, ["sleep"])


def test_the_sentence_with_most_query_words_wins() -> None:
    assert snippet(BODY, ["longer", "nights"]).startswith("Recovery takes several")


def test_plural_queries_find_singular_words() -> None:
    assert "<mark>memory</mark>" in snippet(BODY, ["memories"])


def test_summary_and_headline_are_not_repeated() -> None:
    body = "A made-up condition. Sleep debt is common. It goes away."
    assert snippet(body, ["made"], ("A made-up condition.",)) == "Sleep debt is common."


def test_long_sentences_are_cut_at_words_around_the_match() -> None:
    words = [f"word{n}" for n in range(120)]
    words[60] = "target"
    text = snippet(" ".join(words) + ".", ["target"])
    assert text.startswith("… ") and text.endswith(" …")
    assert "<mark>target</mark>" in text
    assert len(text.split()) <= MAX_WORDS + 2


def test_text_is_escaped() -> None:
    text = snippet("Doses <b>vary</b> & change.", ["vary"])
    assert "<b>" not in text and "&lt;b&gt;" in text and "&amp;" in text


def test_an_empty_body_gives_an_empty_snippet() -> None:
    assert snippet("", ["x"]) == ""


def test_index_results_carry_body_snippets(tmp_path: Path) -> None:
    db = tmp_path / "search.sqlite"
    entry = Entry("sleep-debt", "Sleep debt", (), "Lost sleep that adds up.", "sleep", BODY)
    write_fts(db, [entry])
    (hit,) = query_index(db, "memory")
    assert hit.snippet == "It affects mood and <mark>memory</mark> in adults."
    (hit,) = query_index(db, "sleep debt")
    assert hit.snippet.startswith("<mark>Sleep</mark> <mark>debt</mark> builds up")
    assert "[1]" not in hit.snippet
