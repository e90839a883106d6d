"""The Ask index: passages, their FTS5 rows and their vectors, in one SQLite file.

The build writes `ask.sqlite` next to `search.sqlite`; servers open it read-only. Vectors are
stored under each passage's content key, so a rebuild embeds only passages that changed
(`previous_vectors` reads them back from the last build's file).
"""

from __future__ import annotations

import json
import re
import sqlite3
from collections.abc import Mapping
from contextlib import closing
from dataclasses import asdict
from functools import cached_property
from pathlib import Path

import numpy as np

from mindlex.ask.embed import Matrix, StaticModel
from mindlex.ask.lexical import (
    Postings,
    Stemmer,
    build_postings,
    postings_from_rows,
    postings_rows,
)
from mindlex.ask.passages import Passage

ASK_DB = "ask.sqlite"
HEADING_WORDS = re.compile(r"[^\W_]+")
SCHEMA_VERSION = "2"
_SCHEMA = """
CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE passages(id INTEGER PRIMARY KEY, key TEXT NOT NULL, data TEXT NOT NULL);
CREATE TABLE vectors(key TEXT PRIMARY KEY, vector BLOB NOT NULL);
CREATE TABLE lexical(name TEXT PRIMARY KEY, data BLOB NOT NULL);
CREATE VIRTUAL TABLE passage_text USING fts5(
    title, section, question, text,
    tokenize = 'porter unicode61 remove_diacritics 2'
);
"""


def embed_passages(
    passages: list[Passage], model: StaticModel, known: Mapping[str, bytes] | None = None
) -> Matrix:
    """One unit vector per passage; vectors already known by content key are reused."""
    known = known or {}
    out = np.zeros((len(passages), model.dimensions), dtype=np.float32)
    todo: list[int] = []
    for i, p in enumerate(passages):
        blob = known.get(p.key)
        if blob is not None and len(blob) == 4 * model.dimensions:
            out[i] = np.frombuffer(blob, dtype=np.float32)
        else:
            todo.append(i)
    if todo:
        texts = [_embedded_text(passages[i]) for i in todo]
        out[todo] = model.encode(texts)
    return out


def _embedded_text(p: Passage) -> str:
    return f"{p.title}. {p.question or p.section}. {p.text}"


def populate(
    db: sqlite3.Connection,
    passages: list[Passage],
    vectors: Matrix,
    meta: Mapping[str, str] | None = None,
) -> None:
    db.executescript(_SCHEMA)
    rows = {"schema_version": SCHEMA_VERSION, "count": str(len(passages)), **(meta or {})}
    db.executemany("INSERT INTO meta VALUES (?, ?)", sorted(rows.items()))
    db.executemany(
        "INSERT INTO passages VALUES (?, ?, ?)",
        [(i, p.key, _data(p)) for i, p in enumerate(passages)],
    )
    db.executemany(
        "INSERT OR REPLACE INTO vectors VALUES (?, ?)",
        [(p.key, vectors[i].tobytes()) for i, p in enumerate(passages)],
    )
    db.executemany(
        "INSERT INTO passage_text(rowid, title, section, question, text) VALUES (?, ?, ?, ?, ?)",
        [(i, p.title, p.section, p.question, p.text) for i, p in enumerate(passages)],
    )
    db.executemany("INSERT INTO lexical VALUES (?, ?)", postings_rows(build_postings(db)))
    db.commit()


def write_index(
    path: Path, passages: list[Passage], vectors: Matrix, meta: Mapping[str, str] | None = None
) -> None:
    """A fresh file at `path` (the caller's staging folder makes the swap atomic)."""
    path.unlink(missing_ok=True)
    with closing(sqlite3.connect(path)) as db:
        db.execute("PRAGMA journal_mode = OFF")
        db.execute("PRAGMA synchronous = OFF")
        populate(db, passages, vectors, meta)
        db.execute("VACUUM")


def previous_vectors(path: Path) -> dict[str, bytes]:
    """Vectors of an earlier index by passage key; nothing when the file is absent or damaged."""
    if not path.is_file():
        return {}
    try:
        with closing(_read_only(path)) as db:
            return dict(db.execute("SELECT key, vector FROM vectors").fetchall())
    except sqlite3.Error:
        return {}


def _data(p: Passage) -> str:
    """What the file stores of a passage: every field, so a new reviewer or date is a change."""
    return json.dumps(asdict(p), sort_keys=True)


def same_index(path: Path, passages: list[Passage], meta: Mapping[str, str]) -> bool:
    """True when the file at `path` already holds exactly these passages and this metadata,
    so a rebuild can copy it instead of tokenising and embedding everything again."""
    if not path.is_file():
        return False
    try:
        with closing(_read_only(path)) as db:
            stored = dict(db.execute("SELECT key, value FROM meta").fetchall())
            rows = [d for (d,) in db.execute("SELECT data FROM passages ORDER BY id")]
    except sqlite3.Error:
        return False
    expected = {"schema_version": SCHEMA_VERSION, "count": str(len(passages)), **meta}
    return stored == expected and rows == [_data(p) for p in passages]


def _read_only(path: Path) -> sqlite3.Connection:
    return sqlite3.connect(f"file:{path}?mode=ro&immutable=1", uri=True, check_same_thread=False)


class Store:
    """Passages, vectors and BM25 postings, all in memory; read-only once made."""

    def __init__(
        self,
        passages: list[Passage],
        vectors: Matrix,
        postings: Postings,
        path: Path | None = None,
        meta: Mapping[str, str] | None = None,
    ) -> None:
        self.passages = passages
        self.vectors = vectors
        self.postings = postings
        self.path = path
        self.meta = dict(meta or {})
        self.stemmer = Stemmer()

    @cached_property
    def heading_stems(self) -> frozenset[str]:
        """Stems of every title, section heading and FAQ question: what the articles are about.

        Computed on first use from the passages (a few hundred distinct words on the sample,
        tens of thousands at most), so `ask.sqlite` needs no new table.
        """
        words: set[str] = set()
        for p in self.passages:
            heading = f"{p.title} {p.section} {p.question}".lower()
            words.update(HEADING_WORDS.findall(heading))
        return frozenset(self.stemmer.stems(sorted(words)))

    @cached_property
    def centroid(self) -> Matrix:
        """The normalised mean of the passage vectors: where the glossary's subject lies in the
        embedding space, for telling a word about it from a word about something else."""
        if not len(self.vectors):
            return np.zeros(0, dtype=np.float32)
        mean: Matrix = self.vectors.astype(np.float32).mean(axis=0, dtype=np.float32)
        norm = float(np.linalg.norm(mean))
        return mean / np.float32(norm) if norm else mean

    def vectors_by_hash(self) -> dict[str, bytes]:
        """Each passage's vector under its content key, for `embed_passages` to reuse."""
        return {
            p.key: self.vectors[i].astype(np.float32).tobytes() for i, p in enumerate(self.passages)
        }

    @classmethod
    def build(cls, passages: list[Passage], vectors: Matrix) -> Store:
        """An in-memory store (CLI, tests): the same tables as `ask.sqlite`, never written."""
        with closing(sqlite3.connect(":memory:")) as db:
            populate(db, passages, vectors)
            rows = dict(db.execute("SELECT name, data FROM lexical").fetchall())
        return cls(passages, vectors, postings_from_rows(rows))

    @classmethod
    def open(cls, path: Path) -> Store:
        """Read a built `ask.sqlite`; raises ValueError with the reason when it is unusable."""
        try:
            with closing(_read_only(path)) as db:
                version = db.execute("SELECT value FROM meta WHERE key = 'schema_version'")
                if (version.fetchone() or [""])[0] != SCHEMA_VERSION:
                    raise ValueError(f"{path}: not an Ask index of schema {SCHEMA_VERSION}")
                meta = dict(db.execute("SELECT key, value FROM meta").fetchall())
                rows = db.execute(
                    "SELECT p.data, v.vector FROM passages p JOIN vectors v USING (key) "
                    "ORDER BY p.id"
                ).fetchall()
                lexical = dict(db.execute("SELECT name, data FROM lexical").fetchall())
        except sqlite3.Error as exc:
            raise ValueError(f"{path}: cannot read the Ask index ({exc})") from exc
        passages = [_passage(json.loads(data)) for data, _ in rows]
        vectors = (
            np.vstack([np.frombuffer(blob, dtype=np.float32) for _, blob in rows])
            if rows
            else np.zeros((0, 1), dtype=np.float32)
        )
        return cls(passages, vectors, postings_from_rows(lexical), path, meta)

    def meta_value(self, key: str) -> str:
        if key not in self.meta:
            raise ValueError(f"{self.path}: the Ask index has no {key!r} entry")
        return self.meta[key]


def _passage(data: dict[str, object]) -> Passage:
    cites = data.pop("citations")
    assert isinstance(cites, list)
    return Passage(citations=tuple((int(n), str(label)) for n, label in cites), **data)  # type: ignore[arg-type]
