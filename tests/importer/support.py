"""Shared by the importer tests and the golden regenerator: an empty glossary root and
a fixed way to import the fixtures into it."""

from __future__ import annotations

import contextlib
import datetime as dt
import os
from collections.abc import Iterator
from pathlib import Path

from mindlex.importer import ImportOptions, ImportReport, import_sources
from tests.conftest import CONFIG as BASE_CONFIG

HERE = Path(__file__).resolve().parent
FIXTURES = HERE / "fixtures"
GOLDEN = HERE / "golden"
TODAY = dt.date(2026, 1, 15)
CONFIG = BASE_CONFIG.replace('name = "Test Glossary"', 'name = "Import Test"')
GOLDEN_FIXTURES = [
    "glossary-page.txt",
    "condition-cms.html",
    "multi-term.html",
    "multi-term.txt",
    "faq-jsonld.html",
    "wordpress-export.xml",
    "hugo-article.md",
    "jekyll-post.md",
]


def make_root(parent: Path) -> Path:
    root = parent / "site"
    (root / "articles").mkdir(parents=True, exist_ok=True)
    (root / "mindlex.toml").write_text(CONFIG, encoding="utf-8")
    return root


@contextlib.contextmanager
def in_fixtures() -> Iterator[None]:
    """Run with the fixtures folder as working directory, so recorded sources are stable."""
    before = Path.cwd()
    os.chdir(FIXTURES)
    try:
        yield
    finally:
        os.chdir(before)


def import_fixtures(root: Path, names: list[str], **options: object) -> ImportReport:
    with in_fixtures():
        return import_sources(
            [Path(n) for n in names],
            ImportOptions(root, today=TODAY, **options),  # type: ignore[arg-type]
        )
