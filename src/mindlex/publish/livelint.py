"""The preview's lint findings, kept per article in parts, so a save re-lints what it moved.

An article's findings are made of two parts (`mindlex.lint.scope`), each in its own table:

- **own**: the rules that read the article alone. Inputs: the lint settings, the date, the
  bibliography, the article's bytes, its review state, and the glossary's defined terms
  that the readability view could have tried in it (those whose first word it scored).
  This is the costly part, and the one stored for the next start.
- **across**: the rules that compare articles. Inputs: the settings, the article's bytes,
  and what each rule read of the others (`Rule.glossary_facts`): which related slugs
  exist, whether another article links here, who else owns its title and aliases.

A third table joins them: suppressions and the SUP rules. A title edit thus re-lints the
edited article, re-scores the articles whose prose holds the first word of the old or new
title, and re-runs the cheap rules of the articles that share a name or a link with it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

from mindlex.config import Config
from mindlex.diagnostic import Diagnostic
from mindlex.engine.memo import Table, digest
from mindlex.engine.store import read_checked, write_checked
from mindlex.glossary import Glossary, fold
from mindlex.lint.context import Shared
from mindlex.lint.runner import Linter, each_article, order
from mindlex.lint.scope import OwnFindings, Term, TermsByWord
from mindlex.model import Article
from mindlex.render.view import ReviewLike

STORE = "preview-lint"
SAVE_AFTER = 200
"""Store the own findings again once this many articles were re-linted."""


@dataclass
class Moves:
    """What changed since the last refresh, as the in-memory site saw it."""

    articles: set[str]
    """Slugs whose article is a new object (edited, touched, added)."""
    reviews: set[str] | None
    """Slugs whose review state was computed again; None when any may have moved."""
    fronts: dict[str, Article | None]
    """Slug -> the article as it was, for each article whose front matter changed (None
    for a new one); removed articles included."""
    slugs: bool
    """The set or order of articles changed."""


@dataclass
class LiveLint:
    """Findings of every article, each part kept with the digest of its inputs."""

    own: Table[OwnFindings] = field(default_factory=lambda: Table("lint own"))
    across: Table[tuple[Diagnostic, ...]] = field(default_factory=lambda: Table("lint across"))
    findings: Table[list[Diagnostic]] = field(default_factory=lambda: Table("lint"))
    shared: Table[Shared] = field(default_factory=lambda: Table("lint data"))
    _terms: TermsByWord | None = None
    _terms_of: object = None
    _own_shape: str = ""
    _across_shape: str = ""
    _shared_base: str = ""
    _saved: int = 0

    def update(
        self,
        glossary: Glossary,
        config: Config,
        reviews: dict[str, ReviewLike],
        today: dt.date,
        base: str,
        bibliography: str,
        front: str,
        moves: Moves,
    ) -> list[Diagnostic]:
        """Bring every article's findings up to date; returns all of them, unsorted.

        `base` digests the lint settings and the date; `front` every article's front
        matter (the shared data is rebuilt when it moves)."""
        shared = self.data(base, glossary, config, front)
        linter = Linter(glossary, config, False, reviews, today, shared)
        todo = self._own(linter, reviews, digest(base, bibliography), moves)
        todo |= self._across(linter, digest(base, sorted(glossary.unreadable)), moves)
        self._join(linter, todo)
        for table in (self.own, self.across, self.findings):
            table.retain(glossary.articles)
        return [d for _key, diags in self.findings.entries.values() for d in diags]

    def data(self, base: str, glossary: Glossary, config: Config, front: str) -> Shared:
        """The run-wide lint data; a front-matter change keeps the compiled phrase matcher."""
        found = self.shared.entries.get("shared")
        like = found[1] if found is not None and self._shared_base == base else None
        self._shared_base = base
        return self.shared.get_same(
            "shared",
            (base, front),
            lambda: digest(base, front),
            lambda: Shared.build(glossary, config, like),
        )

    # -- the article's own rules ---------------------------------------------------------

    def _own(
        self, linter: Linter, reviews: dict[str, ReviewLike], shape: str, moves: Moves
    ) -> set[str]:
        """Re-lint the articles whose own findings' inputs moved; returns those looked at."""
        articles = linter.glossary.articles
        index, delta = self._term_index(linter.shared)
        recheck: set[str] = set()
        if shape != self._own_shape or moves.reviews is None:
            todo = set(articles)
        else:
            recheck = self._meeting(delta)
            todo = (moves.articles | moves.reviews | recheck) & articles.keys()
        self._own_shape = shape
        stale: dict[str, tuple[object, ...]] = {}
        for slug in sorted(todo):
            article, review = articles[slug], reviews.get(slug)
            inputs = (shape, article, review)
            stored = self.own.entries.get(slug)
            wanted = partial(
                own_key, shape, index, article, review, stored[1] if stored is not None else None
            )
            if self.own.stale_key(slug, inputs, wanted, slug in recheck) is not None:
                stale[slug] = inputs
        slugs = sorted(stale)
        for slug, own in zip(slugs, each_article(linter, slugs, linter.own), strict=True):
            key = own_key(shape, index, articles[slug], reviews.get(slug), own)
            self.own.put(slug, key, own, stale[slug])
        return todo

    def _term_index(self, shared: Shared) -> tuple[TermsByWord, frozenset[Term]]:
        """The defined terms by first word, and the terms added or removed since last time."""
        if self._terms is not None and self._terms_of is shared.terms:
            return self._terms, frozenset()
        index = TermsByWord.of(shared.terms.terms)
        delta = index.terms ^ self._terms.terms if self._terms is not None else frozenset()
        self._terms, self._terms_of = index, shared.terms
        return index, delta

    def _meeting(self, delta: frozenset[Term]) -> set[str]:
        """Articles whose scored words hold the first word of an added or removed term."""
        if not delta:
            return set()
        terms = sorted(delta)
        return {
            slug
            for slug, (_key, own) in self.own.entries.items()
            if own.words and any(own.may_meet(term) for term in terms)
        }

    # -- the rules that compare articles -------------------------------------------------

    def _across(self, linter: Linter, shape: str, moves: Moves) -> set[str]:
        """Re-run the glossary rules where what they read moved; returns those looked at."""
        articles = linter.glossary.articles
        if shape != self._across_shape or moves.slugs:
            todo = set(articles)
        else:
            todo = moves.articles | set(moves.fronts)
            owners = linter.shared.term_owners
            for slug, old in moves.fronts.items():
                for article in (old, articles.get(slug)):
                    if article is None:
                        continue
                    for name in (article.title, *article.aliases):
                        todo.update(owners.get(fold(name), ()))
                    todo.update(article.related)
            todo &= articles.keys()
        self._across_shape = shape
        for slug in todo:
            article = articles[slug]
            key = digest(shape, str(article.path), article.sha256, linter.facts(article))
            self.across.get(slug, key, partial(linter.across, article))
        return todo

    # -- both parts, suppressions applied ------------------------------------------------

    def _join(self, linter: Linter, todo: set[str]) -> None:
        for slug in todo:
            article = linter.glossary.articles[slug]
            own, across = self.own.entries[slug], self.across.entries[slug]
            self.findings.get_same(
                slug,
                (own[1], across[1]),
                partial(digest, own[0], across[0]),
                partial(self._finish, linter, article, own[1], across[1]),
            )

    @staticmethod
    def _finish(
        linter: Linter, article: Article, own: OwnFindings, across: tuple[Diagnostic, ...]
    ) -> list[Diagnostic]:
        return sorted(linter.finish(article, [*own.found, *across]), key=order)

    # -- kept between starts ---------------------------------------------------------------

    def load(self, path: Path) -> None:
        stored = read_checked(path, STORE)
        if isinstance(stored, dict):
            for slug, (key, own) in stored.items():
                if isinstance(own, OwnFindings):
                    self.own.put(slug, key, own)

    def save(self, path: Path, force: bool = False) -> None:
        """Keep own findings for the next start; after that, only when many have changed."""
        if force or self.own.misses > self._saved + SAVE_AFTER:
            write_checked(path, STORE, dict(self.own.entries))
            self._saved = self.own.misses


def own_key(
    shape: str,
    terms: TermsByWord,
    article: Article,
    review: object,
    own: OwnFindings | None,
) -> str:
    """An article's own findings: the shared inputs, its bytes, its review state and the
    defined terms it could meet (read from the words its last findings scored: for the
    same bytes, the same words)."""
    met = terms.within(own) if own is not None else ()
    return digest(shape, str(article.path), article.sha256, repr(review), met)
