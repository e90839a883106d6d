"""The glossary graph: every article by slug, aliases, related links and categories."""

from __future__ import annotations

import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache

from mindlex.config import Config
from mindlex.diagnostic import Diagnostic
from mindlex.model import Article, Reference
from mindlex.span import display_path


@dataclass
class Glossary:
    """All articles of one site, read completely before anything is written."""

    config: Config
    articles: dict[str, Article] = field(default_factory=dict)
    bibliography: dict[str, Reference] = field(default_factory=dict)
    unreadable: set[str] = field(default_factory=set)
    """Slugs (from file names) of articles that exist but could not be parsed."""

    @property
    def live(self) -> list[Article]:
        """Articles that get a page of their own, in A-Z order."""
        return sorted((a for a in self.articles.values() if a.status != "retired"), key=sort_key_of)

    def get(self, slug: str) -> Article | None:
        return self.articles.get(slug)

    def backlinks(self) -> dict[str, list[str]]:
        """Slug -> slugs of the articles that list it as related."""
        links: dict[str, list[str]] = defaultdict(list)
        for article in self.live:
            for target in article.related:
                links[target].append(article.slug)
        return links

    def references_of(self, article: Article) -> list[Reference]:
        """The article's numbered source list: its own, then cited bibliography entries."""
        own = list(article.references)
        known = {r.id for r in own}
        for ref_id in article.cited_ids():
            if ref_id not in known and ref_id in self.bibliography:
                own.append(self.bibliography[ref_id])
                known.add(ref_id)
        return own

    def resolve(self, article: Article, ref_id: str) -> Reference | None:
        for ref in article.references:
            if ref.id == ref_id:
                return ref
        return self.bibliography.get(ref_id)

    def terms(self, only: frozenset[str] | None = None) -> list[tuple[str, Article]]:
        """(term, article) for every title and alias, longest first, for term linking;
        `only` limits them to the articles that are being published."""
        live = [a for a in self.live if only is None or a.slug in only]
        found = [(a.title, a) for a in live]
        found += [(alias, a) for a in live for alias in a.aliases]
        return sorted(found, key=lambda pair: -len(pair[0]))


@lru_cache(maxsize=65536)
def sort_key_of(article: Article) -> str:
    """A-Z position; cached per article object (articles hash by identity and do not
    change), as the preview server sorts the same articles after every save."""
    return fold(article.title)


def fold(text: str) -> str:
    """Case- and accent-insensitive key for sorting and matching."""
    if text.isascii():
        return text.lower()
    return _fold_unicode(text)


@lru_cache(maxsize=65536)
def _fold_unicode(text: str) -> str:
    stripped = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in stripped if not unicodedata.combining(ch)).casefold()


def letter_of(article: Article) -> str:
    first = fold(article.title)[:1].upper()
    return first if first.isalpha() else "#"


def add_articles(glossary: Glossary, articles: list[Article]) -> list[Diagnostic]:
    """Index articles by slug; a second file with the same slug is reported and left out."""
    diags: list[Diagnostic] = []
    for article in articles:
        other = glossary.articles.get(article.slug)
        if other is not None:
            diags.append(
                Diagnostic(
                    "META010",
                    f"duplicate slug `{article.slug}`, also used by {display_path(other.path)}",
                    article.field_span("slug") if "slug" in article.field_spans else article.span,
                    hint="rename one file or give it a different `slug:`",
                )
            )
            continue
        glossary.articles[article.slug] = article
    return diags
