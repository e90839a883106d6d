"""Tables of derived values, each entry stored with the digest of the inputs it came from.

A stage asks `table.get(ident, key, compute)`: if the entry for `ident` was computed from
inputs with the same digest it is returned as is, otherwise `compute` runs and replaces it.
The key is the whole declaration of what the value depends on, so a stage that forgets an
input gets stale values: the byte-for-byte tests against clean builds are the check.
"""

from __future__ import annotations

import datetime as dt
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
    sources: dict[str, tuple[object, ...]] = field(default_factory=dict)
    """The input objects each entry was last looked up with (see `get_same`)."""
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

    def get_same(
        self,
        ident: str,
        inputs: tuple[object, ...],
        key: Callable[[], str],
        compute: Callable[[], V],
    ) -> V:
        """`get`, with the digest skipped when `inputs` are the very objects (or equal plain
        values) the entry was last looked up with: the same inputs cannot give another
        digest. Inputs must be immutable values for this to hold."""
        found = self.entries.get(ident)
        if found is not None and _same(self.sources.get(ident), inputs):
            self.hits += 1
            return found[1]
        value = self.get(ident, key(), compute)
        self.sources[ident] = inputs  # only once the value for these inputs is stored
        return value

    def stale_key(
        self,
        ident: str,
        inputs: tuple[object, ...],
        key: Callable[[], str],
        recheck: bool = False,
    ) -> str | None:
        """For stages that compute many entries in one batch: None if the entry for
        `ident` is current (same input objects, or same digest), else the new digest to
        `put` the recomputed value under. `recheck` compares digests even for the same
        input objects: for a caller that knows an input outside `inputs` moved."""
        found = self.entries.get(ident)
        if found is not None and not recheck and _same(self.sources.get(ident), inputs):
            self.hits += 1
            return None
        wanted = key()
        if found is not None and found[0] == wanted:
            self.sources[ident] = inputs
            self.hits += 1
            return None
        self.misses += 1
        return wanted

    def key_of(self, ident: str) -> str | None:
        """The input digest `ident`'s value was last computed from, if any."""
        found = self.entries.get(ident)
        return found[0] if found is not None else None

    def put(self, ident: str, key: str, value: V, inputs: tuple[object, ...] | None = None) -> None:
        """Store a value computed outside `get`, with the input objects it came from."""
        self.entries[ident] = (key, value)
        if inputs is None:
            self.sources.pop(ident, None)
        else:
            self.sources[ident] = inputs

    def retain(self, idents: Iterable[str]) -> None:
        """Forget every entry not named, so deleted inputs do not keep memory."""
        keep = set(idents)
        for ident in [i for i in self.entries if i not in keep]:
            del self.entries[ident]
            self.sources.pop(ident, None)


PLAIN = (str, int, float, bool, type(None), dt.date)


def _same(old: tuple[object, ...] | None, new: tuple[object, ...]) -> bool:
    if old is None or len(old) != len(new):
        return False
    return all(
        a is b or (type(a) in PLAIN and type(a) is type(b) and a == b)
        for a, b in zip(old, new, strict=True)
    )
