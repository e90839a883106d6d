"""Docs drift: every setting and command is documented where users look for it."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.main import get_command

from mindlex.cli import app
from mindlex.config.schema import (
    CrisisHelp,
    CrisisResource,
    LintSettings,
    ReviewSettings,
    SearchSettings,
    SiteSettings,
)

DOCS = Path(__file__).resolve().parents[2] / "docs"
README = DOCS.parent / "README.md"


def _keys(model: type) -> list[str]:
    return [f.alias or name for name, f in model.model_fields.items()]  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    "model", [SiteSettings, ReviewSettings, SearchSettings, CrisisHelp, CrisisResource]
)
def test_every_setting_is_in_configuration_md(model: type) -> None:
    text = (DOCS / "configuration.md").read_text(encoding="utf-8")
    missing = [k for k in _keys(model) if f"`{k}`" not in text and f"{k} =" not in text]
    assert missing == [], f"document {missing} in docs/configuration.md"


def test_every_lint_setting_is_in_linting_md() -> None:
    text = (DOCS / "linting.md").read_text(encoding="utf-8")
    missing = [k for k in _keys(LintSettings) if k not in text]
    assert missing == [], f"document {missing} in docs/linting.md"


def test_every_command_is_in_the_readme() -> None:
    text = README.read_text(encoding="utf-8")
    commands = sorted(get_command(app).commands)  # type: ignore[attr-defined]
    assert commands and all(f"mindlex {c}" in text for c in commands), commands
