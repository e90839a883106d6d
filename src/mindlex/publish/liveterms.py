"""The render-side term index and term dependencies of the preview, updated by the
articles whose names changed instead of rebuilt from every title after a title edit.

`TermIndex.from_glossary` gives each word sequence (a title or alias, and its plural
forms) to the first article in its order: longer strings first, then titles before
aliases, then glossary order, then alias order. The preview keeps, for each sequence, the
articles that make it, so a changed article re-decides only the sequences it made or
makes; the order of the others does not move while the set and order of published
articles stays the same (otherwise everything is built again).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from mindlex.glossary import Glossary, fold
from mindlex.model import Article
from mindlex.publish.deps import TermDeps
from mindlex.render.termlinks import WORD, TermIndex, _plurals

Words = tuple[str, ...]
Rank = tuple[int, int, int, int]
"""Where a term stands in `Glossary.terms` order: (-length, alias?, position, alias index)."""


def contributions(article: Article, position: int) -> Iterator[tuple[Words, Rank, int]]:
    """(sequence, rank, number of words of the term) for every term of one article."""
    names = [(article.title, 0, 0)] + [(a, 1, i) for i, a in enumerate(article.aliases)]
    for name, kind, index in names:
        words = tuple(fold(w) for w in WORD.findall(name))
        if not words:
            continue
        rank = (-len(name), kind, position, index)
        for variant in _plurals(words):
            yield variant, rank, len(words)


@dataclass
class LiveTerms:
    """The term index of the published articles, with what it takes to update it."""

    index: TermIndex | None = None
    deps: TermDeps | None = None
    makers: dict[Words, set[str]] = field(default_factory=dict)
    """Sequence -> slugs of the published articles one of whose terms makes it."""
    by_first: dict[str, set[Words]] = field(default_factory=dict)
    lengths: Counter[int] = field(default_factory=Counter)
    """How many terms have each number of words (for `TermIndex.longest`)."""
    positions: dict[str, int] = field(default_factory=dict)
    _published: frozenset[str] | None = None
    _order: list[str] | None = None

    def update(
        self, glossary: Glossary, published: frozenset[str], changed: Iterable[Article | None]
    ) -> tuple[TermIndex, TermDeps]:
        """The index and dependencies for `glossary`; `changed` are the articles as they
        were before, for each article whose front matter moved since the last update."""
        order = [a.slug for a in glossary.live if a.slug in published]
        if self.index is None or self.deps is None or published is not self._published:
            return self._build(glossary, published, order)
        if order != self._order:
            return self._build(glossary, published, order)
        touched: set[Words] = set()
        summaries = dict(self.deps.summaries)
        for old in changed:
            if old is None:
                continue
            new = glossary.get(old.slug)
            if new is None:
                summaries.pop(old.slug, None)
            else:
                summaries[old.slug] = new.summary
            at = self.positions.get(old.slug)
            if at is None or new is None or _terms(old, at) == _terms(new, at):
                continue
            touched |= self._drop(old) | self._add(new)
        index = self._index(glossary, touched) if touched else self.index
        self.index, self.deps = index, self._deps(index, touched, summaries)
        return index, self.deps

    # -- from scratch ----------------------------------------------------------------------

    def _build(
        self, glossary: Glossary, published: frozenset[str], order: list[str]
    ) -> tuple[TermIndex, TermDeps]:
        self.makers, self.by_first, self.lengths = {}, {}, Counter()
        self.positions = {slug: n for n, slug in enumerate(order)}
        for slug in order:
            self._add(glossary.articles[slug])
        index = TermIndex.from_glossary(glossary, published)
        self.index, self.deps = index, TermDeps.build(index, glossary)
        self._published, self._order = published, order
        return index, self.deps

    # -- by the changed articles -----------------------------------------------------------

    def _drop(self, article: Article) -> set[Words]:
        touched: set[Words] = set()
        seen: set[tuple[int, int]] = set()
        for variant, rank, size in contributions(article, self.positions[article.slug]):
            touched.add(variant)
            makers = self.makers.get(variant)
            if makers is not None:
                makers.discard(article.slug)
                if not makers:
                    del self.makers[variant]
                    self.by_first[variant[0]].discard(variant)
                    if not self.by_first[variant[0]]:
                        del self.by_first[variant[0]]
            if (rank[1], rank[3]) not in seen:
                seen.add((rank[1], rank[3]))
                self.lengths[size] -= 1
        return touched

    def _add(self, article: Article) -> set[Words]:
        touched: set[Words] = set()
        seen: set[tuple[int, int]] = set()
        for variant, rank, size in contributions(article, self.positions[article.slug]):
            touched.add(variant)
            self.makers.setdefault(variant, set()).add(article.slug)
            self.by_first.setdefault(variant[0], set()).add(variant)
            if (rank[1], rank[3]) not in seen:
                seen.add((rank[1], rank[3]))
                self.lengths[size] += 1
        return touched

    def _index(self, glossary: Glossary, touched: set[Words]) -> TermIndex:
        """A new index: the old one with each touched sequence given to its first maker."""
        assert self.index is not None
        terms = dict(self.index.terms)
        for variant in touched:
            owner = self._owner(glossary, variant)
            if owner is None:
                terms.pop(variant, None)
            else:
                terms[variant] = owner
        longest = max((n for n, count in self.lengths.items() if count > 0), default=1)
        return TermIndex(terms, set(self.by_first), max(1, longest))

    def _owner(self, glossary: Glossary, variant: Words) -> str | None:
        best: tuple[Rank, str] | None = None
        for slug in self.makers.get(variant, ()):
            article = glossary.articles[slug]
            for made, rank, _size in contributions(article, self.positions[slug]):
                if made == variant and (best is None or rank < best[0]):
                    best = (rank, slug)
        return best[1] if best is not None else None

    def _deps(self, index: TermIndex, touched: set[Words], summaries: dict[str, str]) -> TermDeps:
        assert self.deps is not None
        by_first = dict(self.deps.by_first)
        for first in {variant[0] for variant in touched}:
            found = [(v, index.terms[v]) for v in self.by_first.get(first, ()) if v in index.terms]
            if found:
                by_first[first] = found
            else:
                by_first.pop(first, None)
        return TermDeps(by_first, summaries)


def _terms(article: Article, position: int) -> list[tuple[Words, Rank, int]]:
    return list(contributions(article, position))
