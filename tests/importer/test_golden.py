"""Every fixture imports into exactly the model and article text recorded in golden/.

After an intended change, run `python -m tests.importer.golden` and review the diff."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from mindlex.cli import app
from mindlex.diagnostic import Severity
from mindlex.lint.check import Options, run
from tests.importer.golden import outputs
from tests.importer.support import GOLDEN, GOLDEN_FIXTURES, import_fixtures, make_root


@pytest.fixture(scope="module")
def produced(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    return outputs(tmp_path_factory.mktemp("golden"))


def test_golden_files_match(produced: dict[str, str]) -> None:
    recorded = {p.name for p in GOLDEN.iterdir()}
    assert recorded == set(produced), "run `python -m tests.importer.golden`"
    for name, text in produced.items():
        assert (GOLDEN / name).read_text(encoding="utf-8") == text, name


def test_imported_articles_pass_mindlex_lint_without_parse_errors(tmp_path: Path) -> None:
    root = make_root(tmp_path)
    report = import_fixtures(root, GOLDEN_FIXTURES)
    assert report.count("create") == 15
    outcome = run([root], Options())
    assert {a.status for a in outcome.glossary.articles.values()} == {"draft"}
    assert len(outcome.glossary.articles) == 15
    broken = [
        d
        for d in outcome.diagnostics
        if d.code.startswith(("PARSE", "META", "INTERNAL")) and d.severity is Severity.ERROR
    ]
    assert broken == [], broken
    # the two pages titled "Rumination" are reported, not silently merged
    assert any(d.code == "META014" for d in outcome.diagnostics)


def test_mindlex_lint_command_reads_the_imported_glossary(tmp_path: Path) -> None:
    root = make_root(tmp_path)
    import_fixtures(root, GOLDEN_FIXTURES)
    result = CliRunner().invoke(app, ["lint", str(root), "--format", "json"])
    assert result.exit_code in (0, 1), result.output
    findings = json.loads(result.output)
    codes = {f["code"] for f in findings["diagnostics"]}
    assert codes and not any(c.startswith("PARSE") for c in codes)
