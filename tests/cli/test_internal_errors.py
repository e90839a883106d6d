"""A bug in mindlex is reported as a bug (one line, its own exit code), never as a finding."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from mindlex import cli
from mindlex.cli import app
from mindlex.errors import BUG_EXIT
from mindlex.model import assemble as assemble_module
from tests.conftest import CONFIG, MakeGlossary

META_ONLY = CONFIG + '\n[lint]\nselect = ["META"]\n'

runner = CliRunner()

GOOD = """\
---
title: {title}
summary: A short test article about one thing only.
category: c
---

## Definition

Plain words.
"""


def _break_parsing_of(monkeypatch: pytest.MonkeyPatch, name: str) -> None:
    real = assemble_module._assemble

    def flaky(source):  # type: ignore[no-untyped-def]
        if source.path.name == name:
            raise AttributeError("'NoneType' object has no attribute 'x'")
        return real(source)

    monkeypatch.setattr(assemble_module, "_assemble", flaky)


def test_a_parser_bug_is_not_a_finding_and_other_files_go_on(
    make_glossary: MakeGlossary, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = make_glossary(
        {"a.md": GOOD.format(title="A"), "b.md": GOOD.format(title="B")}, config=META_ONLY
    )
    _break_parsing_of(monkeypatch, "a.md")
    result = runner.invoke(app, ["lint", str(root), "--select", "META", "-f", "json"])
    assert result.exit_code == BUG_EXIT == 70
    report = json.loads(result.stdout)
    assert report["diagnostics"] == []  # the bug is not in the report as a finding
    assert "a bug in mindlex" in result.stderr
    assert "a.md" in result.stderr
    assert "Traceback" not in result.stderr
    built = runner.invoke(app, ["build", str(root), "--no-pagefind"])
    assert built.exit_code == BUG_EXIT
    assert "a bug in mindlex" in built.stderr


def test_an_unexpected_exception_at_the_top_is_one_line(
    make_glossary: MakeGlossary,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    root = make_glossary({"a.md": GOOD.format(title="A")})

    def boom(*args: object, **kwargs: object) -> None:
        raise KeyError("surprise")

    monkeypatch.setattr("mindlex.cli.lint.run", boom)
    monkeypatch.setattr(sys, "argv", ["mindlex", "lint", str(root)])
    with pytest.raises(SystemExit) as info:
        cli.main()
    assert info.value.code == BUG_EXIT
    stderr = capsys.readouterr().err
    assert stderr.count("\n") == 1
    assert "a bug in mindlex" in stderr and "KeyError" in stderr
    assert "Traceback" not in stderr


def test_the_exit_code_is_documented() -> None:
    root = Path(__file__).resolve().parents[2]
    for doc in ("README.md", "docs/linting.md"):
        text = " ".join((root / doc).read_text(encoding="utf-8").split())
        assert "**70** an internal error" in text, doc
        assert "**1** error-level findings" in text or "**1** findings at that level" in text
    assert "1 findings or errors" not in (root / "README.md").read_text(encoding="utf-8")


BROKEN = "---\ntitle: [unclosed\n---\n"


def test_a_failed_first_build_does_not_speak_of_a_previous_site(
    make_glossary: MakeGlossary,
) -> None:
    root = make_glossary({"a.md": BROKEN}, config=META_ONLY)
    first = runner.invoke(app, ["build", str(root), "--no-pagefind"])
    assert first.exit_code == 1
    assert "previous site" not in first.stderr
    assert "nothing was written" in first.stderr
    (root / "articles" / "a.md").write_text(GOOD.format(title="A"))
    assert runner.invoke(app, ["build", str(root), "--no-pagefind"]).exit_code == 0
    (root / "articles" / "a.md").write_text(BROKEN)
    again = runner.invoke(app, ["build", str(root), "--no-pagefind"])
    assert again.exit_code == 1
    assert "the previous site in" in again.stderr


def test_a_rule_bug_prints_no_traceback(make_glossary: MakeGlossary) -> None:
    """In a real process (no pytest log capture), a crashing rule is one line, exit 70."""
    config = CONFIG + '\n[lint]\nselect = ["STR001"]\n'
    root = make_glossary({"a.md": GOOD.format(title="A")}, config=config)
    script = (
        "import sys\n"
        "from mindlex.lint.rules.structure import MissingDefinition\n"
        "def broken(self, ctx):\n"
        "    raise ZeroDivisionError('division by zero')\n"
        "MissingDefinition.check = broken\n"
        "from mindlex.cli import main\n"
        f"sys.argv = ['mindlex', 'lint', {str(root)!r}]\n"
        "main()\n"
    )
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2] / "src")}
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, env=env, timeout=120
    )
    assert done.returncode == BUG_EXIT, done.stderr
    assert "Traceback" not in done.stderr
    assert "a bug in mindlex" in done.stderr and "ZeroDivisionError" in done.stderr
