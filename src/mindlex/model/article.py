"""Article and its parts: frozen, typed, and each with its source Span."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path

from markdown_it.token import Token

from mindlex.model.reference import Reference
from mindlex.model.text import plain_text
from mindlex.span import Span

WORDS_PER_MINUTE = 200


class SectionKind(StrEnum):
    DEFINITION = "definition"
    WHEN_TO_SEEK_HELP = "when_to_seek_help"
    FAQ = "faq"
    OTHER = "other"


SECTION_TITLES = {
    "definition": SectionKind.DEFINITION,
    "what is it": SectionKind.DEFINITION,
    "when to seek help": SectionKind.WHEN_TO_SEEK_HELP,
    "when to get help": SectionKind.WHEN_TO_SEEK_HELP,
    "frequently asked questions": SectionKind.FAQ,
    "faq": SectionKind.FAQ,
    "faqs": SectionKind.FAQ,
}


@dataclass(frozen=True, slots=True)
class Citation:
    """One `[@a; @b]` marker in the body."""

    ids: tuple[str, ...]
    span: Span


@dataclass(frozen=True, slots=True, eq=False)
class FaqItem:
    question: str
    span: Span
    answer_tokens: list[Token] = field(repr=False)

    @property
    def answer_text(self) -> str:
        return plain_text(self.answer_tokens)


@dataclass(frozen=True, slots=True)
class KeyArea:
    text: str
    span: Span


@dataclass(frozen=True, slots=True, eq=False)
class Section:
    """A `##` heading and everything up to the next one."""

    title: str
    anchor: str
    kind: SectionKind
    span: Span
    tokens: list[Token] = field(repr=False)
    faq: tuple[FaqItem, ...] = ()

    @property
    def text(self) -> str:
        """What a reader sees of the section, as plain text."""
        return plain_text(self.tokens)


@dataclass(frozen=True, slots=True, eq=False)
class Article:
    """One glossary entry: front matter fields plus the parsed body."""

    path: Path
    slug: str
    title: str
    summary: str
    category: str
    headline: str = ""
    aliases: tuple[str, ...] = ()
    related: tuple[str, ...] = ()
    references: tuple[Reference, ...] = ()
    status: str = "published"
    replaced_by: str | None = None
    published: dt.date | None = None
    suppress: tuple[tuple[str, str], ...] = ()
    source: str = field(default="", repr=False)
    body: str = field(default="", repr=False)
    body_line: int = 1
    body_offset: int = 0
    intro_tokens: list[Token] = field(default_factory=list, repr=False)
    sections: tuple[Section, ...] = ()
    citations: tuple[Citation, ...] = ()
    word_count: int = 0
    field_spans: dict[str, Span] = field(default_factory=dict, repr=False)
    sha256: str = ""

    @property
    def span(self) -> Span:
        return Span(self.path, 1, 1)

    @property
    def display_headline(self) -> str:
        return self.headline or self.title

    @property
    def reading_minutes(self) -> int:
        return max(1, round(self.word_count / WORDS_PER_MINUTE))

    def section(self, kind: SectionKind) -> Section | None:
        return next((s for s in self.sections if s.kind is kind), None)

    @property
    def faq(self) -> tuple[FaqItem, ...]:
        found = self.section(SectionKind.FAQ)
        return found.faq if found else ()

    @property
    def key_areas(self) -> tuple[KeyArea, ...]:
        """Items of the first bullet list outside Definition, the FAQ and When to seek help."""
        for sec in self.sections:
            if sec.kind is not SectionKind.OTHER:
                continue
            items = _first_list_items(sec.tokens, self.path, self.body_line)
            if items:
                return items
        return ()

    def field_span(self, name: str) -> Span:
        return self.field_spans.get(name, self.span)

    def cited_ids(self) -> list[str]:
        """Ids in order of first citation."""
        seen: dict[str, None] = {}
        for cite in self.citations:
            for ref_id in cite.ids:
                seen.setdefault(ref_id, None)
        return list(seen)


def _first_list_items(tokens: list[Token], path: Path, body_line: int) -> tuple[KeyArea, ...]:
    items: list[KeyArea] = []
    depth = 0
    in_list = False
    for tok in tokens:
        if tok.type == "bullet_list_open":
            depth += 1
            in_list = True
        elif tok.type == "bullet_list_close":
            depth -= 1
            if depth == 0 and in_list:
                return tuple(items)
        elif in_list and depth == 1 and tok.type == "inline" and tok.level == 3:
            line = (tok.map[0] if tok.map else 0) + body_line
            items.append(KeyArea(plain_text([tok]), Span(path, line, 1)))
    return tuple(items)
