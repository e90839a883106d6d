"""Prose blocks: the readable text of an article, mapped back to exact file offsets.

Rules never search raw Markdown. Each block is built from the text children of one
markdown-it inline token (code spans, link URLs, raw HTML and citations left out), and every
character keeps the file offset it came from, so findings and fixes land on the right bytes.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field

from markdown_it.token import Token

from mindlex.model import Article

CODE_MARK = "…"
"""Stands in for an inline code span: not a word, so no phrase can match across it."""
CITE_MARK = "†"
"""Stands in for a `[@id]` citation, so a sentence knows it is cited."""
QUOTES = re.compile(r"“[^”]*”|\"[^\"]*\"|‘[^’]*’|(?<![\w])'[^'\n]+'(?![\w])")


@dataclass(slots=True)
class Block:
    """One run of prose: a paragraph, heading, list item, table cell or the summary."""

    text: str
    offsets: list[int]
    kind: str
    section: int
    """Index into `article.sections`, or -1 for the introduction and the summary."""
    exact: bool = True
    """False when offsets are approximate (then no fix may touch it)."""
    lead: str = ""
    """For a list item or table cell: the paragraph that introduces the list and the
    table's header row ("Avoid:", "Instead of | Use"), so a list of words not to use is
    read as such."""
    _quoted: list[tuple[int, int]] | None = field(default=None, repr=False)

    @property
    def quoted(self) -> list[tuple[int, int]]:
        """Character ranges inside quotation marks: words quoted as examples."""
        if self._quoted is None:
            self._quoted = [(m.start(), m.end()) for m in QUOTES.finditer(self.text)]
        return self._quoted

    def in_quotes(self, start: int, end: int) -> bool:
        return any(a < start and end < b + 1 for a, b in self.quoted)

    def offset(self, index: int) -> int:
        """File offset of a character, falling back to the nearest known one."""
        offsets = self.offsets
        index = min(max(index, 0), len(offsets) - 1)
        for probe in range(index, -1, -1):
            if offsets[probe] >= 0:
                return offsets[probe]
        found: int = next((o for o in offsets[index:] if o >= 0), 0)
        return found

    def file_range(self, start: int, end: int) -> tuple[int, int] | None:
        """File offsets of text[start:end] when that text is contiguous in the file."""
        if not self.exact or end <= start:
            return None
        first, last = self.offsets[start], self.offsets[end - 1]
        if first < 0 or last < 0 or last - first != end - start - 1:
            return None
        return first, last + 1


class _Cursor:
    """Maps offsets in an inline token's content to file offsets, line by line."""

    def __init__(
        self,
        content: str,
        tok: Token,
        body_lines: list[str],
        line_offsets: list[int],
        used: dict[int, int],
    ) -> None:
        self.content = content
        self.starts: list[int] = []
        self.files: list[int] = []
        self.exact = True
        first = tok.map[0] if tok.map else 0
        pos = 0
        for i, part in enumerate(content.split("\n")):
            index = first + i
            if index >= len(body_lines):
                self.exact = False
                index = len(body_lines) - 1
            src = body_lines[index]
            col = src.find(part, used.get(index, 0)) if part else 0
            if col < 0:
                col = max(src.find(part.strip()), 0)
                self.exact = False
            used[index] = col + len(part)
            self.starts.append(pos)
            self.files.append(line_offsets[index] + col)
            pos += len(part) + 1

    def file(self, index: int) -> int:
        line = bisect_right(self.starts, index) - 1
        return self.files[line] + index - self.starts[line]


def blocks(article: Article) -> list[Block]:
    """Every prose block of the article, summary first, in document order."""
    body_lines = article.body.split("\n")
    line_offsets: list[int] = []
    pos = article.body_offset
    for line in body_lines:
        line_offsets.append(pos)
        pos += len(line) + 1
    used: dict[int, int] = {}
    found: list[Block] = []
    summary = _summary_block(article)
    if summary is not None:
        found.append(summary)
    found.extend(_token_blocks(article.intro_tokens, -1, body_lines, line_offsets, used))
    for index, section in enumerate(article.sections):
        heading = _heading_block(article, index, body_lines, line_offsets)
        if heading is not None:
            found.append(heading)
        found.extend(_token_blocks(section.tokens, index, body_lines, line_offsets, used))
    return found


def _summary_block(article: Article) -> Block | None:
    if not article.summary:
        return None
    span = article.field_spans.get("summary")
    start = 0
    if span is not None:
        start = sum(len(line) + 1 for line in article.source.split("\n")[: span.line - 1])
    at = article.source.find(article.summary, start)
    if at >= 0:
        return Block(article.summary, list(range(at, at + len(article.summary))), "summary", -1)
    return Block(article.summary, [start] * len(article.summary), "summary", -1, exact=False)


def _heading_block(
    article: Article, index: int, body_lines: list[str], line_offsets: list[int]
) -> Block | None:
    section = article.sections[index]
    line = section.span.line - article.body_line
    if not (0 <= line < len(body_lines)):
        return None
    col = body_lines[line].find(section.title)
    if col < 0 or not section.title:
        return None
    start = line_offsets[line] + col
    return Block(section.title, list(range(start, start + len(section.title))), "heading", index)


def _token_blocks(
    tokens: list[Token],
    section: int,
    body_lines: list[str],
    line_offsets: list[int],
    used: dict[int, int],
) -> list[Block]:
    found: list[Block] = []
    context: list[str] = []
    last, lead = "", ""
    for tok in tokens:
        if tok.nesting == 1 and tok.type != "paragraph_open":
            if tok.type in LIST_OPENERS and not any(c in LIST_OPENERS for c in context):
                lead = last
            context.append(tok.type)
        elif tok.nesting == -1 and tok.type != "paragraph_close" and context:
            context.pop()
        elif tok.type == "inline" and tok.content.strip():
            cursor = _Cursor(tok.content, tok, body_lines, line_offsets, used)
            block = _inline_block(tok, cursor, _kind(context), section)
            if not block.text.strip():
                continue
            if block.kind in ("list", "table"):
                block.lead = lead
                if "th_open" in context:
                    lead = f"{lead} {block.text}"
            else:
                last = block.text
            found.append(block)
    return found


LIST_OPENERS = frozenset({"bullet_list_open", "ordered_list_open", "table_open"})


def _kind(context: list[str]) -> str:
    for name in reversed(context):
        if name == "heading_open":
            return "heading"
        if name in ("th_open", "td_open"):
            return "table"
        if name == "list_item_open":
            return "list"
        if name == "blockquote_open":
            return "quote"
    return "paragraph"


def _inline_block(tok: Token, cursor: _Cursor, kind: str, section: int) -> Block:
    content = cursor.content
    text: list[str] = []
    offsets: list[int] = []
    pos = 0
    autolink = False

    def put(chunk: str, at: int) -> None:
        text.append(chunk)
        offsets.extend([cursor.file(at)] * len(chunk) if at >= 0 else [-1] * len(chunk))

    for child in tok.children or []:
        kind_ = child.type
        if kind_ == "text" and not autolink:
            pos = _align(child.content, content, pos, cursor, text, offsets)
        elif kind_ == "text":
            pos = max(pos, content.find(child.content, pos) + len(child.content))
        elif kind_ == "citation":
            at = int(child.meta.get("offset", pos))
            put(CITE_MARK, at)
            pos = at + len(child.content)
        elif kind_ == "code_inline":
            at = content.find(child.markup, pos)
            end = content.find(child.markup, at + len(child.markup)) if at >= 0 else -1
            put(f" {CODE_MARK} ", at)
            pos = end + len(child.markup) if end >= 0 else pos
        elif kind_ in ("softbreak", "hardbreak"):
            at = content.find("\n", pos)
            put(" ", at)
            pos = at + 1 if at >= 0 else pos
        elif kind_ == "html_inline":
            at = content.find(child.content, pos)
            put(" ", at)
            pos = at + len(child.content) if at >= 0 else pos
        elif kind_ == "link_open":
            autolink = child.markup == "autolink"
        elif kind_ == "link_close":
            pos = _skip_link_target(content, pos, autolink)
            autolink = False
        elif kind_ == "image":
            pos = _skip_link_target(content, content.find("]", pos), False)
    return Block("".join(text), offsets, kind, section, exact=cursor.exact)


def _align(
    piece: str, content: str, pos: int, cursor: _Cursor, text: list[str], offsets: list[int]
) -> int:
    """Place a text child in the content; entities and escapes are aligned char by char."""
    at = content.find(piece, pos)
    if at >= 0 and "\n" not in content[pos:at]:
        text.append(piece)
        first = cursor.file(at)
        if cursor.file(at + len(piece) - 1) - first == len(piece) - 1:
            offsets.extend(range(first, first + len(piece)))
        else:
            offsets.extend(cursor.file(at + i) for i in range(len(piece)))
        return at + len(piece)
    for ch in piece:
        at = content.find(ch, pos)
        if at < 0 or at - pos > 12:
            offsets.append(-1)
        else:
            offsets.append(cursor.file(at))
            pos = at + 1
        text.append(ch)
    return pos


def _skip_link_target(content: str, pos: int, autolink: bool) -> int:
    """Move past `](url "title")`, `][ref]` or `>` after a link's text."""
    if pos < 0:
        return 0
    if autolink:
        end = content.find(">", pos)
        return end + 1 if end >= 0 else pos
    if content.startswith("](", pos):
        depth, i = 0, pos + 2
        while i < len(content):
            ch = content[i]
            if ch == "\\":
                i += 2
                continue
            if ch == "(":
                depth += 1
            elif ch == ")":
                if depth == 0:
                    return i + 1
                depth -= 1
            i += 1
        return pos
    if content.startswith("][", pos):
        end = content.find("]", pos + 2)
        return end + 1 if end >= 0 else pos
    return pos + 1 if content.startswith("]", pos) else pos
