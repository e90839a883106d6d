"""Multi-term glossary pages: many `Term: definition` pairs on one page, one article each."""

from __future__ import annotations

import hashlib
import re

from mindlex.importer.blocks import Block, ListBlock, Para, RawPage
from mindlex.importer.model import Imported, ImportedSection
from mindlex.importer.patterns import (
    DEFINITION,
    DISCLAIMER_LABEL,
    FAQ,
    READING,
    REVIEWED,
    SEEK_HELP,
    TERM_DEFINITION,
    UPDATED,
)
from mindlex.importer.todo import complete_todo
from mindlex.model.meta import slugify

MIN_TERMS = 3
SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z])")


def split_terms(
    page: RawPage, front: list[Block], sections: list[tuple[str, list[Block]]]
) -> list[Imported]:
    """One article per term, or nothing when the page is an ordinary single-term article."""
    titles = [title for title, _ in sections]
    if any(p.match(t) for t in titles for p in (DEFINITION, FAQ, SEEK_HELP)):
        return []
    blocks = front + [b for _, body in sections for b in body]
    pairs = [pair for block in blocks for pair in _pairs(block)]
    if len(pairs) < MIN_TERMS:
        return []
    category = str(page.data.get("category") or "glossary").lower()
    return [_article(page, term, text, category, len(pairs)) for term, text in pairs]


def _pairs(block: Block) -> list[tuple[str, str]]:
    if isinstance(block, ListBlock):
        found = []
        for item in block.items:
            if item.label:
                found.append((item.label.rstrip(": "), item.text))
            else:
                found += _inline(item.text)
        return found
    if isinstance(block, Para):
        if block.label and not DISCLAIMER_LABEL.match(block.label):
            return [(block.label.rstrip(": "), block.text)]
        return _inline(block.text)
    return []


def _inline(text: str) -> list[tuple[str, str]]:
    if DISCLAIMER_LABEL.match(text) or READING.match(text) or UPDATED.search(text):
        return []
    if REVIEWED.search(text):
        return []
    match = TERM_DEFINITION.match(text)
    return [(match.group("term"), match.group("definition"))] if match else []


def _article(page: RawPage, term: str, text: str, category: str, count: int) -> Imported:
    slug = slugify(term)
    digest = hashlib.sha256(f"{page.digest}\0{term}\0{text}".encode()).hexdigest()
    art = Imported(f"{page.source}#{slug}", page.kind, digest, title=term, category=category)
    art.summary = SENTENCE_END.split(text, 1)[0]
    art.sections.append(ImportedSection("Definition", "definition", [Para(text)]))
    how = f"one of {count} terms on a multi-term glossary page"
    art.note_found("title", term, "medium", how)
    art.note_found("summary", art.summary, "medium", "first sentence of the definition")
    art.note_found("section (definition)", "Definition", "medium", "the term's definition")
    complete_todo(art)
    return art
