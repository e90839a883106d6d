"""Inline and front-matter suppressions, and which findings they silence.

`<!-- mindlex-disable-next-line CODE -- reason -->` silences CODE on the next non-blank line;
`<!-- mindlex-disable CODE -- reason -->` up to `<!-- mindlex-enable CODE -->` (or the end of
the file); front matter `suppress: [{code, reason}]` for the whole file. Codes may be
prefixes (`SAFE`), several separated by commas or spaces. What a suppression did is kept, so
the SUP rules can report ones without a reason or ones that silence nothing.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from markdown_it.token import Token

from mindlex.diagnostic import Diagnostic
from mindlex.model import Article
from mindlex.span import Span

COMMENT = re.compile(r"<!--\s*mindlex-(disable-next-line|disable|enable)\b(.*?)-->", re.DOTALL)


@dataclass(eq=False)
class Suppression:
    """One suppression comment or front-matter entry."""

    kind: str
    """"next-line", "region", "enable" or "file"."""
    codes: tuple[str, ...]
    reason: str
    span: Span
    first: int = 1
    last: int = 1 << 30
    used: set[str] = field(default_factory=set)
    closed: bool = False
    ends: dict[str, int] = field(default_factory=dict)
    """Line where a region ends for each code an enable comment closed."""

    def covers(self, diag: Diagnostic) -> str | None:
        """The code of this suppression that silences `diag`, if any."""
        line = diag.span.line
        if self.kind == "enable" or line < self.first:
            return None
        for code in self.codes:
            if diag.code.startswith(code) and line <= self.ends.get(code, self.last):
                return code
        return None


def parse(article: Article) -> list[Suppression]:
    """Every suppression of an article, regions closed by their enable comments."""
    found = [
        Suppression("file", (code.strip().upper(),), reason.strip(), article.field_span("suppress"))
        for code, reason in article.suppress
    ]
    lines = article.source.split("\n")
    open_regions: list[Suppression] = []
    for kind, rest, line in _comments(article):
        codes, reason = _split(rest)
        span = Span(article.path, line, 1)
        if kind == "disable-next-line":
            target = _next_content_line(lines, line)
            found.append(Suppression("next-line", codes, reason, span, target, target))
        elif kind == "disable":
            region = Suppression("region", codes, reason, span, line)
            open_regions.append(region)
            found.append(region)
        else:
            found.append(_close(open_regions, codes, reason, span))
    return found


def _close(
    open_regions: list[Suppression], codes: tuple[str, ...], reason: str, span: Span
) -> Suppression:
    enable = Suppression("enable", codes, reason, span, span.line, span.line)
    for region in reversed(open_regions):
        for code in codes:
            if code in region.codes and code not in region.ends:
                region.ends[code] = span.line
                enable.closed = True
        region.closed = set(region.ends) == set(region.codes)
    return enable


def _comments(article: Article) -> Iterator[tuple[str, str, int]]:
    tokens = [*article.intro_tokens, *(t for s in article.sections for t in s.tokens)]
    for tok in tokens:
        if tok.type == "html_block":
            yield from _in_text(tok.content, _line(article, tok))
        elif tok.type == "inline" and "mindlex-" in tok.content:
            for child in tok.children or []:
                if child.type == "html_inline":
                    at = tok.content.find(child.content)
                    yield from _in_text(
                        child.content, _line(article, tok) + tok.content.count("\n", 0, at)
                    )


def _line(article: Article, tok: Token) -> int:
    return (tok.map[0] if tok.map else 0) + article.body_line


def _in_text(text: str, line: int) -> Iterator[tuple[str, str, int]]:
    for match in COMMENT.finditer(text):
        yield match.group(1), match.group(2), line + text.count("\n", 0, match.end())


def _split(rest: str) -> tuple[tuple[str, ...], str]:
    codes_part, _, reason = rest.partition("--")
    codes = tuple(c.upper() for c in re.split(r"[\s,]+", codes_part.strip()) if c)
    return codes, reason.strip()


def _next_content_line(lines: list[str], line: int) -> int:
    for index in range(line, len(lines)):
        if lines[index].strip():
            return index + 1
    return line + 1


def apply(diags: Iterable[Diagnostic], suppressions: list[Suppression]) -> list[Diagnostic]:
    """Findings that no suppression covers; marks each suppression's used codes."""
    kept: list[Diagnostic] = []
    for diag in diags:
        silenced = False
        for sup in suppressions:
            code = sup.covers(diag)
            if code is not None:
                sup.used.add(code)
                silenced = True
        if not silenced:
            kept.append(diag)
    return kept
