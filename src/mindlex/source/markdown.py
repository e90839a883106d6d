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


def _restore_token(
    type: str,
    tag: str,
    nesting: Any,
    attrs: Any,
    map: Any,
    level: int,
    children: Any,
    content: str,
    markup: str,
    info: str,
    meta: Any,
    block: bool,
    hidden: bool,
) -> Token:
    """Skips `__init__`: the attributes were converted when the token was first made."""
    token: Token = _new(Token)
    token.type = type
    token.tag = tag
    token.nesting = nesting
    token.attrs = attrs
    token.map = map
    token.level = level
    token.children = children
    token.content = content
    token.markup = markup
    token.info = info
    token.meta = meta
    token.block = block
    token.hidden = hidden
    return token


_new = object.__new__


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
