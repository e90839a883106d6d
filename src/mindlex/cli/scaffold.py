"""`mindlex init` and `mindlex new`: start a glossary, add an article."""

from __future__ import annotations

import json
import shutil
from importlib import resources
from pathlib import Path

import typer

from mindlex.cli.output import err, fail_config, relative
from mindlex.config import CONFIG_NAME, load_config
from mindlex.errors import ConfigError
from mindlex.lint.template import SUMMARY_TEMPLATE
from mindlex.model.meta import slugify

SCAFFOLD = resources.files("mindlex") / "scaffold"


def register(app: typer.Typer) -> None:
    app.command("init")(init_command)
    app.command("new")(new_command)


def init_command(
    folder: Path = typer.Argument(Path("."), help="Folder for the new glossary."),
    name: str = typer.Option("My Mental Health Glossary", "--name", help="Site name."),
) -> None:
    """Create a glossary: mindlex.toml and one complete example article."""
    config_path = folder / CONFIG_NAME
    if config_path.exists():
        err.print(f"[red]error:[/red] {relative(config_path)} already exists; nothing was changed")
        raise typer.Exit(2)
    (folder / "articles").mkdir(parents=True, exist_ok=True)
    text = (SCAFFOLD / "mindlex.toml").read_text(encoding="utf-8")
    config_path.write_text(text.replace("{name}", name.replace('"', "'")), encoding="utf-8")
    example = folder / "articles" / "neuroplasticity.md"
    if not example.exists():
        with resources.as_file(SCAFFOLD / "example-article.md") as src:
            shutil.copyfile(src, example)
    err.print(f"Created {relative(config_path)} and {relative(example)}.")
    err.print(
        f'Next: `mindlex new "Term" --root {relative(folder)}` to add an article, '
        f"`mindlex serve {relative(folder)}` to preview."
    )


def new_command(
    title: str = typer.Argument(..., help='The term, e.g. "Neurogenesis".'),
    root: Path = typer.Option(Path("."), "--root", help="Glossary folder."),
    category: str = typer.Option("general", "--category", help="Category label."),
) -> None:
    """Add an article with every required section, marked as a draft."""
    try:
        config = load_config(root)
    except ConfigError as exc:
        fail_config(exc)
    title = " ".join(title.split())
    if not title:
        err.print("[red]error:[/red] the title is empty")
        raise typer.Exit(2)
    slug = slugify(title)
    path = config.content_root / f"{slug}.md"
    if path.exists():
        err.print(f"[red]error:[/red] {relative(path)} already exists; choose another title")
        raise typer.Exit(2)
    text = (SCAFFOLD / "new-article.md").read_text(encoding="utf-8")
    fields = {
        "{title_yaml}": json.dumps(title, ensure_ascii=False),
        "{headline_yaml}": json.dumps(
            f"{title}: Definition, Clinical Relevance, and Mental Health Applications",
            ensure_ascii=False,
        ),
        "{summary_yaml}": json.dumps(
            SUMMARY_TEMPLATE.replace("{title}", title), ensure_ascii=False
        ),
        "{category}": slugify(category),
        "{title}": title,
    }
    for key, value in fields.items():
        text = text.replace(key, value)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    err.print(
        f"Created {relative(path)} (status: draft). Fill in each section, add references, "
        "then run `mindlex lint`."
    )
