"""Tables of the in-memory site kept between starts of the preview server.

A start reads what the last run stored, so an article whose inputs did not move takes its
value from disk instead of computing it again: each entry still has to match the digest of
its inputs, so a stored value is used only where a fresh one would be the same. Files carry
the checked header of `mindlex.engine.store` (another mindlex version reads nothing).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar, cast

from mindlex.engine.memo import Table
from mindlex.engine.store import read_checked, write_checked

V = TypeVar("V")

SAVE_AFTER = 200
"""Store a table again once this many of its entries were computed since the last save."""


@dataclass
class StoredTable:
    """Where one table lives on disk, and how many misses it had when last written."""

    path: Path
    kind: str
    saved: int = 0

    def load(self, table: Table[V], kind_of: type[V]) -> None:
        """Put the stored entries whose value has the expected type into `table`."""
        put_entries(table, read_checked(self.path, self.kind), kind_of)
        self.saved = table.misses

    def save(self, table: Table[V], force: bool = False) -> None:
        """Write the table if it is new since the start (`force`) or moved a lot since."""
        if table.misses == self.saved or (not force and table.misses < self.saved + SAVE_AFTER):
            return
        if write_checked(self.path, self.kind, dict(table.entries)):
            self.saved = table.misses


def put_entries(table: Table[V], stored: object, kind_of: type) -> None:
    """Put the stored entries `ident -> (key, value)` whose value has the expected type
    into `table`; anything else a file holds is skipped."""
    if not isinstance(stored, dict):
        return
    for ident, entry in stored.items():
        if (
            isinstance(ident, str)
            and isinstance(entry, tuple)
            and len(entry) == 2
            and isinstance(entry[0], str)
            and isinstance(entry[1], kind_of)
        ):
            table.put(ident, entry[0], cast(V, entry[1]))
