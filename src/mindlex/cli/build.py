"""`mindlex build`: lint, render and publish the site atomically."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

import typer
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

from mindlex.cli.output import (
    err,
    fail_config,
    print_diagnostics,
    relative,
    report_bugs,
    split_bugs,
)
from mindlex.config import load_config
from mindlex.diagnostic import Diagnostic
from mindlex.errors import BUG_EXIT, ConfigError

if TYPE_CHECKING:
    from mindlex.publish.pipeline import BuildResult


def register(app: typer.Typer) -> None:
    app.command("build")(build_command)


def build_command(
    root: Path = typer.Argument(Path("."), help="Glossary folder (holding mindlex.toml)."),
    out: Path | None = typer.Option(
        None, "--out", "-o", help="Output folder [default: ROOT/_site]."
    ),
    draft: bool = typer.Option(
        False, "--draft", help="Publish articles with errors under a draft banner, with noindex."
    ),
    pagefind: bool = typer.Option(
        True, "--pagefind/--no-pagefind", help="Index the site with Pagefind (slow on huge sites)."
    ),
    jobs: int | None = typer.Option(
        None, "--jobs", "-j", min=1, help="Worker processes [default: one per core on big sites]."
    ),
    cache: bool = typer.Option(
        True, "--cache/--no-cache", help="Reuse unchanged work from ROOT/.mindlex-cache."
    ),
    today: str | None = typer.Option(
        None, "--today", hidden=True, help="Fix the date (YYYY-MM-DD)."
    ),
) -> None:
    """Check every article and publish the site; a failed build keeps the previous site."""
    try:
        config = load_config(root)
        fixed = _date(today)
    except ConfigError as exc:
        fail_config(exc)
    from mindlex.publish.pipeline import BuildOptions, build  # Jinja2, citeproc: not for lint

    target = out or config.root / "_site"
    had_site = _has_site(target)
    with Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        console=err,
        transient=True,
        disable=not err.is_terminal,
    ) as bar:
        task = bar.add_task("Rendering", total=None)

        def progress(stage: str, done: int, total: int) -> None:
            bar.update(task, completed=done, total=total)

        try:
            result = build(
                config,
                BuildOptions(
                    target,
                    draft=draft,
                    today=fixed,
                    pagefind=pagefind,
                    progress=progress,
                    cache=cache,
                    jobs=jobs,
                ),
            )
        except OSError as exc:
            err.print(f"[red]error:[/red] could not write the site: {escape(_os_error(exc))}")
            raise typer.Exit(1) from None
    _report(result, target, had_site)


def _has_site(target: Path) -> bool:
    """Whether a previous site is there to be kept; an unusable path has none."""
    try:
        return target.is_dir() and any(target.iterdir())
    except OSError:
        return False


def _os_error(exc: OSError) -> str:
    """The OS's reason and the file, shortened: a too-long name must not fill the screen."""
    name = str(exc.filename or "")
    if len(name) > 120:
        name = name[:60] + "…" + name[-40:]
    reason = exc.strerror or str(exc).splitlines()[0]
    return f"{reason}: {name}" if name else reason


def _date(text: str | None) -> dt.date | None:
    if text is None:
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise ConfigError(f"--today: {text!r} is not a date like 2026-01-31") from None


MAX_SHOWN = 200
"""A build lists at most this many findings, errors first; `mindlex lint` lists them all."""


def _report(result: BuildResult, target: Path, had_site: bool) -> None:
    findings, bugs = split_bugs(result.diagnostics)
    ranked = sorted(findings, key=lambda d: -d.severity.rank)
    print_diagnostics(sorted(ranked[:MAX_SHOWN], key=Diagnostic.sort_key))
    if len(ranked) > MAX_SHOWN:
        err.print(
            f"… and {len(ranked) - MAX_SHOWN} more finding(s) not shown; "
            "`mindlex lint` lists them all."
        )
    for slug, why in sorted(result.withheld.items()):
        err.print(f"[yellow]not published[/yellow] {slug}: {why}")
    errors = len(result.blocking)
    held = len(result.errors) - errors
    report_bugs(bugs)
    if not result.written:
        kept = (
            f"the previous site in {relative(target)} was left as it was"
            if had_site
            else f"nothing was written to {relative(target)}"
        )
        err.print(f"[red]Build failed[/red]: {errors} error(s); {kept}.")
        raise typer.Exit(BUG_EXIT if bugs else 1)
    total = sum(result.timings.values())
    err.print(
        f"Built {len(result.published)} article(s) into {relative(target)} in {total:.2f} s"
        + (f"; {errors} error(s) published as drafts" if errors else "")
        + (f"; {held} error(s) in drafts that were not published" if held else "")
        + "."
    )
    if bugs:
        raise typer.Exit(BUG_EXIT)
