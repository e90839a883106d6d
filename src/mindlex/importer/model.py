"""The imported article as recognised, before it is written: every element, with how sure
the recogniser is of it and what a writer still has to do."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

from mindlex.importer.blocks import Block, Link

Confidence = Literal["high", "medium", "low"]


@dataclass(frozen=True, slots=True)
class Found:
    """One recognised element: what it is, its value as shown, and where it came from."""

    element: str
    value: str
    confidence: Confidence
    how: str


@dataclass
class ImportedSection:
    title: str
    kind: str
    """`definition`, `when_to_seek_help` or `other` (FAQ and references are kept apart)."""
    blocks: list[Block]


@dataclass
class Imported:
    source: str
    kind: str
    digest: str
    title: str = ""
    headline: str = ""
    summary: str = ""
    category: str = ""
    slug_hint: str = ""
    url: str = ""
    """The page's own address (canonical link or export permalink), when it states one."""
    reading_minutes: int | None = None
    updated: str = ""
    published: str = ""
    aliases: list[str] = field(default_factory=list)
    intro: list[Block] = field(default_factory=list)
    sections: list[ImportedSection] = field(default_factory=list)
    faq: list[tuple[str, str]] = field(default_factory=list)
    related_links: list[Link] = field(default_factory=list)
    related: list[str] = field(default_factory=list)
    references: list[dict[str, Any]] = field(default_factory=list)
    disclaimer: str = ""
    reviewed_by: str = ""
    found: list[Found] = field(default_factory=list)
    todo: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def note_found(self, element: str, value: str, confidence: Confidence, how: str) -> None:
        self.found.append(Found(element, value, confidence, how))
