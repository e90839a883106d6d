"""BM25 over numpy posting arrays, tokenised by SQLite FTS5 itself.

FTS5 ranks by scoring every row that matches any query term, which on a large glossary
full of shared words takes hundreds of milliseconds. Here the build reads FTS5's own
token instances once (so stemming is exactly FTS5's porter tokenizer), precomputes each
(term, passage) BM25 weight with the same column weights, and stores them as arrays;
a query then sums a few posting lists with `np.bincount`, in about a millisecond.
"""

from __future__ import annotations

import math
import sqlite3
import threading
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

TOKENIZE = "porter unicode61 remove_diacritics 2"
COLUMN_WEIGHTS = (4.0, 2.0, 3.0, 1.0)
"""title, section, FAQ question, text: as in the FTS5 bm25 call this replaces."""
K1, B = 1.2, 0.75
MAX_CACHED = 100_000


@dataclass(frozen=True)
class Postings:
    """CSR layout: term i's passages are docs[offsets[i]:offsets[i + 1]]."""

    terms: dict[str, int]
    offsets: NDArray[np.int64]
    docs: NDArray[np.int32]
    weights: NDArray[np.float32]
    count: int

    def frequency(self, stem: str) -> int:
        i = self.terms.get(stem)
        return 0 if i is None else int(self.offsets[i + 1] - self.offsets[i])

    def top(self, stems: list[str], k: int) -> list[tuple[int, float]]:
        """The k best (passage index, BM25 score) for passages holding any of the stems.

        One `bincount` over the posting lists and one partial sort: linear in the postings
        and the passage count, with no per-passage Python work.
        """
        spans = [
            (self.offsets[i], self.offsets[i + 1])
            for s in dict.fromkeys(stems)
            if (i := self.terms.get(s)) is not None
        ]
        if not spans:
            return []
        docs = np.concatenate([self.docs[a:b] for a, b in spans])
        weights = np.concatenate([self.weights[a:b] for a, b in spans])
        totals = np.bincount(docs, weights=weights, minlength=self.count)
        k = min(k, int(np.count_nonzero(totals)))
        if k == 0:
            return []
        best = np.argpartition(-totals, k - 1)[:k] if k < len(totals) else np.arange(len(totals))
        ranked = sorted(((int(i), float(totals[i])) for i in best), key=lambda x: (-x[1], x[0]))
        return [item for item in ranked if item[1] > 0][:k]


def build_postings(db: sqlite3.Connection, table: str = "passage_text") -> Postings:
    """Read FTS5's token instances of `table` and precompute BM25 weights."""
    db.execute(f"CREATE VIRTUAL TABLE temp.ask_instances USING fts5vocab(main, {table}, instance)")
    try:
        rows = db.execute(
            "SELECT term, doc, col, count(*) FROM temp.ask_instances GROUP BY term, doc, col"
        ).fetchall()
    finally:
        db.execute("DROP TABLE temp.ask_instances")
    columns = {"title": 0, "section": 1, "question": 2, "text": 3}
    weighted: dict[tuple[str, int], float] = {}
    lengths: dict[int, int] = {}
    for term, doc, col, n in rows:
        key = (term, doc)
        weighted[key] = weighted.get(key, 0.0) + COLUMN_WEIGHTS[columns[col]] * n
        lengths[doc] = lengths.get(doc, 0) + n
    count = max(lengths, default=-1) + 1
    average = (sum(lengths.values()) / len(lengths)) if lengths else 1.0
    by_term: dict[str, list[tuple[int, float]]] = {}
    for (term, doc), tf in weighted.items():
        by_term.setdefault(term, []).append((doc, tf))
    terms = sorted(by_term)
    offsets = np.zeros(len(terms) + 1, dtype=np.int64)
    docs: list[int] = []
    weights: list[float] = []
    for i, term in enumerate(terms):
        entries = sorted(by_term[term])
        idf = math.log((count - len(entries) + 0.5) / (len(entries) + 0.5) + 1.0)
        for doc, tf in entries:
            norm = K1 * (1 - B + B * lengths[doc] / average)
            docs.append(doc)
            weights.append(idf * tf * (K1 + 1) / (tf + norm))
        offsets[i + 1] = len(docs)
    return Postings(
        {t: i for i, t in enumerate(terms)},
        offsets,
        np.asarray(docs, dtype=np.int32),
        np.asarray(weights, dtype=np.float32),
        count,
    )


class Stemmer:
    """FTS5's tokenizer applied to single words, through a scratch in-memory table."""

    def __init__(self) -> None:
        self._local = threading.local()
        self._cache: dict[str, tuple[str, ...]] = {}

    def stems(self, words: list[str]) -> list[str]:
        """The FTS5 tokens of each word, in order ("self-harm" gives two)."""
        missing = [w for w in dict.fromkeys(words) if w not in self._cache]
        if missing:
            if len(self._cache) > MAX_CACHED:
                self._cache.clear()
            db = self._db()
            db.execute("DELETE FROM scratch")
            db.executemany(
                "INSERT INTO scratch(rowid, t) VALUES (?, ?)", list(enumerate(missing, start=1))
            )
            found: dict[int, list[str]] = {}
            for doc, term in db.execute("SELECT doc, term FROM scratch_terms ORDER BY doc, offset"):
                found.setdefault(doc, []).append(term)
            for i, word in enumerate(missing, start=1):
                self._cache[word] = tuple(found.get(i, ()))
        return [stem for w in words for stem in self._cache.get(w, ())]

    def _db(self) -> sqlite3.Connection:
        db: sqlite3.Connection | None = getattr(self._local, "db", None)
        if db is None:
            db = sqlite3.connect(":memory:")
            db.execute(f"CREATE VIRTUAL TABLE scratch USING fts5(t, tokenize = '{TOKENIZE}')")
            db.execute("CREATE VIRTUAL TABLE scratch_terms USING fts5vocab(scratch, instance)")
            self._local.db = db
        return db


def postings_rows(postings: Postings) -> list[tuple[str, bytes]]:
    """The arrays as (name, bytes) rows for `ask.sqlite`."""
    terms = "\n".join(sorted(postings.terms, key=postings.terms.__getitem__))
    return [
        ("terms", terms.encode("utf-8")),
        ("offsets", postings.offsets.tobytes()),
        ("docs", postings.docs.tobytes()),
        ("weights", postings.weights.tobytes()),
        ("count", str(postings.count).encode()),
    ]


def postings_from_rows(rows: dict[str, bytes]) -> Postings:
    text = rows["terms"].decode("utf-8")
    terms = text.split("\n") if text else []
    return Postings(
        {t: i for i, t in enumerate(terms)},
        np.frombuffer(rows["offsets"], dtype=np.int64),
        np.frombuffer(rows["docs"], dtype=np.int32),
        np.frombuffer(rows["weights"], dtype=np.float32),
        int(rows["count"]),
    )
