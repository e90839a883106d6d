"""What every reader hands to the recogniser: a page as a flat list of typed blocks.

Readers differ in how a page is stored (HTML, copied text, a WordPress export, Markdown);
after reading, a heading is a heading and a bullet is a bullet, so the recogniser is
written once."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True, slots=True)
class Link:
    text: str
    href: str


@dataclass(frozen=True, slots=True)
class Heading:
    level: int
    text: str


@dataclass(frozen=True, slots=True)
class Para:
    text: str
    label: str = ""
    """A bold lead-in (`**Medical Disclaimer:**`), kept apart from the rest of the text."""
    links: tuple[Link, ...] = ()


@dataclass(frozen=True, slots=True)
class Item:
    text: str
    label: str = ""
    links: tuple[Link, ...] = ()


@dataclass(frozen=True, slots=True)
class ListBlock:
    items: tuple[Item, ...]
    ordered: bool = False
    definitions: bool = False
    """Items came from a definition list (`<dl>`): label is the term, text its definition."""


Block = Heading | Para | ListBlock


@dataclass
class RawPage:
    """One page as read, before any element is recognised."""

    source: str
    """The file path or URL the page came from, as the report and front matter show it."""
    kind: str
    blocks: list[Block]
    data: dict[str, Any] = field(default_factory=dict)
    """Structured facts the source states outright: front matter, meta tags, JSON-LD."""
    notes: list[str] = field(default_factory=list)
    """What the reader dropped or doubted, for the report."""
    digest: str = ""
    """sha256 of the bytes this page was read from."""


class Unreadable(Exception):
    """A source that cannot be imported; the message says what is wrong and how to fix it."""
