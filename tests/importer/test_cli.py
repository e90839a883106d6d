"""`mindlex import` on the command line: formats, exit codes, dry run, the HTML report."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from mindlex.cli import app
from tests.importer.support import FIXTURES, make_root

runner = CliRunner()


def test_dry_run_text_report(tmp_path: Path) -> None:
    root = make_root(tmp_path)
    source = str(FIXTURES / "glossary-page.txt")
    result = runner.invoke(app, ["import", source, "--into", str(root), "--dry-run"])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("Dry run: nothing written.")
    assert "would create" in result.output and "review claim: Northfield" in result.output
    assert "lint: 0 errors" in result.output
    assert list((root / "articles").iterdir()) == []


def test_json_report_and_exit_1_when_a_source_is_skipped(tmp_path: Path) -> None:
    root = make_root(tmp_path)
    (tmp_path / "empty.html").write_bytes(b"")
    out = tmp_path / "report.json"
    sources = [str(FIXTURES / "hugo-article.md"), str(tmp_path / "empty.html")]
    result = runner.invoke(
        app, ["import", *sources, "--into", str(root), "-f", "json", "--report", str(out)]
    )
    assert result.exit_code == 1, result.output
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["summary"]["create"] == 1 and data["summary"]["skip"] == 1
    page = next(p for p in data["pages"] if p["action"] == "create")
    assert page["lint"]["parse_errors"] == []
    assert {f["confidence"] for f in page["found"]} <= {"high", "medium", "low"}
    assert (root / "articles" / "psychoeducation.md").exists()


def test_html_report_is_escaped_and_self_contained(tmp_path: Path) -> None:
    root = make_root(tmp_path)
    page = tmp_path / "evil.txt"
    page.write_text(
        "Glossary2 min read\n\n<script>alert(1)</script>: Definition and Uses\n\n"
        "A harmless sentence that acts as the summary of this page for the test.\n\n"
        "Last updated: 2025-01-02Reviewed by <img src=x onerror=alert(2)> Team\n\n"
        "Definition\n\nThe term means something quite ordinary, described in a few words here.\n",
        encoding="utf-8",
    )
    result = runner.invoke(
        app, ["import", str(page), "--into", str(root), "--dry-run", "-f", "html"]
    )
    assert result.exit_code == 0, result.output
    html = result.output
    assert "<script>alert" not in html and "<img src=x" not in html
    assert "&lt;script&gt;" in html and "&lt;img src=x" in html
    assert (
        "<script" not in html
        and "http://" not in html
        and "https://" not in html.replace("https://example.org", "")
    )


def test_missing_config_is_a_usage_error(tmp_path: Path) -> None:
    source = str(FIXTURES / "glossary-page.txt")
    result = runner.invoke(app, ["import", source, "--into", str(tmp_path)])
    assert result.exit_code == 2


def test_unknown_format(tmp_path: Path) -> None:
    root = make_root(tmp_path)
    source = str(FIXTURES / "glossary-page.txt")
    result = runner.invoke(app, ["import", source, "--into", str(root), "-f", "xml"])
    assert result.exit_code == 2


def test_every_import_option_is_documented() -> None:
    from typer.main import get_command

    command = get_command(app).commands["import"]  # type: ignore[attr-defined]
    docs = (Path(__file__).resolve().parents[2] / "docs" / "import.md").read_text(encoding="utf-8")
    options = [o for p in command.params if not p.hidden for o in p.opts if o.startswith("--")]
    missing = [o for o in options if o not in docs]
    assert options and missing == [], f"document {missing} in docs/import.md"
