"""The site kept in memory: the preview server's model of the glossary and its pages.

`refresh` re-reads what changed (files a watcher named, or whose stat moved), then redoes
the cheap whole-glossary steps (graph, publication plan, dependency digests) and only the
costly per-article ones whose inputs changed (parsing, review state, lint, search rows).
Pages are rendered when asked for, and kept with the digest of their inputs
(`mindlex.publish.deps`), so a page is the bytes a clean build with the same options writes.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

from pydantic import HttpUrl

from mindlex.config import Config, load_config
from mindlex.engine.memo import Table, digest
from mindlex.glossary import Glossary
from mindlex.lint.readability import warm_up
from mindlex.loader import ParseMemo, load_glossary, stat_of
from mindlex.model import Article
from mindlex.parsecache import ParseCache, cache_root
from mindlex.publish import site
from mindlex.publish.deps import (
    TermDeps,
    article_page_key,
    bibliography_digest,
    front_matter_row,
    listing_key,
    shown_review,
    theme_digest,
)
from mindlex.publish.livelint import STORE as LINT_STORE
from mindlex.publish.livelint import LiveLint, Moves, lint_base
from mindlex.publish.livelisting import ListingPages
from mindlex.publish.livesearch import LiveIndex
from mindlex.publish.livestore import SAVE_AFTER, StoredTable
from mindlex.publish.liveterms import LiveTerms
from mindlex.publish.pipeline import BuildOptions, BuildResult, Plan, plan_publication
from mindlex.publish.search import Entry, entry_of
from mindlex.publish.snapshot import Clock, Refresh, Snapshot, kept, review_of, url_of
from mindlex.render.termlinks import TermIndex
from mindlex.render.view import ReviewLike
from mindlex.review.crisis import crisis_content
from mindlex.review.ledger import ledger_path
from mindlex.review.status import ReviewData, ReviewState

LISTING_DIRS = frozenset({"a-z", "categories", "search"})
"""Top-level folders of listing pages: these win over an article with the same slug, as
the listing is written after the articles in a build."""


@dataclass
class LiveSite:
    """The glossary at `root`, served from memory with preview options (drafts, reload).

    Every derived value sits in an engine table with the inputs it came from; an unchanged
    article is the same object from one refresh to the next, so most lookups end at an
    identity check, and a value whose inputs did change is recomputed only if the digest of
    those inputs moved.
    """

    root: Path
    base_url: str | None = None
    today: Callable[[], dt.date] = dt.date.today
    snapshot: Snapshot | None = None
    parsed: ParseMemo = field(default_factory=ParseMemo)
    reviews: Table[ReviewState] = field(default_factory=lambda: Table("review"))
    lint: LiveLint = field(default_factory=LiveLint)
    pages: Table[tuple[bytes, bytes]] = field(default_factory=lambda: Table("article page"))
    listing: Table[ListingPages] = field(default_factory=lambda: Table("listing"))
    assets: Table[dict[str, bytes]] = field(default_factory=lambda: Table("assets"))
    term_index: Table[tuple[TermIndex | None, TermDeps | None]] = field(
        default_factory=lambda: Table("terms")
    )
    live_terms: LiveTerms = field(default_factory=LiveTerms)
    search: LiveIndex = field(default_factory=LiveIndex)
    touched: dict[Path, int] = field(default_factory=dict)
    """How often a watcher named each file: part of the inputs read through it."""
    _rows: dict[str, tuple[Article, str]] = field(default_factory=dict)
    """Slug -> the article and the digest of its front-matter row."""
    _front_matter: str = ""
    _reviews_seen: int = 0
    _config_json: str = ""
    _sources: tuple[str, int] = ("", 0)
    _paths: list[Path] | None = None
    _ledgers: dict[str, Path] = field(default_factory=dict)
    _moved: set[str] = field(default_factory=set)
    """Slugs whose article is a new object since the last refresh."""
    _gone: set[str] = field(default_factory=set)
    _fronts: dict[str, Article | None] = field(default_factory=dict)
    """Slug -> its article before, for articles whose front-matter row moved (`Moves`)."""
    _slugs_moved: bool = True
    _reviewed: set[str] | None = None
    """Slugs whose review state the last refresh computed again; None for all."""
    _states: dict[str, ReviewLike] | None = None
    _review_inputs: tuple[object, ...] = ()
    _review_store: StoredTable | None = None
    _entries: dict[str, tuple[Article, Entry]] = field(default_factory=dict)

    def review_states(self) -> dict[str, ReviewLike]:
        """The review state of every article as of the last refresh (empty before one)."""
        return dict(self._states or {})

    def options(self) -> BuildOptions:
        """The build a page must equal: drafts shown, live reload on, no Pagefind."""
        return BuildOptions(Path("."), draft=True, live_reload=True, pagefind=False)

    def config(self) -> Config:
        config = load_config(self.root)
        if self.base_url is None:
            return config
        shown = config.site.model_copy(update={"base_url": HttpUrl(self.base_url)})
        return config.model_copy(update={"site": shown})

    def refresh(self, changed: frozenset[Path] = frozenset(), complete: bool = False) -> Refresh:
        """Bring the snapshot up to date; raises ConfigError for a broken mindlex.toml.

        `changed` names files known to have changed; `complete` says it names all of them
        (a file watcher's report), so other files are not even looked at.
        """
        changed = frozenset(p.resolve() for p in changed)
        for path in changed:
            self.touched[path] = self.touched.get(path, 0) + 1
        result = BuildResult()
        clock = Clock(result)
        config = self.config()
        today = self.today()
        config_json = config.model_dump_json()
        # A watcher's list stays complete across a config edit unless the edit moves where
        # articles are read from or how: every other setting reaches a value by its key.
        sources = (str(config.content_root), config.site.max_file_bytes)
        complete = complete and bool(self._config_json) and sources == self._sources
        self._config_json, self._sources = config_json, sources
        base = digest("live", config_json, theme_digest(), today)
        paths = self._paths if complete and self._discovery_holds(changed) else None
        # A start (nothing in memory yet) reads what earlier runs stored on disk.
        starting = not self.parsed.entries
        disk = ParseCache.open(self.root) if starting else None
        if starting:
            self.lint.load(self._findings_file())
            self._review_store = StoredTable(self._store("preview-review"), "preview-review")
            self._review_store.load(self.reviews, ReviewState)
        loaded = load_glossary(
            config, cache=disk, memo=self.parsed, changed=changed, complete=complete, paths=paths
        )
        if disk is not None:
            disk.save()
            disk = None  # its records are read: let them go before the next stages
        self._paths = loaded.paths
        glossary = loaded.glossary
        result.glossary, result.parsed = glossary, loaded.parsed
        front = self._front(glossary)
        bibliography = bibliography_digest(glossary)
        clock("load")
        reviews = self._review_states(glossary, today, bibliography, complete, changed)
        if self._review_store is not None:
            self._review_store.save(self.reviews, force=starting)
        clock("review")
        lint_key = lint_base(config, today)
        moves = Moves(self._moved, self._reviewed, self._fronts, self._slugs_moved)
        self.lint.update(glossary, config, reviews, today, lint_key, bibliography, front, moves)
        result.diagnostics = self.lint.sorted_with(loaded.diagnostics)
        self.lint.save(self._findings_file(), force=starting)
        if starting:
            warm_up()  # the syllable dictionary, so the first save is not the slow one
        clock("lint")
        plan = plan_publication(glossary, result, dict(reviews), self.options())
        held = {a.path for slug in result.withheld if (a := glossary.get(slug)) is not None}
        result.blocking = [d for d in result.errors if d.span.path not in held]
        result.published = [a.slug for a in plan.articles]
        before = self.snapshot
        snapshot = self._snapshot(before, glossary, plan, today, base, bibliography, front)
        stored_index = starting and self.search.load(cache_root(self.root))
        rewritten = self.search.update([self._entry(a) for a in plan.articles])
        if starting and rewritten and (not stored_index or rewritten > SAVE_AFTER):
            self.search.save(cache_root(self.root))
        clock("plan")
        self.snapshot = snapshot
        moved = self._changed_pages(before, snapshot)
        clock("pages")
        result.timings["total"] = clock.total()
        result.written = result.ok = True
        return Refresh(result, moved)

    def _entry(self, article: Article) -> Entry:
        """The search entry of an article, the same object while the article is."""
        found = self._entries.get(article.slug)
        if found is not None and found[0] is article:
            return found[1]
        entry = entry_of(article)
        self._entries[article.slug] = (article, entry)
        return entry

    def _findings_file(self) -> Path:
        return self._store(LINT_STORE)

    def _store(self, name: str) -> Path:
        return cache_root(self.root) / f"{name}.bin"

    def _discovery_holds(self, changed: frozenset[Path]) -> bool:
        """True if no file named was added or removed, so the article list is unchanged."""
        known = set(self._paths or ())
        for path in changed:
            if not path.is_file() or (path.suffix == ".md" and path not in known):
                return False
        return self._paths is not None

    def _front(self, glossary: Glossary) -> str:
        """Digest of every article's front matter, made of one digest per row: an article
        whose row did not change keeps its row's digest, so only changed rows are hashed."""
        rows: dict[str, tuple[Article, str]] = {}
        self._moved, self._fronts = set(), {}
        for slug, article in glossary.articles.items():
            old = self._rows.get(slug)
            if old is not None and old[0] is article:
                rows[slug] = old
                continue
            self._moved.add(slug)
            row = digest(front_matter_row(article))
            if old is not None and old[1] == row:
                rows[slug] = (article, old[1])
                continue
            rows[slug] = (article, row)
            self._fronts[slug] = old[0] if old is not None else None
        self._gone = {slug for slug in self._rows if slug not in rows}
        self._fronts.update((slug, self._rows[slug][0]) for slug in self._gone)
        for slug in self._gone:
            self._entries.pop(slug, None)
        self._slugs_moved = list(rows) != list(self._rows)
        if self._fronts or not self._front_matter or self._slugs_moved:
            self._front_matter = digest("\n".join(row for _a, row in rows.values()))
        self._rows = rows
        return self._front_matter

    # -- per-article stages, each memoised by its inputs ---------------------------------

    def _review_states(
        self,
        glossary: Glossary,
        today: dt.date,
        bibliography: str,
        complete: bool,
        changed: frozenset[Path],
    ) -> dict[str, ReviewLike]:
        """Review state per article: its content, references, ledger, the reviewers and
        the crisis help the fingerprint covers."""
        config = glossary.config
        people = config.root / "reviewers.toml"
        shared = (
            today,
            config.review.interval_months,
            stat_of(people),
            self.touched.get(people, 0),
            bibliography,
            digest(crisis_content(config)),
        )
        data: list[ReviewData] = []
        if complete and self._states is not None and shared == self._review_inputs:
            # Only articles that are new objects, or whose ledger a watcher named, can move.
            states = dict(self._states)
            for slug in self._gone:
                states.pop(slug, None)
            ledgers = {path: slug for slug, path in self._ledgers.items()}
            todo = self._moved | {ledgers[p] for p in changed if p in ledgers}
            articles = [a for slug in sorted(todo) if (a := glossary.get(slug)) is not None]
            self._reviewed = todo
        else:
            states = {}
            articles = glossary.live
            self._reviewed = None
        for article in articles:
            if article.status == "retired":
                states.pop(article.slug, None)
                continue
            states[article.slug] = self._review(data, glossary, article, today, shared, complete)
        self.reviews.retain(states)
        self._states, self._review_inputs = states, shared
        return states

    def _review(
        self,
        data: list[ReviewData],
        glossary: Glossary,
        article: Article,
        today: dt.date,
        shared: tuple[object, ...],
        complete: bool,
    ) -> ReviewLike:
        ledger = self._ledgers.get(article.slug)
        if ledger is None:
            ledger = self._ledgers[article.slug] = ledger_path(glossary.config.root, article.slug)
        seen = self.touched.get(ledger, 0) if complete else stat_of(ledger)
        old = self.reviews.entries.get(article.slug)
        state = self.reviews.get_same(
            article.slug,
            (*shared, article, seen),
            partial(self._review_key, shared, article, ledger),
            review_of(data, glossary, article, today),
        )
        if old is None or (old[1] is not state and shown_review(old[1]) != shown_review(state)):
            self._reviews_seen += 1  # what pages show of a review changed
        return state

    def _review_key(self, shared: tuple[object, ...], article: Article, ledger: Path) -> str:
        touched = self.touched.get(ledger, 0)
        return digest(shared, str(article.path), article.sha256, stat_of(ledger), touched)

    def _snapshot(
        self,
        before: Snapshot | None,
        glossary: Glossary,
        plan: Plan,
        today: dt.date,
        base: str,
        bibliography: str,
        front: str,
    ) -> Snapshot:
        published = kept(before.published if before else None, plan.published)
        drafts = kept(before.drafts if before else None, frozenset(plan.drafts))
        noindex = kept(before.noindex if before else None, frozenset(plan.noindex))
        mode = glossary.config.site.term_links
        terms, deps = self.term_index.get_same(
            "terms",
            (mode, front, published),
            lambda: digest(mode, front, sorted(published)),
            lambda: self._terms(glossary, mode, published),
        )
        if before is not None and before.published is published:
            articles = before.articles
        else:
            articles = {}
            for slug in sorted(published):
                articles[f"{slug}/index.html"] = slug
                articles[f"api/articles/{slug}.json"] = slug
        retired = frozenset(a.slug for a in plan.retired)
        return Snapshot(
            glossary,
            plan,
            today,
            base,
            terms,
            deps,
            published,
            drafts,
            noindex,
            articles,
            retired,
            bibliography,
            front,
            self._reviews_seen,
        )

    def _terms(
        self, glossary: Glossary, mode: str, published: frozenset[str]
    ) -> tuple[TermIndex | None, TermDeps | None]:
        """The term index and its dependencies, updated by the articles whose front
        matter moved since the last refresh (`liveterms`); none when term links are off."""
        if mode == "off":
            self.live_terms = LiveTerms()
            return None, None
        return self.live_terms.update(glossary, published, self._fronts.values())

    # -- pages ---------------------------------------------------------------------------

    def page(self, rel: str) -> bytes | None:
        """The bytes of output file `rel` (`slug/index.html`, `feed.xml`...), or None."""
        snap = self.snapshot
        if snap is None:
            return None
        if rel.startswith("assets/"):
            return self._assets(snap).get(rel)
        top = rel.split("/", 1)[0]
        slug = snap.articles.get(rel)
        article = snap.glossary.get(slug) if slug is not None else None
        if article is not None and top not in LISTING_DIRS and top not in snap.retired:
            html, doc = self._article(snap, article)
            return html if rel.endswith(".html") else doc
        return self._listing(snap, rel).get(rel)

    def _article(self, snap: Snapshot, article: Article) -> tuple[bytes, bytes]:
        def render() -> tuple[bytes, bytes]:
            renderer = site.article_renderer(snap.glossary, snap.plan, snap.terms, True)
            html, doc = renderer.render(article)
            return html.encode("utf-8"), doc.encode("utf-8")

        return self.pages.get_same(
            article.slug,
            self._page_inputs(snap, article),
            lambda: self._page_key(snap, article),
            render,
        )

    def _page_inputs(self, snap: Snapshot, article: Article) -> tuple[object, ...]:
        related = tuple(snap.glossary.get(slug) for slug in article.related)
        return (
            snap.base,
            article,
            snap.plan.reviews.get(article.slug),
            article.slug in snap.drafts,
            article.slug in snap.noindex,
            snap.deps,
            snap.published,
            snap.bibliography,
            *related,
        )

    def _page_key(self, snap: Snapshot, article: Article) -> str:
        flags = (article.slug in snap.drafts, article.slug in snap.noindex)
        review = snap.plan.reviews.get(article.slug)
        return article_page_key(
            snap.base, snap.glossary, article, review, flags, snap.deps, snap.published
        )

    def _listing(self, snap: Snapshot, first: str) -> ListingPages:
        render = partial(site.listing_files, snap.glossary, snap.plan, snap.today, True)
        return self.listing.get_same(
            "listing",
            self._listing_inputs(snap),
            lambda: listing_key(snap.base, snap.plan, snap.today),
            lambda: ListingPages.start(render, first),
        )

    def _listing_inputs(self, snap: Snapshot) -> tuple[object, ...]:
        return (
            snap.base,
            snap.today,
            snap.front_matter,
            snap.reviews_seen,
            snap.drafts,
            snap.noindex,
        )

    def _assets(self, snap: Snapshot) -> dict[str, bytes]:
        return self.assets.get("assets", snap.base, site.asset_files)

    def _changed_pages(self, before: Snapshot | None, after: Snapshot) -> list[str] | None:
        """Pages rendered before whose inputs moved: the ones an open browser must reload."""
        if before is None or before.base != after.base:
            return None
        if before.articles is not after.articles and before.articles != after.articles:
            return None
        moved: list[str] = []
        if "listing" in self.listing.entries:
            key = self.listing.stale_key(
                "listing",
                self._listing_inputs(after),
                lambda: listing_key(after.base, after.plan, after.today),
            )
            if key is not None:
                moved.extend(url_of(rel) for rel in self.listing.entries["listing"][1].names())
        for slug in list(self.pages.entries):
            article = after.glossary.get(slug)
            if article is None:
                moved.append(url_of(f"{slug}/index.html"))
                continue
            key = self.pages.stale_key(
                slug,
                self._page_inputs(after, article),
                partial(self._page_key, after, article),
            )
            if key is not None:
                moved.append(url_of(f"{slug}/index.html"))
        return sorted(set(moved))
