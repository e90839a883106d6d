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
from mindlex.lint.cache import FindingsCache
from mindlex.lint.context import Shared
from mindlex.lint.lexicon import unknown_removals
from mindlex.lint.registry import unknown_codes
from mindlex.lint.runner import Linter, lint_glossary
from mindlex.loader import Loaded, load_glossary
from mindlex.parsecache import ParseCache


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
    glossary: Glossary
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
    if options.cache:
        loaded, findings, linted = _cached(config, options)
    else:
        loaded = load_glossary(config)
        findings = lint_glossary(
            loaded.glossary, config, options.preview, jobs=options.jobs, today=options.today
        )
    found = loaded.diagnostics + findings
    inside = Inside(targets)
    kept = sorted(
        (d for d in found if inside(d.span.path)), key=lambda d: (*d.sort_key(), d.message)
    )
    return Outcome(config, loaded.glossary, kept, targets, linted)


def _cached(config: Config, options: Options) -> tuple[Loaded, list[Diagnostic], int]:
    """Load from the parse records and lint only the articles whose findings' inputs moved;
    both stores are written back (a store that cannot be written is skipped)."""
    records = ParseCache.open(config.root)
    loaded = load_glossary(config, cache=records, jobs=options.jobs)
    records.save()
    glossary = loaded.glossary
    today = options.today or dt.date.today()
    linter = Linter(glossary, config, options.preview, None, today, Shared.build(glossary, config))
    store = FindingsCache.open(config.root)
    findings = store.lint(linter, options.jobs)
    store.save()
    return loaded, findings, store.linted


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
