"""Saved HTML pages: the main content found by readability-lxml, facts from structured data.

readability-lxml keeps the article's own markup (headings, lists, bold labels), which the
recogniser needs, and drops navigation, sidebars, cookie banners and footers; see
docs/import.md for why it was chosen."""

from __future__ import annotations

import hashlib
import logging
import re
from typing import Any

import lxml.html
from lxml.etree import ParserError
from readability import Document

from mindlex.importer.blocks import Block, Link, RawPage, Unreadable
from mindlex.importer.decode import decode
from mindlex.importer.htmltree import HEADINGS, SAFE_SCHEMES, squash, to_blocks
from mindlex.importer.patterns import RELATED
from mindlex.importer.structured import read_structured

XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")
logging.getLogger("readability.readability").setLevel(logging.ERROR)


def read_html(source: str, data: bytes) -> RawPage:
    """One saved page; raises Unreadable with the reason when it cannot be used."""
    text = XML_DECLARATION.sub("", decode(data, html=True))
    if not text.strip():
        raise Unreadable("the page is empty")
    tail = text[-4096:].lower()
    if "<html" in text[:4096].lower() and "</html>" not in tail:
        raise Unreadable(
            "the page ends before </html>, so it looks cut off; save the complete page again"
        )
    try:
        doc = lxml.html.document_fromstring(text)
    except (ParserError, ValueError) as exc:
        raise Unreadable(f"not readable as HTML ({exc}); check the file is a web page") from None
    facts, notes = read_structured(doc)
    related = related_links(doc)
    if related:
        facts["related_links"] = related
    blocks, dropped = main_blocks(doc)  # readability rewrites `doc`: read it last
    if not blocks:
        whole = lxml.html.document_fromstring(text)
        body = whole.find("body")
        blocks, dropped = to_blocks(body if body is not None else whole)
    page = RawPage(source, "html", blocks, facts, notes + dropped)
    page.digest = hashlib.sha256(data).hexdigest()
    return page


def main_blocks(doc: Any) -> tuple[list[Block], list[str]]:
    """The blocks of the page's main content, as readability-lxml finds it in `doc`."""
    try:
        summary = Document(doc).summary(html_partial=True)
        fragment = lxml.html.fragment_fromstring(summary, create_parent="div")
    except Exception:  # readability raises bare Exception subclasses on pages it cannot score
        return [], []
    return to_blocks(fragment)


def fragment_blocks(html: str) -> tuple[list[Block], list[str]]:
    """Blocks of an HTML fragment that is already the article (WordPress, rendered Markdown)."""
    if not html.strip():
        return [], []
    try:
        fragment = lxml.html.fragment_fromstring(html, create_parent="div")
    except (ParserError, ValueError):
        return [], []
    return to_blocks(fragment)


def related_links(doc: Any) -> list[Link]:
    """Links listed under a "Related articles" heading anywhere on the page.

    Main-content extractors drop such link lists as boilerplate, so they are read from the
    whole page."""
    for heading in doc.iter(*HEADINGS):
        if not RELATED.match(squash(heading.text_content())):
            continue
        found: list[Link] = []
        sibling = heading.getnext()
        while sibling is not None and sibling.tag not in HEADINGS:
            for a in sibling.iter("a"):
                href = (a.get("href") or "").strip()
                if href.lower().startswith(SAFE_SCHEMES):
                    found.append(Link(squash(a.text_content()), href))
            sibling = sibling.getnext()
        return found
    return []
