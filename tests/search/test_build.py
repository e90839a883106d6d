"""The build's search stage: search.sqlite always, Pagefind unless switched off."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from mindlex.cli import app
from mindlex.config import load_config
from mindlex.publish.pipeline import BuildOptions, build
from mindlex.publish.search import query_index
from tests.conftest import CONFIG, EXAMPLES, MakeGlossary

ARTICLE = """\
---
title: Neuroplasticity
summary: The brain's capacity to change its structure and connections with experience.
aliases: [brain plasticity]
category: neuroscience
---

## Definition

Neuroplasticity is the brain's ability to change.
"""


def test_sample_build_writes_both_indexes(tmp_path: Path) -> None:
    result = build(load_config(EXAMPLES), BuildOptions(tmp_path / "site", draft=True, cache=False))
    assert result.written
    assert "search" in result.timings
    site = tmp_path / "site"
    assert query_index(site / "search.sqlite", "brain plasticity")[0].slug == "neuroplasticity"
    assert (site / "pagefind" / "pagefind.js").is_file()
    assert (site / "pagefind" / "pagefind-entry.json").is_file()
    assert not list(site.glob(".*staging*")) and not list(tmp_path.glob(".*staging*"))


def test_no_pagefind_option_skips_only_pagefind(tmp_path: Path) -> None:
    out = tmp_path / "site"
    build(load_config(EXAMPLES), BuildOptions(out, draft=True, pagefind=False, cache=False))
    assert (out / "search.sqlite").is_file()
    assert not (out / "pagefind").exists()


def test_config_switch_skips_pagefind(make_glossary: MakeGlossary, tmp_path: Path) -> None:
    root = make_glossary(
        {"neuroplasticity.md": ARTICLE}, config=CONFIG + "\n[search]\npagefind = false\n"
    )
    config = load_config(root)
    assert config.search.pagefind is False
    out = tmp_path / "out"
    result = build(config, BuildOptions(out, draft=True))
    assert result.written
    assert not (out / "pagefind").exists()
    assert [h.slug for h in query_index(out / "search.sqlite", "brain")] == ["neuroplasticity"]


def test_cli_no_pagefind_flag(make_glossary: MakeGlossary, tmp_path: Path) -> None:
    root = make_glossary({"neuroplasticity.md": ARTICLE})
    out = tmp_path / "cli-site"
    run = CliRunner().invoke(
        app, ["build", str(root), "--out", str(out), "--draft", "--no-pagefind"]
    )
    assert run.exit_code == 0, run.output
    assert (out / "search.sqlite").is_file()
    assert not (out / "pagefind").exists()
