"""Vocabulary as data: phrase swaps and term lists from `vocab/*.toml`, compiled once."""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path

VOCAB_DIR = Path(__file__).parent / "vocab"
PHRASE_FILES = ("language.toml", "safety.toml", "claims.toml", "diagnostic.toml")
PLACEHOLDER = re.compile(r"\{([a-z_]+)\}")
NAMED_GROUP = re.compile(r"\(\?P<\w+>")
"""`(?P<noun>...)` in a match names a part the replacement reuses (`{noun}`); the combined
matcher drops the names, since one regular expression cannot repeat a group name."""
# A word boundary that also treats hyphens as part of a word, so `self-harm` is one unit.
LEFT, RIGHT = r"(?<![\w-])", r"(?![\w])"


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
def lexicon_regex(name: str) -> re.Pattern[str]:
    return re.compile(f"{LEFT}(?:{lexicon_pattern(name)}){RIGHT}", re.IGNORECASE)


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


def _lower(pattern: str) -> str:
    """Lower-case a pattern's literal letters, leaving escapes such as `\\d` alone."""
    return re.sub(
        r"\\.|[A-Z]", lambda m: m.group(0) if m.group(0)[0] == "\\" else m.group(0).lower(), pattern
    )


class PhraseMatcher:
    """All phrase entries compiled into one alternation, so each text is scanned once.

    Matching runs case-sensitively on lower-cased text (several times faster than
    IGNORECASE) and the combined pattern has no capturing groups; on the rare hit, the entry
    that matched is found by trying each entry's own pattern there, in alternation order.
    """

    def __init__(self, phrases: Iterable[Phrase]) -> None:
        ordered = sorted(phrases, key=lambda p: -len(p.pattern))
        self.phrases = ordered
        plain = [NAMED_GROUP.sub("(?:", p.pattern) for p in ordered]
        self.singles = [re.compile(f"(?:{_lower(p)}){RIGHT}") for p in plain]
        body = "|".join(f"(?:{p})" for p in plain) or r"(?!x)x"
        self.regex = re.compile(f"{LEFT}(?:{_lower(body)}){RIGHT}")
        self._folding: re.Pattern[str] | None = None
        self._body = body

    def finditer(self, text: str) -> Iterable[tuple[Phrase, int, int]]:
        lowered = text.lower()
        if len(lowered) != len(text):
            yield from self._slow(text)
            return
        for match in self.regex.finditer(lowered):
            start, end = match.span()
            for phrase, single in zip(self.phrases, self.singles, strict=True):
                found = single.match(lowered, start)
                if found is not None and found.end() == end:
                    yield phrase, start, end
                    break

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
