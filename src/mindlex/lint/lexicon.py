"""Vocabulary as data: phrase swaps and term lists from `vocab/*.toml`, compiled once."""

from __future__ import annotations

import importlib
import re
import tomllib
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from functools import cache, cached_property
from pathlib import Path
from typing import Any

from mindlex.lint.needles import NeedleIndex

VOCAB_DIR = Path(__file__).parent / "vocab"
PHRASE_FILES = ("language.toml", "safety.toml", "claims.toml", "diagnostic.toml")
sre_parse: Any = importlib.import_module("re._parser")
"""The standard library's regular-expression parser (no public name), for `first_chars`."""
PLACEHOLDER = re.compile(r"\{([a-z_]+)\}")
NAMED_GROUP = re.compile(r"\(\?P<\w+>")
"""`(?P<noun>...)` in a match names a part the replacement reuses (`{noun}`); the combined
matcher drops the names, since one regular expression cannot repeat a group name."""
# A word boundary that also treats hyphens as part of a word, so `self-harm` is one unit.
LEFT, RIGHT = r"(?<![\w-])", r"(?![\w])"
WORD_START = re.compile(LEFT)


@dataclass(frozen=True, slots=True)
class Phrase:
    """One vocabulary entry: what to look for, what to say instead, and why."""

    code: str
    phrase: str
    pattern: str
    source: str
    replace: str | None = None
    fix: str | None = None
    requires: str | None = None
    unless: str | None = None
    negatable: bool = False
    nearby: bool = False
    """`requires` may be met in the previous paragraph too (method detail told across
    sentences: "He died by suicide. ... had bought a rope")."""
    uncited: bool = False
    conditional: bool = False


@cache
def lexicons() -> dict[str, list[tuple[list[str], str]]]:
    """Lexicon name -> [(terms, source)], straight from lexicons.toml."""
    data = tomllib.loads((VOCAB_DIR / "lexicons.toml").read_text(encoding="utf-8"))
    return {
        name: [(list(g["terms"]), str(g["source"])) for g in groups]
        for name, groups in data.items()
    }


def lexicon_pattern(name: str) -> str:
    """The alternation of every term in a lexicon, longest first."""
    terms = [t for terms, _ in lexicons()[name] for t in terms]
    return "|".join(sorted(terms, key=len, reverse=True))


@cache
def lexicon_regex(name: str) -> LexiconPattern:
    """A lexicon's terms as one case-blind regex between word boundaries."""
    terms = sorted((t for terms, _ in lexicons()[name] for t in terms), key=len, reverse=True)
    return LexiconPattern(re.compile(f"{LEFT}(?:{dispatch(terms)}){RIGHT}", re.IGNORECASE), terms)


class LexiconPattern:
    """A lexicon's regex that answers at once, with no match, for text holding none of its
    terms' needles (most sentences hold none), and otherwise searches as the regex does."""

    def __init__(self, regex: re.Pattern[str], terms: list[str]) -> None:
        self.regex = regex
        self.pattern = regex.pattern
        self._needles = NeedleIndex(terms, folded=True)

    def search(self, text: str, pos: int = 0) -> re.Match[str] | None:
        return self.regex.search(text, pos) if self._needles.possible(text) else None

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        return self.regex.finditer(text) if self._needles.possible(text) else iter(())


def expand(pattern: str) -> str:
    """Replace `{lexicon}` placeholders with that lexicon's alternation."""
    return PLACEHOLDER.sub(lambda m: lexicon_pattern(m.group(1)), pattern)


@cache
def builtin_phrases() -> tuple[Phrase, ...]:
    """Every phrase entry of every vocab file, validated."""
    found: list[Phrase] = []
    for name in PHRASE_FILES:
        data = tomllib.loads((VOCAB_DIR / name).read_text(encoding="utf-8"))
        for code, entries in data.items():
            found.extend(_entry(code, raw, name) for raw in entries)
    return tuple(found)


def _entry(code: str, raw: Mapping[str, object], where: str) -> Phrase:
    phrase = str(raw["phrase"])
    source = str(raw.get("source", ""))
    if not source.startswith(("http://", "https://")):
        raise ValueError(f"{where}: {code} `{phrase}` needs a source URL")
    fix = raw.get("fix")
    if fix not in (None, "safe", "unsafe") or (fix and "replace" not in raw):
        raise ValueError(f"{where}: {code} `{phrase}`: fix must be safe/unsafe with a replace")
    replace = raw.get("replace")
    return Phrase(
        code=code,
        phrase=phrase,
        pattern=expand(str(raw.get("match") or re.escape(phrase))),
        source=source,
        replace=None if replace is None else str(replace),
        fix=None if fix is None else str(fix),
        requires=_opt(raw.get("requires")),
        unless=_opt(raw.get("unless")),
        negatable=bool(raw.get("negatable", False)),
        nearby=bool(raw.get("nearby", False)),
        uncited=bool(raw.get("uncited", False)),
        conditional=bool(raw.get("conditional", False)),
    )


def _opt(value: object) -> str | None:
    return None if value is None else str(value)


def configured_phrases(
    added: Mapping[str, str], removed: Iterable[str], code: str
) -> tuple[Phrase, ...]:
    """Built-in entries minus `remove-phrases`, plus `add-phrases` filed under `code`."""
    drop = {p.casefold() for p in removed}
    kept = [p for p in builtin_phrases() if p.phrase.casefold() not in drop]
    for phrase, replacement in sorted(added.items()):
        kept.append(
            Phrase(
                code=code,
                phrase=phrase,
                pattern=re.escape(phrase).replace(r"\ ", r"\s+"),
                source="mindlex.toml [lint] add-phrases",
                replace=replacement or None,
                fix="unsafe" if replacement else None,
            )
        )
    return tuple(kept)


def unknown_removals(removed: Iterable[str]) -> list[str]:
    """`remove-phrases` entries that name no built-in phrase (probably typos)."""
    known = {p.phrase.casefold() for p in builtin_phrases()}
    return [p for p in removed if p.casefold() not in known]


def dispatch(patterns: list[str]) -> str:
    """One alternation, grouped by the characters each pattern can start with.

    The combined matcher is tried at every word start; with one cheap `(?=[...])` guard per
    group the engine tries only the entries that can begin there, instead of all of them.
    Each pattern appears once (groups are keyed by its whole set of first characters), and
    entries whose first character cannot be worked out are tried everywhere, last.
    """
    groups: dict[frozenset[str], list[str]] = {}
    anywhere: list[str] = []
    for pattern in patterns:
        chars = first_chars(pattern)
        if chars is None:
            anywhere.append(pattern)
        else:
            groups.setdefault(chars, []).append(pattern)
    parts = [
        f"(?=[{''.join(re.escape(c) for c in sorted(chars))}])"
        f"(?:{'|'.join(f'(?:{p})' for p in found)})"
        for chars, found in groups.items()
    ]
    parts += [f"(?:{p})" for p in anywhere]
    return "|".join(parts) or r"(?!x)x"


def first_chars(pattern: str) -> frozenset[str] | None:
    """Characters a match of `pattern` can start with, or None when not known."""
    try:
        parsed = sre_parse.parse(pattern)
    except re.error:
        return None
    chars, nullable = _first(list(parsed))
    return None if chars is None or nullable else frozenset(chars)


def _first(items: list[tuple[object, object]]) -> tuple[set[str] | None, bool]:
    """(first characters, whether the sequence can match empty) of parsed regex items."""
    found: set[str] = set()
    for op, arg in items:
        name = str(op)
        if name in ("ASSERT", "ASSERT_NOT", "AT"):
            continue
        if name == "LITERAL":
            return found | {chr(arg)}, False  # type: ignore[arg-type]
        if name == "IN":
            chars = _charset(arg)  # type: ignore[arg-type]
            return (None if chars is None else found | chars), False
        if name in ("SUBPATTERN", "BRANCH", "MAX_REPEAT", "MIN_REPEAT"):
            chars, nullable = _compound(name, arg)
            if chars is None:
                return None, False
            found |= chars
            if not nullable:
                return found, False
            continue
        return None, False
    return found, True


def _compound(name: str, arg: object) -> tuple[set[str] | None, bool]:
    if name == "SUBPATTERN":
        return _first(list(arg[-1]))  # type: ignore[index]
    if name == "BRANCH":
        found: set[str] = set()
        nullable = False
        for alt in arg[1]:  # type: ignore[index]
            chars, empty = _first(list(alt))
            if chars is None:
                return None, False
            found |= chars
            nullable = nullable or empty
        return found, nullable
    repeat: tuple[int, int, list[tuple[object, object]]] = arg  # type: ignore[assignment]
    chars, empty = _first(list(repeat[2]))
    return chars, empty or repeat[0] == 0


def _charset(items: list[tuple[object, object]]) -> set[str] | None:
    found: set[str] = set()
    for op, arg in items:
        name = str(op)
        if name == "LITERAL":
            found.add(chr(arg))  # type: ignore[arg-type]
        elif name == "CATEGORY" and str(arg) == "CATEGORY_DIGIT":
            found.update("0123456789")
        elif name == "RANGE" and arg[1] - arg[0] < 64:  # type: ignore[index]
            found.update(chr(c) for c in range(arg[0], arg[1] + 1))  # type: ignore[index]
        else:
            return None
    return found


def _lower(pattern: str) -> str:
    """Lower-case a pattern's literal letters, leaving escapes such as `\\d` alone."""
    return re.sub(
        r"\\.|[A-Z]", lambda m: m.group(0) if m.group(0)[0] == "\\" else m.group(0).lower(), pattern
    )


class PhraseMatcher:
    """All phrase entries of a run, scanned as if they were one alternation.

    The result is that of one regular expression `LEFT(?:e1|e2|...)RIGHT` searched left to
    right: at the first place where any entry matches, the first entry in order (longest
    pattern first) wins, and the scan goes on after its match. A needle index first names the
    few entries that could match the text at all (most prose holds none of them); only those
    are searched, each with its own small regex, whose literal start lets the regex engine
    skip ahead. Matching runs case-sensitively on lower-cased text (several times faster than
    IGNORECASE), and entries have no named groups (`_filled` re-matches to fill a swap).
    """

    def __init__(self, phrases: Iterable[Phrase]) -> None:
        self.phrases = sorted(phrases, key=lambda p: -len(p.pattern))
        self._folding: re.Pattern[str] | None = None

    @cached_property
    def _plain(self) -> list[str]:
        return [NAMED_GROUP.sub("(?:", p.pattern) for p in self.phrases]

    @cached_property
    def singles(self) -> list[re.Pattern[str]]:
        """Each entry's own regex, compiled on first use: a run whose findings all come
        from the lint cache never matches a phrase."""
        return [re.compile(f"(?:{_lower(p)}){RIGHT}") for p in self._plain]

    @cached_property
    def _needles(self) -> NeedleIndex:
        return NeedleIndex([_lower(p) for p in self._plain])

    @cached_property
    def _body(self) -> str:
        return "|".join(f"(?:{p})" for p in self._plain) or r"(?!x)x"

    def prepare(self) -> None:
        """Compile now, before worker processes are forked, so they share the result."""
        _ = self.singles, self._needles

    def finditer(self, text: str) -> Iterable[tuple[Phrase, int, int]]:
        """(entry, start, end) of every hit in `text`, in order, never overlapping."""
        lowered = text.lower()
        if len(lowered) != len(text):
            yield from self._slow(text)
            return
        wanted = self._needles.candidates(lowered)
        if not wanted:
            return
        ahead: dict[int, tuple[int, int]] = {}
        for i in wanted:
            first = self._next(i, lowered, 0)
            if first is not None:
                ahead[i] = first
        while ahead:
            start = min(found[0] for found in ahead.values())
            winner = min(i for i, found in ahead.items() if found[0] == start)
            end = ahead[winner][1]
            yield self.phrases[winner], start, end
            pos = max(end, start + 1)
            for i, found in list(ahead.items()):
                if found[0] < pos:
                    again = self._next(i, lowered, pos)
                    if again is None:
                        del ahead[i]
                    else:
                        ahead[i] = again

    def _next(self, index: int, lowered: str, pos: int) -> tuple[int, int] | None:
        """Span of entry `index`'s first match at or after `pos` that starts a word."""
        single = self.singles[index]
        while (found := single.search(lowered, pos)) is not None:
            if WORD_START.match(lowered, found.start()):
                return found.span()
            pos = found.start() + 1
        return None

    def _slow(self, text: str) -> Iterable[tuple[Phrase, int, int]]:
        """For text whose lower-case form changes length (rare non-ASCII letters)."""
        if self._folding is None:
            self._folding = re.compile(f"{LEFT}(?:{self._body}){RIGHT}", re.IGNORECASE)
        for match in self._folding.finditer(text):
            start, end = match.span()
            for phrase in self.phrases:
                pattern = NAMED_GROUP.sub("(?:", phrase.pattern)
                single = re.compile(f"(?:{pattern}){RIGHT}", re.IGNORECASE)
                found = single.match(text, start)
                if found is not None and found.end() == end:
                    yield phrase, start, end
                    break


@cache
def matcher(phrases: tuple[Phrase, ...]) -> PhraseMatcher:
    """The compiled matcher for a set of entries, built once per process and reused."""
    return PhraseMatcher(phrases)
