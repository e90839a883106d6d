"""Markdown token lists -> sanitised HTML fragments, with citations numbered per article."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from html import escape
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.token import Token

from mindlex.model import Reference
from mindlex.model.meta import slugify
from mindlex.render.sanitize import clean
from mindlex.render.termlinks import Linker
from mindlex.source.markdown import parser


@dataclass
class Numbering:
    """Reference id -> its number in the article's Sources list."""

    numbers: dict[str, int] = field(default_factory=dict)

    @classmethod
    def of(cls, references: Sequence[Reference]) -> Numbering:
        return cls({ref.id: n for n, ref in enumerate(references, start=1)})


def _render_citation(
    renderer: Any, tokens: Sequence[Token], idx: int, options: Any, env: dict[str, Any]
) -> str:
    numbering: Numbering = env["numbering"]
    links = []
    meta = tokens[idx].meta
    locators = meta.get("locators") or [""] * len(meta["ids"])
    for ref_id, locator in zip(meta["ids"], locators, strict=True):
        number = numbering.numbers.get(ref_id)
        where = f", {escape(locator)}" if locator else ""
        if number is None:
            links.append('<span class="cite-missing">?</span>')
        else:
            links.append(
                f'<a href="#ref-{number}" aria-label="Source {number}">{number}</a>{where}'
            )
    return f'<sup class="cite">[{", ".join(links)}]</sup>'


def _render_heading_open(
    renderer: Any, tokens: Sequence[Token], idx: int, options: Any, env: dict[str, Any]
) -> str:
    token = tokens[idx]
    title = tokens[idx + 1].content if idx + 1 < len(tokens) else ""
    anchors: set[str] = env.setdefault("anchors", set())
    counters: dict[str, int] = env.setdefault("anchor_counters", {})
    base = slugify(title)
    anchor = base
    if anchor in anchors:  # resume where the last search for this base stopped: linear
        n = counters.get(base, 2)
        while f"{base}-{n}" in anchors:
            n += 1
        anchor, counters[base] = f"{base}-{n}", n + 1
    anchors.add(anchor)
    return f'<{token.tag} id="{escape(anchor)}">'


@lru_cache(maxsize=1)
def _renderer() -> MarkdownIt:
    """The shared parser with mindlex's render rules, installed once."""
    md = parser()
    md.add_render_rule("citation", _render_citation)
    md.add_render_rule("heading_open", _render_heading_open)
    return md


def render_tokens(
    tokens: list[Token], numbering: Numbering, linker: Linker | None, env: dict[str, Any]
) -> str:
    """Render a slice of an article's tokens; headings inside get ids, text gets term links."""
    if linker is not None:
        tokens = [t.copy() if t.type == "inline" else t for t in tokens]
        inside_heading = False
        for tok in tokens:
            if tok.type == "heading_open":
                inside_heading = True
            elif tok.type == "heading_close":
                inside_heading = False
            elif tok.type == "inline" and not inside_heading:
                linker.link(tok)
    env["numbering"] = numbering
    md = _renderer()
    return clean(md.renderer.render(tokens, md.options, env))
