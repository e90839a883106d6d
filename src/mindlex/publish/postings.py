"""Per-term postings next to the FTS5 table, and FTS5's weighted bm25 computed from them.

FTS5 ranks a query by calling bm25 for every matching row, a few microseconds each: a query
of two common words matches nearly every article, so its cost grows with the glossary. The
postings hold, for each term of FTS5's own index (read from its `fts5vocab` views, so the
tokenisation is FTS5's), the rows holding it and its column-weighted frequency in each, plus
every row's size in tokens. A query then scores all matching rows at once with numpy, using
FTS5's formula and operation order (`bm25.py`), and reads only the rows it returns. FTS5
stays the index of record: a file without these tables, or a query they cannot answer
exactly, is answered by FTS5 itself (`search.query_db`).

This module writes the postings and keeps them exact as rows are replaced.
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

TOKENIZE = "porter unicode61 remove_diacritics 2"
COLUMNS = ("title", "aliases", "summary", "body")
NAME_COLUMNS = 2
"""The first two indexed columns (title, aliases) form the name tier."""
CODE = {name: ord(name[0]) % 4 for name in COLUMNS}
"""Each column by the code of its first letter, which SQLite computes faster from the
vocab view's column name than a CASE: title 0, aliases 1, body 2, summary 3."""
NAMES_BY_CODE = np.array([code in {CODE[c] for c in COLUMNS[:NAME_COLUMNS]} for code in range(4)])
assert sorted(CODE.values()) == [0, 1, 2, 3], "column codes must be distinct"
BATCH = 2_000_000
"""Token instances read from FTS5 per query when postings are built in bulk."""

SCHEMA = """
CREATE TABLE postings(
    term TEXT PRIMARY KEY, rows BLOB NOT NULL, freq BLOB NOT NULL,
    name_rows BLOB NOT NULL, name_freq BLOB NOT NULL
) WITHOUT ROWID;
CREATE TABLE rowsizes(id INTEGER PRIMARY KEY CHECK (id = 0), weights TEXT NOT NULL,
    sizes BLOB NOT NULL);
"""
"""`rows` are FTS5 row ids (int32, ascending); `freq` the weighted frequency over all
columns, `name_freq` over title and aliases only, for the rows in `name_rows`. `sizes[rowid]`
is the row's length in tokens, -1 for a row id not in use."""

Ints = npt.NDArray[np.int64]
log = logging.getLogger(__name__)


def create(db: sqlite3.Connection, weights: Sequence[float]) -> None:
    """Add the empty postings tables; weights that are not whole numbers get none, since
    frequencies are stored as integers (the FTS5 path then answers every query)."""
    if not all(float(w).is_integer() and w >= 0 for w in weights):
        return
    db.executescript(SCHEMA)
    sizes = np.full(1, -1, np.int32).tobytes()
    db.execute("INSERT INTO rowsizes VALUES (0, ?, ?)", (weights_text(weights), sizes))


def present(db: sqlite3.Connection) -> bool:
    found = db.execute("SELECT count(*) FROM sqlite_master WHERE name = 'rowsizes'").fetchone()
    return bool(found and found[0])


def current(db: sqlite3.Connection, weights: Sequence[float]) -> bool:
    """Postings are present and were weighted with `weights`."""
    if not present(db):
        return False
    found = db.execute("SELECT weights FROM rowsizes WHERE id = 0").fetchone()
    return found is not None and found[0] == weights_text(weights)


def weights_text(weights: Sequence[float]) -> str:
    return ",".join(repr(float(w)) for w in weights)


# -- writing ----------------------------------------------------------------------------------


@dataclass
class Counts:
    """Token counts of some rows, grouped by (term, row): what postings are made of."""

    terms: list[str]
    starts: Ints
    """Per term, where its groups start in `rows` (length len(terms) + 1)."""
    rows: Ints
    freq: Ints
    name_freq: Ints
    sizes: Ints
    """Tokens per row id, of the terms counted here."""

    def postings(self, t: int) -> tuple[Ints, Ints, Ints]:
        at = slice(int(self.starts[t]), int(self.starts[t + 1]))
        return self.rows[at], self.freq[at], self.name_freq[at]


def count_batches(
    db: sqlite3.Connection, schema: str, table: str, weights: Sequence[float]
) -> Iterator[Counts]:
    """Every token of `schema.table` (an FTS5 table with COLUMNS), read from its vocab
    views a batch of terms at a time, so memory stays flat however large the table."""
    row_view, inst_view = f"{table}_vrow", f"{table}_vinst"
    for view, kind in ((row_view, "row"), (inst_view, "instance")):
        db.execute(
            f"CREATE VIRTUAL TABLE IF NOT EXISTS temp.{view} "
            f"USING fts5vocab({schema}, {table}, {kind})"
        )
    listed = db.execute(f"SELECT term, cnt FROM temp.{row_view}").fetchall()
    w = np.zeros(4, np.int64)
    for name, weight in zip(COLUMNS, weights, strict=True):
        w[CODE[name]] = int(weight)
    for batch in _batches(listed):
        yield _count(batch, _instance_codes(db, inst_view, batch[0][0], batch[-1][0]), w)


def _batches(listed: list[tuple[str, int]]) -> Iterator[list[tuple[str, int]]]:
    begin, total = 0, 0
    for i, (_, cnt) in enumerate(listed):
        total += cnt
        if total >= BATCH or i == len(listed) - 1:
            yield listed[begin : i + 1]
            begin, total = i + 1, 0


def _instance_codes(db: sqlite3.Connection, view: str, first: str, last: str) -> Ints:
    """`rowid * 4 + CODE[column]` of every token of the terms first..last, in index order."""
    sql = (
        f"SELECT group_concat(doc * 4 + unicode(col) % 4) FROM temp.{view} "
        "WHERE term >= ? AND term <= ?"
    )
    text = db.execute(sql, (first, last)).fetchone()[0] or ""
    return np.fromstring(text, np.int64, sep=",") if text else np.zeros(0, np.int64)


def _count(batch: list[tuple[str, int]], codes: Ints, weights: Ints) -> Counts:
    """Group the tokens of a batch of terms by (term, row) and weigh them by column."""
    counts = np.array([c for _, c in batch], np.int64)
    if len(codes) != int(counts.sum()):
        raise ValueError("FTS5 vocab views disagree on the number of tokens")
    doc, code = codes >> 2, codes & 3
    term_of = np.repeat(np.arange(len(batch), dtype=np.int64), counts)
    new = np.ones(len(codes), bool)
    new[1:] = (term_of[1:] != term_of[:-1]) | (doc[1:] != doc[:-1])
    first = np.flatnonzero(new)
    weight = weights[code]
    name = np.where(NAMES_BY_CODE[code], weight, 0)
    empty = np.zeros(0, np.int64)
    freq = np.add.reduceat(weight, first) if len(first) else empty
    name_freq = np.add.reduceat(name, first) if len(first) else empty
    starts = np.searchsorted(first, np.concatenate([[0], np.cumsum(counts)]))
    sizes = np.bincount(doc) if len(doc) else empty
    return Counts([t for t, _ in batch], starts, doc[first], freq, name_freq, sizes)


def add_all(db: sqlite3.Connection, weights: Sequence[float]) -> None:
    """Postings of every row of `entries`, for a table filled from empty."""
    if not present(db):
        return
    db.execute("DELETE FROM postings")
    sizes = np.zeros(0, np.int64)
    try:
        for counts in count_batches(db, "main", "entries", weights):
            db.executemany(
                "INSERT INTO postings VALUES (?, ?, ?, ?, ?)",
                [_blobs(term, *counts.postings(t)) for t, term in enumerate(counts.terms)],
            )
            sizes = _add_sizes(sizes, counts.sizes)
    except ValueError as exc:  # never answer from postings that may be incomplete
        log.warning("search postings not written, FTS5 will rank every query: %s", exc)
        db.executescript("DROP TABLE postings; DROP TABLE rowsizes;")
        return
    rowids = np.array(_rowids(db), np.int64)
    (old,) = db.execute("SELECT length(sizes) / 4 FROM rowsizes WHERE id = 0").fetchone()
    top = max(int(rowids.max()) + 1 if len(rowids) else 0, len(sizes), int(old))
    table = np.full(top, -1, np.int32)
    table[rowids] = 0
    table[: len(sizes)][sizes > 0] = sizes[sizes > 0]
    db.execute("UPDATE rowsizes SET sizes = ? WHERE id = 0", (table.tobytes(),))


def _add_sizes(total: Ints, more: Ints) -> Ints:
    if len(more) > len(total):
        total = np.concatenate([total, np.zeros(len(more) - len(total), np.int64)])
    total[: len(more)] += more
    return total


def _rowids(db: sqlite3.Connection) -> list[int]:
    return [r for (r,) in db.execute("SELECT rowid FROM entries")]


def _blobs(
    term: str, rows: Ints, freq: Ints, name_freq: Ints
) -> tuple[str, bytes, bytes, bytes, bytes]:
    named = name_freq > 0
    return (
        term,
        rows.astype(np.int32).tobytes(),
        _narrow(freq),
        rows[named].astype(np.int32).tobytes(),
        _narrow(name_freq[named]),
    )


def _narrow(values: Ints) -> bytes:
    """Frequencies as uint16 when they fit, else uint32 (read back by blob length)."""
    if len(values) and int(values.max()) > 0xFFFF:
        return values.astype(np.uint32).tobytes()
    return values.astype(np.uint16).tobytes()


def next_rowid(db: sqlite3.Connection) -> int:
    """The row id for the next insert: never one used before, so postings stay ascending."""
    if present(db):
        (blob,) = db.execute("SELECT sizes FROM rowsizes WHERE id = 0").fetchone()
        floor = len(blob) // 4
    else:
        floor = 1
    (top,) = db.execute("SELECT max(rowid) FROM entries").fetchone()
    return max(floor, (top or 0) + 1)


def terms_of(db: sqlite3.Connection, rowids: list[int], weights: Sequence[float]) -> set[str]:
    """The terms these rows of `entries` hold: read before the rows are deleted, so that
    `change` knows whose postings lose them."""
    if not present(db):
        return set()
    return {t for c in _scratch_counts(db, rowids, weights) for t in c.terms}


def change(
    db: sqlite3.Connection,
    removed: list[int],
    old_terms: set[str],
    added: list[int],
    weights: Sequence[float],
) -> None:
    """Update postings once for rows deleted (`removed`, which held `old_terms`) and rows
    just inserted (`added`): the new rows' tokens are counted in a scratch FTS5 table with
    the same tokenizer, and only the terms either side holds are rewritten."""
    if not present(db) or not (removed or added):
        return
    fresh: dict[str, tuple[Ints, Ints, Ints]] = {}
    sizes = np.zeros(0, np.int64)
    for counts in _scratch_counts(db, added, weights):
        fresh.update((term, counts.postings(t)) for t, term in enumerate(counts.terms))
        sizes = _add_sizes(sizes, counts.sizes)
    gone = np.array(sorted(removed), np.int64)
    empty = np.zeros(0, np.int64)
    for term in sorted(old_terms | set(fresh)):
        _rewrite(db, term, gone, fresh.get(term, (empty, empty, empty)))
    (blob,) = db.execute("SELECT sizes FROM rowsizes WHERE id = 0").fetchone()
    table = np.frombuffer(blob, np.int32).copy()
    top = max([len(table) - 1, *added])
    table = np.concatenate([table, np.full(top + 1 - len(table), -1, np.int32)])
    table[gone] = -1
    for rowid in added:
        table[rowid] = int(sizes[rowid]) if rowid < len(sizes) else 0
    db.execute("UPDATE rowsizes SET sizes = ? WHERE id = 0", (table.tobytes(),))


def _rewrite(db: sqlite3.Connection, term: str, gone: Ints, fresh: tuple[Ints, Ints, Ints]) -> None:
    """One term's postings without the removed rows and with the added ones."""
    found = db.execute(
        "SELECT rows, freq, name_rows, name_freq FROM postings WHERE term = ?", (term,)
    ).fetchone()
    rows, freq, name_freq = fresh
    if found is not None:
        old_rows, old_freq = row_ids(found[0]), frequencies(found[1], found[0])
        name_rows, name_only = row_ids(found[2]), frequencies(found[3], found[2])
        old_name = np.zeros(len(old_rows), np.int64)
        old_name[np.searchsorted(old_rows, name_rows)] = name_only
        keep = ~np.isin(old_rows, gone)
        merged = np.concatenate([old_rows[keep], rows])
        freq = np.concatenate([old_freq[keep], freq])
        name_freq = np.concatenate([old_name[keep], name_freq])
        if len(merged) > 1 and not bool(np.all(merged[1:] > merged[:-1])):
            order = np.argsort(merged, kind="stable")  # new row ids are normally the highest
            merged, freq, name_freq = merged[order], freq[order], name_freq[order]
        rows = merged
    if len(rows):
        db.execute(
            "INSERT OR REPLACE INTO postings VALUES (?, ?, ?, ?, ?)",
            _blobs(term, rows, freq, name_freq),
        )
    else:
        db.execute("DELETE FROM postings WHERE term = ?", (term,))


def row_ids(blob: bytes) -> Ints:
    """A `rows` blob as row ids."""
    return np.frombuffer(blob, np.int32).astype(np.int64)


def frequencies(blob: bytes, rows_blob: bytes) -> Ints:
    """Frequencies stored as uint16 or uint32: two or four bytes for each row id."""
    wide = len(blob) == len(rows_blob) and len(blob) > 0
    return np.frombuffer(blob, np.uint32 if wide else np.uint16).astype(np.int64)


SCRATCH = "mindlex_scratch"
CHUNK = 500
"""Row ids per statement (SQLite limits the number of parameters)."""


def _scratch_counts(
    db: sqlite3.Connection, rowids: list[int], weights: Sequence[float]
) -> list[Counts]:
    """Token counts of some rows of `entries`, tokenised afresh by a temporary FTS5 table
    declared like it (the tokenizer is deterministic, so the counts are FTS5's own)."""
    if not rowids:
        return []
    names = ", ".join(COLUMNS)
    db.execute(
        f"CREATE VIRTUAL TABLE IF NOT EXISTS temp.{SCRATCH} USING fts5("
        f"slug UNINDEXED, {names}, tokenize = '{TOKENIZE}')"
    )
    db.execute(f"DELETE FROM temp.{SCRATCH}")
    for at in range(0, len(rowids), CHUNK):
        chunk = rowids[at : at + CHUNK]
        db.execute(
            f"INSERT INTO temp.{SCRATCH}(rowid, {names}) SELECT rowid, {names} "
            f"FROM main.entries WHERE rowid IN ({', '.join('?' * len(chunk))})",
            chunk,
        )
    counts = list(count_batches(db, "temp", SCRATCH, weights))
    db.execute(f"DELETE FROM temp.{SCRATCH}")
    return counts
