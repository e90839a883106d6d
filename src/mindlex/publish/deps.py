"""What each derived value is made from: the declared inputs of pages, findings and listings.

Each function here turns the inputs of one kind of derived value into a digest; the
engine's tables (`mindlex.engine.memo`) and the CLI build's manifest keep a value for as
long as its digest is unchanged. A page whose digest did not move is byte-for-byte the
page a clean build would write, which `tests/scale` and `tests/server` check.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import TYPE_CHECKING

from mindlex.engine.memo import digest
from mindlex.glossary import Glossary, fold
from mindlex.model import Article, Reference
from mindlex.parsecache import cited_ids, stored_words, stored_words_text
from mindlex.render.environment import environment
from mindlex.render.termlinks import WORD, TermIndex

if TYPE_CHECKING:
    from mindlex.config import Config
    from mindlex.publish.pipeline import Plan

REVIEW_FIELDS = (
    "state",
    "is_verified",
    "reviewer_name",
    "reviewer_credentials",
    "reviewer_role",
    "reviewer_demo",
    "signed_on",
    "due",
    "last_updated",
    "requests",
)
"""The parts of a review state that pages show (`ReviewLike`); not its fingerprint."""


def shown_review(review: object) -> tuple[object, ...] | None:
    if review is None:
        return None
    return tuple(getattr(review, name, None) for name in REVIEW_FIELDS)


def article_page_key(
    base: str,
    glossary: Glossary,
    article: Article,
    review: object,
    flags: tuple[bool, bool],
    terms: TermDeps | None,
    linkable: frozenset[str],
) -> str:
    """Digest of everything an article page and its API document are made from. The
    article's own references come from its file, whose hash is part of the key; of the
    site bibliography, the entries it cites (`cited_entries`)."""
    related = [
        (a.slug, a.title, a.summary, a.category)
        for slug in article.related
        if (a := glossary.get(slug)) is not None and a.status != "retired" and slug in linkable
    ]
    return digest(
        base,
        str(article.path),
        article.sha256,
        flags,
        shown_review(review),
        cited_entries(glossary, article),
        related,
        terms.key_of(article) if terms is not None else None,
    )


def cited_entries(glossary: Glossary, article: Article) -> list[tuple[str, str]]:
    """(id, canonical JSON) of each site bibliography entry the article cites: with its
    file's bytes, everything its numbered source list is made from (`references_of`)."""
    bibliography = glossary.bibliography
    return [(i, entry_json(bibliography[i])) for i in cited_ids(article) if i in bibliography]


_ENTRY_JSON: dict[int, tuple[Reference, str]] = {}


def entry_json(ref: Reference) -> str:
    """A reference's canonical JSON, kept per reference object (bibliography entries are
    read once per build and never changed, and every citing page key reads them)."""
    found = _ENTRY_JSON.get(id(ref))
    if found is not None and found[0] is ref:
        return found[1]
    text = json.dumps(ref.canonical(), sort_keys=True, default=str)
    if len(_ENTRY_JSON) >= 4096:
        _ENTRY_JSON.clear()
    _ENTRY_JSON[id(ref)] = (ref, text)
    return text


@lru_cache(maxsize=32768)
def words_of(article: Article) -> frozenset[str]:
    """Folded words of an article's body; the preview server reuses unchanged articles, so
    this is computed once per article version (articles hash by identity). An article
    read back from the parse cache brings the set it was stored with."""
    stored = stored_words(article)
    if stored is not None:
        return stored
    return frozenset(fold(w) for w in set(WORD.findall(article.body)))


Entry = tuple[tuple[str, ...], str]
"""A term-link entry: folded words -> the slug they link to."""


@dataclass
class TermMatches:
    """The entries that matched in each article at the last build, and the entries there
    were then: an article whose file did not change meets the same entries, less those
    removed, plus those added whose words all occur in it. So a title edit checks the
    few changed entries against each article instead of every article's words against
    every entry."""

    terms: dict[tuple[str, ...], str] = field(default_factory=dict)
    found: dict[str, tuple[str, tuple[Entry, ...], str]] = field(default_factory=dict)
    """Article file -> (sha256 of its bytes, the entries that matched in it, the digest of
    those entries with their targets' summaries, `TermDeps.key_of`; "" if not taken)."""
    summaries: dict[str, str] = field(default_factory=dict)
    """Slug -> summary of every article at that build."""


@dataclass
class TermDeps:
    """Which term-link entries could match in an article: those whose words all occur in it.

    A new or renamed term changes only the pages that contain all of its words, and a
    changed summary only the pages that may link to (and show the tooltip of) that term.
    """

    by_first: dict[str, list[Entry]]
    summaries: dict[str, str]
    last: TermMatches | None = None
    """The previous build's matches (`TermMatches`), if any."""
    now: TermMatches | None = None
    """This build's, filled as articles are looked at, to be stored for the next."""
    _delta: tuple[frozenset[Entry], tuple[Entry, ...]] = ((frozenset()), ())
    _resummarised: frozenset[str] = frozenset()
    """Slugs whose summary changed (or that are gone) since the last build."""

    @classmethod
    def build(
        cls, index: TermIndex, glossary: Glossary, last: TermMatches | None = None
    ) -> TermDeps:
        by_first: dict[str, list[Entry]] = {}
        for words, slug in index.terms.items():
            by_first.setdefault(words[0], []).append((words, slug))
        summaries = {slug: a.summary for slug, a in glossary.articles.items()}
        deps = cls(by_first, summaries)
        if last is not None:
            deps.last = last
            deps.now = TermMatches(dict(index.terms), summaries=summaries)
            old, new = last.terms, index.terms
            removed = frozenset(e for e in old.items() if new.get(e[0]) != e[1])
            added = tuple(sorted(e for e in new.items() if old.get(e[0]) != e[1]))
            deps._delta = (removed, added)
            before = last.summaries
            deps._resummarised = frozenset(
                {slug for slug, text in summaries.items() if before.get(slug) != text}
                | (before.keys() - summaries.keys())
            )
        return deps

    def of_article(self, article: Article) -> list[tuple[tuple[str, ...], str, str]]:
        found = [
            (variant, slug, self.summaries.get(slug, "")) for variant, slug in self.entries(article)
        ]
        return sorted(found)

    def entries(self, article: Article) -> tuple[Entry, ...]:
        """The entries whose words all occur in the article."""
        if self.last is None or self.now is None:
            return self._match(article)
        ident = str(article.path)
        seen = self.now.found.get(ident)
        if seen is not None and seen[0] == article.sha256:
            return seen[1]
        before = self.last.found.get(ident)
        if before is None or before[0] != article.sha256:
            found = self._match(article)
        else:
            removed, added = self._delta
            found = before[1]
            if removed:
                found = tuple(e for e in found if e not in removed)
            if added:
                found += tuple(e for e in added if _all_in(article, e[0]))
        self.now.found[ident] = (article.sha256, found, "")
        return found

    def _match(self, article: Article) -> tuple[Entry, ...]:
        words = words_of(article)
        return tuple(
            (variant, slug)
            for word in words & self.by_first.keys()
            for variant, slug in self.by_first[word]
            if all(w in words for w in variant[1:])
        )

    def key_of(self, article: Article) -> str:
        """Digest of `of_article`; the last build's, when the same entries match and none
        of their targets' summaries changed."""
        if self.last is None or self.now is None:
            return digest(self.of_article(article))
        found = self.entries(article)
        ident = str(article.path)
        before = self.last.found.get(ident)
        if (
            before is not None
            and len(before) == 3
            and before[2]
            and before[0] == article.sha256
            and (before[1] is found or before[1] == found)
            and not any(slug in self._resummarised for _words, slug in found)
        ):
            key = before[2]
        else:
            key = digest(self.of_article(article))
        self.now.found[ident] = (article.sha256, found, key)
        return key


def _all_in(article: Article, words: tuple[str, ...]) -> bool:
    """Whether every word occurs in the article's body, from its stored word list when it
    has one (without building the set of its words)."""
    text = stored_words_text(article)
    if text is None:
        found = words_of(article)
        return all(w in found for w in words)
    return all(f" {w} " in text for w in words)


def theme_digest() -> str:
    """The templates as the Jinja environment loads them now, and the static files: they
    may change while a process runs (the code fingerprint is taken once per process)."""
    env = environment()
    h = hashlib.sha256()
    loader = env.loader
    if loader is not None:
        for name in sorted(loader.list_templates()):
            source, _filename, _uptodate = loader.get_source(env, name)
            h.update(name.encode())
            h.update(source.encode("utf-8"))
    static = resources.files("mindlex") / "static"
    for entry in sorted(static.iterdir(), key=lambda e: e.name):
        if entry.is_file():
            h.update(entry.name.encode())
            h.update(entry.read_bytes())
    return h.hexdigest()


def front_matter_row(a: Article) -> tuple[object, ...]:
    """What other articles' lint findings may read of an article: its front matter."""
    return (
        a.slug,
        str(a.path),
        a.title,
        a.headline,
        a.summary,
        a.aliases,
        a.category,
        a.status,
        a.related,
        a.replaced_by,
        a.published,
    )


def bibliography_digest(glossary: Glossary) -> str:
    return digest(
        sorted(
            json.dumps(r.canonical(), sort_keys=True, default=str)
            for r in glossary.bibliography.values()
        )
    )


PRESENTATION = {"name", "base_url", "description", "publisher", "term_links"}
"""Site settings that change how pages look but that no lint rule reads."""


def lint_settings(config: Config) -> str:
    """The configuration as lint rules see it: all of it but the search settings and the
    site's presentation (`PRESENTATION`), so renaming the site re-renders pages without
    re-linting every article. A rule that starts reading one of those must move it out."""
    data = config.model_dump(mode="json", exclude={"search": True, "site": PRESENTATION})
    return json.dumps(data, sort_keys=True)


def lint_shape(
    base: str, today: dt.date, front_matter: str, glossary: Glossary, bibliography: str
) -> str:
    """What every article's findings share: code, options, the date, the front matter of
    all articles (`front_matter` digests their `front_matter_row`s in glossary order), the
    unreadable files and the site bibliography."""
    return digest(base, today, front_matter, sorted(glossary.unreadable), bibliography)


def lint_key(shape: str, article: Article, review: object) -> str:
    """An article's findings: the shared inputs, its own bytes and its review state."""
    return digest(shape, str(article.path), article.sha256, repr(review))


def lint_keys(
    base: str, glossary: Glossary, reviews: Mapping[str, object], today: dt.date
) -> dict[str, str]:
    """Per article: its bytes, its review state and the front matter of every article."""
    rows = digest([front_matter_row(a) for a in glossary.articles.values()])
    shape = lint_shape(base, today, rows, glossary, bibliography_digest(glossary))
    return {slug: lint_key(shape, a, reviews.get(slug)) for slug, a in glossary.articles.items()}


def listing_key(base: str, plan: Plan, today: dt.date) -> str:
    """Digest of what the home, A-Z, category, redirect and data files are made from."""
    rows = [
        (
            a.slug,
            a.title,
            a.headline,
            a.summary,
            a.aliases,
            a.category,
            a.status,
            a.published,
            a.slug in plan.drafts,
            a.slug in plan.noindex,
            shown_review(plan.reviews.get(a.slug)),
        )
        for a in plan.articles
    ]
    retired = sorted((a.slug, a.title, a.status, a.replaced_by) for a in plan.retired)
    return digest("listing", base, today, rows, retired)
