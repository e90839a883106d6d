"""Render every page and data file of the site into a SiteWriter."""

from __future__ import annotations

import datetime as dt
import string
from importlib import resources
from typing import TYPE_CHECKING, Any

from mindlex.glossary import Glossary, letter_of
from mindlex.model.meta import slugify
from mindlex.publish import api, feeds
from mindlex.publish.writer import SiteWriter
from mindlex.render.environment import environment
from mindlex.render.pages import article_view, card
from mindlex.render.structured import article_graph, glossary_graph, to_script
from mindlex.render.termlinks import TermIndex
from mindlex.render.view import ArticleView, SiteView

if TYPE_CHECKING:
    from mindlex.publish.pipeline import BuildOptions, Plan

ASSETS = ("style.css", "site.js", "icon.svg")


def write_site(
    writer: SiteWriter, glossary: Glossary, plan: Plan, today: dt.date, options: BuildOptions
) -> None:
    site = SiteView.of(glossary.config)
    page = _Pages(writer, site, options.live_reload)
    terms = TermIndex.from_glossary(glossary) if glossary.config.site.term_links != "off" else None
    views: list[ArticleView] = []
    total = len(plan.articles)
    for n, article in enumerate(plan.articles, start=1):
        view = article_view(
            glossary,
            article,
            plan.reviews.get(article.slug),
            terms,
            draft=article.slug in plan.drafts,
            noindex=article.slug in plan.noindex,
        )
        views.append(view)
        page.render(
            f"{article.slug}/index.html",
            "article.html",
            depth=1,
            view=view,
            jsonld=to_script(article_graph(site, view)),
            noindex=view.noindex,
            canonical=site.url(f"{article.slug}/"),
        )
        writer.write_text(
            f"api/articles/{article.slug}.json", api.dumps(api.article_document(site, view))
        )
        if options.progress:
            options.progress("render", n, total)
    _write_indexes(page, glossary, views, site)
    _write_data(writer, site, views, plan, today)
    _write_redirects(page, glossary, plan, site)
    _copy_assets(writer)


class _Pages:
    def __init__(self, writer: SiteWriter, site: SiteView, live_reload: bool) -> None:
        self.writer = writer
        self.site = site
        self.live_reload = live_reload
        self.env = environment()

    def render(self, rel: str, template: str, depth: int, **context: Any) -> None:
        defaults: dict[str, Any] = {
            "noindex": False,
            "canonical": "",
            "section": "",
            "live_reload": self.live_reload,
        }
        root = "../" * depth if depth >= 0 else _base_path(self.site)
        html = self.env.get_template(template).render(
            **{**defaults, **context}, site=self.site, root=root
        )
        self.writer.write_text(rel, html)


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
    writer: SiteWriter, site: SiteView, views: list[ArticleView], plan: Plan, today: dt.date
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
        rules.append({"from": f"/{article.slug}/", "to": f"/{target.slug}/", "status": "301"})
    lines = [f"{r['from']} {r['to']} {r['status']}" for r in rules]
    page.writer.write_text("_redirects", "\n".join(lines) + ("\n" if lines else ""))
    page.writer.write_text("api/redirects.json", api.dumps({"redirects": rules}))


def _copy_assets(writer: SiteWriter) -> None:
    folder = resources.files("mindlex") / "static"
    for name in ASSETS:
        writer.write_bytes(f"assets/{name}", (folder / name).read_bytes())
