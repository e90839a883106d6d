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
from mindlex.lint.lexicon import unknown_removals
from mindlex.lint.registry import unknown_codes
from mindlex.lint.runner import lint_glossary
from mindlex.loader import load_glossary


@dataclass
class Options:
    """Command-line choices that refine `[lint]` in mindlex.toml."""

    select: Sequence[str] = ()
    ignore: Sequence[str] = ()
    extend_select: Sequence[str] = ()
    preview: bool = False
    jobs: int | None = None
    today: dt.date | None = None


@dataclass
class Outcome:
    """A finished lint run: what was loaded and what was found in the requested paths."""

    config: Config
    glossary: Glossary
    diagnostics: list[Diagnostic] = field(default_factory=list)
    paths: tuple[Path, ...] = ()


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
    loaded = load_glossary(config)
    found = loaded.diagnostics + lint_glossary(
        loaded.glossary, config, options.preview, jobs=options.jobs, today=options.today
    )
    kept = sorted(
        (d for d in found if _inside(d.span.path, targets)),
        key=lambda d: (*d.sort_key(), d.message),
    )
    return Outcome(config, loaded.glossary, kept, targets)


def _inside(path: Path, targets: tuple[Path, ...]) -> bool:
    resolved = path.resolve()
    return any(resolved == t or t in resolved.parents for t in targets)
