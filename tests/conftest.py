"""Shared fixtures: small glossaries written into tmp_path."""

from __future__ import annotations

import datetime as dt
import json
import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest

CONFIG = """\
[site]
name = "Test Glossary"
base_url = "https://example.org/glossary/"
locale = "en-US"
disclaimer = "General information only; not medical advice."
content_dir = "articles"

[crisis.en-US]
heading = "If you need help now"
emergency = "911"

[[crisis.en-US.resources]]
name = "988 Suicide & Crisis Lifeline"
contact = "Call or text 988"
"""

MakeGlossary = Callable[..., Path]


@pytest.fixture
def make_glossary(tmp_path: Path) -> MakeGlossary:
    """Write mindlex.toml and articles; values are dedented, so tests read naturally."""

    def make(files: dict[str, str], config: str = CONFIG, name: str = "glossary") -> Path:
        root = tmp_path / name
        (root / "articles").mkdir(parents=True, exist_ok=True)
        (root / "mindlex.toml").write_text(textwrap.dedent(config), encoding="utf-8")
        for rel, text in files.items():
            path = root / rel if "/" in rel else root / "articles" / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(textwrap.dedent(text), encoding="utf-8")
        return root

    return make


EXAMPLES = Path(__file__).resolve().parent.parent / "examples" / "glossary"


def sample_signed_on() -> dt.date:
    """The day the sample glossary was last signed: its sign-offs are all current then."""
    return max(
        dt.date.fromisoformat(entry["date"])
        for path in (EXAMPLES / "review").glob("*.json")
        for entry in json.loads(path.read_text(encoding="utf-8"))["signoffs"]
    )


FIXTURES = Path(__file__).resolve().parent / "fixtures"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-goldens",
        action="store_true",
        default=False,
        help="Rewrite golden files from the current output instead of comparing.",
    )
