"""Fixtures for the review tests: a fresh glossary, reviewers and keys for each test."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from review_support import ANXIETY, BIBLIOGRAPHY, CONFIG, SLEEP, Sandbox


@pytest.fixture
def sandbox(tmp_path: Path) -> Sandbox:
    root = tmp_path / "glossary"
    (root / "articles").mkdir(parents=True)
    (root / "mindlex.toml").write_text(CONFIG, encoding="utf-8")
    (root / "sources.yaml").write_text(BIBLIOGRAPHY, encoding="utf-8")
    box = Sandbox(root)
    box.write("anxiety", ANXIETY)
    box.write("sleep-hygiene", SLEEP)
    return box


@pytest.fixture
def signed(sandbox: Sandbox) -> Sandbox:
    """The sandbox with one reviewer who has signed every article on DAY."""
    sandbox.add_reviewer("dr-lee")
    sandbox.sign("anxiety", "dr-lee")
    sandbox.sign("sleep-hygiene", "dr-lee")
    return sandbox


@pytest.fixture
def key_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """Point the default key folder at a temporary XDG config home."""
    home = tmp_path / "xdg"
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home))
    monkeypatch.delenv("MINDLEX_KEY_PASSPHRASE", raising=False)
    yield home / "mindlex" / "keys"
