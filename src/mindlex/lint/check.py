"""The lint session behind `mindlex lint`: validate settings, load, lint, keep what was asked."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from mindlex.config import Config
from mindlex.config.load import load_config
from mindlex.diagnostic import Diagnostic
from mindlex.errors import ConfigError
from mindlex.glossary import Glossary
from mindlex.lint.cache import FindingsCache, read_run, run_key, write_run
from mindlex.lint.context import Shared
from mindlex.lint.lexicon import unknown_removals
from mindlex.lint.registry import unknown_codes
from mindlex.lint.runner import Linter, lint_glossary
from mindlex.loader import load_glossary
from mindlex.parsecache import ParseCache
from mindlex.source.discover import SourceFile, article_paths, read_source


@dataclass
class Options:
    """Command-line choices that refine `[lint]` in mindlex.toml."""

    select: Sequence[str] = ()
    ignore: Sequence[str] = ()
    extend_select: Sequence[str] = ()
    preview: bool = False
    jobs: int | None = None
    today: dt.date | None = None
    cache: bool = False
    """Reuse the findings and parse records kept under `.mindlex-cache` and update them
    (`mindlex.lint.cache`); off, every article is parsed and linted and nothing is kept."""


@dataclass
class Outcome:
    """A finished lint run: what was loaded and what was found in the requested paths."""

    config: Config
    glossary: Glossary | None
    """None when the whole report came from the cache and the glossary was not loaded."""
    diagnostics: list[Diagnostic] = field(default_factory=list)
    paths: tuple[Path, ...] = ()
    linted: int | None = None
    """Articles linted in this run when the cache was used (the others' were reused)."""


def configure(start: Path, options: Options) -> Config:
    """Load mindlex.toml, apply command-line selection, and refuse unknown codes (exit 2)."""
    config = load_config(start)
    lint = config.lint
    update: dict[str, object] = {}
    if options.select:
        update["select"] = list(options.select)
    if options.ignore:
        update["ignore"] = [*lint.ignore, *options.ignore]
    if options.extend_select:
        update["extend_select"] = [*lint.extend_select, *options.extend_select]
    if update:
        config = config.model_copy(update={"lint": lint.model_copy(update=update)})
    validate(config)
    return config


def validate(config: Config) -> None:
    """Raise ConfigError naming every code or phrase in `[lint]` that matches nothing."""
    lint = config.lint
    named = [*lint.select, *lint.ignore, *lint.extend_select, *lint.severity]
    for override in lint.per_path:
        named += [*override.select, *override.ignore]
    problems = [f"unknown rule code or prefix `{c}`" for c in unknown_codes(named)]
    problems += [
        f"`remove-phrases` entry `{p}` is not a built-in phrase"
        for p in unknown_removals(lint.remove_phrases)
    ]
    if problems:
        raise ConfigError(
            "mindlex.toml [lint] or command line: " + "; ".join(problems) + " (see `mindlex rules`)"
        )


def run(paths: Iterable[Path], options: Options) -> Outcome:
    """Lint the glossary containing `paths`, reporting only findings inside them."""
    targets = tuple(p.resolve() for p in paths) or (Path.cwd().resolve(),)
    missing = [str(p) for p in targets if not p.exists()]
    if missing:
        raise ConfigError(f"no such file or folder: {', '.join(missing)} — check the path")
    config = configure(targets[0], options)
    linted: int | None = None
    glossary: Glossary | None
    if options.cache:
        glossary, found, linted = _cached(config, options)
    else:
        loaded = load_glossary(config)
        glossary = loaded.glossary
        found = loaded.diagnostics + lint_glossary(
            glossary, config, options.preview, jobs=options.jobs, today=options.today
        )
    inside = Inside(targets)
    kept = sorted(
        (d for d in found if inside(d.span.path)), key=lambda d: (*d.sort_key(), d.message)
    )
    return Outcome(config, glossary, kept, targets, linted)


def _cached(config: Config, options: Options) -> tuple[Glossary | None, list[Diagnostic], int]:
    """Reuse the last run's report if no input moved; else load from the parse records and
    lint only the articles whose findings' inputs moved. Stores are written back (one that
    cannot be written is skipped)."""
    today = options.today or dt.date.today()
    paths = article_paths(config.content_root)
    sources = [read_source(p, config.site.max_file_bytes) for p in paths]
    key = run_key(config, options.preview, today, sources)
    stored = read_run(config.root, key)
    if stored is not None:
        return None, stored, 0
    records = ParseCache.open(config.root)
    loaded = load_glossary(config, cache=records, jobs=options.jobs, paths=paths)
    records.save()
    glossary = loaded.glossary
    linter = Linter(glossary, config, options.preview, None, today, Shared.build(glossary, config))
    store = FindingsCache.open(config.root)
    found = loaded.diagnostics + store.lint(linter, options.jobs)
    store.save()
    if _read_as(sources, glossary):
        write_run(config.root, key, found)
    return glossary, found, store.linted


def _read_as(sources: list[SourceFile | Diagnostic], glossary: Glossary) -> bool:
    """Whether the loader read every file as `sources` holds it (none changed in between),
    so the run's report may be stored under the key made from `sources`."""
    loaded = {a.path: a.sha256 for a in glossary.articles.values()}
    for source in sources:
        path = source.path if isinstance(source, SourceFile) else source.span.path
        if isinstance(source, SourceFile) and loaded.get(path) == source.sha256:
            continue
        again = read_source(path, glossary.config.site.max_file_bytes)
        if type(again) is not type(source) or again != source:
            return False
    return True


@dataclass
class Inside:
    """Whether a file is one of `targets` or inside one; each path is resolved once, since
    a glossary has many findings per file."""

    targets: tuple[Path, ...]
    known: dict[Path, bool] = field(default_factory=dict)

    def __call__(self, path: Path) -> bool:
        found = self.known.get(path)
        if found is None:
            resolved = path.resolve()
            found = any(resolved == t or t in resolved.parents for t in self.targets)
            self.known[path] = found
        return found
