"""docs/review.md keeps up with the code: every command, option and diagnostic code is there."""

from __future__ import annotations

import re
from pathlib import Path

import typer.core
import typer.main

from mindlex.cli.review import review_app

DOCS = (Path(__file__).resolve().parents[2] / "docs" / "review.md").read_text(encoding="utf-8")
SOURCE = Path(__file__).resolve().parents[2] / "src" / "mindlex" / "review"


def test_every_command_and_visible_option_is_documented() -> None:
    group = typer.main.get_command(review_app)
    assert isinstance(group, typer.core.TyperGroup)
    assert set(group.commands) == {"keygen", "sign", "status", "diff", "record", "serve"}
    for name, command in group.commands.items():
        assert f"review {name}" in DOCS, name
        for param in command.params:
            if isinstance(param, typer.core.TyperOption) and not param.hidden:
                assert any(opt in DOCS for opt in param.opts), f"{name} {param.opts}"


def test_every_diagnostic_code_is_documented() -> None:
    codes = set()
    for path in SOURCE.glob("*.py"):
        codes |= set(re.findall(r'"(SIGN\d{3})"', path.read_text(encoding="utf-8")))
    assert codes
    for code in codes:
        assert f"`{code}`" in DOCS, code


def test_every_state_is_documented() -> None:
    from mindlex.review.status import STATES

    for state in STATES:
        assert f"| `{state}` |" in DOCS, state
