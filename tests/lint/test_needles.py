"""Needle sets are sound, and the needle-filtered matcher finds what one alternation finds."""

from __future__ import annotations

import re

import pytest

from mindlex.lint import lexicon
from mindlex.lint.needles import NeedleIndex, required
from tests.lint.realworld.corpus import CORPUS, read_sentences


@pytest.mark.parametrize(
    ("pattern", "needles"),
    [
        ("suffers from", {"suffers from"}),
        (r"an? schizophrenic(?! episode)", {" schizophrenic"}),
        ("(?:beat|end)s? your anxiety", {" your anxiety"}),
        ("(?:eliminat(?:e|ed)|banish) stress", {" stress"}),
        ("(?:eliminat(?:e|ed)|banish)(?: it)?", {"eliminate", "banish"}),
        (r"\d+ ?%", set("0123456789")),
        (r"(?:%|per ?cent)", {"%", "cent"}),
        ("[£$€] ?million", {"million"}),
        ("(?:crack)+head", {"crack"}),
    ],
)
def test_required_picks_a_literal_every_match_contains(pattern: str, needles: set[str]) -> None:
    assert required(pattern) == needles


@pytest.mark.parametrize("pattern", [r"\w+", "(?:a)?", "x*", r"[a-z]\w", "(unclosed"])
def test_patterns_without_a_sure_literal_have_none(pattern: str) -> None:
    assert required(pattern) is None


def test_an_entry_without_needles_is_always_a_candidate() -> None:
    index = NeedleIndex(["suffer", r"\w+\W", "fix(?:es)?"])
    assert index.candidates("nothing here") == {1}
    assert index.candidates("it fixes things") == {1, 2}
    assert index.candidates("") == {1}


def _texts() -> list[str]:
    texts = [t for _, _, t in read_sentences(CORPUS / "sentences.txt")]
    texts += [t for _, _, t in read_sentences(CORPUS / "heldout" / "sentences.txt")]
    return texts + [p.read_text(encoding="utf-8") for p in sorted((CORPUS / "pages").iterdir())]


def test_every_vocabulary_match_contains_one_of_its_needles() -> None:
    entries = lexicon.builtin_phrases()
    for entry in entries:
        pattern = lexicon._lower(lexicon.NAMED_GROUP.sub("(?:", entry.pattern))
        needles = required(pattern)
        compiled = re.compile(pattern)
        for text in _texts():
            found = compiled.search(text.lower())
            if found is not None and needles is not None:
                assert any(n in text.lower() for n in needles), (entry.phrase, text)


def _one_alternation(matcher: lexicon.PhraseMatcher, text: str) -> list[tuple[str, int, int]]:
    """The reference: one regex of every entry, first entry in order winning at a place."""
    lowered = text.lower()
    parts = [lexicon._lower(lexicon.NAMED_GROUP.sub("(?:", p.pattern)) for p in matcher.phrases]
    combined = re.compile(f"{lexicon.LEFT}(?:{'|'.join(f'(?:{p})' for p in parts)})")
    found, pos = [], 0
    while (hit := combined.search(lowered, pos)) is not None:
        start = hit.start()
        for phrase, single in zip(matcher.phrases, matcher.singles, strict=True):
            match = single.match(lowered, start)
            if match is not None:
                found.append((phrase.phrase, start, match.end()))
                pos = max(match.end(), start + 1)
                break
        else:
            pos = start + 1
    return found


def test_the_matcher_finds_what_one_alternation_finds() -> None:
    matcher = lexicon.matcher(lexicon.builtin_phrases())
    hits = 0
    for text in _texts():
        expected = _one_alternation(matcher, text)
        got = [(p.phrase, s, e) for p, s, e in matcher.finditer(text)]
        assert got == expected, text
        hits += len(got)
    assert hits > 250


def test_lexicon_patterns_find_what_their_regex_finds() -> None:
    texts = [*_texts(), "About ٢٠% of adults", "ſuicide is not mentioned", "Fifty PER CENT"]
    for name in lexicon.lexicons():
        pattern = lexicon.lexicon_regex(name)
        for text in texts:
            expected = [m.span() for m in pattern.regex.finditer(text)]
            assert [m.span() for m in pattern.finditer(text)] == expected, (name, text)
            first = pattern.search(text)
            assert (first.span() if first else None) == (expected[0] if expected else None)


def test_digit_classes_are_needles_only_for_ascii_text() -> None:
    index = NeedleIndex([r"\d+ ?%", "per cent"])
    assert index.candidates("no figures here") == set()
    assert index.candidates("about 20 % of adults") == {0}
    assert index.candidates("about ٢٠ of adults") == {0}
    folded = NeedleIndex(["suicide"], folded=True)
    assert folded.candidates("SUICIDE") == {0}
    assert folded.candidates("ſuicide") == {0}
    assert folded.candidates("sui cide") == set()
