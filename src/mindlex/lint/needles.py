"""Literal words a regular expression cannot match without, for skipping text at once.

Most prose holds none of the vocabulary, but a regular expression still has to be tried at
every word of it. `required(pattern)` works out, from the parsed pattern, a set of literal
strings such that every match contains at least one of them; `NeedleIndex` finds all of them
in a text in one pass (an Aho-Corasick automaton, from pyahocorasick) and so names the few
entries worth trying on that text. Entries with no such set are always tried.
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Sequence
from typing import Any

import ahocorasick

sre_parse: Any = importlib.import_module("re._parser")
"""The standard library's regular-expression parser (no public name)."""
Needles = frozenset[str]


def required(pattern: str) -> Needles | None:
    """Literals of which every match of `pattern` contains one, or None when none is sure."""
    try:
        parsed = sre_parse.parse(pattern)
    except Exception:  # an unparsable pattern is simply always tried
        return None
    return _sequence(list(parsed))


def _sequence(items: list[tuple[Any, Any]]) -> Needles | None:
    """The best needle set among the parts every match of this sequence must contain."""
    candidates: list[Needles] = []
    run: list[str] = []
    for op, arg in items:
        name = str(op)
        if name == "LITERAL":
            run.append(chr(arg))
            continue
        if run:
            candidates.append(frozenset({"".join(run)}))
            run = []
        found = _item(name, arg)
        if found is not None:
            candidates.append(found)
    if run:
        candidates.append(frozenset({"".join(run)}))
    return max(candidates, key=_score, default=None)


def _item(name: str, arg: Any) -> Needles | None:
    if name == "SUBPATTERN":
        return _sequence(list(arg[-1]))
    if name == "BRANCH":
        union: set[str] = set()
        for alternative in arg[1]:
            found = _sequence(list(alternative))
            if found is None:
                return None
            union |= found
        return frozenset(union)
    if name in ("MAX_REPEAT", "MIN_REPEAT") and arg[0] >= 1:
        return _sequence(list(arg[2]))
    if name == "IN":
        return _charset(arg)
    return None  # assertions, wide classes, optional parts: nothing a match must contain


def _charset(items: list[tuple[Any, Any]]) -> Needles | None:
    """A small character class as one-character needles (`\\d` as the ASCII digits)."""
    chars: set[str] = set()
    for op, arg in items:
        name = str(op)
        if name == "LITERAL":
            chars.add(chr(arg))
        elif name == "CATEGORY" and str(arg) == "CATEGORY_DIGIT":
            chars.update(DIGITS)  # other scripts' digits: see NeedleIndex.candidates
        elif name == "RANGE" and arg[1] - arg[0] < MAX_CLASS:
            chars.update(chr(c) for c in range(arg[0], arg[1] + 1))
        else:
            return None
    return frozenset(chars) if 0 < len(chars) <= MAX_CLASS else None


DIGITS = "0123456789"
MAX_CLASS = 16
"""Larger character classes are too common in prose to be worth a needle each."""


def _score(needles: Needles) -> tuple[int, int]:
    """Rarer shortest needle first, then fewer needles. Rarity is guessed from length: spaces
    around a word make it no rarer (" of " is as common as "of"), the commonest words weigh
    least and a digit, rare in prose, weighs like a four-letter word."""
    return min(_weight(n) for n in needles), -len(needles)


def _weight(needle: str) -> int:
    word = needle.strip()
    if word in COMMON:
        return 1
    return len(word) + 3 * word.isdigit()


_COMMON_TEXT = (
    "a about all an and are as at be but by can do for from has have he her his how if in is "
    "it its may more most no not of on one or our she so than that the their them there these "
    "they this to was we were what when which who will with would you your"
)
COMMON = frozenset(_COMMON_TEXT.split())
"""Words in nearly every paragraph: a needle made of one of them filters out nothing."""


FOLDS = {
    code: min(code, *others)
    for code, others in importlib.import_module("re._casefix")._EXTRA_CASES.items()
}
"""Characters a case-blind regex takes as equal although `str.lower` keeps them apart
("ſ" and "s", "ı" and "i"), each mapped to one of its class."""


class NeedleIndex:
    """For a list of patterns, which of them could match a given text.

    Patterns are matched against lower-case text (the phrase matcher's way), or, with
    `folded`, case-blind (`re.IGNORECASE`): needles and text are then lower-cased and folded
    alike. `\\d` also matches digits of other scripts, so on text that is not ASCII the
    patterns with digit needles are always candidates.
    """

    def __init__(self, patterns: Sequence[str], *, folded: bool = False) -> None:
        self.folded = folded
        automaton = ahocorasick.Automaton()
        owners: dict[str, list[int]] = {}
        always: list[int] = []
        digits: list[int] = []
        for index, pattern in enumerate(patterns):
            needles = required(pattern)
            if needles is None or "" in needles:
                always.append(index)
                continue
            if any(len(n) == 1 and n in DIGITS for n in needles):
                digits.append(index)
            for needle in needles:
                key = needle.lower().translate(FOLDS) if folded else needle
                owners.setdefault(key, []).append(index)
        for needle, indices in owners.items():
            automaton.add_word(needle, tuple(indices))
        self.always = frozenset(always)
        self.digits = frozenset(digits)
        self.size = len(owners)
        self._automaton = automaton
        if owners:
            automaton.make_automaton()

    def candidates(self, text: str) -> set[int]:
        """Indices of the patterns whose needles occur in `text` (and those always tried)."""
        text, digits = self._prepared(text)
        found = set(self.always)
        if digits:
            found |= self.digits
        if self.size:
            for _end, indices in self._automaton.iter(text):
                found.update(indices)
        return found

    def possible(self, text: str) -> bool:
        """Whether any pattern could match `text`: `candidates`, stopping at the first."""
        if self.always:
            return True
        text, digits = self._prepared(text)
        if digits and self.digits:
            return True
        return self.size > 0 and next(self._automaton.iter(text), None) is not None

    def _prepared(self, text: str) -> tuple[str, bool]:
        """The text as the needles are spelled, and whether it has digits `\\d` alone sees."""
        if self.folded:
            text = text.lower()
        if text.isascii():
            return text, False
        odd = set(NON_ASCII.findall(text))
        if self.folded and any(ord(c) in FOLDS for c in odd):
            text = text.translate(FOLDS)
        return text, any(c.isnumeric() for c in odd)


NON_ASCII = re.compile(r"[^\x00-\x7f]")
