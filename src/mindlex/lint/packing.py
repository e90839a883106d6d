"""Findings in the plain form the lint cache stores: a few tuples of strings and numbers,
which pickle and unpickle several times faster than the objects, and a table that decodes
an entry only when it is read (a warm run reads the joined findings of every article, but
the parts only of the few it lints again)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Generic, TypeVar

from mindlex.diagnostic import Diagnostic, Edit, Fix, Severity
from mindlex.lint.scope import OwnFindings
from mindlex.span import Span

V = TypeVar("V")

Packed = tuple[tuple[str, ...], list[tuple[object, ...]]]
"""Diagnostics as plain values: the distinct paths, then one tuple of fields each."""


def pack(found: Iterable[Diagnostic]) -> Packed:
    paths: dict[Path, int] = {}
    rows: list[tuple[object, ...]] = []
    for d in found:
        span, fix = d.span, d.fix
        edits = None
        if fix is not None:
            edits = (tuple((e.start, e.end, e.text) for e in fix.edits), fix.safe, fix.description)
        where = paths.setdefault(span.path, len(paths))
        rows.append(
            (
                d.code,
                d.message,
                where,
                span.line,
                span.col,
                span.end_line,
                span.end_col,
                d.severity.value,
                d.hint,
                edits,
                d.name,
                d.extra or None,
            )
        )
    return tuple(str(p) for p in paths), rows


def unpack(packed: object) -> list[Diagnostic]:
    """The diagnostics `pack` made; TypeError, ValueError or IndexError for anything else."""
    if not isinstance(packed, tuple) or len(packed) != 2:
        raise TypeError("not a packed list of diagnostics")
    names, rows = packed
    paths = [Path(name) for name in names]
    found: list[Diagnostic] = []
    for (
        code,
        message,
        where,
        line,
        col,
        end_line,
        end_col,
        severity,
        hint,
        edits,
        name,
        extra,
    ) in rows:
        fix = None
        if edits is not None:
            changes, safe, description = edits
            fix = Fix(tuple(Edit(a, b, t) for a, b, t in changes), safe, description)
        span = Span(paths[where], line, col, end_line, end_col)
        found.append(
            Diagnostic(code, message, span, Severity(severity), hint, fix, name, dict(extra or {}))
        )
    return found


def pack_own(own: OwnFindings) -> tuple[Packed, str | tuple[str, ...]]:
    """Own findings with their scored words, joined by newlines when none holds one."""
    words = own.words
    joined = "\n".join(words)
    plain = not any("\n" in w or not w for w in words)
    return pack(own.found), joined if plain else words


def unpack_own(packed: object) -> OwnFindings:
    if not isinstance(packed, tuple) or len(packed) != 2:
        raise TypeError("not packed own findings")
    found, words = packed
    if isinstance(words, str):
        words = tuple(words.split("\n")) if words else ()
    if not isinstance(words, tuple) or not all(isinstance(w, str) for w in words):
        raise TypeError("not a list of words")
    return OwnFindings(tuple(unpack(found)), words)


def pack_tuple(found: tuple[Diagnostic, ...]) -> Packed:
    return pack(found)


def unpack_tuple(packed: object) -> tuple[Diagnostic, ...]:
    return tuple(unpack(packed))


class Part(Generic[V]):
    """One stored table: slug -> (digest of the inputs, value), each value decoded from its
    stored form the first time it is read. An entry that does not decode is dropped, as if
    it had never been stored."""

    def __init__(self, encode: Callable[[V], object], decode: Callable[[object], V]) -> None:
        self._encode, self._decode = encode, decode
        self.keys: dict[str, str] = {}
        self._raw: dict[str, object] = {}
        self._values: dict[str, V] = {}

    def load(self, stored: object) -> None:
        """Take the entries of a stored table; anything not shaped `(key, value)` is skipped."""
        if not isinstance(stored, dict):
            return
        for slug, entry in stored.items():
            if isinstance(entry, tuple) and len(entry) == 2 and isinstance(entry[0], str):
                self.keys[slug] = entry[0]
                self._raw[slug] = entry[1]

    def dump(self) -> dict[str, tuple[str, object]]:
        """The stored form: entries never decoded are written back as they were read."""
        return {
            slug: (key, self._raw[slug] if slug in self._raw else self._encode(self._values[slug]))
            for slug, key in self.keys.items()
        }

    def key_of(self, slug: str) -> str | None:
        return self.keys.get(slug)

    def get(self, slug: str) -> tuple[str, V] | None:
        """The entry of `slug`, decoded, or None (missing or undecodable)."""
        key = self.keys.get(slug)
        if key is None:
            return None
        if slug not in self._values:
            try:
                self._values[slug] = self._decode(self._raw[slug])
            except (TypeError, ValueError, KeyError, IndexError):
                self.forget(slug)
                return None
            del self._raw[slug]
        return key, self._values[slug]

    def value(self, slug: str) -> V:
        """The value of an entry known to be there (just put, or read with `get`)."""
        found = self.get(slug)
        if found is None:
            raise KeyError(slug)
        return found[1]

    def put(self, slug: str, key: str, value: V) -> None:
        self.keys[slug] = key
        self._values[slug] = value
        self._raw.pop(slug, None)

    def forget(self, slug: str) -> None:
        self.keys.pop(slug, None)
        self._raw.pop(slug, None)
        self._values.pop(slug, None)

    def retain(self, slugs: Iterable[str]) -> bool:
        """Forget every entry not named; True if any was."""
        keep = set(slugs)
        gone = [slug for slug in self.keys if slug not in keep]
        for slug in gone:
            self.forget(slug)
        return bool(gone)
