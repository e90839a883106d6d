"""Fixes edit only their spans: every other byte, YAML comments and line endings stay."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from mindlex.cli import app
from mindlex.diagnostic import Edit, Fix
from mindlex.lint.fix import apply_edits
from mindlex.lint.phrases import match_case

CONFIG = """[site]
name = "T"
base_url = "https://example.org/"
disclaimer = "General information. Only a qualified professional can diagnose."

[[crisis.en-US.resources]]
name = "988 Suicide & Crisis Lifeline"
contact = "Call or text 988"

[lint]
select = ["LANG", "CIT012", "SAFE010"]
"""
ARTICLE = (
    "---\n# a comment the fix must keep\ntitle: T   # trailing comment\n"
    "summary: 'Quoted summary, with odd   spacing.'\ncategory: c\nreferences:\n"
    "  - id: a\n    evidence: textbook\n    title: X\n"
    "    DOI: https://doi.org/10.1000/xyz  # keep me\n"
    "---\n\nHe   committed suicide [@a].  Trailing spaces stay.  \n\n"
    "Schizophrenics and   Addicts *here*.\n"
)


def glossary(tmp_path: Path, text: str, newline: str = "\n", bom: bool = False) -> Path:
    (tmp_path / "mindlex.toml").write_text(CONFIG, encoding="utf-8")
    path = tmp_path / "a.md"
    data = text.replace("\n", newline).encode("utf-8")
    path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + data)
    return path


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(app, ["lint", *args])
    return result.exit_code, result.output


def test_fix_changes_only_the_fixed_spans(tmp_path: Path) -> None:
    path = glossary(tmp_path, ARTICLE)
    code, _ = run(str(tmp_path), "--fix")
    expected = (
        ARTICLE.replace("https://doi.org/10.1000/xyz", "10.1000/xyz")
        .replace("committed suicide", "died by suicide")
        .replace("Schizophrenics", "People with schizophrenia")
        .replace("Addicts", "People with a substance use disorder")
    )
    assert path.read_text(encoding="utf-8") == expected
    assert code == 0


def test_fix_is_idempotent(tmp_path: Path) -> None:
    path = glossary(tmp_path, ARTICLE)
    run(str(tmp_path), "--fix")
    once = path.read_bytes()
    run(str(tmp_path), "--fix")
    assert path.read_bytes() == once


def test_fix_keeps_crlf_and_byte_order_mark(tmp_path: Path) -> None:
    path = glossary(tmp_path, ARTICLE, newline="\r\n", bom=True)
    run(str(tmp_path), "--fix")
    data = path.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    assert b"died by suicide" in data
    assert data.count(b"\r\n") == ARTICLE.count("\n")
    assert b"\n" not in data.replace(b"\r\n", b"")


def test_diff_prints_and_writes_nothing(tmp_path: Path) -> None:
    path = glossary(tmp_path, ARTICLE)
    before = path.read_bytes()
    code, output = run(str(tmp_path), "--diff")
    assert code == 1
    assert "-He   committed suicide [@a]." in output
    assert "+He   died by suicide [@a]." in output
    assert path.read_bytes() == before
    assert not list(tmp_path.glob(".a.md.*"))


def test_unsafe_fixes_need_the_flag(tmp_path: Path) -> None:
    text = ARTICLE.replace("Schizophrenics", "Call 1-800-273-8255 or 988. Schizophrenics")
    path = glossary(tmp_path, text)
    run(str(tmp_path), "--fix")
    assert "1-800-273-8255" in path.read_text(encoding="utf-8")
    run(str(tmp_path), "--fix", "--unsafe-fixes")
    assert "Call 988 or 988." in path.read_text(encoding="utf-8")


def test_overlapping_edits_apply_only_the_first() -> None:
    fixes = [Fix((Edit(0, 5, "AAAAA"),)), Fix((Edit(3, 8, "B"),)), Fix((Edit(9, 10, "C"),))]
    assert apply_edits("0123456789", fixes) == ("AAAAA5678C", 2)


def test_match_case_keeps_capitalisation() -> None:
    assert match_case("Committed suicide", "died by suicide") == "Died by suicide"
    assert match_case("COMMITTED SUICIDE", "died by suicide") == "DIED BY SUICIDE"
    assert match_case("committed suicide", "died by suicide") == "died by suicide"
