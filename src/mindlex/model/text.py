"""Plain text of Markdown tokens: what a reader sees, for search, the API and structured data."""

from __future__ import annotations

import re
from collections.abc import Iterable

from markdown_it.token import Token

CITATION_KEYS = re.compile(r"\[@[^\]]*\]")
SPACE_BEFORE_PUNCTUATION = re.compile(r"\s+([.,;:!?])")
SPACES = re.compile(r"\s+")


def plain_text(tokens: Iterable[Token]) -> str:
    """Inline text and code without Markdown syntax, raw HTML or citation keys."""
    words: list[str] = []
    for token in tokens:
        if token.type != "inline" or not token.children:
            continue
        for child in token.children:
            if child.type in ("text", "code_inline"):
                words.append(child.content)
            elif child.type in ("softbreak", "hardbreak"):
                words.append(" ")
        words.append(" ")
    text = CITATION_KEYS.sub("", "".join(words))
    return SPACE_BEFORE_PUNCTUATION.sub(r"\1", SPACES.sub(" ", text)).strip()
