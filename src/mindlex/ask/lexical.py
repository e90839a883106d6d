"""BM25 over numpy posting arrays, tokenised by SQLite FTS5 itself.

FTS5 ranks by scoring every row that matches any query term, which on a large glossary
full of shared words takes hundreds of milliseconds. Here the build reads FTS5's own
token instances once (so stemming is exactly FTS5's porter tokenizer), precomputes each
(term, passage) BM25 weight with the same column weights, and stores them as arrays;
a query then sums a few posting lists with `np.bincount`, in about a millisecond.
"""

from __future__ import annotations

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

    def has(self, stems: list[str], doc: int) -> bool:
        """Whether passage `doc` holds every one of the stems (a binary search per stem)."""
        for stem in stems:
            i = self.terms.get(stem)
            if i is None:
                return False
            row = self.docs[self.offsets[i] : self.offsets[i + 1]]
            # An int32 needle: a Python int would make numpy copy the row to int64 first.
            at = int(row.searchsorted(np.int32(doc)))
            if at == len(row) or int(row[at]) != doc:
                return False
        return True

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
    """Read FTS5's token instances of `table` and precompute BM25 weights.

    `fts5vocab` lists instances in term, then passage order, and its `row` view gives the
    instance count of each term, so grouping is done by numpy on boundaries: no sort and
    no Python code per instance.
    """
    weight = " ".join(
        f"WHEN '{name}' THEN {w}"
        for name, w in zip(("title", "section", "question", "text"), COLUMN_WEIGHTS, strict=True)
    )
    db.execute(f"CREATE VIRTUAL TABLE temp.ask_rows USING fts5vocab(main, {table}, row)")
    db.execute(f"CREATE VIRTUAL TABLE temp.ask_instances USING fts5vocab(main, {table}, instance)")
    try:
        vocabulary = db.execute("SELECT term, cnt FROM temp.ask_rows ORDER BY term").fetchall()
        instances = db.execute(
            f"SELECT doc, CASE col {weight} ELSE 1.0 END FROM temp.ask_instances"
        ).fetchall()
    finally:
        db.execute("DROP TABLE temp.ask_rows")
        db.execute("DROP TABLE temp.ask_instances")
    names = [str(term) for term, _ in vocabulary]
    if not instances:
        return Postings(
            {}, np.zeros(1, dtype=np.int64), np.zeros(0, np.int32), np.zeros(0, np.float32), 0
        )
    table_ = np.array(instances, dtype=np.float64)
    doc = table_[:, 0].astype(np.int64)
    column_weight = table_[:, 1]
    term = np.repeat(np.arange(len(names)), [int(c) for _, c in vocabulary])
    starts = np.flatnonzero(np.r_[True, (np.diff(term) != 0) | (np.diff(doc) != 0)])
    tf = np.add.reduceat(column_weight, starts)
    docs = doc[starts]
    df = np.bincount(term[starts], minlength=len(names)).astype(np.float64)
    count = int(doc.max()) + 1
    lengths = np.bincount(doc, minlength=count).astype(np.float64)
    average = float(lengths[lengths > 0].mean())
    offsets = np.zeros(len(names) + 1, dtype=np.int64)
    offsets[1:] = np.cumsum(df).astype(np.int64)
    idf = np.log((count - df + 0.5) / (df + 0.5) + 1.0)
    norm = K1 * (1 - B + B * lengths[docs] / average)
    weights = idf[term[starts]] * tf * (K1 + 1) / (tf + norm)
    return Postings(
        {t: i for i, t in enumerate(names)},
        offsets,
        docs.astype(np.int32),
        weights.astype(np.float32),
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
