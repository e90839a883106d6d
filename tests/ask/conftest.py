"""Fixtures: the sample glossary's Asker, built once, and a built sample site."""

from __future__ import annotations

from pathlib import Path

import pytest

from mindlex.ask.service import Asker, glossary_asker
from mindlex.config import load_config
from mindlex.glossary import Glossary
from mindlex.loader import load_glossary
from mindlex.publish.pipeline import BuildOptions, build
from mindlex.review.status import review_states
from tests.conftest import sample_signed_on

REPO = Path(__file__).resolve().parents[2]
EXAMPLES = REPO / "examples" / "glossary"

TODAY = sample_signed_on()


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
