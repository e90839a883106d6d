"""Automatic term links: mentions of other articles' titles and aliases become links."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from markdown_it.token import Token

from mindlex.glossary import Glossary, fold
from mindlex.model import Article

WORD = re.compile(r"[\w][\w'’-]*")


@dataclass
class TermIndex:
    """Folded word sequences -> article slug, for longest-match lookup over word n-grams."""

    terms: dict[tuple[str, ...], str] = field(default_factory=dict)
    starts: set[str] = field(default_factory=set)
    """First words of all terms: most words start none, and are skipped at once."""
    longest: int = 1

    @classmethod
    def from_glossary(cls, glossary: Glossary, only: frozenset[str] | None = None) -> TermIndex:
        index = cls()
        for term, article in glossary.terms(only):
            words = tuple(fold(w) for w in WORD.findall(term))
            if not words:
                continue
            for variant in _plurals(words):
                index.terms.setdefault(variant, article.slug)
                index.starts.add(variant[0])
            index.longest = max(index.longest, len(words))
        return index


def _plurals(words: tuple[str, ...]) -> list[tuple[str, ...]]:
    last = words[-1]
    forms = [words]
    if not last.isdigit() and len(last) > 2:
        forms.append((*words[:-1], last + "s"))
        forms.append((*words[:-1], last + "es"))
        if last.endswith("s"):
            forms.append((*words[:-1], last[:-1]))
    return forms


@dataclass
class Linker:
    """Links mentions in one article's inline tokens, honouring the site's link mode."""

    index: TermIndex
    article: Article
    mode: str
    glossary: Glossary
    linked: set[str] = field(default_factory=set)
    tips: int = 0

    def link(self, inline: Token) -> None:
        """Rewrite text children of one inline token, outside links and code."""
        if self.mode == "off" or not inline.children:
            return
        out: list[Token] = []
        depth = 0
        for child in inline.children:
            if child.type == "link_open":
                depth += 1
            elif child.type == "link_close":
                depth -= 1
            if child.type == "text" and depth == 0:
                out.extend(self._split(child))
            else:
                out.append(child)
        inline.children = out

    def _split(self, token: Token) -> list[Token]:
        text = token.content
        words = list(WORD.finditer(text))
        folded = [fold(m.group(0)) for m in words]
        pieces: list[Token] = []
        cursor = 0
        i = 0
        while i < len(words):
            hit = self._match(folded, i)
            if hit is None:
                i += 1
                continue
            length, slug = hit
            start, end = words[i].start(), words[i + length - 1].end()
            if start > cursor:
                pieces.append(_text(text[cursor:start]))
            pieces.extend(self._link_tokens(slug, text[start:end]))
            cursor = end
            i += length
        if not pieces:
            return [token]
        if cursor < len(text):
            pieces.append(_text(text[cursor:]))
        return pieces

    def _match(self, folded: list[str], i: int) -> tuple[int, str] | None:
        if folded[i] not in self.index.starts:
            return None
        for length in range(min(self.index.longest, len(folded) - i), 0, -1):
            slug = self.index.terms.get(tuple(folded[i : i + length]))
            if slug is None or slug == self.article.slug:
                continue
            if self.mode == "first" and slug in self.linked:
                return None
            self.linked.add(slug)
            return length, slug
        return None

    def _link_tokens(self, slug: str, label: str) -> list[Token]:
        target = self.glossary.articles[slug]
        self.tips += 1
        tip_id = f"tip-{self.tips}"
        html_open = Token("html_inline", "", 0)
        html_open.content = (
            f'<span class="term"><a class="term-link" href="../{slug}/" '
            f'aria-describedby="{tip_id}">'
        )
        word = _text(label)
        close = Token("html_inline", "", 0)
        close.content = "</a>"
        tip_text = _text(target.summary)
        tip_open = Token("html_inline", "", 0)
        tip_open.content = f'<span class="term-tip" role="tooltip" id="{tip_id}">'
        tip_close = Token("html_inline", "", 0)
        tip_close.content = "</span></span>"
        return [html_open, word, close, tip_open, tip_text, tip_close]


def _text(content: str) -> Token:
    token = Token("text", "", 0)
    token.content = content
    return token
