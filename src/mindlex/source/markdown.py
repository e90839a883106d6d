"""The one Markdown parser mindlex uses: CommonMark plus tables and citations."""

from __future__ import annotations

from functools import lru_cache

from markdown_it import MarkdownIt
from markdown_it.token import Token

from mindlex.source.citations import citation_plugin


@lru_cache(maxsize=1)
def parser() -> MarkdownIt:
    """CommonMark with raw HTML allowed (it is sanitised at render time)."""
    md = MarkdownIt("commonmark", {"html": True, "linkify": False, "typographer": False})
    md.enable("table")
    md.enable("strikethrough")
    md.use(citation_plugin)
    return md


def tokens(body: str) -> list[Token]:
    return parser().parse(body)
