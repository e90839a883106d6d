"""The preview server's search index: the same FTS5 tables, in memory, updated by row.

A save changes one article's rows instead of rebuilding the index. Queries and updates
share one connection behind a lock, so a query never sees half an update.
"""

from __future__ import annotations

import sqlite3
import threading

from mindlex.publish.search import (
    MAX_LIMIT,
    Entry,
    Hit,
    create_schema,
    delete_entries,
    insert_entries,
    query_db,
    rank_by_weights,
    set_count,
)


class LiveIndex:
    """slug -> Entry, mirrored in an in-memory FTS5 database."""

    def __init__(self) -> None:
        self._db = sqlite3.connect(":memory:", check_same_thread=False)
        self._lock = threading.Lock()
        self._entries: dict[str, Entry] = {}
        with self._lock:
            create_schema(self._db)
            set_count(self._db, 0)
            rank_by_weights(self._db)
            self._db.commit()

    def update(self, entries: list[Entry]) -> int:
        """Make the index hold exactly `entries`; returns how many rows changed."""
        wanted = {e.slug: e for e in entries}
        gone = [slug for slug in self._entries if slug not in wanted]
        changed = [e for slug, e in wanted.items() if self._entries.get(slug) != e]
        if not gone and not changed:
            return 0
        with self._lock:
            delete_entries(self._db, gone + [e.slug for e in changed if e.slug in self._entries])
            insert_entries(self._db, changed)
            set_count(self._db, len(wanted))
            self._db.commit()
            self._entries = wanted
        return len(gone) + len(changed)

    def query(self, query: str, limit: int = 20) -> list[Hit]:
        """Like `search.query_index`: results or an empty list, never an exception."""
        try:
            with self._lock:
                return query_db(self._db, str(query), max(1, min(int(limit), MAX_LIMIT)))
        except (sqlite3.Error, ValueError, TypeError, OverflowError):
            return []
