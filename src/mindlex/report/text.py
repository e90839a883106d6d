"""Human report: findings grouped by file, coloured by severity, with a summary line."""

from __future__ import annotations

from collections.abc import Sequence
from itertools import groupby
from pathlib import Path

from rich.markup import escape

from mindlex.diagnostic import Diagnostic, Severity
from mindlex.report.summary import Counts

COLOURS = {Severity.ERROR: "red", Severity.WARNING: "yellow", Severity.INFO: "cyan"}


def render(diags: Sequence[Diagnostic], base: Path, *, color: bool = False) -> str:
    """Plain text, or rich markup when `color` (the CLI prints it through a Console)."""
    from mindlex.report import relative

    lines: list[str] = []
    ordered = sorted(diags, key=lambda d: (*d.sort_key(), d.message))
    for path, group in groupby(ordered, key=lambda d: d.span.path):
        name = relative(path, base)
        lines.append(f"[bold underline]{escape(name)}[/]" if color else name)
        lines.extend(_line(d, color) for d in group)
        lines.append("")
    counts = Counts.of(diags)
    verdict = "All clear: " if not diags else "Found "
    lines.append(verdict + counts.sentence() + ".")
    return "\n".join(lines) + "\n"


def _line(diag: Diagnostic, color: bool) -> str:
    where = f"{diag.span.line}:{diag.span.col}"
    mark = ""
    if diag.fix is not None and diag.fix.edits:
        mark = " [*]" if diag.fix.safe else " [unsafe fix]"
    hint = f"\n      help: {diag.hint}" if diag.hint else ""
    if not color:
        return f"  {where:<8} {diag.severity.value:<7} {diag.code:<8} {diag.message}{mark}{hint}"
    colour = COLOURS[diag.severity]
    return (
        f"  [dim]{where:<8}[/dim] [{colour}]{diag.severity.value:<7}[/{colour}] "
        f"[bold]{diag.code:<8}[/bold] {escape(diag.message)}{escape(mark)}"
        f"[dim]{escape(hint)}[/dim]"
    )
