"""The `mindlex` command: thin Typer commands that call the library and print its results."""

from __future__ import annotations

import sys

import typer

from mindlex import __version__
from mindlex.cli import ask, build, import_, lint, report, review, rules, scaffold, serve
from mindlex.cli.output import quiet_tracebacks
from mindlex.errors import BUG_EXIT, processing
from mindlex.span import display_path

app = typer.Typer(
    name="mindlex",
    help="Lint, review and publish clinically reviewed mental-health glossaries.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"mindlex {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: bool = typer.Option(
        False, "--version", callback=_version, is_eager=True, help="Show the version and exit."
    ),
) -> None:
    """mindlex: docs-as-code for clinical glossaries."""
    quiet_tracebacks()


for module in (scaffold, lint, rules, build, serve, review, report, ask, import_):
    module.register(app)


def main() -> None:
    """Run the CLI; an exception nobody expected is a bug in mindlex, reported in one line
    with its own exit code so that it is never taken for findings (exit 1)."""
    try:
        app()
    except Exception as exc:  # the last line of defence: no traceback for users
        where = processing.get()
        during = f" while processing {display_path(where)}" if where is not None else ""
        first = (str(exc).splitlines() or [""])[0][:300]
        sys.stderr.write(
            f"mindlex: internal error{during}: {type(exc).__name__}: {first} "
            "(this is a bug in mindlex; please report it)\n"
        )
        sys.exit(BUG_EXIT)
