"""The `mindlex` command: thin Typer commands that call the library and print its results."""

from __future__ import annotations

import typer

from mindlex import __version__
from mindlex.cli import ask, build, lint, review, rules, scaffold, serve

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


for module in (scaffold, lint, rules, build, serve, review, ask):
    module.register(app)


def main() -> None:
    app()
