"""`mindlex lint` and `mindlex rules`: exit codes, selection, formats and config errors."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
from typer.testing import CliRunner

from mindlex.cli import app
from mindlex.lint.docs import ordered_rules
from mindlex.lint.registry import all_rules

CONFIG = """[site]
name = "T"
base_url = "https://example.org/"
disclaimer = "General information. Only a qualified professional can diagnose."
content_dir = "articles"

[[crisis.en-US.resources]]
name = "988 Suicide & Crisis Lifeline"
contact = "Call or text 988"

[lint]
select = ["LANG", "STR005"]
{extra}
"""
ERRORS = (
    "---\ntitle: Bad\nsummary: s s s s s s s s s.\ncategory: c\n---\n\n"
    "Crazy ideas. Addicts relapse.\n"
)
WARNS = (
    "---\ntitle: Warn\nsummary: s s s s s s s s s.\ncategory: c\n---\n\n"
    "She suffers from anxiety.\n\n## FAQ\n\n### Causes\n\nStress.\n"
)
CLEAN = "---\ntitle: Clean\nsummary: s s s s s s s s s.\ncategory: c\n---\n\nPlain text.\n"
SCHEMA = Path(__file__).parent / "data" / "sarif-schema-2.1.0.json"


def make(tmp_path: Path, files: dict[str, str], extra: str = "") -> Path:
    (tmp_path / "articles").mkdir()
    (tmp_path / "mindlex.toml").write_text(CONFIG.format(extra=extra), encoding="utf-8")
    for name, text in files.items():
        (tmp_path / "articles" / name).write_text(text, encoding="utf-8")
    return tmp_path


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(app, list(args))
    return result.exit_code, result.output


def test_exit_0_when_clean_and_1_on_errors(tmp_path: Path) -> None:
    root = make(tmp_path, {"clean.md": CLEAN, "bad.md": ERRORS})
    assert run("lint", str(root / "articles" / "clean.md"))[0] == 0
    code, output = run("lint", str(root))
    assert code == 1
    assert "LANG004" in output and "Found 2 errors" in output


def test_warnings_fail_only_with_strict(tmp_path: Path) -> None:
    root = make(tmp_path, {"warn.md": WARNS})
    assert run("lint", str(root))[0] == 0
    assert run("lint", str(root), "--strict")[0] == 1


def test_loader_diagnostics_reach_the_same_report(tmp_path: Path) -> None:
    broken = "---\ntitle: [unclosed\n---\n\nText.\n"
    root = make(tmp_path, {"broken.md": broken, "bad.md": ERRORS})
    code, output = run("lint", str(root), "--format", "json")
    found = {d["code"] for d in json.loads(output)["diagnostics"]}
    assert code == 1
    assert "PARSE012" in found and "LANG004" in found


@pytest.mark.parametrize(
    ("args", "extra"),
    [
        (["--select", "LNG"], ""),
        (["--ignore", "SAFE999"], ""),
        ([], 'ignore = ["XYZ001"]'),
        ([], 'severity = { "LANG999" = "info" }'),
        ([], 'remove-phrases = ["not a phrase"]'),
        (["--format", "xml"], ""),
    ],
)
def test_usage_and_config_errors_exit_2(tmp_path: Path, args: list[str], extra: str) -> None:
    root = make(tmp_path, {"clean.md": CLEAN}, extra)
    assert run("lint", str(root), *args)[0] == 2


def test_select_ignore_and_severity_from_command_line_and_config(tmp_path: Path) -> None:
    root = make(tmp_path, {"bad.md": ERRORS}, 'severity = { "LANG004" = "warning" }')
    code, output = run("lint", str(root), "--format", "json", "--ignore", "LANG006")
    report = json.loads(output)
    assert [(d["code"], d["severity"]) for d in report["diagnostics"]] == [("LANG004", "warning")]
    assert code == 0


def test_per_path_overrides(tmp_path: Path) -> None:
    extra = '[[lint.per-path]]\npath = "articles/quotes-*.md"\nignore = ["LANG004"]\n'
    root = make(tmp_path, {"quotes-1950s.md": ERRORS, "bad.md": ERRORS}, extra)
    _, output = run("lint", str(root), "--format", "json", "--select", "LANG004")
    paths = [d["path"] for d in json.loads(output)["diagnostics"]]
    assert [Path(p).name for p in paths] == ["bad.md"]


def test_json_report_shape(tmp_path: Path) -> None:
    root = make(tmp_path, {"bad.md": ERRORS})
    _, output = run("lint", str(root), "--format", "json")
    report = json.loads(output)
    assert report["schema"] == "mindlex-lint-report" and report["schema_version"] == 1
    assert report["summary"]["errors"] == 2 and report["summary"]["fixable"] == 1
    first = report["diagnostics"][0]
    assert set(first) == {
        "code",
        "name",
        "severity",
        "message",
        "hint",
        "path",
        "line",
        "column",
        "end_line",
        "end_column",
        "fix",
    }
    assert (first["code"], first["name"], first["line"], first["column"]) == (
        "LANG004",
        "derogatory-term",
        7,
        1,
    )


def test_sarif_validates_against_the_official_schema(tmp_path: Path) -> None:
    root = make(tmp_path, {"bad.md": ERRORS, "warn.md": WARNS})
    out = tmp_path / "report.sarif"
    code, _ = run("lint", str(root), "--format", "sarif", "--output", str(out))
    report = json.loads(out.read_text(encoding="utf-8"))
    jsonschema.validate(report, json.loads(SCHEMA.read_text(encoding="utf-8")))
    run_ = report["runs"][0]
    assert code == 1
    assert [r["id"] for r in run_["tool"]["driver"]["rules"]] == [
        "LANG003",
        "LANG004",
        "LANG006",
        "STR005",
    ]
    assert {r["ruleId"] for r in run_["results"]} == {"LANG003", "LANG004", "LANG006", "STR005"}
    assert any("fixes" in r for r in run_["results"])


def test_github_annotations(tmp_path: Path) -> None:
    root = make(tmp_path, {"warn.md": WARNS})
    _, output = run("lint", str(root), "--format", "github")
    lines = output.strip().splitlines()
    assert lines[0].startswith("::warning file=")
    assert ",line=7,col=5," in lines[0] and "title=LANG003 pity-framing::" in lines[0]


def test_rules_lists_every_rule_and_explains_one() -> None:
    code, output = run("rules", "--json")
    assert code == 0
    listed = [r["code"] for r in json.loads(output)]
    assert listed == [r.code for r in ordered_rules()]
    assert sorted(listed) == sorted(all_rules())
    code, output = run("rules", "LANG008")
    assert code == 0
    assert "committed-suicide" in output and "## Why it matters" in output
    assert "| committed suicide | died by suicide | safe |" in output
    assert run("rules", "LANG08")[0] == 2
