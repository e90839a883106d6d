"""FTS5's weighted bm25, computed from the postings for every matching row at once.

`fts5_aux.c` scores a row as the sum over the query's phrases of
idf * (f * (k1 + 1)) / (f + k1 * (1 - b + b * D / avgdl)), where f is the phrase's
column-weighted count in the row, D the row's length in tokens, avgdl the mean length and
idf = log((N - n + 0.5) / (n + 0.5)) over the N rows, n of them holding the phrase (a
negative idf becomes 1e-6). The same operations in the same order, in float64, give the
same ranks to the last bit, so the postings and FTS5 return the same rows in the same order.
"""

from __future__ import annotations

import math
import sqlite3
import threading
from collections.abc import Iterable, Sequence
from functools import lru_cache

import numpy as np
import numpy.typing as npt

from mindlex.publish.postings import (
    CHUNK,
    TOKENIZE,
    Ints,
    frequencies,
    row_ids,
    weights_text,
)

K1, B = 1.2, 0.75
"""FTS5's bm25 constants."""

Ranked = list[tuple[int, float]]
"""(row id, FTS5 rank) of the best rows, unordered: the caller sorts them with its own
tie-break by slug."""


def ranked(
    db: sqlite3.Connection,
    words: list[str],
    weights: Sequence[float],
    *,
    any_term: bool,
    names: bool,
    want: int,
) -> Ranked | None:
    """The top `want` rows for `words` (each a phrase, prefix-matched past one letter) as
    FTS5 ranks them with `bm25(0, *weights)`, in title and aliases only when `names`; None
    when these tables cannot answer exactly (missing, other weights, a word FTS5 splits)."""
    state = _state(db, weights)
    if state is None:
        return None
    sizes, n_row, avgdl = state
    if n_row == 0:
        return []
    per_phrase: list[tuple[float, npt.NDArray[np.float64]]] = []
    for word in words:
        found = tokens(word)
        if len(found) != 1:
            return None
        freq = np.zeros(len(sizes), np.float64)
        for rows, counts in _postings(db, found[0], prefix=len(word) > 1, names=names):
            if len(rows) and (int(rows.max()) >= len(sizes) or int(rows.min()) < 0):
                return None
            freq[rows] += counts
        hits = int(np.count_nonzero(freq))
        idf = math.log((n_row - hits + 0.5) / (hits + 0.5))
        per_phrase.append((idf if idf > 0.0 else 1e-6, freq))
    matched = [f > 0 for _, f in per_phrase]
    mask = np.logical_or.reduce(matched) if any_term else np.logical_and.reduce(matched)
    rows = np.flatnonzero(mask)
    size = sizes[rows].astype(np.float64)
    score = np.zeros(len(rows), np.float64)
    for idf, freq in per_phrase:  # fts5Bm25Function, operation for operation
        f = freq[rows]
        score = score + idf * ((f * (K1 + 1.0)) / (f + K1 * (1 - B + B * size / avgdl)))
    return _top(db, rows, -1.0 * score, want)


def _state(
    db: sqlite3.Connection, weights: Sequence[float]
) -> tuple[npt.NDArray[np.int32], int, float] | None:
    """Row sizes, FTS5's row count and its average row length, as bm25 reads them."""
    try:
        found = db.execute("SELECT weights, sizes FROM rowsizes WHERE id = 0").fetchone()
    except sqlite3.OperationalError:  # no such table: written before postings existed
        return None
    if found is None or found[0] != weights_text(weights):
        return None
    sizes = np.frombuffer(found[1], np.int32)
    live = sizes[sizes >= 0]
    counted = db.execute("SELECT value FROM meta WHERE key = 'count'").fetchone()
    if counted is None or int(counted[0]) != len(live):  # sizes out of step with the rows
        return None
    if len(live) == 0:
        return sizes, 0, 0.0
    return sizes, len(live), float(int(live.sum())) / float(len(live))


def _postings(
    db: sqlite3.Connection, token: str, *, prefix: bool, names: bool
) -> Iterable[tuple[Ints, Ints]]:
    """(row ids, weighted frequencies) of the term, or of every term it starts when
    `prefix` (terms sort by their UTF-8 bytes, as FTS5's do)."""
    rows, freq = ("name_rows", "name_freq") if names else ("rows", "freq")
    if not prefix:
        found = db.execute(f"SELECT {rows}, {freq} FROM postings WHERE term = ?", (token,))
        for r, f in found:
            yield row_ids(r), frequencies(f, r)
        return
    terms = db.execute("SELECT term FROM postings WHERE term >= ? ORDER BY term", (token,))
    matched = []
    for (term,) in terms:  # only the key is read here, never the blobs of the next term
        if not term.startswith(token):
            break
        matched.append(term)
    for term in matched:
        found = db.execute(f"SELECT {rows}, {freq} FROM postings WHERE term = ?", (term,))
        for r, f in found:
            yield row_ids(r), frequencies(f, r)


def _top(db: sqlite3.Connection, rows: Ints, rank: npt.NDArray[np.float64], want: int) -> Ranked:
    """The `want` lowest ranks; at a tie on the last place the lower slugs are kept."""
    if len(rows) > want:
        kth = np.partition(rank, want - 1)[want - 1]
        below = np.flatnonzero(rank < kth)
        tied = np.flatnonzero(rank == kth)
        if len(below) + len(tied) > want:
            slugs = _slugs(db, rows[tied])
            tied = tied[sorted(range(len(tied)), key=lambda i: slugs[int(rows[tied[i]])])]
        keep = np.concatenate([below, tied[: want - len(below)]])
        rows, rank = rows[keep], rank[keep]
    return [(int(r), float(v)) for r, v in zip(rows, rank, strict=True)]


def _slugs(db: sqlite3.Connection, rowids: Ints) -> dict[int, str]:
    found: dict[int, str] = {}
    ids = [int(r) for r in rowids]
    for at in range(0, len(ids), CHUNK):
        chunk = ids[at : at + CHUNK]
        marks = ", ".join("?" * len(chunk))
        sql = f"SELECT rowid, slug FROM entries WHERE rowid IN ({marks})"
        found.update(db.execute(sql, chunk).fetchall())
    return found


_TOKENIZER: list[sqlite3.Connection] = []
_TOKENIZER_LOCK = threading.Lock()


def _tokenizer() -> sqlite3.Connection:
    """An in-memory FTS5 table with the index's tokenizer, made on first use."""
    if not _TOKENIZER:
        db = sqlite3.connect(":memory:", check_same_thread=False, isolation_level=None)
        db.execute(f"CREATE VIRTUAL TABLE words USING fts5(word, tokenize = '{TOKENIZE}')")
        db.execute("CREATE VIRTUAL TABLE words_inst USING fts5vocab(words, instance)")
        _TOKENIZER.append(db)
    return _TOKENIZER[0]


@lru_cache(maxsize=8192)
def tokens(word: str) -> tuple[str, ...]:
    """The terms FTS5 makes of `word`, by its own tokenizer (stemmed, folded, in order)."""
    with _TOKENIZER_LOCK:
        db = _tokenizer()
        db.execute("INSERT INTO words(rowid, word) VALUES (1, ?)", (word,))
        found = db.execute("SELECT term FROM words_inst ORDER BY offset").fetchall()
        db.execute("DELETE FROM words WHERE rowid = 1")
    return tuple(t for (t,) in found)
