"""STR011: markup the sanitiser leaves out of the page is reported where it was written."""

from __future__ import annotations

from collections.abc import Iterator
from html import escape

from markdown_it.token import Token

from mindlex.diagnostic import Diagnostic, Severity
from mindlex.lint.context import LintContext
from mindlex.lint.registry import register
from mindlex.lint.rule import Rule
from mindlex.model import Article
from mindlex.render.sanitize import removals
from mindlex.span import Span


@register
class MarkupRemoved(Rule):
    """Raw HTML or an image in the body is removed from the published page.

    ## Why it matters
    The page must say what the writer and the clinical reviewer read. The site drops script,
    event handlers, unknown elements and unsafe addresses, images loaded from other hosts
    (which tell that host who is reading about which condition) and images without alt
    text (which screen-reader users cannot perceive); without a finding, the page silently
    differs from the source.

    ## Example
    `<img src="https://cdn.example/scan.png" onerror="track()">`

    ## Preferred
    `![Brain scan showing the hippocampus](images/scan.png)`: a local image with alt text,
    or plain Markdown instead of raw HTML.
    """

    code = "STR011"
    name = "markup-removed"
    family = "STR"
    severity = Severity.ERROR
    source = "https://www.w3.org/WAI/WCAG22/Understanding/non-text-content.html"

    def check(self, ctx: LintContext) -> Iterator[Diagnostic]:
        article = ctx.article
        for line, col, html in _pieces(article):
            gone = removals(html)
            if gone:
                yield self.report(
                    Span(article.path, line, col),
                    "removed from the published page: " + "; ".join(gone),
                    "use Markdown, or local images with alt text; see docs/format.md",
                )


def _pieces(article: Article) -> Iterator[tuple[int, int, str]]:
    """(line, column, html) of each raw HTML block, inline tag and Markdown image."""
    tokens = list(article.intro_tokens)
    for section in article.sections:
        tokens.extend(section.tokens)
    for tok in tokens:
        first = (tok.map[0] if tok.map else 0) + article.body_line
        if tok.type == "html_block":
            yield first, 1, tok.content
        elif tok.type == "inline" and tok.children:
            yield from _inline(tok, first)


def _inline(tok: Token, first: int) -> Iterator[tuple[int, int, str]]:
    """Positions are found by walking forward once, so many tags on a line stay linear."""
    content = tok.content
    cursor, line, line_start = 0, first, 0
    for child in tok.children or ():
        if child.type == "html_inline":
            html, needle = child.content, child.content
        elif child.type == "image":
            src = str(child.attrGet("src") or "")
            html = f'<img src="{escape(src)}" alt="{escape(child.content)}">'
            needle = "!["
        else:
            continue
        at = content.find(needle, cursor)
        at = cursor if at < 0 else at
        line += content.count("\n", cursor, at)
        newline = content.rfind("\n", cursor, at)
        line_start = newline + 1 if newline >= 0 else line_start
        cursor = at
        yield line, at - line_start + 1, html
        cursor = at + 1
