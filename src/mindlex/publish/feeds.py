"""sitemap.xml, the Atom feed and robots.txt."""

from __future__ import annotations

import datetime as dt
from xml.sax.saxutils import escape

from mindlex.model import Article
from mindlex.render.view import SiteView


def sitemap(site: SiteView, entries: list[tuple[str, dt.date | None]]) -> str:
    """`entries` are (path, last modified) of every indexable page."""
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">',
    ]
    for path, modified in entries:
        lines.append(
            f"  <url><loc>{escape(site.url(path))}</loc>"
            + (f"<lastmod>{modified.isoformat()}</lastmod>" if modified else "")
            + "</url>"
        )
    lines.append("</urlset>")
    return "\n".join(lines) + "\n"


def atom(site: SiteView, items: list[tuple[Article, dt.date]], today: dt.date) -> str:
    """Newest first; each entry's date is when its content last changed."""
    items = sorted(items, key=lambda pair: (pair[1], pair[0].slug), reverse=True)
    updated = max((d for _, d in items), default=today)
    out = [
        '<?xml version="1.0" encoding="utf-8"?>',
        '<feed xmlns="http://www.w3.org/2005/Atom">',
        f"  <title>{escape(site.name)}</title>",
        f'  <link href="{escape(site.url(""))}"/>',
        f'  <link rel="self" href="{escape(site.url("feed.xml"))}"/>',
        f"  <id>{escape(site.url(''))}</id>",
        f"  <updated>{_stamp(updated)}</updated>",
        f"  <author><name>{escape(site.publisher)}</name></author>",
    ]
    for article, date in items:
        url = site.url(f"{article.slug}/")
        out += [
            "  <entry>",
            f"    <title>{escape(article.display_headline)}</title>",
            f'    <link href="{escape(url)}"/>',
            f"    <id>{escape(url)}</id>",
            f"    <updated>{_stamp(date)}</updated>",
            f"    <summary>{escape(article.summary)}</summary>",
            f'    <category term="{escape(article.category)}"/>',
            "  </entry>",
        ]
    out.append("</feed>")
    return "\n".join(out) + "\n"


def _stamp(date: dt.date) -> str:
    return f"{date.isoformat()}T00:00:00Z"


def robots(site: SiteView) -> str:
    return f"User-agent: *\nAllow: /\nSitemap: {site.url('sitemap.xml')}\n"
