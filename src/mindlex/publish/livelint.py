"""The preview's lint findings, kept per article in parts, so a save re-lints what it moved.

An article's findings are made of three parts (`mindlex.lint.scope`), each in its own table:

- **own** and **graded**: the rules that read the article alone, those that read no
  readability score and those that do. Inputs: the lint settings, the date, the
  bibliography, the article's bytes and its review state; for the graded part also the
  glossary's defined terms the readability view could have matched in it (those whose
  every word it scored). These are the costly parts.
- **across**: the rules that compare articles. Inputs: the settings, the article's bytes,
  and what each rule read of the others (`Rule.glossary_facts`): which related slugs
  exist, whether another article links here, who else owns its title and aliases.

A last table joins them: suppressions and the SUP rules. All four tables are stored for
the next start, so a start with nothing changed lints nothing and parses nothing.

A title edit thus re-lints the edited article, re-grades the articles whose prose holds
every word of the old or new title, and re-runs the cheap rules of the articles that share
a name or a link with it.
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_left, insort
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
from mindlex.publish.deps import lint_settings
from mindlex.publish.livestore import SAVE_AFTER, put_entries
from mindlex.render.view import ReviewLike

STORE = "preview-lint"


def lint_base(config: Config, today: dt.date) -> str:
    """The digest every part's key starts from: the lint settings and the date."""
    return digest("live lint", lint_settings(config), today)


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
    graded: Table[OwnFindings] = field(default_factory=lambda: Table("lint graded"))
    across: Table[tuple[Diagnostic, ...]] = field(default_factory=lambda: Table("lint across"))
    findings: Table[list[Diagnostic]] = field(default_factory=lambda: Table("lint"))
    shared: Table[Shared] = field(default_factory=lambda: Table("lint data"))
    _terms: TermsByWord | None = None
    _terms_of: object = None
    _own_shape: str = ""
    _across_shape: str = ""
    _shared_base: str = ""
    _saved: int = 0
    _changed: int = 0
    _sorted: list[Diagnostic] | None = None
    _sorted_of: dict[str, list[Diagnostic]] = field(default_factory=dict)
    _loaded: list[Diagnostic] = field(default_factory=list)

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
        shared = self.data(base, glossary, config, front, moves)
        linter = Linter(glossary, config, False, reviews, today, shared)
        todo = self._own(linter, reviews, digest(base, bibliography), moves)
        todo |= self._across(linter, digest(base, sorted(glossary.unreadable)), moves)
        self._join(linter, todo)
        if moves.slugs:
            for table in (self.own, self.graded, self.across, self.findings):
                table.retain(glossary.articles)
        return [d for _key, diags in self.findings.entries.values() for d in diags]

    def data(
        self, base: str, glossary: Glossary, config: Config, front: str, moves: Moves
    ) -> Shared:
        """The run-wide lint data; a front-matter change keeps the compiled phrase matcher,
        and while the set of articles stays the same, the defined terms and their owners
        are updated by the articles whose names moved (`shared_after`)."""
        found = self.shared.entries.get("shared")
        like = found[1] if found is not None and self._shared_base == base else None
        self._shared_base = base

        def compute() -> Shared:
            if like is None or moves.slugs:
                return Shared.build(glossary, config, like)
            return shared_after(like, glossary, moves.fronts)

        return self.shared.get_same("shared", (base, front), lambda: digest(base, front), compute)

    # -- the article's own rules ---------------------------------------------------------

    def own_everywhere(
        self, linter: Linter, reviews: dict[str, ReviewLike], base: str, bibliography: str
    ) -> None:
        """Bring every article's own and graded parts up to date, as after a change that
        may move any of them (a build that re-lints many articles uses this)."""
        everything = Moves(set(linter.glossary.articles), None, {}, True)
        self._own(linter, reviews, digest(base, bibliography), everything)

    def _own(
        self, linter: Linter, reviews: dict[str, ReviewLike], shape: str, moves: Moves
    ) -> set[str]:
        """Re-lint the articles whose own findings' inputs moved; returns those looked at.
        An article whose prose meets a changed term only has its readability re-graded."""
        articles = linter.glossary.articles
        index, delta = self._term_index(linter.shared)
        recheck: set[str] = set()
        if shape != self._own_shape or moves.reviews is None:
            todo = set(articles)
        else:
            recheck = self._meeting(delta) & articles.keys()
            todo = (moves.articles | moves.reviews) & articles.keys()
        self._own_shape = shape
        both: list[str] = []
        graded: list[str] = []
        for slug in sorted(todo | recheck):
            own = OwnPart(shape, index, articles[slug], reviews.get(slug))
            if own.stale(self.own, slug, slug in recheck):
                both.append(slug)  # both parts from one context: they share its views
            elif own.stale(self.graded, slug, slug in recheck):
                graded.append(slug)
        for slug, (plain, scores) in zip(both, each_article(linter, both, linter.own), strict=True):
            part = OwnPart(shape, index, articles[slug], reviews.get(slug))
            part.put(self.own, slug, plain)
            part.put(self.graded, slug, scores)
        for slug, scores in zip(graded, each_article(linter, graded, linter.graded), strict=True):
            OwnPart(shape, index, articles[slug], reviews.get(slug)).put(self.graded, slug, scores)
        return todo | recheck

    def _term_index(self, shared: Shared) -> tuple[TermsByWord, frozenset[Term]]:
        """The defined terms by first word, and the terms added or removed since last time."""
        if self._terms is not None and self._terms_of is shared.terms:
            return self._terms, frozenset()
        if self._terms is None:
            index, delta = TermsByWord.of(shared.terms.terms), frozenset[Term]()
        else:
            delta = frozenset(shared.terms.terms ^ self._terms.terms)
            index = _by_word_after(self._terms, delta)
        self._terms, self._terms_of = index, shared.terms
        return index, delta

    def _meeting(self, delta: frozenset[Term]) -> set[str]:
        """Articles whose scored words hold every word of an added or removed term."""
        if not delta:
            return set()
        terms = sorted(delta)
        found: set[str] = set()
        for table in (self.own, self.graded):
            for slug, (_key, own) in table.entries.items():
                if own.words and slug not in found and _meets_any(own.words, terms):
                    found.add(slug)
        return found

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
            own, graded = self.own.entries[slug], self.graded.entries[slug]
            across = self.across.entries[slug]
            self.findings.get_same(
                slug,
                (own[1], graded[1], across[1]),
                partial(digest, own[0], graded[0], across[0]),
                partial(
                    self._finish, linter, article, [*own[1].found, *graded[1].found, *across[1]]
                ),
            )

    @staticmethod
    def _finish(linter: Linter, article: Article, found: list[Diagnostic]) -> list[Diagnostic]:
        return sorted(linter.finish(article, found), key=order)

    def sorted_with(self, loaded: list[Diagnostic]) -> list[Diagnostic]:
        """Every article's findings and `loaded` in `Diagnostic.sort_key` order, as sorting
        them all would give: kept sorted from one refresh to the next and patched by the
        articles whose findings are new objects, unless the loader's findings moved."""
        now = {slug: found for slug, (_key, found) in self.findings.entries.items()}
        before = self._sorted_of
        changed = [slug for slug, found in now.items() if before.get(slug) is not found]
        changed += [slug for slug in before if slug not in now]
        if self._sorted is None or loaded != self._loaded or len(changed) > SAVE_AFTER:
            every = [*loaded, *(d for found in now.values() for d in found)]
            every.sort(key=Diagnostic.sort_key)
        else:
            drop = {id(d) for slug in changed for d in before.get(slug, ())}
            every = [d for d in self._sorted if id(d) not in drop] if drop else self._sorted
            for slug in changed:
                for diag in now.get(slug, ()):
                    insort(every, diag, key=Diagnostic.sort_key)
        self._sorted, self._sorted_of, self._loaded = every, now, list(loaded)
        return list(every)

    # -- kept between starts ---------------------------------------------------------------

    def load(self, path: Path) -> None:
        """Take the tables of an earlier run; each entry still has to match its key."""
        stored = read_checked(path, STORE)
        if not isinstance(stored, dict):
            return
        put_entries(self.own, stored.get("own"), OwnFindings)
        put_entries(self.graded, stored.get("graded"), OwnFindings)
        put_entries(self.across, stored.get("across"), tuple)
        put_entries(self.findings, stored.get("findings"), list)

    def save(self, path: Path, force: bool = False) -> None:
        """Keep every part for the next start; after that, only when many have changed.
        The joined findings are kept too: joining applies suppressions, which reads an
        article's token trees, and a start must not parse every article again for that."""
        changed = sum(t.misses for t in (self.across, self.findings))
        misses = self.own.misses + self.graded.misses  # the costly parts decide when
        if misses == self._saved and changed == self._changed:
            return  # nothing new since the start or the last save
        self._changed = changed
        if force or misses > self._saved + SAVE_AFTER:
            parts: dict[str, dict[str, tuple[str, object]]] = {
                "own": dict(self.own.entries),
                "graded": dict(self.graded.entries),
                "across": dict(self.across.entries),
                "findings": dict(self.findings.entries),
            }
            write_checked(path, STORE, parts)
            self._saved = misses


def _meets_any(words: tuple[str, ...], terms: list[Term]) -> bool:
    """`OwnFindings.may_meet` for any of `terms`, inlined: it runs over every article."""
    for term in terms:
        for word in term:
            at = bisect_left(words, word)
            if at == len(words) or words[at] != word:
                break
        else:
            return True
    return False


def _by_word_after(old: TermsByWord, delta: frozenset[Term]) -> TermsByWord:
    """`TermsByWord.of` the old terms with those in `delta` added or removed."""
    by_first = dict(old.by_first)
    for first in {term[0] for term in delta}:
        group = set(by_first.get(first, ())) ^ {t for t in delta if t[0] == first}
        if group:
            by_first[first] = tuple(sorted(group))
        else:
            del by_first[first]
    return TermsByWord(old.terms ^ delta, by_first, frozenset(by_first))


def shared_after(like: Shared, glossary: Glossary, fronts: dict[str, Article | None]) -> Shared:
    """`Shared.build` for the same articles in the same order, of which those in `fronts`
    changed their front matter: the other articles' names stay as they were in `like`."""
    removed: list[str] = []
    added: list[str] = []
    names: set[str] = set()
    for slug, old in fronts.items():
        for article, into in ((old, removed), (glossary.articles.get(slug), added)):
            if article is not None:
                into.extend((article.title, *article.aliases))
                names.update(fold(n) for n in (article.title, *article.aliases))
    position = {slug: n for n, slug in enumerate(glossary.articles)}
    owners = dict(like.term_owners)
    for name in names:
        found: list[str] = []
        candidates = {*like.term_owners.get(name, ()), *fronts} & position.keys()
        for slug in sorted(candidates, key=position.__getitem__):
            article = glossary.articles[slug]
            found.extend(slug for n in (article.title, *article.aliases) if fold(n) == name)
        if found:
            owners[name] = found
        else:
            owners.pop(name, None)
    terms = like.terms.changed(removed, added)
    backlinks = glossary.backlinks()
    crisis = (like.crisis_numbers, like.crisis_names)
    return Shared(like.matcher, terms, *crisis, backlinks, owners, like.slugs)


@dataclass(frozen=True)
class OwnPart:
    """The inputs of an article's own or graded findings: the shared ones, its bytes, its
    review state, and the defined terms it could meet (read from the words its findings
    scored: for the same bytes, the same words)."""

    shape: str
    terms: TermsByWord
    article: Article
    review: object

    def inputs(self) -> tuple[object, ...]:
        return (self.shape, self.article, self.review)

    def key(self, own: OwnFindings | None) -> str:
        met = self.terms.within(own) if own is not None else ()
        return digest(
            self.shape, str(self.article.path), self.article.sha256, repr(self.review), met
        )

    def stale(self, table: Table[OwnFindings], slug: str, again: bool) -> bool:
        """Whether the entry of `slug` is out of date; `again` compares digests even for
        the same input objects (a term the article may meet changed)."""
        stored = table.entries.get(slug)
        wanted = partial(self.key, stored[1] if stored is not None else None)
        return table.stale_key(slug, self.inputs(), wanted, again) is not None

    def put(self, table: Table[OwnFindings], slug: str, own: OwnFindings) -> None:
        table.put(slug, self.key(own), own, self.inputs())
