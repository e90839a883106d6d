"""`build(config) -> BuildResult`: the stages in order, each one timed, nothing hidden."""

from __future__ import annotations

import datetime as dt
import gc
import logging
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from mindlex.ask.index import ASK_DB
from mindlex.config import Config
from mindlex.diagnostic import Diagnostic, Severity
from mindlex.glossary import Glossary
from mindlex.lint.runner import lint_glossary
from mindlex.loader import load_glossary
from mindlex.model import Article
from mindlex.publish import search, site
from mindlex.publish.askindex import write_ask
from mindlex.publish.cache import Session
from mindlex.publish.writer import SiteWriter
from mindlex.render.view import ReviewLike
from mindlex.review.fingerprint import Memo as FingerprintMemo

log = logging.getLogger(__name__)

Progress = Callable[[str, int, int], None]

LATER = (search.SEARCH_DB, ASK_DB, f"{search.PAGEFIND_DIR}/")
"""Files the stages after rendering write or carry over themselves."""


@dataclass(frozen=True)
class BuildOptions:
    out: Path
    draft: bool = False
    """Publish articles with error findings (and `status: draft`) under a draft banner."""
    today: dt.date | None = None
    live_reload: bool = False
    pagefind: bool = True
    """Run the Pagefind indexer over the built site (the slowest stage on large sites)."""
    progress: Progress | None = None
    cache: bool = True
    """Reuse parsed articles, findings and unchanged pages from `<root>/.mindlex-cache/`."""
    jobs: int | None = None
    """Worker processes for parsing, linting and rendering; None picks one per core."""


@dataclass
class BuildResult:
    diagnostics: list[Diagnostic] = field(default_factory=list)
    published: list[str] = field(default_factory=list)
    withheld: dict[str, str] = field(default_factory=dict)
    """Slug -> why the article was not published."""
    timings: dict[str, float] = field(default_factory=dict)
    ok: bool = False
    written: bool = False
    blocking: list[Diagnostic] = field(default_factory=list)
    """Errors in what would be published (errors in withheld drafts do not stop a build)."""
    glossary: Glossary | None = None
    parsed: int = 0
    """Article files parsed in this build (the others came from the cache)."""
    rendered: int = 0
    """Output files rendered in this build."""
    reused: int = 0
    """Output files carried over unchanged from the previous build."""

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.severity is Severity.ERROR]


@contextmanager
def _stage(result: BuildResult, name: str) -> Iterator[None]:
    start = time.perf_counter()
    yield
    result.timings[name] = time.perf_counter() - start


@contextmanager
def _few_collections() -> Iterator[None]:
    """Run the cyclic garbage collector less often while a build runs.

    A build allocates its glossary, records and findings and keeps them to the end; at
    10,000 articles the collector's passes over them were a quarter of an edit build's
    CPU time. Collections still happen, so garbage with cycles is still freed."""
    thresholds = gc.get_threshold()
    gc.set_threshold(max(thresholds[0], 50_000), *thresholds[1:])
    try:
        yield
    finally:
        gc.set_threshold(*thresholds)


def build(config: Config, options: BuildOptions) -> BuildResult:
    """Read everything, check it, render into staging, and swap only if all went well."""
    with _few_collections():
        return _build(config, options)


def _build(config: Config, options: BuildOptions) -> BuildResult:
    result = BuildResult()
    today = options.today or dt.date.today()
    with _stage(result, "check"):
        session = Session.open(config, options, today) if options.cache else None
        if session is not None and session.replay(result):
            return result
    with _stage(result, "load"):
        loaded = load_glossary(
            config, cache=session.parsed if session else None, jobs=options.jobs, trees=False
        )
        glossary = loaded.glossary
        result.glossary = glossary
        result.parsed = loaded.parsed
        result.diagnostics.extend(loaded.diagnostics)
    with _stage(result, "review"):
        memo = session.parsed.derived("fingerprint") if session is not None else None
        reviews = review_states(glossary, today, memo)
    early: site.EarlyPages | None = None
    if session is None and site.fuses(len(glossary.articles), options):
        # no cache: lint and render in one pass of workers (`site.lint_and_render`)
        writer = SiteWriter(options.out)
        try:
            with _stage(result, "lint+render"):
                provisional = plan_publication(
                    glossary, BuildResult(list(result.diagnostics)), reviews, options
                )
                early = site.lint_and_render(writer, glossary, provisional, today, options)
                result.diagnostics.extend(early.findings)
                result.diagnostics.sort(key=Diagnostic.sort_key)
        except BaseException:
            writer.abort()
            raise
    else:
        with _stage(result, "lint"):
            result.diagnostics.extend(_lint(glossary, config, reviews, today, options, session))
            result.diagnostics.sort(key=Diagnostic.sort_key)
    plan = plan_publication(glossary, result, reviews, options)
    held = {a.path for slug in result.withheld if (a := glossary.get(slug)) is not None}
    result.blocking = [d for d in result.errors if d.span.path not in held]
    if result.blocking and not options.draft:
        if early is not None:
            writer.abort()
        if session is not None:
            session.save(result, None, None)
        return result
    if early is None:
        writer = SiteWriter(options.out, session.spare() if session is not None else None)
    try:
        reuse = session.reuse(writer) if session is not None else None
        with _stage(result, "render"):
            stats = site.write_site(writer, glossary, plan, today, options, reuse, early)
            if reuse is not None:  # before Pagefind reads the pages of staging
                reuse.prune(writer.written, spared=LATER)
        with _stage(result, "search"):
            result.diagnostics.extend(search.write_search(writer, glossary, plan, options, reuse))
        with _stage(result, "ask"):
            write_ask(writer, glossary, plan.reviews, plan.published, options.out)
        with _stage(result, "swap"):
            if reuse is not None:
                reuse.prune(writer.written)
            writer.commit(keep=session.keep() if session is not None else None)
    except BaseException:
        writer.abort()
        raise
    result.rendered, result.reused = stats.rendered, stats.reused
    result.published = [a.slug for a in plan.articles]
    result.written = True
    result.ok = not result.blocking
    if session is not None:
        with _stage(result, "cache"):
            session.save(result, reuse, writer)
    return result


def _lint(
    glossary: Glossary,
    config: Config,
    reviews: dict[str, ReviewLike],
    today: dt.date,
    options: BuildOptions,
    session: Session | None,
) -> list[Diagnostic]:
    """Lint the articles whose findings may have changed; replay the others' from the cache."""
    if session is None:
        return lint_glossary(glossary, config, jobs=options.jobs, review=reviews, today=today)
    keys = session.lint_keys(glossary, reviews, today)
    cached, stale = session.cached_findings(keys)
    if len(stale) >= IN_PARTS_MIN:
        fresh = _lint_in_parts(glossary, config, reviews, today, stale, session)
    else:
        fresh = lint_glossary(
            glossary, config, jobs=options.jobs, review=reviews, today=today, only=stale
        )
    session.remember_findings(glossary, keys, stale, fresh)
    return cached + fresh


IN_PARTS_MIN = 50
"""From this many articles to re-lint (a title edit re-lints them all), lint in parts."""


def _lint_in_parts(
    glossary: Glossary,
    config: Config,
    reviews: dict[str, ReviewLike],
    today: dt.date,
    stale: list[str],
    session: Session,
) -> list[Diagnostic]:
    """The findings of `stale`, as `lint_glossary` gives them, from parts (`lint.scope`):
    an article's own and graded findings come from the preview's store of them
    (`publish/livelint.py`, `preview-lint.bin`) and are redone only if its bytes, its
    review state or a glossary term its prose could meet moved; its findings as reported
    are those of the last build when all three parts' keys are the same (the preview's
    join key), and are joined again (suppressions and the rules that compare articles)
    otherwise. So a title edit re-lints and re-joins a few articles, not all of them."""
    from mindlex.engine.memo import digest
    from mindlex.lint.runner import Linter, order
    from mindlex.parsecache import cache_root
    from mindlex.publish.deps import bibliography_digest, front_matter_row
    from mindlex.publish.livelint import STORE, LiveLint, Moves, lint_base

    parts = LiveLint()
    store = cache_root(config.root) / f"{STORE}.bin"
    parts.load(store)
    base = lint_base(config, today)
    front = digest([front_matter_row(a) for a in glossary.articles.values()])
    everything = Moves(set(glossary.articles), None, {}, True)
    shared = parts.data(base, glossary, config, front, everything)
    linter = Linter(glossary, config, False, reviews, today, shared)
    parts.own_everywhere(linter, reviews, base, bibliography_digest(glossary))
    parts.save(store, force=True)
    across = digest(base, sorted(glossary.unreadable))
    found: list[Diagnostic] = []
    for slug in stale:
        article = glossary.articles[slug]
        own, graded = parts.own.entries[slug], parts.graded.entries[slug]
        key = digest(
            own[0],
            graded[0],
            digest(across, str(article.path), article.sha256, linter.facts(article)),
        )
        last = session.last_join(slug, key)
        if last is None:
            joined = [*own[1].found, *graded[1].found, *linter.across(article)]
            last = sorted(linter.finish(article, joined), key=order)
        session.joined[slug] = key
        found.extend(last)
    return sorted(found, key=order)


@dataclass
class Plan:
    """Which articles get pages, and how each is marked."""

    articles: list[Article] = field(default_factory=list)
    drafts: set[str] = field(default_factory=set)
    noindex: set[str] = field(default_factory=set)
    retired: list[Article] = field(default_factory=list)
    reviews: dict[str, ReviewLike] = field(default_factory=dict)
    _published: tuple[tuple[int, int], frozenset[str]] | None = field(
        default=None, repr=False, compare=False
    )

    @property
    def published(self) -> frozenset[str]:
        """Slugs that get a page: the only ones other pages may link to. Kept until the list
        of articles grows or is replaced: page keys and renders read it once per article,
        and building it each time made a large site's page keys quadratic."""
        shape = (id(self.articles), len(self.articles))
        if self._published is None or self._published[0] != shape:
            self._published = (shape, frozenset(a.slug for a in self.articles))
        return self._published[1]


def plan_publication(
    glossary: Glossary,
    result: BuildResult,
    reviews: dict[str, ReviewLike],
    options: BuildOptions,
) -> Plan:
    """Apply the publication gates: lint errors, draft status and clinical review."""
    failing = {d.span.path for d in result.errors}
    plan = Plan(reviews=reviews)
    require_review = glossary.config.review.require_review
    for article in glossary.live:
        if article.status == "draft" and not options.draft:
            result.withheld[article.slug] = "status is draft"
            continue
        review = reviews.get(article.slug)
        verified = review is not None and review.is_verified
        if article.path in failing or article.status == "draft":
            plan.drafts.add(article.slug)
            plan.noindex.add(article.slug)
        if not verified:
            if require_review:
                result.withheld[article.slug] = "no valid clinical sign-off (require_review)"
                continue
            plan.noindex.add(article.slug)
        plan.articles.append(article)
    plan.retired = [a for a in glossary.articles.values() if a.status == "retired"]
    return plan


def review_states(
    glossary: Glossary, today: dt.date, memo: FingerprintMemo | None = None
) -> dict[str, ReviewLike]:
    """Sign-off state of every article, from the review ledger; `memo` keeps fingerprints
    between builds."""
    from mindlex.review.status import review_states as compute

    return dict(compute(glossary, today, memo))
