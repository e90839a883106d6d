"""mindlex.toml problems: exit 2, with the line and a suggestion."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from mindlex.cli import app
from mindlex.config import load_config
from mindlex.errors import ConfigError
from tests.conftest import CONFIG, MakeGlossary


def _error(root: Path) -> ConfigError:
    with pytest.raises(ConfigError) as info:
        load_config(root)
    return info.value


def test_valid_config_loads(make_glossary: MakeGlossary) -> None:
    config = load_config(make_glossary({}))
    assert config.site.name == "Test Glossary"
    assert config.base_url == "https://example.org/glossary/"
    help_box = config.crisis_help()
    assert help_box is not None and help_box.resources[0].contact == "Call or text 988"


def test_misspelled_setting_suggests_the_right_one(make_glossary: MakeGlossary) -> None:
    root = make_glossary({}, config=CONFIG.replace("disclaimer =", "disclaimr ="))
    error = _error(root)
    codes = {d.code for d in error.diagnostics}
    assert codes == {"CONF002", "CONF003"}
    unknown = next(d for d in error.diagnostics if d.code == "CONF002")
    assert "did you mean `disclaimer`" in unknown.hint
    assert unknown.span.line == 5


def test_invalid_toml_has_a_line_number(make_glossary: MakeGlossary) -> None:
    root = make_glossary({}, config=CONFIG.replace('name = "Test Glossary"', "name = Test"))
    [diag] = _error(root).diagnostics
    assert diag.code == "CONF001"
    assert diag.span.line == 2


def test_wrong_type_names_the_setting(make_glossary: MakeGlossary) -> None:
    root = make_glossary({}, config=CONFIG + '\n[review]\ninterval_months = "soon"\n')
    [diag] = _error(root).diagnostics
    assert diag.code == "CONF004" and "review.interval_months" in diag.message


def test_missing_config_exits_2(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["build", str(tmp_path)])
    assert result.exit_code == 2
    assert "mindlex init" in result.output
    assert "Traceback" not in result.output


def test_bad_config_exits_2_from_build(make_glossary: MakeGlossary) -> None:
    root = make_glossary({}, config=CONFIG.replace("base_url", "base_ulr"))
    result = CliRunner().invoke(app, ["build", str(root)])
    assert result.exit_code == 2
    assert "did you mean `base_url`" in result.output


def test_missing_content_folder_is_a_config_error(make_glossary: MakeGlossary) -> None:
    root = make_glossary(
        {}, config=CONFIG.replace('content_dir = "articles"', 'content_dir = "artciles"')
    )
    [diag] = _error(root).diagnostics
    assert diag.code == "CONF006" and diag.span.line == 6


def test_lint_of_a_missing_path_exits_2(make_glossary: MakeGlossary) -> None:
    root = make_glossary({})
    result = CliRunner().invoke(app, ["lint", str(root / "articles" / "nope.md")])
    assert result.exit_code == 2
    assert "no such file or folder" in result.output


def test_inverted_range_and_empty_name_are_rejected(make_glossary: MakeGlossary) -> None:
    text = CONFIG.replace('name = "Test Glossary"', 'name = ""') + "\n[lint]\nsections = [10, 5]\n"
    root = make_glossary({}, config=text)
    found = {(d.code, d.span.line) for d in _error(root).diagnostics}
    assert ("CONF004", 2) in found
    assert any(code == "CONF004" and line > 10 for code, line in found)
