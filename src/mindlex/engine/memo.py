"""Tables of derived values, each entry stored with the digest of the inputs it came from.

A stage asks `table.get(ident, key, compute)`: if the entry for `ident` was computed from
inputs with the same digest it is returned as is, otherwise `compute` runs and replaces it.
The key is the whole declaration of what the value depends on, so a stage that forgets an
input gets stale values: the byte-for-byte tests against clean builds are the check.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Generic, TypeVar

V = TypeVar("V")


def digest(*parts: object) -> str:
    """A stable hex digest of plain values (str, int, tuples, lists, dates, None)."""
    return hashlib.sha256(repr(parts).encode("utf-8")).hexdigest()


@dataclass
class Table(Generic[V]):
    """One kind of derived value, by identity (a slug, a path, an output file name)."""

    name: str
    entries: dict[str, tuple[str, V]] = field(default_factory=dict)
    hits: int = 0
    misses: int = 0

    def get(self, ident: str, key: str, compute: Callable[[], V]) -> V:
        """The value for `ident` computed from inputs whose digest is `key`."""
        found = self.entries.get(ident)
        if found is not None and found[0] == key:
            self.hits += 1
            return found[1]
        value = compute()
        self.entries[ident] = (key, value)
        self.misses += 1
        return value

    def key_of(self, ident: str) -> str | None:
        """The input digest `ident`'s value was last computed from, if any."""
        found = self.entries.get(ident)
        return found[0] if found is not None else None

    def put(self, ident: str, key: str, value: V) -> None:
        self.entries[ident] = (key, value)

    def retain(self, idents: Iterable[str]) -> None:
        """Forget every entry not named, so deleted inputs do not keep memory."""
        keep = set(idents)
        for ident in [i for i in self.entries if i not in keep]:
            del self.entries[ident]
