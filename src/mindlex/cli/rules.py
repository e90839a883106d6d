"""`mindlex rules [CODE]`: the rule catalogue, or one rule explained."""

from __future__ import annotations

import difflib
import json

import typer
from rich.markup import escape
from rich.table import Table

from mindlex.cli.output import err, out
from mindlex.lint.docs import explain, ordered_rules
from mindlex.lint.registry import FAMILIES, all_rules
from mindlex.lint.rule import Rule


def register(app: typer.Typer) -> None:
    app.command("rules")(rules_command)


def rules_command(
    code: str | None = typer.Argument(None, help="A rule code (e.g. SAFE001) to explain."),
    as_json: bool = typer.Option(False, "--json", help="Print the catalogue as JSON."),
) -> None:
    """List every lint rule, or explain one: why it matters, examples, fix safety, source."""
    if code is not None:
        _explain(code)
        return
    rules = ordered_rules()
    if as_json:
        data = [
            {
                "code": r.code,
                "name": r.name,
                "family": r.family,
                "severity": r.severity.value,
                "fix": r.fix.value,
                "status": r.status.value,
                "summary": r.summary(),
                "source": r.source,
            }
            for r in rules
        ]
        typer.echo(json.dumps(data, indent=2, ensure_ascii=False))
        return
    if not out.is_terminal:
        typer.echo(_plain_table(rules), nl=False)
        return
    table = Table(box=None, pad_edge=False, show_edge=False)
    for column in ("code", "name", "family", "severity", "fix", "summary"):
        table.add_column(column, overflow="fold")
    for r in rules:
        table.add_row(
            r.code, r.name, FAMILIES[r.family], r.severity.value, r.fix.value, escape(r.summary())
        )
    out.print(table)
    out.print(f"{len(rules)} rules. `mindlex rules CODE` explains one.")


def _plain_table(rules: list[type[Rule]]) -> str:
    """Aligned columns, one rule a line and never wrapped: for pipes, files and grep."""
    rows = [("code", "name", "family", "severity", "fix", "summary")]
    rows += [
        (r.code, r.name, FAMILIES[r.family], r.severity.value, r.fix.value, r.summary())
        for r in rules
    ]
    widths = [max(len(row[i]) for row in rows) for i in range(5)]
    lines = [
        "  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=False)) + "  " + row[5]
        for row in rows
    ]
    lines.append(f"{len(rules)} rules. `mindlex rules CODE` explains one.")
    return "\n".join(lines) + "\n"


def _explain(code: str) -> None:
    rules = all_rules()
    cls = rules.get(code.strip().upper())
    if cls is None:
        close = difflib.get_close_matches(code.upper(), list(rules), n=1)
        hint = f" Did you mean {close[0]}?" if close else " Run `mindlex rules` for the list."
        err.print(f"[red]error:[/red] no rule {escape(code)}.{hint}")
        raise typer.Exit(2)
    typer.echo(explain(cls), nl=False)
