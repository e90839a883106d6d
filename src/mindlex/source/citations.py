"""A markdown-it inline rule for Pandoc-style citations: `[@id]`, `[@a; @b]`, `[@a, p. 4]`."""

from __future__ import annotations

import re

from markdown_it import MarkdownIt
from markdown_it.rules_inline import StateInline

CITATION = re.compile(
    r"\[(@[\w][\w:.#$%&+?<>~/-]*(?:,[^;\]\n]*)?(?:;\s*@[\w][\w:.#$%&+?<>~/-]*(?:,[^;\]\n]*)?)*)\]"
)
KEY = re.compile(r"@([\w][\w:.#$%&+?<>~/-]*)(?:,\s*([^;\]\n]*))?")


def _cite_rule(state: StateInline, silent: bool) -> bool:
    if state.src[state.pos] != "[" or state.src[state.pos + 1 : state.pos + 2] != "@":
        return False
    match = CITATION.match(state.src, state.pos)
    if match is None:
        return False
    if not silent:
        keys = list(KEY.finditer(match.group(1)))
        ids = [m.group(1).rstrip(".:") for m in keys]
        locators = [(m.group(2) or "").strip() for m in keys]
        token = state.push("citation", "", 0)
        token.meta = {"ids": ids, "locators": locators, "offset": state.pos}
        token.content = match.group(0)
    state.pos = match.end()
    return True


def citation_plugin(md: MarkdownIt) -> None:
    """Register the rule before links, so `[@id]` never parses as a link reference."""
    md.inline.ruler.before("link", "citation", _cite_rule)
