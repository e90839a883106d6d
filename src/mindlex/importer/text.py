"""Plain text copied from a browser: headings are bare short lines, bullets are `•` or `-`.

Copying a page loses all markup, so structure is read from layout: a line on its own, short
and without closing punctuation, is a heading; the first one is the page headline."""

from __future__ import annotations

import hashlib
import re

from mindlex.importer.blocks import Block, Heading, Item, ListBlock, Para, RawPage, Unreadable
from mindlex.importer.decode import decode
from mindlex.importer.patterns import DISCLAIMER_LABEL, READING, REVIEWED, UPDATED

BULLET = re.compile(r"^\s*(?:[•·▪◦‣●*+-]|–)\s+(?P<text>.*)$")
NUMBERED = re.compile(r"^\s*(?:\d{1,3}[.)]|\[\d{1,3}\])\s+(?P<text>.*)$")
MAX_HEADING_WORDS = 12


def read_text(source: str, data: bytes) -> RawPage:
    text = decode(data)
    if not text.strip():
        raise Unreadable("the file is empty")
    blocks = to_blocks(text)
    page = RawPage(source, "text", blocks)
    page.digest = hashlib.sha256(data).hexdigest()
    return page


def to_blocks(text: str) -> list[Block]:
    blocks: list[Block] = []
    seen_headline = False
    for chunk in re.split(r"\n[ \t]*\n", text.replace("\r\n", "\n").replace("\r", "\n")):
        lines = [line.rstrip() for line in chunk.split("\n") if line.strip()]
        if not lines:
            continue
        for block in _chunk(lines):
            if isinstance(block, Heading):
                block = Heading(2 if seen_headline else 1, block.text)
                seen_headline = True
            blocks.append(block)
    return _merge_lists(blocks)


def _chunk(lines: list[str]) -> list[Block]:
    """One blank-line-separated chunk: headings, paragraphs and lists, in order.

    A list may follow its lead-in line directly ("... include:" then bullets); an
    indented line after a bullet continues that bullet."""
    blocks: list[Block] = []
    prose: list[str] = []
    bullets: list[str] = []
    for line in lines:
        is_item = bool(BULLET.match(line) or NUMBERED.match(line))
        if is_item or (bullets and line[:1].isspace()):
            if prose:
                blocks.append(_prose(prose))
                prose = []
            bullets.append(line)
        else:
            if bullets:
                blocks += _lists(bullets)
                bullets = []
            prose.append(line)
    if prose:
        blocks.append(_prose(prose))
    if bullets:
        blocks += _lists(bullets)
    return blocks


def _prose(lines: list[str]) -> Block:
    joined = " ".join(line.strip() for line in lines)
    return Heading(2, joined) if len(lines) == 1 and is_heading(joined) else Para(joined)


def is_heading(line: str) -> bool:
    words = line.split()
    return (
        0 < len(words) <= MAX_HEADING_WORDS
        and len(line) <= 100
        and line[0].isupper()
        and line[-1] not in '.!?,;:…"”)'
        and not READING.match(line)
        and not UPDATED.search(line)
        and not REVIEWED.search(line)
        and not DISCLAIMER_LABEL.match(line)
    )


def _lists(lines: list[str]) -> list[Block]:
    blocks: list[Block] = []
    items: list[str] = []
    ordered = False
    for line in lines:
        bullet, number = BULLET.match(line), NUMBERED.match(line)
        if bullet or number:
            kind = number is not None
            if items and kind != ordered:
                blocks.append(_list(items, ordered))
                items = []
            ordered = kind
            items.append((number or bullet).group("text").strip())  # type: ignore[union-attr]
        elif items:
            items[-1] += " " + line.strip()
    if items:
        blocks.append(_list(items, ordered))
    return blocks


def _list(items: list[str], ordered: bool) -> ListBlock:
    return ListBlock(tuple(Item(" ".join(t.split())) for t in items if t.strip()), ordered)


def _merge_lists(blocks: list[Block]) -> list[Block]:
    """Bullets copied with blank lines between them are still one list."""
    merged: list[Block] = []
    for block in blocks:
        last = merged[-1] if merged else None
        if (
            isinstance(block, ListBlock)
            and isinstance(last, ListBlock)
            and last.ordered == block.ordered
        ):
            merged[-1] = ListBlock(last.items + block.items, last.ordered)
        else:
            merged.append(block)
    return merged
