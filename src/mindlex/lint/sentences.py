"""Sentence splitting over prose blocks: cheap, deterministic, abbreviation-aware."""

from __future__ import annotations

import re
from dataclasses import dataclass

from mindlex.lint.prose import CITE_MARK, Block

WORD = re.compile(r"[A-Za-z0-9]+(?:['’-][A-Za-z0-9]+)*")
ABBREVIATIONS = frozenset(
    {
        "e.g",
        "i.e",
        "etc",
        "vs",
        "dr",
        "mr",
        "mrs",
        "ms",
        "prof",
        "st",
        "no",
        "approx",
        "fig",
        "al",
        "cf",
        "jr",
        "sr",
        "inc",
        "ltd",
        "dept",
        "ed",
        "eds",
        "vol",
    }
)
CITE_MARKS = r"(?:\[\d[\d,–-]*\])?[¹²³⁴⁵⁶⁷⁸⁹⁰]*"
BOUNDARY = re.compile(rf"[.!?]+[\"”’)]*{CITE_MARKS}\s+(?=[\"“‘(]?[A-Z0-9])")
"""The end of a sentence, with a glued citation mark such as `.[3]` or `.²`."""
BULLETS = ("•", "◦", "▪", "‣")
BULLETED = re.compile(rf"{BOUNDARY.pattern}|\s*(?<![\w,])[•◦▪‣]\s+")
"""Also a bullet glyph: text pasted from web pages often runs items together (`• a • b`);
used only for blocks that contain one, since the extra branch slows every split."""


@dataclass(frozen=True, slots=True)
class Sentence:
    """text[start:end] of one block."""

    block: Block
    start: int
    end: int

    @property
    def text(self) -> str:
        return self.block.text[self.start : self.end]

    @property
    def cited(self) -> bool:
        return CITE_MARK in self.text

    def words(self) -> list[str]:
        return WORD.findall(self.text)


def split(block: Block) -> list[Sentence]:
    """Sentences of one block; headings and table cells count as one sentence each."""
    text = block.text
    if block.kind in ("heading", "table"):
        return _trimmed(block, 0, len(text))
    found: list[Sentence] = []
    start = 0
    boundary = BULLETED if any(b in text for b in BULLETS) else BOUNDARY
    for match in boundary.finditer(text):
        head = text[start : match.start() + 1]
        last = head.rsplit(None, 1)[-1].rstrip(".").lower() if head.strip() else ""
        bullet = text[match.start() : match.end()].strip() in BULLETS
        if not bullet and (last in ABBREVIATIONS or (len(last) == 1 and last.isalpha())):
            continue
        found.extend(_trimmed(block, start, match.start() if bullet else match.end()))
        start = match.end()
    found.extend(_trimmed(block, start, len(text)))
    return found


def _trimmed(block: Block, start: int, end: int) -> list[Sentence]:
    text = block.text
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if not WORD.search(text, start, end):
        return []
    return [Sentence(block, start, end)]
