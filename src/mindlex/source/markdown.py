"""The one Markdown parser mindlex uses: CommonMark plus tables and citations."""

from __future__ import annotations

import copyreg
from functools import lru_cache
from typing import Any

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


_FIELDS = (
    "type",
    "tag",
    "nesting",
    "attrs",
    "map",
    "level",
    "children",
    "content",
    "markup",
    "info",
    "meta",
    "block",
    "hidden",
)


def _restore_token(*values: Any) -> Token:
    return Token(*values)


def _reduce_token(token: Token) -> tuple[Any, tuple[Any, ...]]:
    """Pickle tokens as one constructor call; the generated slots state restores several
    times slower, and a cached article holds hundreds of tokens."""
    return (
        _restore_token,
        (
            token.type,
            token.tag,
            token.nesting,
            token.attrs,
            token.map,
            token.level,
            token.children,
            token.content,
            token.markup,
            token.info,
            token.meta,
            token.block,
            token.hidden,
        ),
    )


copyreg.pickle(Token, _reduce_token)
