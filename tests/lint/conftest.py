"""Lint fixtures: a config, one-article glossaries built in memory, and a CLI runner."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from mindlex.config import Config
from mindlex.diagnostic import Diagnostic
from mindlex.glossary import Glossary, add_articles
from mindlex.lint.runner import lint_glossary
from mindlex.model.assemble import assemble
from mindlex.source.discover import SourceFile

TODAY = dt.date(2026, 6, 1)
"""Lint runs in tests use a fixed date, so date rules never drift."""

SITE: dict[str, Any] = {
    "name": "Test Glossary",
    "base_url": "https://example.org/",
    "locale": "en-US",
    "disclaimer": "General information only. Only a qualified health professional can "
    "diagnose a mental health condition.",
}
CRISIS: dict[str, Any] = {
    "en-US": {
        "intro": "If you are thinking about suicide, free help is available at any time.",
        "emergency": "911",
        "resources": [
            {"name": "988 Suicide & Crisis Lifeline", "contact": "Call or text 988"},
            {"name": "Crisis Text Line", "contact": "Text HOME to 741741"},
        ],
    }
}
FRONT = (
    "---\ntitle: Case\n"
    "summary: A plain summary of the term for the tests in this folder.\n"
    "category: test\n---\n\n"
)


def make_config(root: Path = Path("."), site: dict[str, Any] | None = None, **lint: Any) -> Config:
    """A valid Config; keyword arguments go to [lint] (use aliases such as `add-phrases`)."""
    return Config.model_validate(
        {"site": {**SITE, **(site or {})}, "crisis": CRISIS, "lint": lint, "root": root}
    )


def article_from(path: Path, text: str) -> Any:
    article, diags = assemble(SourceFile(path, text, hashlib.sha256(text.encode()).hexdigest()))
    assert article is not None, [d.render() for d in diags]
    return article


def glossary_of(config: Config, files: dict[Path, str]) -> Glossary:
    glossary = Glossary(config)
    add_articles(glossary, [article_from(p, t) for p, t in files.items()])
    return glossary


LintText = Callable[..., list[Diagnostic]]


@pytest.fixture
def lint_text(tmp_path: Path) -> LintText:
    """Lint one article (body after standard front matter, or a full text starting `---`)."""

    def run(
        text: str,
        select: list[str] | None = None,
        extra: dict[str, str] | None = None,
        review: object | None = None,
        **lint: Any,
    ) -> list[Diagnostic]:
        if select is not None:
            lint["select"] = select
        config = make_config(tmp_path, **lint)
        full = text if text.startswith("---") else FRONT + text
        files = {tmp_path / "case.md": full}
        files.update({tmp_path / name: body for name, body in (extra or {}).items()})
        glossary = glossary_of(config, files)
        found = lint_glossary(glossary, config, today=TODAY, review=review, jobs=1)
        return [d for d in found if d.span.path.name == "case.md"]

    return run


def codes(diags: list[Diagnostic]) -> list[str]:
    return [d.code for d in diags]
