"""`mindlex ask ROOT "question"`: triage, then quotes from signed articles, or a plain refusal."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer

from mindlex.cli.output import err, fail_config, out
from mindlex.config import load_config
from mindlex.errors import ConfigError

if TYPE_CHECKING:
    from mindlex.ask.retrieve import Mode

MODE_NAMES: tuple[Mode, ...] = ("bm25", "bm25+synonyms", "dense", "hybrid")
"""`mindlex.ask.retrieve.MODES`, spelled out so that loading the CLI does not load Ask's
retrieval (numpy, the embedding tables) for other commands; a test keeps them equal."""


def register(app: typer.Typer) -> None:
    app.command("ask")(ask_command)


def ask_command(
    root: Path = typer.Argument(..., help="Glossary folder (holding mindlex.toml)."),
    question: str = typer.Argument(..., help="The question, in the reader's own words."),
    fmt: str = typer.Option("text", "--format", "-f", help="text or json."),
    unsigned: bool = typer.Option(
        False, "--unsigned", help="Also quote articles without a current sign-off (marked)."
    ),
    mode: str = typer.Option("hybrid", "--mode", help="Retrieval: " + ", ".join(MODE_NAMES) + "."),
) -> None:
    """Answer a reader's question by quoting reviewed passages; crisis messages get help first."""
    if fmt not in ("text", "json") or mode not in MODE_NAMES:
        err.print(
            "[red]error:[/red] --format must be text or json; --mode one of "
            + ", ".join(MODE_NAMES)
        )
        raise typer.Exit(2)
    if not question.strip():
        err.print(
            "[red]error:[/red] the question is empty: give it in quotes, "
            'e.g. mindlex ask ROOT "what is anhedonia?"'
        )
        raise typer.Exit(2)
    try:
        config = load_config(root)
    except ConfigError as exc:
        fail_config(exc)
    from mindlex.ask.service import glossary_asker
    from mindlex.loader import load_glossary
    from mindlex.review.status import review_states

    glossary = load_glossary(config).glossary
    asker = glossary_asker(glossary, review_states(glossary, dt.date.today()), unsigned)
    result = asker.ask(question, mode).as_json()
    if fmt == "json":
        out.file.write(json.dumps(result, indent=2, ensure_ascii=False) + "\n")
        return
    base = str(config.site.base_url).rstrip("/") + "/"
    out.file.write("\n".join(render_text(result, base)) + "\n")


def render_text(result: dict[str, Any], base: str) -> list[str]:
    """Plain lines: crisis help first when triage asks for it, then the quotes or the refusal."""
    lines: list[str] = []
    if result["crisis"]:
        lines.extend(_crisis(result["crisis"], base))
    answer = result["answer"]
    if answer is None:
        return lines
    if answer["status"] == "answered":
        lines.append("From reviewed articles on this site, quoted word for word:")
        for quote in answer["quotes"]:
            lines.append("")
            lines.append(f"  \u201c{quote['text']}\u201d")
            lines.append(f"  \u2014 {quote['title']}, {quote['section']}: {base}{quote['url']}")
            for cite in quote["citations"]:
                lines.append(f"    [{cite['number']}] {cite['label']}")
            if quote["signed"]:
                lines.append(f"    Reviewed by {quote['reviewer']}, {quote['signed_on']}")
            else:
                lines.append("    NOT REVIEWED: shown because --unsigned was given")
    else:
        lines.append(answer["message"])
    if answer["related"]:
        lines.append("")
        lines.append("Related articles:")
        lines.extend(f"  - {r['title']}: {base}{r['url']}" for r in answer["related"])
    if result.get("help"):
        lines.append("")
        lines.extend(_help(result["help"], base))
    lines.append("")
    lines.append(result["disclaimer"])
    return lines


def _help(help_: dict[str, Any], base: str) -> list[str]:
    """The short crisis-line block shown under answers that triage let through."""
    lines = [f"{help_['heading']}:"]
    lines.extend(f"  - {r['name']}: {r['contact']}" for r in help_["resources"])
    if help_["emergency"]:
        lines.append(f"  In an emergency, call {help_['emergency']}.")
    if help_["url"]:
        lines.append(f"  {base}{help_['url']}")
    return lines


def _crisis(crisis: dict[str, Any], base: str) -> list[str]:
    lines = [crisis["heading"]]
    if crisis["intro"]:
        lines.append(crisis["intro"])
    lines.extend(
        f"  - {r['name']}: {r['contact']}" + (f" ({r['hours']})" if r["hours"] else "")
        for r in crisis["resources"]
    )
    if crisis["emergency"]:
        lines.append(f"In an emergency, call {crisis['emergency']}.")
    article = crisis["article"]
    if article:
        lines.append("")
        lines.extend(article["paragraphs"])
        lines.append(f"({article['title']}: {base}{article['url']})")
    lines.append("")
    return lines
