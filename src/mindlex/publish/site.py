"""Render every page and data file of the site into a SiteWriter."""

from __future__ import annotations

import datetime as dt
import string
from collections.abc import Callable
from dataclasses import dataclass
from importlib import resources
from typing import TYPE_CHECKING, Any

from mindlex.diagnostic import Diagnostic, Severity
from mindlex.glossary import Glossary, letter_of
from mindlex.model import Article
from mindlex.model.meta import slugify
from mindlex.parallel import run_chunked, worker_count
from mindlex.parsecache import release
from mindlex.publish import api, feeds
from mindlex.publish.cache import Reuse
from mindlex.publish.deps import TermDeps, article_page_key, listing_key
from mindlex.publish.writer import MemoryWriter, Sink, SiteWriter
from mindlex.render.environment import environment
from mindlex.render.pages import article_view, card
from mindlex.render.structured import article_graph, glossary_graph, to_script
from mindlex.render.termlinks import TermIndex
from mindlex.render.view import ArticleView, SiteView

if TYPE_CHECKING:
    from mindlex.publish.pipeline import BuildOptions, Plan

ASSETS = ("style.css", "site.js", "icon.svg", "ask.js", "ask-triage.json")


PARALLEL_MIN = 300
"""Below this many pages to render, one process is faster than starting a pool."""


@dataclass
class RenderStats:
    rendered: int = 0
    """Files rendered in this build."""
    reused: int = 0
    """Files carried over unchanged from the previous output."""


def write_site(
    writer: SiteWriter,
    glossary: Glossary,
    plan: Plan,
    today: dt.date,
    options: BuildOptions,
    reuse: Reuse | None = None,
    early: EarlyPages | None = None,
) -> RenderStats:
    """Render every page; with `reuse`, pages whose inputs did not change are carried over;
    with `early`, pages rendered while linting are kept where the final plan marks them
    as they were rendered."""
    site = SiteView.of(glossary.config)
    page = _Pages(writer, site, options.live_reload)
    terms = term_index(glossary, plan)
    stats = RenderStats()
    todo = _stale_articles(glossary, plan, terms, reuse, stats)
    renderer = ArticleRenderer(glossary, plan, terms, page)
    if early is not None:
        todo = early.settle(writer, renderer, todo, stats)
    done = run_chunked(renderer.render, todo, jobs=options.jobs, min_items=PARALLEL_MIN)
    for n, (article, (html, doc)) in enumerate(zip(todo, done, strict=True), start=1):
        writer.write_text(f"{article.slug}/index.html", html)
        writer.write_text(f"api/articles/{article.slug}.json", doc)
        stats.rendered += 2
        if options.progress:
            options.progress("render", n, len(todo))
    key = listing_key(reuse.base, plan, today) if reuse is not None else ""
    listed = reuse.group(key) if reuse is not None else []
    if reuse is not None and reuse.take(listed, key):
        stats.reused += len(listed)
    else:
        before = len(writer.written)
        _write_listing(page, glossary, plan, today)
        if reuse is not None:
            reuse.note(writer.written[before:], key)
        stats.rendered += len(writer.written) - before
    _copy_assets(writer)
    return stats


def fuses(articles: int, options: BuildOptions) -> bool:
    """Whether a build without cache lints and renders in one pass of workers
    (`lint_and_render`): only when it would use more than one process anyway."""
    return worker_count(articles, options.jobs, PARALLEL_MIN) > 1


@dataclass
class EarlyPages:
    """Article pages rendered by the workers that linted them, already in staging, with
    the draft and noindex marks each was rendered with."""

    findings: list[Diagnostic]
    marks: dict[str, tuple[bool, bool]]

    def settle(
        self, writer: SiteWriter, renderer: ArticleRenderer, todo: list[Article], stats: RenderStats
    ) -> list[Article]:
        """Count the pages whose marks the final plan confirms; render again, here, the
        few it marks otherwise (an error reported in another file than the one linted);
        return the articles that have no page yet."""
        plan = renderer.plan
        rest: list[Article] = []
        for article in todo:
            marks = self.marks.get(article.slug)
            if marks is None:
                rest.append(article)
                continue
            final = (article.slug in plan.drafts, article.slug in plan.noindex)
            if marks != final:
                html, doc = renderer.render_as(article, *final)
                _write_new(writer, f"{article.slug}/index.html", html)
                _write_new(writer, f"api/articles/{article.slug}.json", doc)
                release(article)
            stats.rendered += 2
        return rest


def lint_and_render(
    writer: SiteWriter,
    glossary: Glossary,
    provisional: Plan,
    today: dt.date,
    options: BuildOptions,
) -> EarlyPages:
    """Lint every article and render each published one in the same worker, which writes
    the page into staging itself: a worker parses the token trees of its own share once
    (articles arrive as records), and only findings travel back, so no process holds
    every tree or every page.

    `provisional` is the plan before lint: which articles are published does not depend
    on findings, but the draft and noindex marks do, and a worker knows only its own
    article's. A page is rendered as marked by the load's findings plus its own errors;
    `EarlyPages.settle` renders again any page the final plan marks otherwise."""
    from mindlex.lint.context import Shared
    from mindlex.lint.readability import warm_up
    from mindlex.lint.runner import Linter, order

    config = glossary.config
    linter = Linter(
        glossary, config, False, provisional.reviews, today, Shared.build(glossary, config)
    )
    site = SiteView.of(config)
    page = _Pages(writer, site, options.live_reload)
    renderer = ArticleRenderer(glossary, provisional, term_index(glossary, provisional), page)
    published = {a.slug for a in provisional.articles}
    slugs = sorted(glossary.articles)

    def one(slug: str) -> tuple[list[Diagnostic], tuple[bool, bool] | None]:
        article = glossary.articles[slug]
        found = linter.lint(article)
        marks = None
        if slug in published:
            failed = any(
                d.severity is Severity.ERROR and d.span.path == article.path for d in found
            )
            marks = (slug in provisional.drafts or failed, slug in provisional.noindex or failed)
            html, doc = renderer.render_as(article, *marks)
            _write_new(writer, f"{slug}/index.html", html)
            _write_new(writer, f"api/articles/{slug}.json", doc)
        release(article)
        return found, marks

    warm_up()  # the syllable dictionary, loaded once before the workers are forked
    page.env.get_template("article.html")  # compiled once, here, not in every worker
    done = run_chunked(one, slugs, jobs=options.jobs, min_items=PARALLEL_MIN)
    findings = sorted((d for found, _ in done for d in found), key=order)
    marks = {slug: m for slug, (_, m) in zip(slugs, done, strict=True) if m is not None}
    for slug in sorted(marks):
        writer.written += [f"{slug}/index.html", f"api/articles/{slug}.json"]
    if options.progress:
        options.progress("render", len(marks), len(marks))
    return EarlyPages(findings, marks)


def _write_new(writer: SiteWriter, rel: str, text: str) -> None:
    """Write one file into staging from a worker (the parent lists it afterwards)."""
    path = writer.path(rel)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text.encode("utf-8"))


def term_index(glossary: Glossary, plan: Plan) -> TermIndex | None:
    """Titles and aliases of published articles, unless the site switched term links off."""
    if glossary.config.site.term_links == "off":
        return None
    return TermIndex.from_glossary(glossary, plan.published)


def article_renderer(
    glossary: Glossary, plan: Plan, terms: TermIndex | None, live_reload: bool
) -> ArticleRenderer:
    """A renderer of single article pages, for callers that render on demand."""
    site = SiteView.of(glossary.config)
    return ArticleRenderer(glossary, plan, terms, _Pages(MemoryWriter(), site, live_reload))


def listing_files(
    glossary: Glossary,
    plan: Plan,
    today: dt.date,
    live_reload: bool,
    wanted: Callable[[str], bool] | None = None,
) -> dict[str, bytes]:
    """The site-wide pages and data files (home, A-Z, categories, feeds, API index,
    redirects), which all read the same list of published articles. With `wanted`, only
    the HTML pages it accepts are rendered (it is asked about each one)."""
    sink = MemoryWriter()
    pages = _Pages(sink, SiteView.of(glossary.config), live_reload, wanted)
    _write_listing(pages, glossary, plan, today)
    return sink.files


def asset_files() -> dict[str, bytes]:
    sink = MemoryWriter()
    _copy_assets(sink)
    return sink.files


def _write_listing(page: _Pages, glossary: Glossary, plan: Plan, today: dt.date) -> None:
    views = [_listing_view(article, plan) for article in plan.articles]
    _write_indexes(page, glossary, views, page.site)
    _write_data(page.writer, page.site, views, plan, today)
    _write_redirects(page, glossary, plan, page.site)


def _stale_articles(
    glossary: Glossary,
    plan: Plan,
    terms: TermIndex | None,
    reuse: Reuse | None,
    stats: RenderStats,
) -> list[Article]:
    """Articles whose page must be rendered; the others are linked from the last build."""
    if reuse is None:
        return list(plan.articles)
    deps = TermDeps.build(terms, glossary, reuse.last_terms()) if terms is not None else None
    reuse.term_deps = deps
    todo: list[Article] = []
    for article in plan.articles:
        flags = (article.slug in plan.drafts, article.slug in plan.noindex)
        review = plan.reviews.get(article.slug)
        key = article_page_key(reuse.base, glossary, article, review, flags, deps, plan.published)
        files = [f"{article.slug}/index.html", f"api/articles/{article.slug}.json"]
        if reuse.take(files, key):
            stats.reused += len(files)
        else:
            todo.append(article)
    return todo


@dataclass
class ArticleRenderer:
    """Renders one article page and its API document; runs in worker processes too."""

    glossary: Glossary
    plan: Plan
    terms: TermIndex | None
    page: _Pages

    def render(self, article: Article) -> tuple[str, str]:
        plan = self.plan
        return self.render_as(article, article.slug in plan.drafts, article.slug in plan.noindex)

    def render_as(self, article: Article, draft: bool, noindex: bool) -> tuple[str, str]:
        """The page and API document of `article` marked as given, whatever the plan says."""
        plan = self.plan
        view = article_view(
            self.glossary,
            article,
            plan.reviews.get(article.slug),
            self.terms,
            linkable=plan.published,
            draft=draft,
            noindex=noindex,
        )
        site = self.page.site
        html = self.page.html(
            "article.html",
            depth=1,
            view=view,
            jsonld=to_script(article_graph(site, view)),
            noindex=view.noindex,
            canonical=site.url(f"{article.slug}/"),
        )
        return html, api.dumps(api.article_document(site, view))


def _listing_view(article: Article, plan: Plan) -> ArticleView:
    """What index pages, feeds and the API index read of an article: no rendered body."""
    return ArticleView(
        article=article,
        intro_html="",
        sections=[],
        faq_items=[],
        references=[],
        ref_views=[],
        related=[],
        review=plan.reviews.get(article.slug),
        draft=article.slug in plan.drafts,
        noindex=article.slug in plan.noindex,
    )


class _Pages:
    def __init__(
        self,
        writer: Sink,
        site: SiteView,
        live_reload: bool,
        wanted: Callable[[str], bool] | None = None,
    ) -> None:
        self.writer = writer
        self.site = site
        self.live_reload = live_reload
        self.wanted = wanted
        self.env = environment()

    def render(self, rel: str, template: str, depth: int, **context: Any) -> None:
        if self.wanted is None or self.wanted(rel):
            self.writer.write_text(rel, self.html(template, depth, **context))

    def html(self, template: str, depth: int, **context: Any) -> str:
        defaults: dict[str, Any] = {
            "noindex": False,
            "canonical": "",
            "section": "",
            "live_reload": self.live_reload,
        }
        root = "../" * depth if depth >= 0 else _base_path(self.site)
        return self.env.get_template(template).render(
            **{**defaults, **context}, site=self.site, root=root
        )


def _base_path(site: SiteView) -> str:
    """Absolute path of the site root, for pages served at any URL (the 404 page)."""
    after_host = site.base_url.split("://", 1)[-1]
    path = after_host[after_host.find("/") :] if "/" in after_host else "/"
    return path if path.endswith("/") else path + "/"


def _write_indexes(
    page: _Pages, glossary: Glossary, views: list[ArticleView], site: SiteView
) -> None:
    articles = [v.article for v in views]
    indexable = [v.article for v in views if not v.noindex]
    cards = [card(a) for a in articles]
    categories: dict[str, list[Any]] = {}
    for a in articles:
        categories.setdefault(a.category, []).append(a)
    ordered = sorted(categories.items())
    home_ld = glossary_graph(site, [(a.title, a.slug, a.summary) for a in indexable])
    page.render(
        "index.html",
        "home.html",
        depth=0,
        cards=cards,
        categories=ordered,
        jsonld=to_script(home_ld),
        canonical=site.url(""),
    )
    groups: dict[str, list[Any]] = {}
    for a in articles:
        groups.setdefault(letter_of(a), []).append(a)
    page.render(
        "a-z/index.html",
        "az.html",
        depth=1,
        groups=groups,
        section="az",
        alphabet=[*string.ascii_uppercase, "#"],
        canonical=site.url("a-z/"),
    )
    page.render(
        "categories/index.html",
        "categories.html",
        depth=1,
        categories=ordered,
        section="categories",
        canonical=site.url("categories/"),
    )
    for name, items in ordered:
        rel = f"categories/{slugify(name)}/"
        page.render(
            rel + "index.html",
            "category.html",
            depth=2,
            name=name,
            cards=[card(a) for a in items],
            section="categories",
            canonical=site.url(rel),
        )
    page.render("search/index.html", "search.html", depth=1, noindex=True)
    page.render("404.html", "404.html", depth=-1, noindex=True)


def _write_data(
    writer: Sink, site: SiteView, views: list[ArticleView], plan: Plan, today: dt.date
) -> None:
    index = {
        "schema_version": api.SCHEMA_VERSION,
        "site": site.name,
        "base_url": site.base_url,
        "count": len(views),
        "articles": [api.index_entry(site, v) for v in views],
    }
    writer.write_text("api/articles.json", api.dumps(index))
    entries: list[tuple[str, dt.date | None]] = [("", None), ("a-z/", None), ("categories/", None)]
    dated = []
    for v in views:
        when = v.last_updated or v.article.published or today
        if not v.noindex:
            entries.append((f"{v.article.slug}/", v.last_updated))
            dated.append((v.article, when))
    writer.write_text("sitemap.xml", feeds.sitemap(site, entries))
    writer.write_text("feed.xml", feeds.atom(site, dated, today))
    writer.write_text("robots.txt", feeds.robots(site))


def _write_redirects(page: _Pages, glossary: Glossary, plan: Plan, site: SiteView) -> None:
    """Retired articles keep their URL: a redirect page plus a `_redirects` file for hosts."""
    rules: list[dict[str, str]] = []
    for article in sorted(plan.retired, key=lambda a: a.slug):
        target = glossary.get(article.replaced_by) if article.replaced_by else None
        if target is None or target.status == "retired":
            continue
        page.render(
            f"{article.slug}/index.html",
            "redirect.html",
            depth=1,
            title=article.title,
            target=f"../{target.slug}/",
            target_title=target.title,
            canonical=site.url(f"{target.slug}/"),
        )
        base = _base_path(site)
        rules.append(
            {"from": f"{base}{article.slug}/", "to": f"{base}{target.slug}/", "status": "301"}
        )
    lines = [f"{r['from']} {r['to']} {r['status']}" for r in rules]
    page.writer.write_text("_redirects", "\n".join(lines) + ("\n" if lines else ""))
    page.writer.write_text("api/redirects.json", api.dumps({"redirects": rules}))


def _copy_assets(writer: Sink) -> None:
    folder = resources.files("mindlex") / "static"
    for name in ASSETS:
        writer.write_bytes(f"assets/{name}", (folder / name).read_bytes())
