"""The fixture site's output must match the golden files byte for byte."""

from __future__ import annotations

import difflib
from pathlib import Path

import pytest

from tests.publish.golden import GOLDEN, build_fixture, regenerate, text_files

REGENERATE = "python -m tests.publish.golden"


def test_golden_site(tmp_path: Path, request: pytest.FixtureRequest) -> None:
    if request.config.getoption("--update-goldens"):
        regenerate(tmp_path / "regen")
    build_fixture(tmp_path / "site")
    actual = text_files(tmp_path / "site")
    expected = {
        p.relative_to(GOLDEN).as_posix(): p.read_text(encoding="utf-8")
        for p in sorted(GOLDEN.rglob("*"))
        if p.is_file()
    }
    assert sorted(actual) == sorted(expected), f"file list differs; run {REGENERATE}"
    for rel, text in expected.items():
        if actual[rel] != text:
            diff = "\n".join(
                difflib.unified_diff(
                    text.splitlines(),
                    actual[rel].splitlines(),
                    "golden/" + rel,
                    "built/" + rel,
                    lineterm="",
                )
            )
            pytest.fail(f"{rel} differs from golden ({REGENERATE}):\n{diff[:3000]}")
