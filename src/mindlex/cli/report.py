"""`mindlex report`: the governance dashboard as a static HTML page or as JSON."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Annotated

import typer

from mindlex.atomic import write_atomic
from mindlex.cli.output import err, fail_config
from mindlex.config import load_config
from mindlex.errors import ConfigError


def register(app: typer.Typer) -> None:
    app.command("report")(report)


def report(
    root: Annotated[Path, typer.Argument(help="Glossary folder (holding mindlex.toml).")] = Path(
        "."
    ),
    output_format: Annotated[str, typer.Option("--format", help="html or json.")] = "html",
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write here instead of stdout.")
    ] = None,
    today: Annotated[
        str | None, typer.Option("--today", hidden=True, help="Fix the date (YYYY-MM-DD).")
    ] = None,
) -> None:
    """Write the governance report: review coverage, states, findings, evidence, reading level."""
    from mindlex.workspace.report import build_dashboard, report_html, report_json

    if output_format not in ("html", "json"):
        err.print(f"[red]error:[/red] --format: `{output_format}` is not one of html, json")
        raise typer.Exit(2)
    try:
        day = dt.date.fromisoformat(today) if today else dt.date.today()
    except ValueError:
        err.print(f"[red]error:[/red] --today: `{today}` is not a date like 2026-01-31")
        raise typer.Exit(2) from None
    if not root.exists():
        err.print(f"[red]error:[/red] no such folder: {root} — check the path")
        raise typer.Exit(2)
    try:
        config = load_config(root)
    except ConfigError as exc:
        fail_config(exc)
    board = build_dashboard(config, day)
    text = report_json(board) if output_format == "json" else report_html(board)
    if output is None:
        typer.echo(text, nl=False)
    else:
        write_atomic(output, text.encode("utf-8"))
        err.print(f"Report written to {output}")
