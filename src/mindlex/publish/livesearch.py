"""The preview server's search index: the same FTS5 tables, in memory, updated by row.

A save changes one article's rows instead of rebuilding the index. Queries and updates
share one connection behind a lock, so a query never sees half an update. A start copies
the database the last start stored (an SQLite file, read with SQLite's backup, so no copy
passes through Python) and rewrites only the rows whose entry's digest differs, instead of
filling FTS5 from scratch.
"""

from __future__ import annotations

import os
import secrets
import sqlite3
import threading
from contextlib import closing
from pathlib import Path

from mindlex.engine.memo import digest
from mindlex.engine.store import read_checked, write_checked
from mindlex.publish.search import (
    MAX_LIMIT,
    Entry,
    Hit,
    create_schema,
    insert_entries,
    query_db,
    rank_by_weights,
    set_count,
)

STORE = "preview-search"
"""`<STORE>.bin` names the stored database file and holds the digest of each row's entry."""


def entry_digest(entry: Entry) -> str:
    return digest(entry.slug, entry.title, entry.aliases, entry.summary, entry.category, entry.body)


class LiveIndex:
    """slug -> Entry, mirrored in an in-memory FTS5 database."""

    def __init__(self) -> None:
        self._db = sqlite3.connect(":memory:", check_same_thread=False)
        self._lock = threading.Lock()
        self._entries: dict[str, Entry | str] = {}
        """The entry of each row, or (for rows read from a store) its digest."""
        self._rowids: dict[str, int] | None = None
        with self._lock:
            create_schema(self._db)
            set_count(self._db, 0)
            rank_by_weights(self._db)
            self._db.commit()

    def load(self, folder: Path) -> bool:
        """Take the index a previous run stored in `folder`; False (and the index
        unchanged) if there is none or it is stale or damaged."""
        stored = read_checked(folder / f"{STORE}.bin", STORE)
        if not isinstance(stored, tuple) or len(stored) != 2:
            return False
        name, digests = stored
        if not isinstance(name, str) or not isinstance(digests, dict):
            return False
        path = folder / name
        if path.parent != folder or not path.is_file():
            return False
        fresh = sqlite3.connect(":memory:", check_same_thread=False)
        try:
            with closing(sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)) as disk:
                disk.backup(fresh)
            rows = fresh.execute("SELECT count(*) FROM entries").fetchone()[0]
        except sqlite3.Error:
            fresh.close()
            return False
        if rows != len(digests):
            fresh.close()
            return False
        with self._lock:
            self._db.close()
            self._db, self._entries, self._rowids = fresh, dict(digests), None
        return True

    def save(self, folder: Path) -> None:
        """Store the database and the digest of each row for the next start; a failed
        write leaves the last store (or none), never half of one."""
        name = f"{STORE}-{secrets.token_hex(8)}.sqlite"
        temporary = folder / f"{name}.tmp"
        try:
            folder.mkdir(parents=True, exist_ok=True)
            with closing(sqlite3.connect(temporary)) as disk, self._lock:
                self._db.backup(disk)
                digests = {slug: self._digest(e) for slug, e in self._entries.items()}
            os.replace(temporary, folder / name)
        except (OSError, sqlite3.Error):
            temporary.unlink(missing_ok=True)
            return
        if write_checked(folder / f"{STORE}.bin", STORE, (name, digests)):
            for old in folder.glob(f"{STORE}-*.sqlite*"):
                if old.name != name:
                    old.unlink(missing_ok=True)

    @staticmethod
    def _digest(entry: Entry | str) -> str:
        return entry if isinstance(entry, str) else entry_digest(entry)

    def update(self, entries: list[Entry]) -> int:
        """Make the index hold exactly `entries`; returns how many rows changed."""
        wanted: dict[str, Entry | str] = {e.slug: e for e in entries}
        gone = [slug for slug in self._entries if slug not in wanted]
        changed = [e for e in entries if not self._holds(e.slug, e)]
        if not gone and not changed:
            self._entries = wanted  # digests read from a store give way to entries
            return 0
        with self._lock:
            self._delete(gone + [e.slug for e in changed if e.slug in self._entries])
            self._insert(changed)
            set_count(self._db, len(wanted))
            self._db.commit()
            self._entries = wanted
        return len(gone) + len(changed)

    def _holds(self, slug: str, entry: Entry) -> bool:
        """Whether the row of `slug` already holds `entry`."""
        old = self._entries.get(slug)
        if isinstance(old, str):
            return old == entry_digest(entry)
        return old is entry or old == entry

    def _delete(self, slugs: list[str]) -> None:
        """`search.delete_entries`, by the row ids kept here instead of a scan of every row."""
        if not slugs:
            return
        rowids = self._row_ids()
        self._db.executemany(
            "DELETE FROM entries WHERE rowid = ?", [(rowids.pop(s),) for s in slugs if s in rowids]
        )
        self._db.executemany("DELETE FROM terms WHERE slug = ?", [(s,) for s in slugs])

    def _insert(self, entries: list[Entry]) -> None:
        rowids = self._row_ids()
        top = self._db.execute("SELECT max(rowid) FROM entries").fetchone()[0] or 0
        insert_entries(self._db, entries)
        new = self._db.execute("SELECT rowid, slug FROM entries WHERE rowid > ?", (top,))
        rowids.update((slug, rowid) for rowid, slug in new)

    def _row_ids(self) -> dict[str, int]:
        """Slug -> row id of its row in `entries` (the slug column has no index)."""
        if self._rowids is None:
            found = self._db.execute("SELECT rowid, slug FROM entries")
            self._rowids = {slug: rowid for rowid, slug in found}
        return self._rowids

    def query(self, query: str, limit: int = 20) -> list[Hit]:
        """Like `search.query_index`: results or an empty list, never an exception."""
        try:
            with self._lock:
                return query_db(self._db, str(query), max(1, min(int(limit), MAX_LIMIT)))
        except (sqlite3.Error, ValueError, TypeError, OverflowError):
            return []
