"""Slugs and categories too long for a file name are positioned findings, not OS errors."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from mindlex.cli import app
from mindlex.config import load_config
from mindlex.loader import load_glossary
from tests.conftest import CONFIG, MakeGlossary

runner = CliRunner()

ARTICLE = """\
---
title: Long
summary: An article whose names are far too long for a file system.
category: {category}
{slug}
---

## Definition

Plain words.
"""


def _glossary(make_glossary: MakeGlossary, *, slug: str = "", category: str = "c") -> Path:
    text = ARTICLE.format(category=category, slug=f"slug: {slug}" if slug else "")
    return make_glossary({"long.md": text})


def test_long_slug_is_a_finding_at_the_field(make_glossary: MakeGlossary) -> None:
    root = _glossary(make_glossary, slug="a" * 300)
    result = runner.invoke(app, ["lint", str(root), "--select", "META", "-f", "github"])
    assert result.exit_code == 1, result.output
    assert "long.md,line=5,col=1" in result.output
    assert "at most 100 characters" in result.output
    built = runner.invoke(app, ["build", str(root), "--no-pagefind"])
    assert built.exit_code == 1
    assert "Errno" not in built.output and len(built.output) < 2000


def test_long_category_is_a_finding(make_glossary: MakeGlossary) -> None:
    root = _glossary(make_glossary, category="c" * 300)
    result = runner.invoke(app, ["lint", str(root), "--select", "META", "-f", "github"])
    assert result.exit_code == 1
    assert "long.md,line=4,col=1" in result.output
    assert "at most 100 characters" in result.output


def test_long_file_name_is_a_finding(make_glossary: MakeGlossary) -> None:
    root = make_glossary({"x" * 240 + ".md": ARTICLE.format(category="c", slug="")})
    loaded = load_glossary(load_config(root))
    assert loaded.glossary.articles == {}
    assert [d.code for d in loaded.diagnostics] == ["META003"]
    assert "file name" in loaded.diagnostics[0].message


def test_an_output_path_too_long_is_one_short_line(make_glossary: MakeGlossary) -> None:
    text = ARTICLE.format(category="c", slug="")
    root = make_glossary({"long.md": text}, config=CONFIG + '\n[lint]\nselect = ["META"]\n')
    deep = root / ("d" * 300) / "site"
    built = runner.invoke(app, ["build", str(root), "--no-pagefind", "--out", str(deep)])
    assert built.exit_code == 1
    assert "could not write the site" in built.stderr
    assert len(built.stderr) < 400 and "Traceback" not in built.stderr
