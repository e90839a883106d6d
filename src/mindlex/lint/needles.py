"""Literal words a regular expression cannot match without, for skipping text at once.

Most prose holds none of the vocabulary, but a regular expression still has to be tried at
every word of it. `required(pattern)` works out, from the parsed pattern, a set of literal
strings such that every match contains at least one of them; `NeedleIndex` finds all of them
in a text in one pass (an Aho-Corasick automaton, from pyahocorasick) and so names the few
entries worth trying on that text. Entries with no such set are always tried.
"""

from __future__ import annotations

import importlib
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
    return None  # assertions, classes, optional parts: nothing a match must contain


def _score(needles: Needles) -> tuple[int, int]:
    """Longer shortest needle first (rarer in prose), then fewer needles."""
    return min(len(n) for n in needles), -len(needles)


class NeedleIndex:
    """For a list of patterns, which of them could match a given text."""

    def __init__(self, patterns: Sequence[str]) -> None:
        self.always: tuple[int, ...] = ()
        automaton = ahocorasick.Automaton()
        owners: dict[str, list[int]] = {}
        always: list[int] = []
        for index, pattern in enumerate(patterns):
            needles = required(pattern)
            if needles is None or "" in needles:
                always.append(index)
                continue
            for needle in needles:
                owners.setdefault(needle, []).append(index)
        for needle, indices in owners.items():
            automaton.add_word(needle, tuple(indices))
        self.always = tuple(always)
        self.size = len(owners)
        self._automaton = automaton
        if owners:
            automaton.make_automaton()

    def candidates(self, text: str) -> frozenset[int]:
        """Indices of the patterns whose needles occur in `text` (and those always tried)."""
        found: set[int] = set(self.always)
        if self.size:
            for _end, indices in self._automaton.iter(text):
                found.update(indices)
        return frozenset(found)
