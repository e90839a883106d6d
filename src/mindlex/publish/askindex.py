"""The build's Ask stage: `ask.sqlite` in the staging folder, vectors reused from the last site."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from mindlex.ask.index import ASK_DB
from mindlex.ask.service import write_ask_index
from mindlex.glossary import Glossary
from mindlex.publish.writer import SiteWriter
from mindlex.render.view import ReviewLike


def write_ask(
    writer: SiteWriter,
    glossary: Glossary,
    reviews: Mapping[str, ReviewLike],
    published: frozenset[str],
    out: Path,
) -> None:
    """Signed passages of published articles only; the previous output is read, never written."""
    write_ask_index(writer.path(ASK_DB), glossary, reviews, set(published), out / ASK_DB)
    writer.written.append(ASK_DB)
