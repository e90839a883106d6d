"""Findings in the form the lint cache stores: the build cache's compact record of
diagnostics, which loads several times faster than pickled objects, and a table that decodes
an entry only when it is read (a warm run reads the joined findings of every article, but
the parts only of the few it lints again)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Generic, TypeVar

from mindlex.diagnostic import Diagnostic
from mindlex.lint.scope import OwnFindings
from mindlex.parsecache import pack_findings, unpack_findings

V = TypeVar("V")

Packed = bytes | tuple[Diagnostic, ...]
"""Diagnostics in the build cache's compact record (`parsecache.pack_findings`), or, for a
list such a record cannot carry exactly, the objects themselves (pickled with the store)."""


def pack(found: Iterable[Diagnostic]) -> Packed:
    diags = list(found)
    blob = pack_findings(diags)
    return blob if blob is not None else tuple(diags)


def unpack(packed: object) -> list[Diagnostic]:
    """The diagnostics `pack` made; TypeError or ValueError for anything else."""
    if isinstance(packed, bytes):
        return unpack_findings(packed)  # a damaged record raises DecodeError, a ValueError
    if isinstance(packed, tuple) and all(isinstance(d, Diagnostic) for d in packed):
        return list(packed)
    raise TypeError("not a packed list of diagnostics")


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
