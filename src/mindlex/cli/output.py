"""Shared terminal output: one rich console for results, one for messages on stderr."""

from __future__ import annotations

import logging
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import NoReturn

import typer
from rich.console import Console
from rich.markup import escape

from mindlex.diagnostic import Diagnostic, Severity
from mindlex.errors import INTERNAL, ConfigError
from mindlex.span import display_path

out = Console(highlight=False, soft_wrap=True)
err = Console(stderr=True, highlight=False, soft_wrap=True)

COLOURS = {Severity.ERROR: "red", Severity.WARNING: "yellow", Severity.INFO: "cyan"}


def relative(path: Path) -> str:
    return display_path(path)


def print_diagnostics(diags: Iterable[Diagnostic], console: Console = err) -> None:
    """`path:line:col: CODE message — hint`, coloured by severity on a terminal.

    Piped output is written as plain lines in one go: rich renders each line separately,
    which takes seconds for the tens of thousands of findings a large site can have."""
    if not console.is_terminal:
        lines = [
            f"{relative(d.span.path)}:{d.span.line}:{d.span.col}: {d.code} {d.message}"
            + (f" — {d.hint}" if d.hint else "")
            for d in diags
        ]
        if lines:
            console.file.write("\n".join(lines) + "\n")
        return
    for d in diags:
        where = f"{relative(d.span.path)}:{d.span.line}:{d.span.col}"
        colour = COLOURS[d.severity]
        hint = f" [dim]— {escape(d.hint)}[/dim]" if d.hint else ""
        console.print(
            f"[bold]{escape(where)}[/bold]: [{colour}]{d.code}[/{colour}] {escape(d.message)}{hint}"
        )


def fail_config(exc: ConfigError) -> NoReturn:
    """Report a config or usage problem and exit 2."""
    if exc.diagnostics:
        print_diagnostics(exc.diagnostics)
    else:
        err.print(f"[red]error:[/red] {escape(str(exc))}")
    raise typer.Exit(2)


def split_bugs(diags: Iterable[Diagnostic]) -> tuple[list[Diagnostic], list[Diagnostic]]:
    """Findings, and the bugs in mindlex met on the way (INTERNAL), which are not findings."""
    findings: list[Diagnostic] = []
    bugs: list[Diagnostic] = []
    for d in diags:
        (bugs if d.code == INTERNAL else findings).append(d)
    return findings, bugs


def report_bugs(bugs: Iterable[Diagnostic]) -> None:
    """One plain line per bug on stderr, naming the file that was being processed."""
    lines = [
        f"mindlex: internal error while processing {relative(d.span.path)}: {d.message} "
        "(this is a bug in mindlex, not a problem in the file; please report it)"
        for d in bugs
    ]
    if lines:
        err.file.write("\n".join(lines) + "\n")


class OneLineHandler(logging.Handler):
    """Log records as one plain line on the current stderr, an exception as its type and
    message only: users see no tracebacks (bugs are reported by `report_bugs`)."""

    def emit(self, record: logging.LogRecord) -> None:
        message = record.getMessage().splitlines()[0] if record.getMessage() else ""
        if record.exc_info and record.exc_info[1] is not None:
            exc = record.exc_info[1]
            message += f" ({type(exc).__name__}: {str(exc).splitlines()[0] if str(exc) else ''})"
        sys.stderr.write(f"mindlex: {message}\n")


def quiet_tracebacks() -> None:
    """Send mindlex's log records through OneLineHandler, once per process."""
    logger = logging.getLogger("mindlex")
    if not any(isinstance(h, OneLineHandler) for h in logger.handlers):
        handler = OneLineHandler(logging.WARNING)
        logger.addHandler(handler)
