"""Fixtures: the sample glossary's Asker, built once, and a built sample site."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from mindlex.ask.service import Asker, glossary_asker
from mindlex.config import load_config
from mindlex.glossary import Glossary
from mindlex.loader import load_glossary
from mindlex.publish.pipeline import BuildOptions, build
from mindlex.review.status import review_states

REPO = Path(__file__).resolve().parents[2]
EXAMPLES = REPO / "examples" / "glossary"


def _last_signed() -> dt.date:
    """The day the sample was last signed, so every sign-off is current then."""
    return max(
        dt.date.fromisoformat(entry["date"])
        for path in (EXAMPLES / "review").glob("*.json")
        for entry in json.loads(path.read_text(encoding="utf-8"))["signoffs"]
    )


TODAY = _last_signed()


@pytest.fixture(scope="session")
def sample() -> Glossary:
    return load_glossary(load_config(EXAMPLES)).glossary


@pytest.fixture(scope="session")
def asker(sample: Glossary) -> Asker:
    return glossary_asker(sample, review_states(sample, TODAY))


@pytest.fixture(scope="session")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("ask-site") / "site"
    result = build(
        load_config(EXAMPLES), BuildOptions(out, today=TODAY, pagefind=False, cache=False)
    )
    assert result.written
    return out
