"""`mindlex import`: turn existing pages into draft articles and report what they lack."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import typer

from mindlex.atomic import write_atomic
from mindlex.cli.output import err, fail_config
from mindlex.errors import ConfigError

REPORT_FORMATS = ("text", "json", "html")
DEFAULT_MAX_BYTES = 20_000_000
"""`mindlex.importer.report.FORMATS` and `mindlex.importer.run.DEFAULT_MAX_BYTES`, spelled
out so that loading the CLI does not load the importer (lxml, Jinja2) for other commands;
a test keeps them equal."""


def register(app: typer.Typer) -> None:
    app.command("import")(import_command)


def import_command(
    sources: list[Path] = typer.Argument(
        ..., help="HTML pages or folders of them, .txt copies, WordPress .xml exports, .md files."
    ),
    into: Path = typer.Option(..., "--into", help="Glossary root (with mindlex.toml)."),
    dry_run: bool = typer.Option(False, "--dry-run", help="Show the report; write nothing."),
    force: bool = typer.Option(
        False, "--force", help="Replace files changed since an earlier import (backups kept)."
    ),
    fmt: str = typer.Option("text", "--format", "-f", help="Report format: text, json or html."),
    output: Path | None = typer.Option(None, "--report", "-o", help="Write the report here."),
    max_bytes: int = typer.Option(
        DEFAULT_MAX_BYTES, "--max-bytes", min=1, help="Skip source files larger than this."
    ),
    jobs: int | None = typer.Option(None, "--jobs", "-j", min=1, help="Worker processes."),
    today: str | None = typer.Option(None, "--today", hidden=True, help="Fix the date."),
) -> None:
    """Import pages as draft articles awaiting review; exit 1 if any source was skipped."""
    if fmt not in REPORT_FORMATS:
        err.print(f"[red]error:[/red] unknown format {fmt!r}; use {', '.join(REPORT_FORMATS)}")
        raise typer.Exit(2)
    from mindlex.importer import ImportOptions, import_sources
    from mindlex.importer.report import FORMATS

    options = ImportOptions(
        into, dry_run, force, max_bytes, jobs, dt.date.fromisoformat(today) if today else None
    )
    try:
        report = import_sources(sources, options)
    except ConfigError as exc:
        fail_config(exc)
    text = FORMATS[fmt](report)
    if output is not None:
        write_atomic(output, text.encode("utf-8"))
    else:
        typer.echo(text, nl=False)
    raise typer.Exit(1 if report.count("skip") or report.count("keep") else 0)
