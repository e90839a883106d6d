"""First-use messages: a missing folder, a busy port, the rule list in a pipe."""

from __future__ import annotations

import socket
from pathlib import Path

from typer.testing import CliRunner

from mindlex.cli import app
from mindlex.lint.registry import all_rules
from tests.conftest import MakeGlossary

runner = CliRunner()


def test_a_missing_folder_is_named_as_missing(tmp_path: Path) -> None:
    for command in ("build", "lint", "serve"):
        result = runner.invoke(app, [command, str(tmp_path / "does-not-exist")])
        assert result.exit_code == 2, (command, result.output)
        assert "does not exist" in result.stderr or "no such file or folder" in result.stderr
        assert "mindlex.toml" not in result.stderr, command


def test_serve_on_a_busy_port_says_so_and_starts_nothing(make_glossary: MakeGlossary) -> None:
    root = make_glossary({})
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        result = runner.invoke(app, ["serve", str(root), "--port", str(port), "--no-watch"])
    assert result.exit_code == 2, result.output
    assert f"port {port}" in result.stderr and "already in use" in result.stderr
    assert "--port" in result.stderr
    assert "Serving" not in result.output
    assert "Errno" not in result.output


def test_rules_in_a_pipe_keep_each_name_whole() -> None:
    result = runner.invoke(app, ["rules"])
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    for code, rule in all_rules().items():
        assert any(line.split()[:2] == [code, rule.name] for line in lines if line.strip()), code
