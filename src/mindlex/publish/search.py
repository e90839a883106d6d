"""Search indexes written at build time: an SQLite FTS5 file and a Pagefind bundle.

`search.sqlite` serves `GET /api/search` (and any integrator that copies the file);
the Pagefind bundle serves the static site's search page with no server at all.
"""

from __future__ import annotations

import asyncio
import html
import logging
import re
import shutil
import sqlite3
import tempfile
import threading
from collections.abc import Coroutine, Iterator
from contextlib import closing
from dataclasses import dataclass
from functools import lru_cache
from importlib import metadata
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mindlex.diagnostic import Diagnostic, Severity
from mindlex.engine.memo import digest
from mindlex.glossary import Glossary, fold
from mindlex.model import Article
from mindlex.parsecache import reader_text
from mindlex.publish import bm25, postings
from mindlex.publish.snippets import snippet
from mindlex.publish.writer import SiteWriter
from mindlex.span import Span

if TYPE_CHECKING:
    from mindlex.publish.cache import Reuse
    from mindlex.publish.pipeline import BuildOptions, Plan

log = logging.getLogger(__name__)

SEARCH_DB = "search.sqlite"
PAGEFIND_DIR = "pagefind"
SCHEMA_VERSION = 2
WEIGHTS = {"title": 10.0, "aliases": 8.0, "summary": 3.0, "body": 1.0}
"""bm25 column weights: a hit in a title or alias outranks any number of body mentions."""
MAX_QUERY_CHARS = 200
MAX_QUERY_TERMS = 12
MAX_LIMIT = 50
WORDS = re.compile(r"[^\W_]+")
PAGEFIND_EXCLUDE = (".term-tip", "sup.cite")
"""Term previews repeat another article's summary, and citation marks (`[4]`) mean nothing
out of the page; indexing either would blur entries and excerpts."""


@dataclass(frozen=True)
class Entry:
    """What both indexes know about one published article."""

    slug: str
    title: str
    aliases: tuple[str, ...]
    summary: str
    category: str
    body: str


@dataclass(frozen=True)
class Hit:
    slug: str
    title: str
    summary: str
    snippet: str
    """HTML: the matched text escaped, with the query terms wrapped in `<mark>`."""
    score: float
    """The negated bm25 rank: higher is better, comparable within one query only. Results
    come in rank order, where an exact title or alias match leads whatever its score."""

    def as_json(self) -> dict[str, Any]:
        return {
            "slug": self.slug,
            "title": self.title,
            "summary": self.summary,
            "snippet": self.snippet,
            "score": self.score,
        }


def write_search(
    writer: SiteWriter,
    glossary: Glossary,
    plan: Plan,
    options: BuildOptions,
    reuse: Reuse | None = None,
) -> list[Diagnostic]:
    """The build's search stage: FTS5 always, Pagefind unless switched off.

    With `reuse`, the last site's `search.sqlite` is copied into staging and only the rows
    of added, changed and removed articles are rewritten (`update_fts`); Pagefind's bundle
    is carried over when no page it indexes and no name changed."""
    keys = {a.slug: row_key(a) for a in plan.articles}
    previous = reuse.previous_file(SEARCH_DB) if reuse is not None else None
    old_keys = reuse.previous.search if reuse is not None and reuse.previous else {}
    if previous is not None and old_keys:
        update_fts(writer.path(SEARCH_DB), previous, plan.articles, keys, old_keys)
    else:
        write_fts(writer.path(SEARCH_DB), [entry_of(a) for a in plan.articles])
    writer.written.append(SEARCH_DB)
    if reuse is not None:
        reuse.search = keys
    if not (options.pagefind and glossary.config.search.pagefind):
        return []
    pagefind_key = _pagefind_key(writer, plan, keys, glossary.config.site.locale, reuse)
    if reuse is not None and pagefind_key is not None:
        bundle = reuse.group(pagefind_key)
        if reuse.take(bundle, pagefind_key):
            return []
    try:
        entries = [entry_of(a) for a in plan.articles]
        writer.clear(PAGEFIND_DIR)
        files = run_pagefind(writer.staging, entries, glossary.config.site.locale)
    except ImportError:
        return [
            Diagnostic(
                "SEARCH001",
                "Pagefind is not installed, so the static site has no search index",
                Span(glossary.config.root / "mindlex.toml"),
                Severity.WARNING,
                hint="pip install 'mindlex[search]', or build with --no-pagefind to silence this",
            )
        ]
    writer.written.extend(files)
    if reuse is not None and pagefind_key is not None:
        reuse.note(files, pagefind_key)
    return []


def row_key(article: Article) -> str:
    """What an article's search rows are made from: its file (path and bytes)."""
    return digest(str(article.path), article.sha256)


def _pagefind_key(
    writer: SiteWriter, plan: Plan, keys: dict[str, str], locale: str, reuse: Reuse | None
) -> str | None:
    """Digest of every page Pagefind reads (by the keys of the files rendered into staging)
    and of the names pages; None when a page has no key, so the bundle is always rebuilt."""
    if reuse is None:
        return None
    pages = sorted(rel for rel in {*writer.written, *reuse.keys} if rel.endswith(".html"))
    if any(not reuse.keys.get(rel) for rel in pages):
        return None
    shown = [(rel, reuse.keys[rel]) for rel in pages]
    return digest("pagefind", _pagefind_version(), reuse.base, locale, shown, keys)


def _pagefind_version() -> str:
    """The installed indexer's version: a new Pagefind writes a different bundle."""
    try:
        return metadata.version("pagefind")
    except metadata.PackageNotFoundError:
        return ""


@lru_cache(maxsize=32768)
def entry_of(article: Article) -> Entry:
    """What the indexes store of one article (cached per article object)."""
    body = reader_text(article)
    return Entry(
        article.slug,
        article.title,
        tuple(article.aliases),
        article.summary,
        article.category,
        body,
    )


# -- SQLite FTS5 -------------------------------------------------------------------------------

_SCHEMA = """
CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE terms(term TEXT NOT NULL, slug TEXT NOT NULL, PRIMARY KEY (term, slug));
CREATE VIRTUAL TABLE entries USING fts5(
    slug UNINDEXED, title, aliases, summary, body,
    tokenize = 'porter unicode61 remove_diacritics 2', prefix = '2 3'
);
"""


def write_fts(path: Path, entries: list[Entry]) -> None:
    """Write a fresh index file; `terms` maps each folded title and alias to its article."""
    path.unlink(missing_ok=True)
    with closing(sqlite3.connect(path)) as db:
        db.execute("PRAGMA journal_mode = OFF")
        db.execute("PRAGMA synchronous = OFF")
        create_schema(db, with_postings=True)
        set_count(db, len(entries))
        insert_entries(db, entries)
        rank_by_weights(db)
        db.execute("INSERT INTO entries(entries) VALUES ('optimize')")
        db.commit()


def update_fts(
    path: Path,
    previous: Path,
    articles: list[Article],
    keys: dict[str, str],
    old_keys: dict[str, str],
) -> None:
    """A copy of the last index with the rows of added, changed and removed articles
    rewritten. It answers every query as a fresh `write_fts` would: the same rows and
    terms, and FTS5 keeps its ranking statistics exact across deletes and inserts. Only
    the bytes differ (row ids and segment layout), so it is compared by content in tests."""
    shutil.copyfile(previous, path)
    stale = [slug for slug, key in old_keys.items() if keys.get(slug) != key]
    fresh = [entry_of(a) for a in articles if old_keys.get(a.slug) != keys[a.slug]]
    with closing(sqlite3.connect(path)) as db:
        current = postings.current(db, _weights())
    if not current:  # written before postings existed: rewritten whole, once
        write_fts(path, [entry_of(a) for a in articles])
        return
    with closing(sqlite3.connect(path)) as db:
        db.execute("PRAGMA journal_mode = OFF")
        db.execute("PRAGMA synchronous = OFF")
        replace_entries(db, stale, fresh)
        set_count(db, len(articles))
        db.commit()


def create_schema(db: sqlite3.Connection, *, with_postings: bool = False) -> None:
    """The tables; `with_postings` adds the ones that rank queries without FTS5's per-row
    bm25 (`postings.py`). Built files have them; the preview's in-memory index does not,
    since keeping them costs each save more than its few searches gain."""
    db.executescript(_SCHEMA)
    db.execute("INSERT INTO meta VALUES ('schema_version', ?)", (str(SCHEMA_VERSION),))
    if with_postings:
        postings.create(db, _weights())


def _weights() -> list[float]:
    return list(WEIGHTS.values())


def rank_by_weights(db: sqlite3.Connection) -> None:
    """Store weighted bm25 as the table's rank, so FTS5 sorts by it."""
    weights = ", ".join(str(w) for w in WEIGHTS.values())
    db.execute("INSERT INTO entries(entries, rank) VALUES ('rank', ?)", (f"bm25(0.0, {weights})",))


def insert_entries(db: sqlite3.Connection, entries: list[Entry]) -> None:
    replace_entries(db, [], entries)


def delete_entries(db: sqlite3.Connection, slugs: list[str]) -> None:
    replace_entries(db, slugs, [])


def replace_entries(db: sqlite3.Connection, slugs: list[str], entries: list[Entry]) -> None:
    """Remove these articles' rows and add `entries` under row ids never used before,
    rewriting the postings of the terms either side holds in one pass. The slug column is
    not indexed, so rows are found in one pass and deleted by row id."""
    wanted = set(slugs)
    found = db.execute("SELECT rowid, slug FROM entries").fetchall() if slugs else []
    rowids = [rowid for rowid, slug in found if slug in wanted]
    old_terms = postings.terms_of(db, rowids, _weights())
    db.executemany("DELETE FROM entries WHERE rowid = ?", [(r,) for r in rowids])
    db.executemany("DELETE FROM terms WHERE slug = ?", [(s,) for s in slugs])
    empty = db.execute("SELECT rowid FROM entries LIMIT 1").fetchone() is None
    first = postings.next_rowid(db)
    db.executemany(
        "INSERT INTO entries(rowid, slug, title, aliases, summary, body) VALUES (?, ?, ?, ?, ?, ?)",
        [
            (first + i, e.slug, e.title, "; ".join(e.aliases), e.summary, e.body)
            for i, e in enumerate(entries)
        ],
    )
    db.executemany(
        "INSERT OR IGNORE INTO terms VALUES (?, ?)",
        [(_key(t), e.slug) for e in entries for t in (e.title, *e.aliases)],
    )
    added = list(range(first, first + len(entries)))
    if empty and entries:
        postings.add_all(db, _weights())
    else:
        postings.change(db, rowids, old_terms, added, _weights())


def set_count(db: sqlite3.Connection, count: int) -> None:
    db.execute("INSERT OR REPLACE INTO meta VALUES ('count', ?)", (str(count),))


def _key(text: str) -> str:
    return " ".join(WORDS.findall(fold(text)))


def match_expression(query: str, *, any_term: bool = False) -> str | None:
    """A safe FTS5 MATCH string: each word quoted, prefix-matched; None if no words at all.

    Only runs of letters and digits survive, so FTS5 operators, quotes, column filters and
    parentheses in the user's text are never interpreted as syntax.
    """
    words = WORDS.findall(query[:MAX_QUERY_CHARS])[:MAX_QUERY_TERMS]
    return _match(words, any_term) if words else None


def query_index(db_path: Path, query: str, limit: int = 20) -> list[Hit]:
    """Search `search.sqlite`; any input gives results or an empty list, never an exception.

    All words must match; if none does, any word may. An exact title or alias match comes
    first, then bm25 with titles and aliases weighted above the summary and body.
    """
    try:
        return _query(db_path, str(query), max(1, min(int(limit), MAX_LIMIT)))
    except (sqlite3.Error, OSError, ValueError, TypeError, OverflowError) as exc:
        log.warning("search query %r failed: %s", str(query)[:80], exc)
        return []


_EXACT = "SELECT slug FROM terms WHERE term IN (?, ?, ?)"
_RANKED = """
SELECT slug, title, summary, body, rank
FROM entries WHERE entries MATCH ? ORDER BY rank LIMIT ?
"""
"""Weighted bm25 is stored as the table's rank, so FTS5 sorts by it without computing
anything else for the rows it drops; snippets are made only for the rows returned."""
NAME_COLUMNS = "{title aliases}: "
"""First tier: matches in titles and aliases only, cheap even when a word is everywhere."""


def _query(db_path: Path, query: str, limit: int) -> list[Hit]:
    if not db_path.is_file():
        return []
    uri = db_path.resolve().as_uri() + "?mode=ro&immutable=1"
    with closing(sqlite3.connect(uri, uri=True)) as db:
        return query_db(db, query, limit)


def query_db(db: sqlite3.Connection, query: str, limit: int) -> list[Hit]:
    """`query_index` over an open index (the preview server keeps its index in memory)."""
    words = WORDS.findall(query[:MAX_QUERY_CHARS])[:MAX_QUERY_TERMS]
    if not words:
        return []
    key = _key(query[:MAX_QUERY_CHARS])
    variants = (key, key[:-1] if key.endswith("s") else key + "s", key + "es")
    exact = {slug for (slug,) in db.execute(_EXACT, variants)}
    rows = _run(db, words, False, exact, limit)
    if not rows and len(words) > 1:
        rows = _run(db, words, True, exact, limit)
    return [
        Hit(slug, title, summary, snippet(body, words, (title, summary)), float(f"{-rank:.6g}"))
        for slug, title, summary, body, rank in rows
    ]


Row = tuple[str, str, str, str, float]
"""slug, title, summary, body and FTS5 rank (lower is better) of one matching article."""


def _run(
    db: sqlite3.Connection, words: list[str], any_term: bool, exact: set[str], limit: int
) -> list[Row]:
    """Exact title or alias matches first, then by rank; body matches only fill the rest."""
    want = limit + len(exact)
    found = _ranked(db, words, any_term, True, want)
    if len(found) < want:
        found = _ranked(db, words, any_term, False, want)
    found.sort(key=lambda r: (r[0] not in exact, r[4], r[0]))
    return found[:limit]


def _ranked(
    db: sqlite3.Connection, words: list[str], any_term: bool, names: bool, want: int
) -> list[Row]:
    """The top `want` rows by rank: from the postings when they can answer exactly, else
    from FTS5 (an index written before postings existed, or a word FTS5 splits in two)."""
    try:
        fast = bm25.ranked(db, words, _weights(), any_term=any_term, names=names, want=want)
    except (sqlite3.Error, ValueError, IndexError, TypeError) as exc:
        log.warning("search postings unreadable, using FTS5 ranking: %s", exc)
        fast = None
    if fast is not None:
        return _rows_by_id(db, fast)
    match = _match(words, any_term)
    return _fts5_ranked(db, (NAME_COLUMNS + f"({match})") if names else match, want)


def _fts5_ranked(db: sqlite3.Connection, match: str, want: int) -> list[Row]:
    return db.execute(_RANKED, (match, want)).fetchall()


def _match(words: list[str], any_term: bool) -> str:
    joiner = " OR " if any_term else " "
    # One-letter prefixes have no prefix index and would scan every term in the index.
    return joiner.join(f'"{w}"*' if len(w) > 1 else f'"{w}"' for w in words)


def _rows_by_id(db: sqlite3.Connection, ranked: bm25.Ranked) -> list[Row]:
    """Fetch only the rows that will be shown, with the ranks the postings gave them."""
    if not ranked:
        return []
    rank = dict(ranked)
    marks = ", ".join("?" * len(ranked))
    sql = f"SELECT rowid, slug, title, summary, body FROM entries WHERE rowid IN ({marks})"
    found = db.execute(sql, list(rank)).fetchall()
    return [
        (slug, title, summary, body, rank[rowid]) for rowid, slug, title, summary, body in found
    ]


# -- Pagefind ----------------------------------------------------------------------------------


def run_pagefind(site: Path, entries: list[Entry], locale: str) -> list[str]:
    """Index the built pages, plus one short page of names per term; returns files written.

    The name pages carry each title and its aliases, so a search for an alias such as
    "brain plasticity" finds a short, dense record that outranks long pages merely
    mentioning both words; they share the article's URL and the site script folds them.
    They are written to a temporary folder, indexed in one request and never published:
    the Python API answers one request per polling tick, so per-record calls would cost
    a tenth of a second per article.
    """
    from pagefind.index import IndexConfig, PagefindIndex

    out = site / PAGEFIND_DIR
    language = locale.lower()

    async def index(names: Path) -> None:
        config: IndexConfig = {
            "output_path": str(out),
            "force_language": language,
            "exclude_selectors": list(PAGEFIND_EXCLUDE),
        }
        async with PagefindIndex(config=config) as pf:
            await pf.add_directory(str(site), glob="**/*.html")
            await pf.add_directory(str(names), glob="**/*.html")

    with tempfile.TemporaryDirectory(prefix="mindlex-names-") as tmp:
        for e in entries:
            page = Path(tmp) / e.slug / "index.html"
            page.parent.mkdir(parents=True, exist_ok=True)
            page.write_text(_names_page(e, locale), encoding="utf-8")
        _run_coroutine(index(Path(tmp)))
    return sorted(p.relative_to(site).as_posix() for p in _files(out))


def _names_page(entry: Entry, locale: str) -> str:
    def attr(text: str) -> str:
        return html.escape(text, quote=True)

    names = ". ".join(html.escape(n) for n in (entry.title, *entry.aliases))
    return (
        f'<!doctype html><html lang="{attr(locale)}"><head><title>{attr(entry.title)}'
        f"</title></head><body><div data-pagefind-body>{names}</div>"
        f'<span data-pagefind-meta="title">{html.escape(entry.title)}</span>'
        f'<span data-pagefind-meta="summary">{html.escape(entry.summary)}</span>'
        '<span data-pagefind-meta="kind">term</span></body></html>'
    )


def _files(folder: Path) -> Iterator[Path]:
    return (p for p in folder.rglob("*") if p.is_file())


def _run_coroutine(coro: Coroutine[Any, Any, None]) -> None:
    """Run `coro` to the end, in a fresh thread if this one already has an event loop."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        asyncio.run(coro)
        return
    failure: list[BaseException] = []

    def target() -> None:
        try:
            asyncio.run(coro)
        except BaseException as exc:  # handed back to the caller's thread below
            failure.append(exc)

    worker = threading.Thread(target=target, name="mindlex-pagefind")
    worker.start()
    worker.join()
    if failure:
        raise failure[0]
