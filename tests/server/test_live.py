"""The preview from memory serves exactly what a clean build writes, and nothing else."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.scale.conftest import write_small_glossary
from tests.server.support import clean_preview_build, differences, serve, site_files

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "glossary"


@pytest.fixture
def small(tmp_path: Path) -> Path:
    return write_small_glossary(tmp_path / "glossary")


def test_every_page_of_a_small_glossary_equals_a_clean_build(small: Path, tmp_path: Path) -> None:
    out = tmp_path / "clean"
    clean_preview_build(small, out)
    _state, client = serve(small)
    assert len(site_files(out)) > 20
    assert differences(client, out) == []


def test_every_page_of_the_example_glossary_equals_a_clean_build(tmp_path: Path) -> None:
    root = tmp_path / "examples"
    shutil.copytree(EXAMPLES, root, ignore=shutil.ignore_patterns(".mindlex-cache", "_site"))
    out = tmp_path / "clean"
    clean_preview_build(root, out)
    _state, client = serve(root)
    assert differences(client, out) == []
