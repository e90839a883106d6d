"""`mindlex lint`: check articles, optionally fix them, and report in the chosen format."""

from __future__ import annotations

import datetime as dt
import sys
from dataclasses import replace
from pathlib import Path

import typer

from mindlex.atomic import write_atomic
from mindlex.cli.output import err, fail_config, out, report_bugs, split_bugs
from mindlex.diagnostic import Diagnostic, Severity
from mindlex.errors import BUG_EXIT, ConfigError
from mindlex.lint import fix as fixing
from mindlex.lint.check import Options, Outcome, run
from mindlex.lint.page import lint_page, page_settings
from mindlex.report import FORMATS, render


def register(app: typer.Typer) -> None:
    app.command("lint")(lint_command)


def _codes(value: str | None) -> list[str]:
    return [c.strip() for c in (value or "").split(",") if c.strip()]


def lint_command(
    paths: list[Path] | None = typer.Argument(
        None, help="Glossary folder or article files [default: current folder]."
    ),
    select: str | None = typer.Option(
        None, "--select", help="Comma-separated codes or prefixes to run (replaces `select`)."
    ),
    ignore: str | None = typer.Option(None, "--ignore", help="Codes or prefixes to skip."),
    extend_select: str | None = typer.Option(
        None, "--extend-select", help="Codes or prefixes to run in addition."
    ),
    fix: bool = typer.Option(False, "--fix", help="Apply safe fixes, then report what is left."),
    unsafe_fixes: bool = typer.Option(
        False, "--unsafe-fixes", help="With --fix or --diff, apply unsafe fixes too."
    ),
    diff: bool = typer.Option(
        False, "--diff", help="Print the fixes as a unified diff; write nothing."
    ),
    fmt: str = typer.Option("text", "--format", "-f", help="text, json, sarif or github."),
    output: Path | None = typer.Option(None, "--output", "-o", help="Write the report here."),
    strict: bool = typer.Option(False, "--strict", help="Exit 1 on warnings too."),
    preview: bool = typer.Option(False, "--preview", help="Also run preview rules."),
    jobs: int | None = typer.Option(
        None, "--jobs", "-j", min=1, help="Worker processes [default: automatic]."
    ),
    today: str | None = typer.Option(None, "--today", hidden=True, help="Fix the date."),
    no_cache: bool = typer.Option(
        False, "--no-cache", help="Parse and lint every article; read and keep no cache."
    ),
    stdin: bool = typer.Option(
        False, "--stdin", help="Lint a page read from standard input (not a mindlex article)."
    ),
    page_format: str | None = typer.Option(
        None,
        "--page-format",
        help="Read the input as a page: text, markdown or html (default with --stdin: text).",
    ),
    locale: str | None = typer.Option(
        None, "--locale", help="Crisis locales for pages, e.g. en-GB or en-GB,en-IE."
    ),
) -> None:
    """Check articles against clinical writing rules; exit 1 on errors, 2 on bad usage."""
    if fmt not in FORMATS:
        err.print(f"[red]error:[/red] unknown format {fmt!r}; use {', '.join(FORMATS)}")
        raise typer.Exit(2)
    if stdin or page_format:
        if fix or diff:
            err.print("[red]error:[/red] --fix and --diff work on glossary files, not pages")
            raise typer.Exit(2)
        diags = _pages(paths or [], stdin, page_format or "text", locale, select, ignore)
        _report(diags, fmt, output)
        raise typer.Exit(exit_code(diags, strict))
    try:
        options = Options(
            _codes(select),
            _codes(ignore),
            _codes(extend_select),
            preview,
            jobs,
            dt.date.fromisoformat(today) if today else None,
            cache=not no_cache,
        )
        # fixes are computed from findings made now, never from stored ones
        outcome = run(paths or [], replace(options, cache=False) if fix or diff else options)
        if fix or diff:
            outcome = _fix(outcome, options, unsafe=unsafe_fixes, diff_only=diff)
    except ConfigError as exc:
        fail_config(exc)
    except ValueError as exc:
        err.print(f"[red]error:[/red] {exc}")
        raise typer.Exit(2) from None
    findings, bugs = split_bugs(outcome.diagnostics)
    _report(findings, fmt, output)
    if bugs:
        report_bugs(bugs)
        raise typer.Exit(BUG_EXIT)
    raise typer.Exit(exit_code(findings, strict))


def _pages(
    paths: list[Path],
    stdin: bool,
    kind: str,
    locale: str | None,
    select: str | None,
    ignore: str | None,
) -> list[Diagnostic]:
    """Lint third-party pages: standard input, or each file given, as text, markdown or html."""
    try:
        config = page_settings(_codes(locale), _codes(select), _codes(ignore))
        if stdin:
            return lint_page(sys.stdin.read(), config, kind=kind)
        found: list[Diagnostic] = []
        for path in paths:
            text = path.read_text(encoding="utf-8", errors="replace")
            found.extend(lint_page(text, config, kind=kind, path=path))
        return found
    except ConfigError as exc:
        fail_config(exc)
    except (ValueError, OSError) as exc:
        err.print(f"[red]error:[/red] {exc}")
        raise typer.Exit(2) from None


def _fix(outcome: Outcome, options: Options, *, unsafe: bool, diff_only: bool) -> Outcome:
    articles = outcome.glossary.articles.values() if outcome.glossary is not None else ()
    digests = {a.path: a.sha256 for a in articles}
    result = fixing.fix_outcome(outcome, unsafe=unsafe, preview=options.preview)
    if diff_only:
        typer.echo(result.diff(), nl=False)
        raise typer.Exit(1 if result.changed else 0)
    written = fixing.write(result, digests)
    for path in result.skipped:
        err.print(f"[yellow]skipped[/yellow] {path}: changed on disk while linting")
    if written:
        err.print(f"Fixed {result.applied} finding(s) in {len(written)} file(s).")
    return run(outcome.paths, options)


def _report(diags: list[Diagnostic], fmt: str, output: Path | None) -> None:
    if output is not None:
        write_atomic(output, render(fmt, diags).encode("utf-8"))
        return
    if fmt == "text" and out.is_terminal:
        out.print(render(fmt, diags, color=True), end="")
    else:
        typer.echo(render(fmt, diags), nl=False)


def exit_code(diags: list[Diagnostic], strict: bool) -> int:
    """1 when any error (or, with strict, any warning) was found, else 0."""
    worst = {d.severity for d in diags}
    if Severity.ERROR in worst or (strict and Severity.WARNING in worst):
        return 1
    return 0
