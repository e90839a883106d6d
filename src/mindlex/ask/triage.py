"""Crisis triage: runs before retrieval, deterministic, and says which entry matched and why.

The vocabulary (`vocab/triage.toml`) is data with a source for every entry; this module only
normalises the message (spelling variants mapped, filler words dropped), removes idioms,
expands the word classes patterns share, applies negation and picks the outcome. The static
site's `static/ask.js` implements the same steps over the same data (compiled to JSON), and a
browser test checks that both give the same outcome for every labelled message.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache, partial
from pathlib import Path
from typing import Any, Literal

Outcome = Literal["crisis", "caution", "none"]
VOCAB = Path(__file__).parent / "vocab" / "triage.toml"
QUOTES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"', "\u02bc": "'"})
SPACES = re.compile(r"\s+")
FLAGS = re.ASCII
"""ASCII classes (\\w, \\b) behave as JavaScript's do without the `u` flag."""
NEGATION_WINDOW = 40
WORD_CLASS = re.compile(r"<([a-z_]+)>")
"""`<name>` in a pattern stands for the `[words]` entry `name`; `<` never starts regex syntax
in the subset the vocabulary allows (no look-behind, no named groups)."""
SPACED_CLITIC = re.compile(r" \(\?:(?:[^()|]*\|)*'")
"""` (?:would|'d)` can never match "i'd": the clitic needs the space inside the group."""


@dataclass(frozen=True, slots=True)
class Entry:
    id: str
    level: str
    category: str
    source: str
    pattern: re.Pattern[str]
    negatable: bool


@dataclass(frozen=True, slots=True)
class Match:
    """One vocabulary entry found in the message."""

    id: str
    category: str
    level: str
    """The level after negation: a negated crisis entry counts as caution."""
    source: str
    text: str
    negated: bool

    def as_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "category": self.category,
            "level": self.level,
            "source": self.source,
            "text": self.text,
            "negated": self.negated,
        }


@dataclass(frozen=True, slots=True)
class Triage:
    outcome: Outcome
    matches: tuple[Match, ...]

    @property
    def categories(self) -> list[str]:
        return sorted({m.category for m in self.matches if m.level == self.outcome})

    def as_json(self) -> dict[str, Any]:
        return {
            "outcome": self.outcome,
            "categories": self.categories,
            "matches": [m.as_json() for m in self.matches],
        }


@dataclass(frozen=True)
class Vocabulary:
    entries: tuple[Entry, ...]
    idioms: tuple[tuple[re.Pattern[str], str], ...]
    """Each idiom and what replaces it ("" means spaces)."""
    negation: re.Pattern[str]
    sources: dict[str, str]
    raw: dict[str, Any]
    spelling: dict[str, str]
    """Whole words rewritten before matching ("dont" -> "don't", "myslef" -> "myself")."""
    spelling_pattern: re.Pattern[str] | None
    filler: re.Pattern[str] | None
    """Intensifiers and fillers dropped before matching, so "I really honestly want to die"
    reads as "I want to die" to every pattern: a bounded gap without writing one per pattern."""
    patterns: dict[str, str]
    """Every pattern with its word classes expanded, by entry or idiom id: what JS compiles."""


def normalise(message: str) -> str:
    """Lower-case, straight quotes, single spaces: the text both matchers see."""
    return SPACES.sub(" ", message.translate(QUOTES).lower()).strip()


def expand(pattern: str, words: dict[str, str], path: Path, name: str) -> str:
    """Replace each `<class>` by its alternation; an unknown class names the entry."""

    def one(found: re.Match[str]) -> str:
        key = found.group(1)
        if key not in words:
            raise ValueError(f"{path.name}: {name!r} uses unknown word class <{key}>")
        return words[key]

    return WORD_CLASS.sub(one, pattern)


def word_classes(raw: dict[str, Any], path: Path) -> dict[str, str]:
    """The `[words]` table, each class wrapped in a group and free of nested classes."""
    words: dict[str, str] = {}
    for key, value in raw.get("words", {}).items():
        if WORD_CLASS.search(value):
            raise ValueError(f"{path.name}: word class <{key}> may not use another class")
        words[key] = f"(?:{value})"
    return words


Rewriter = tuple[dict[str, str], re.Pattern[str] | None, re.Pattern[str] | None]


def _rewriter(raw: dict[str, Any], path: Path) -> Rewriter:
    """The spelling table and the filler words as the two patterns both matchers apply."""
    table = raw.get("normalise", {})
    spelling: dict[str, str] = dict(table.get("spelling", {}))
    filler: list[str] = list(table.get("filler", []))
    for word in [*spelling, *filler]:
        if not re.fullmatch(r"[a-z']+", word):
            raise ValueError(f"{path.name}: normalise word {word!r} must be lower-case letters")
    spell = _compile(_whole_words(spelling), path, "spelling") if spelling else None
    fill = _compile(_whole_words(filler) + " ?", path, "filler") if filler else None
    return spelling, spell, fill


def _whole_words(words: Iterable[str]) -> str:
    """Longest first, so that a word is never cut by a shorter one that starts it."""
    ordered = sorted(words, key=lambda w: (-len(w), w))
    return "\\b(?:" + "|".join(ordered) + ")\\b(?!')"


@cache
def vocabulary(path: Path = VOCAB) -> Vocabulary:
    """The compiled vocabulary; a bad entry is a clear error naming the entry."""
    raw = tomllib.loads(path.read_text(encoding="utf-8"))
    sources: dict[str, str] = raw["sources"]
    words = word_classes(raw, path)
    patterns: dict[str, str] = {}
    for item in [*raw["idiom"], *raw["entry"]]:
        if item["id"] in patterns:
            raise ValueError(f"{path.name}: id {item['id']!r} is used twice")
        if item["source"] not in sources:
            raise ValueError(f"{path.name}: {item['id']!r} names unknown source")
        patterns[item["id"]] = expand(item["pattern"], words, path, item["id"])
    entries = []
    for item in raw["entry"]:
        if item["level"] not in ("crisis", "caution"):
            raise ValueError(f"{path.name}: entry {item['id']!r} has level {item['level']!r}")
        entries.append(
            Entry(
                item["id"],
                item["level"],
                item["category"],
                item["source"],
                _compile(patterns[item["id"]], path, item["id"]),
                bool(item.get("negatable", True)),
            )
        )
    idioms = tuple(
        (_compile(patterns[i["id"]], path, i["id"]), i.get("as", "")) for i in raw["idiom"]
    )
    negation = _compile(raw["negation"]["cue"], path, "negation")
    spelling, spell, fill = _rewriter(raw, path)
    return Vocabulary(
        tuple(entries), idioms, negation, sources, raw, spelling, spell, fill, patterns
    )


def rewrite(text: str, vocab: Vocabulary) -> str:
    """Spelling variants mapped to one form, then filler words dropped (normalised text in)."""
    if vocab.spelling_pattern is not None:
        text = vocab.spelling_pattern.sub(lambda m: vocab.spelling[m.group(0)], text)
    if vocab.filler is not None:
        text = vocab.filler.sub("", text)
    return text.strip()


def _compile(pattern: str, path: Path, name: str) -> re.Pattern[str]:
    if SPACED_CLITIC.search(pattern):
        raise ValueError(
            f"{path.name}: pattern of {name!r} puts a space before a contraction such as 'd;"
            " write (?: would|'d) instead of ' (?:would|'d)'"
        )
    try:
        return re.compile(pattern, FLAGS)
    except re.error as exc:
        raise ValueError(f"{path.name}: pattern of {name!r} does not compile: {exc}") from exc


def _same_length(replacement: str, found: re.Match[str]) -> str:
    """The replacement padded with spaces to the idiom's length, so offsets stay put."""
    size = len(found.group(0))
    return replacement[:size].ljust(size)


def triage(message: str, vocab: Vocabulary | None = None) -> Triage:
    """Crisis, caution or none, with every entry that matched."""
    vocab = vocab or vocabulary()
    text = rewrite(normalise(message), vocab)
    for idiom, replacement in vocab.idioms:
        text = idiom.sub(partial(_same_length, replacement), text)
    matches: list[Match] = []
    for entry in vocab.entries:
        for found in entry.pattern.finditer(text):
            if not found.group(0).strip():
                continue
            before = text[max(0, found.start() - NEGATION_WINDOW) : found.start()]
            negated = entry.negatable and bool(vocab.negation.search(before))
            level = "caution" if negated and entry.level == "crisis" else entry.level
            matches.append(
                Match(entry.id, entry.category, level, entry.source, found.group(0), negated)
            )
    levels = {m.level for m in matches}
    outcome: Outcome = "crisis" if "crisis" in levels else "caution" if levels else "none"
    return Triage(outcome, tuple(matches))
