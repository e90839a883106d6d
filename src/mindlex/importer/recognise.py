"""Find a glossary page's elements in its blocks and fill an `Imported` article.

The page is cut at its top-level headings; what comes before the first one holds the
masthead (category, reading time, dates, review claim, disclaimer, summary), and each
section is recognised by its title. Every element found is recorded with a confidence."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from mindlex.importer.blocks import Block, Heading, Item, Link, ListBlock, Para, RawPage, Unreadable
from mindlex.importer.model import Confidence, Imported, ImportedSection
from mindlex.importer.patterns import (
    ALIASES,
    DEFINITION,
    DISCLAIMER_LABEL,
    DISCLAIMER_TEXT,
    FAQ,
    READING,
    REFERENCES,
    RELATED,
    REVIEWED,
    SEEK_HELP,
    UPDATED,
)
from mindlex.importer.references import has_identifier, parse_reference, reference_id
from mindlex.importer.terms import split_terms
from mindlex.importer.todo import complete_todo

LABELLED = re.compile(r"^(?P<label>[A-Z][^:.!?]{1,50}):\s+(?P<text>\S.*)$")
MIN_WORDS = 25
CANONICAL = {"definition": "Definition", "when_to_seek_help": "When to seek help"}


def recognise(page: RawPage) -> list[Imported]:
    """One article for an ordinary page, one per term for a multi-term glossary page."""
    words = sum(len(_text(b).split()) for b in page.blocks)
    if words < MIN_WORDS and not page.data.get("faq"):
        raise Unreadable(
            f"no recognisable article: only {words} words of content were found; "
            "check this is an article page and not an index, login or error page"
        )
    front, sections = _cut(page.blocks)
    terms = split_terms(page, front, sections)
    if terms:
        return terms
    art = Imported(page.source, page.kind, page.digest, notes=list(page.notes))
    _masthead(art, page, front)
    for title, blocks in sections:
        _section(art, title, blocks)
    _structured(art, page.data)
    _names(art, page.data)
    complete_todo(art)
    return [art]


def _text(block: Block) -> str:
    if isinstance(block, ListBlock):
        return " ".join(f"{i.label} {i.text}".strip() for i in block.items)
    if isinstance(block, Para):
        return f"{block.label} {block.text}".strip()
    return block.text


def _cut(blocks: list[Block]) -> tuple[list[Block], list[tuple[str, list[Block]]]]:
    """Blocks before the first section heading, then (title, blocks) per section."""
    levels = [b.level for b in blocks if isinstance(b, Heading) and b.level > 1]
    top = min(levels) if levels else 99
    front: list[Block] = []
    sections: list[tuple[str, list[Block]]] = []
    for block in blocks:
        if isinstance(block, Heading) and block.level == top:
            sections.append((block.text, []))
        elif sections:
            sections[-1][1].append(block)
        else:
            front.append(block)
    return front, sections


def _masthead(art: Imported, page: RawPage, front: list[Block]) -> None:
    """Headline, category and reading time, dates, review claim, disclaimer and summary."""
    for block in front:
        if isinstance(block, Heading):
            if not art.headline:
                art.headline = block.text
                art.note_found("headline", block.text, "high", "first heading of the page")
            continue
        if isinstance(block, Para) and _masthead_line(art, block):
            continue
        if isinstance(block, Para) and _is_disclaimer(block):
            _disclaimer(art, block)
        elif isinstance(block, Para) and not art.summary and not page.data.get("description"):
            art.summary = block.text
            art.note_found("summary", block.text, "medium", "first paragraph under the headline")
        else:
            art.intro.append(block)


def _masthead_line(art: Imported, para: Para, *, strict: bool = False) -> bool:
    """Reading time, date and review lines; in the body (`strict`), only lines that start
    with them, so prose such as "plans are reviewed by the care team" stays prose."""
    text = f"{para.label} {para.text}".strip()
    if strict:
        updated, reviewed = UPDATED.match(text), REVIEWED.match(text)
    else:
        updated, reviewed = UPDATED.search(text), REVIEWED.search(text)
    reading = READING.match(text)
    if not (reading or updated or reviewed) or len(text.split()) > 20:
        return False
    if reading:
        art.reading_minutes = int(reading.group("min"))
        art.note_found("reading time", f"{art.reading_minutes} min", "high", text)
        if reading.group("cat") and not art.category:
            art.category = reading.group("cat").strip(" ·|").lower()
            art.note_found("category", art.category, "medium", "label before the reading time")
    if updated:
        art.updated = _iso(updated.group("date"))
        art.note_found("last updated", art.updated, "high", "“Last updated” line")
    if reviewed:
        art.reviewed_by = reviewed.group("who").strip(" .·|")
        art.note_found("review claim", art.reviewed_by, "high", "“Reviewed by” line (unverified)")
    return True


def _iso(text: str) -> str:
    """`2025-12-03`, `December 3, 2025` or `3 Dec 2025` as an ISO date; else the text as is."""
    text = text.strip()
    if re.match(r"\d{4}-\d{2}-\d{2}(?:[T ]|$)", text):
        text = text[:10]
    for fmt in ("%Y-%m-%d", "%B %d, %Y", "%B %d %Y", "%d %B %Y", "%b %d, %Y", "%d %b %Y"):
        try:
            return dt.datetime.strptime(text.replace(".", ""), fmt).date().isoformat()
        except ValueError:
            continue
    return text


def _is_disclaimer(para: Para, *, strict: bool = False) -> bool:
    """A labelled disclaimer anywhere; in the masthead also one recognised by its wording
    (in the body such wording may be the article's own advice, which must stay)."""
    labelled = DISCLAIMER_LABEL.match(para.label) or DISCLAIMER_LABEL.match(para.text)
    worded = DISCLAIMER_TEXT.search(para.text) and len(para.text.split()) < 90
    return bool(labelled or (worded and not strict))


def _disclaimer(art: Imported, para: Para) -> None:
    art.disclaimer = f"{para.label} {para.text}".strip()
    art.note_found("disclaimer", art.disclaimer[:60] + "…", "high", "left out of the body")


def _section(art: Imported, title: str, blocks: list[Block]) -> None:
    kept: list[Block] = []
    for block in blocks:
        if isinstance(block, Para) and _is_disclaimer(block, strict=True):
            _disclaimer(art, block)
        elif not (isinstance(block, Para) and _masthead_line(art, block, strict=True)):
            kept.append(block)
    blocks = kept
    if FAQ.match(title):
        art.faq = _faq(blocks)
        art.sections.append(ImportedSection("Frequently asked questions", "faq", []))
        art.note_found("FAQ", _questions(len(art.faq)), "high", f"section “{title}”")
    elif RELATED.match(title):
        art.related_links = _links(blocks) or art.related_links
        if art.related_links:
            art.note_found("related", f"{len(art.related_links)} links", "high", f"“{title}”")
    elif REFERENCES.match(title):
        _references(art, blocks)
        art.note_found("references", f"{len(art.references)} entries", "high", f"section “{title}”")
    else:
        kind = "definition" if DEFINITION.match(title) else "other"
        kind = "when_to_seek_help" if SEEK_HELP.match(title) else kind
        art.sections.append(ImportedSection(CANONICAL.get(kind, title), kind, _label_items(blocks)))
        confidence: Confidence = "high" if kind != "other" else "medium"
        art.note_found(f"section ({kind.replace('_', ' ')})", title, confidence, "heading")


def _faq(blocks: list[Block]) -> list[tuple[str, str]]:
    """Questions as sub-headings or as lines ending in `?`, each followed by its answer."""
    pairs: list[tuple[str, str]] = []
    question, answer = "", list[str]()
    for block in blocks:
        text = _text(block)
        if isinstance(block, Heading) or (isinstance(block, Para) and text.endswith("?")):
            if question and answer:
                pairs.append((question, " ".join(answer)))
            question, answer = text, []
        elif question:
            answer.append(text)
    if question and answer:
        pairs.append((question, " ".join(answer)))
    return pairs


def _links(blocks: list[Block]) -> list[Link]:
    found: list[Link] = []
    for block in blocks:
        if isinstance(block, ListBlock):
            found += [link for item in block.items for link in item.links]
        elif isinstance(block, Para):
            found += list(block.links)
    return found


def _references(art: Imported, blocks: list[Block]) -> None:
    entries: list[tuple[str, tuple[Link, ...]]] = []
    for block in blocks:
        if isinstance(block, ListBlock):
            entries += [(f"{i.label} {i.text}".strip(), i.links) for i in block.items]
        elif isinstance(block, Para):
            entries.append((f"{block.label} {block.text}".strip(), block.links))
    taken = {str(r["id"]) for r in art.references}
    for text, links in entries:
        csl = parse_reference(text, links)
        ref_id = reference_id(csl, taken)
        art.references.append({"id": ref_id, **csl})
        if not has_identifier(csl):
            art.todo.append(
                f"reference `{ref_id}` (“{_clip(str(csl['title']))}”) has no DOI, PMID, ISBN "
                "or URL: add one so readers can find the source"
            )


def _clip(text: str, limit: int = 50) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _label_items(blocks: list[Block]) -> list[Block]:
    """Copied text loses bold; `Label: text` items get their label back when most have one."""
    out: list[Block] = []
    for block in blocks:
        if (
            isinstance(block, ListBlock)
            and not block.ordered
            and not any(i.label for i in block.items)
        ):
            matches = [LABELLED.match(i.text) for i in block.items]
            if sum(m is not None for m in matches) * 2 > len(matches):
                block = ListBlock(
                    tuple(
                        Item(m.group("text"), m.group("label").strip(), i.links) if m else i
                        for i, m in zip(block.items, matches, strict=True)
                    ),
                    block.ordered,
                )
        out.append(block)
    return out


def _structured(art: Imported, data: dict[str, Any]) -> None:
    """Facts the page states outright: they win over what the visible text suggested."""
    if data.get("description"):
        art.summary = str(data["description"])
        art.note_found("summary", art.summary, "high", "meta description / front matter")
    if data.get("category"):
        art.category = str(data["category"]).lower()
        art.note_found("category", art.category, "high", "front matter / export category")
    if data.get("date_modified") and not art.updated:
        art.updated = _iso(str(data["date_modified"]))
        art.note_found("last updated", art.updated, "high", "dateModified / lastmod")
    published = _iso(str(data.get("date_published") or ""))
    try:
        dt.date.fromisoformat(published)
    except ValueError:
        if published:
            art.notes.append(f"publication date “{published}” is not a date; left out")
    else:
        art.published = published
        art.note_found("published", art.published, "high", "datePublished / date")
    if data.get("reviewed_by") and not art.reviewed_by:
        art.reviewed_by = str(data["reviewed_by"])
        art.note_found("review claim", art.reviewed_by, "high", "JSON-LD reviewedBy (unverified)")
    if data.get("faq") and not art.faq:
        art.faq = [(str(q), str(a)) for q, a in data["faq"]]
        if not any(s.kind == "faq" for s in art.sections):
            art.sections.append(ImportedSection("Frequently asked questions", "faq", []))
        art.note_found("FAQ", _questions(len(art.faq)), "high", "FAQPage JSON-LD")
    if data.get("related_links") and not art.related_links:
        art.related_links = list(data["related_links"])
        art.note_found("related", f"{len(art.related_links)} links", "medium", "whole page")
    if data.get("canonical"):
        art.url = str(data["canonical"])
    if data.get("slug"):
        art.slug_hint = str(data["slug"])


def _names(art: Imported, data: dict[str, Any]) -> None:
    """Title, headline and aliases, from the strongest evidence available."""
    headline = art.headline or str(data.get("headline") or data.get("name") or "")
    if data.get("title"):
        art.title, how = str(data["title"]), "front matter / export title"
    elif data.get("about"):
        art.title, how = str(data["about"]), "JSON-LD `about`"
    elif ": " in headline:
        art.title, how = headline.split(": ", 1)[0], "headline before its colon"
    elif headline:
        art.title, how = headline, "headline"
    else:
        title = str(data.get("og_title") or data.get("html_title") or "")
        art.title, how = re.split(r"\s+[|–—-]\s+", title)[0], "<title> of the page"
    art.title = art.title.strip()
    art.headline = headline if headline and headline != art.title else ""
    if art.title:
        art.note_found(
            "title", art.title, "high" if "front" in how or "JSON" in how else "medium", how
        )
    aliases: list[str] = [str(a) for a in data.get("alternate_names", [])]
    definition = next((s for s in art.sections if s.kind == "definition"), None)
    for block in definition.blocks[:2] if definition else []:
        for match in ALIASES.finditer(_text(block)):
            aliases += split_names(match.group("names"))
    seen = {art.title.lower()}
    for alias in aliases:
        if alias.lower() not in seen:
            seen.add(alias.lower())
            art.aliases.append(alias)
    if art.aliases:
        art.note_found("aliases", ", ".join(art.aliases), "medium", "“also called / known as”")


def split_names(text: str) -> list[str]:
    """`A, B or C, describes ...` -> [A, B, C]: short parts, ending at the `or`/`and` one."""
    kept: list[str] = []
    for part in (p.strip() for p in text.split(",")):
        joined = re.search(r"\b(?:or|and)\b", part)
        if not part or len(part.split()) > (9 if joined else 5):
            break
        kept.append(part)
        if joined:
            break
    names = [n.strip() for p in kept for n in re.split(r"\s+(?:or|and)\s+", p)]
    return [n for n in names if n and len(n.split()) <= 5]


def _questions(count: int) -> str:
    return f"{count} question" + ("" if count == 1 else "s")
