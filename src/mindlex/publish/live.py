"""The site kept in memory: the preview server's model of the glossary and its pages.

`refresh` re-reads what changed (files a watcher named, or whose stat moved), then redoes
the cheap whole-glossary steps (graph, publication plan, dependency digests) and only the
costly per-article ones whose inputs changed (parsing, review state, lint, search rows).
Pages are rendered when asked for, and kept with the digest of their inputs
(`mindlex.publish.deps`), so a page is the bytes a clean build with the same options writes.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import HttpUrl

import mindlex
from mindlex.config import Config, load_config
from mindlex.diagnostic import Diagnostic
from mindlex.engine.memo import Table, digest
from mindlex.glossary import Glossary
from mindlex.lint.runner import lint_glossary
from mindlex.loader import ParseMemo, load_glossary, stat_of
from mindlex.model import Article
from mindlex.publish import site
from mindlex.publish.deps import TermDeps, article_page_key, lint_keys, listing_key
from mindlex.publish.livesearch import LiveIndex
from mindlex.publish.pipeline import BuildOptions, BuildResult, Plan, plan_publication
from mindlex.publish.search import entry_of
from mindlex.render.termlinks import TermIndex
from mindlex.render.view import ReviewLike
from mindlex.review.ledger import ledger_path, read_ledger
from mindlex.review.status import ReviewData, ReviewState, load_review_data, state_of

LISTING_DIRS = frozenset({"a-z", "categories", "search"})
"""Top-level folders of listing pages: these win over an article with the same slug, as
the listing is written after the articles in a build."""


@dataclass(frozen=True)
class Snapshot:
    """One consistent state of the glossary; requests read one snapshot from start to end."""

    glossary: Glossary
    plan: Plan
    today: dt.date
    base: str
    """Digest of the configuration, the theme, the date and the preview options."""
    terms: TermIndex | None
    deps: TermDeps | None
    articles: dict[str, Article]
    """Output file of an article page or API document -> its article."""
    retired: frozenset[str]


@dataclass
class Refresh:
    """What one refresh found: the build-like result, what blocks the preview, what moved."""

    result: BuildResult
    changed_pages: list[str] | None
    """URL paths of pages served before whose bytes may now differ; None means any page."""


@dataclass
class LiveSite:
    """The glossary at `root`, served from memory with preview options (drafts, reload)."""

    root: Path
    base_url: str | None = None
    today: Callable[[], dt.date] = dt.date.today
    snapshot: Snapshot | None = None
    parsed: ParseMemo = field(default_factory=ParseMemo)
    reviews: Table[ReviewState] = field(default_factory=lambda: Table("review"))
    findings: Table[list[Diagnostic]] = field(default_factory=lambda: Table("lint"))
    pages: Table[tuple[bytes, bytes]] = field(default_factory=lambda: Table("article page"))
    listing: Table[dict[str, bytes]] = field(default_factory=lambda: Table("listing"))
    term_index: Table[TermIndex | None] = field(default_factory=lambda: Table("terms"))
    term_deps: Table[TermDeps] = field(default_factory=lambda: Table("term deps"))
    search: LiveIndex = field(default_factory=LiveIndex)
    touched: dict[Path, int] = field(default_factory=dict)

    def options(self) -> BuildOptions:
        """The build a page must equal: drafts shown, live reload on, no Pagefind."""
        return BuildOptions(Path("."), draft=True, live_reload=True, pagefind=False)

    def config(self) -> Config:
        config = load_config(self.root)
        if self.base_url is None:
            return config
        shown = config.site.model_copy(update={"base_url": HttpUrl(self.base_url)})
        return config.model_copy(update={"site": shown})

    def refresh(self, changed: frozenset[Path] = frozenset()) -> Refresh:
        """Bring the snapshot up to date; raises ConfigError for a broken mindlex.toml."""
        for path in changed:
            self.touched[path] = self.touched.get(path, 0) + 1
        result = BuildResult()
        start = time.perf_counter()
        config = self.config()
        today = self.today()
        base = digest("live", config.model_dump_json(), theme_digest(), today)
        loaded = load_glossary(config, memo=self.parsed, changed=changed)
        glossary = loaded.glossary
        result.glossary, result.parsed = glossary, loaded.parsed
        result.diagnostics.extend(loaded.diagnostics)
        result.timings["load"] = time.perf_counter() - start
        reviews = self._review_states(glossary, today)
        result.timings["review"] = time.perf_counter() - start
        result.diagnostics.extend(self._lint(base, glossary, config, reviews, today))
        result.diagnostics.sort(key=Diagnostic.sort_key)
        result.timings["lint"] = time.perf_counter() - start
        plan = plan_publication(glossary, result, dict(reviews), self.options())
        held = {a.path for slug in result.withheld if (a := glossary.get(slug)) is not None}
        result.blocking = [d for d in result.errors if d.span.path not in held]
        result.published = [a.slug for a in plan.articles]
        snapshot = self._snapshot(glossary, plan, today, base)
        self.search.update([entry_of(a) for a in plan.articles])
        result.timings["plan"] = time.perf_counter() - start
        before = self.snapshot
        self.snapshot = snapshot
        moved = self._changed_pages(before, snapshot)
        result.timings["total"] = time.perf_counter() - start
        result.written = result.ok = True
        return Refresh(result, moved)

    # -- per-article stages, each memoised by the digest of its inputs ---------------------

    def _review_states(self, glossary: Glossary, today: dt.date) -> dict[str, ReviewLike]:
        """Review state per article: its content, references, ledger and the reviewers."""
        data = load_review_data(glossary)
        config = glossary.config
        reviewers = stat_of(config.root / "reviewers.toml")
        bibliography = _bibliography_digest(glossary)
        states: dict[str, ReviewLike] = {}
        for article in glossary.live:
            ledger = ledger_path(config.root, article.slug)
            key = digest(
                today,
                config.review.interval_months,
                reviewers,
                self.touched.get(config.root / "reviewers.toml", 0),
                bibliography,
                str(article.path),
                article.sha256,
                stat_of(ledger),
                self.touched.get(ledger, 0),
            )
            states[article.slug] = self.reviews.get(
                article.slug, key, _review_of(data, glossary, article, today)
            )
        self.reviews.retain(states)
        return states

    def _lint(
        self,
        base: str,
        glossary: Glossary,
        config: Config,
        reviews: dict[str, ReviewLike],
        today: dt.date,
    ) -> list[Diagnostic]:
        """Lint the articles whose findings' inputs changed; reuse the others' findings."""
        keys = lint_keys(base, glossary, reviews, today)
        stale = [slug for slug, key in keys.items() if self.findings.key_of(slug) != key]
        fresh = lint_glossary(glossary, config, review=reviews, today=today, only=stale)
        owner = {glossary.articles[slug].path: slug for slug in stale}
        grouped: dict[str, list[Diagnostic]] = {slug: [] for slug in stale}
        placed = True
        for d in fresh:
            slug = owner.get(d.span.path)
            if slug is None:
                placed = False
                break
            grouped[slug].append(d)
        found: list[Diagnostic] = []
        if placed:
            for slug, diags in grouped.items():
                self.findings.put(slug, keys[slug], diags)
        else:
            for slug in stale:  # a finding outside its article: keep none of them
                self.findings.entries.pop(slug, None)
            found.extend(fresh)
        self.findings.retain(keys)
        for _key, diags in self.findings.entries.values():
            found.extend(diags)
        return found

    def _snapshot(self, glossary: Glossary, plan: Plan, today: dt.date, base: str) -> Snapshot:
        terms_in = [(t, a.slug) for t, a in glossary.terms(plan.published)]
        mode = glossary.config.site.term_links
        terms_key = digest(mode, terms_in)
        terms = self.term_index.get("terms", terms_key, lambda: site.term_index(glossary, plan))
        deps: TermDeps | None = None
        if terms is not None:
            summaries = [(slug, a.summary) for slug, a in glossary.articles.items()]
            index = terms
            deps = self.term_deps.get(
                "deps", digest(terms_key, summaries), lambda: TermDeps.build(index, glossary)
            )
        articles: dict[str, Article] = {}
        for article in plan.articles:
            articles[f"{article.slug}/index.html"] = article
            articles[f"api/articles/{article.slug}.json"] = article
        retired = frozenset(a.slug for a in plan.retired)
        return Snapshot(glossary, plan, today, base, terms, deps, articles, retired)

    # -- pages ---------------------------------------------------------------------------

    def page(self, rel: str) -> bytes | None:
        """The bytes of output file `rel` (`slug/index.html`, `feed.xml`...), or None."""
        snap = self.snapshot
        if snap is None:
            return None
        if rel.startswith("assets/"):
            return self._assets(snap).get(rel)
        top = rel.split("/", 1)[0]
        article = snap.articles.get(rel)
        if article is not None and top not in LISTING_DIRS and top not in snap.retired:
            html, doc = self._article(snap, article)
            return html if rel.endswith(".html") else doc
        return self._listing(snap).get(rel)

    def _article(self, snap: Snapshot, article: Article) -> tuple[bytes, bytes]:
        key = self._page_key(snap, article)

        def render() -> tuple[bytes, bytes]:
            renderer = site.article_renderer(snap.glossary, snap.plan, snap.terms, True)
            html, doc = renderer.render(article)
            return html.encode("utf-8"), doc.encode("utf-8")

        return self.pages.get(article.slug, key, render)

    def _page_key(self, snap: Snapshot, article: Article) -> str:
        plan = snap.plan
        flags = (article.slug in plan.drafts, article.slug in plan.noindex)
        review = plan.reviews.get(article.slug)
        return article_page_key(
            snap.base, snap.glossary, article, review, flags, snap.deps, plan.published
        )

    def _listing(self, snap: Snapshot) -> dict[str, bytes]:
        key = listing_key(snap.base, snap.plan, snap.today)
        return self.listing.get(
            "listing",
            key,
            lambda: site.listing_files(snap.glossary, snap.plan, snap.today, True),
        )

    def _assets(self, snap: Snapshot) -> dict[str, bytes]:
        return self.listing.get("assets", snap.base, site.asset_files)

    def _changed_pages(self, before: Snapshot | None, after: Snapshot) -> list[str] | None:
        """Pages rendered before whose inputs moved: the ones an open browser must reload."""
        if before is None or before.base != after.base:
            return None
        if before.articles.keys() != after.articles.keys():
            return None
        moved: list[str] = []
        old_listing = self.listing.key_of("listing")
        if old_listing is not None and old_listing != listing_key(
            after.base, after.plan, after.today
        ):
            moved.extend(_url(rel) for rel in self.listing.entries["listing"][1])
        for slug in list(self.pages.entries):
            article = after.glossary.get(slug)
            if article is None or self.pages.key_of(slug) != self._page_key(after, article):
                moved.append(_url(f"{slug}/index.html"))
        return sorted(set(moved))


def _review_of(
    data: ReviewData, glossary: Glossary, article: Article, today: dt.date
) -> Callable[[], ReviewState]:
    def compute() -> ReviewState:
        ledger = read_ledger(glossary.config.root, article.slug)
        return state_of(data, glossary, article, ledger, today)

    return compute


def _url(rel: str) -> str:
    """`slug/index.html` -> `/slug/`, `feed.xml` -> `/feed.xml`."""
    if rel == "index.html":
        return "/"
    if rel.endswith("/index.html"):
        return "/" + rel[: -len("index.html")]
    return "/" + rel


def _bibliography_digest(glossary: Glossary) -> str:
    return digest(
        sorted(
            json.dumps(r.canonical(), sort_keys=True, default=str)
            for r in glossary.bibliography.values()
        )
    )


def theme_digest() -> str:
    """The package's templates and static files as they are now (they may be edited while
    the preview runs; the code fingerprint is computed once per process)."""
    h = hashlib.sha256()
    package = Path(mindlex.__file__).resolve().parent
    for folder in ("templates", "static"):
        for path in sorted((package / folder).rglob("*")):
            if path.is_file():
                h.update(path.relative_to(package).as_posix().encode())
                h.update(path.read_bytes())
    return h.hexdigest()
