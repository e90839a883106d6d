"""WordPress exports (WXR): one file, many posts, each post's HTML body read as a fragment.

The XML is parsed by defusedxml with document type declarations forbidden, so an export
cannot expand entities (billion laughs) or pull in local files or URLs (XXE)."""

from __future__ import annotations

import hashlib
from typing import Any
from xml.etree.ElementTree import Element, ParseError, tostring

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring

from mindlex.importer.blocks import RawPage, Unreadable
from mindlex.importer.html import fragment_blocks
from mindlex.importer.htmltree import squash

KEPT_TYPES = {"post", "page"}
SKIPPED_STATUSES = {"trash", "auto-draft", "inherit"}


def is_wxr(data: bytes) -> bool:
    head = data[:2048]
    return b"<rss" in head and (b"wordpress.org/export" in data[:8192] or b"<wp:" in data[:65536])


def read_wxr(source: str, data: bytes) -> tuple[list[RawPage], list[str]]:
    """Every post and page of an export, and a note for each item left out."""
    try:
        root = fromstring(data, forbid_dtd=True, forbid_entities=True, forbid_external=True)
    except DefusedXmlException:
        raise Unreadable(
            "the export declares a DTD or entities, which mindlex refuses to expand for "
            "safety; export again from WordPress (Tools → Export) without editing the file"
        ) from None
    except ParseError as exc:
        raise Unreadable(
            f"not well-formed XML ({exc}); the export may be cut off: export it again"
        ) from None
    channel = root.find("channel")
    if channel is None:
        raise Unreadable("no <channel> in this RSS file, so it is not a WordPress export")
    pages: list[RawPage] = []
    notes: list[str] = []
    for n, item in enumerate(channel.findall("item"), start=1):
        fields = _fields(item)
        name = fields.get("post_name") or fields.get("post_id") or str(n)
        where = f"{source}#{name}"
        kind, status = fields.get("post_type", "post"), fields.get("status", "publish")
        if kind not in KEPT_TYPES or status in SKIPPED_STATUSES:
            notes.append(f"{where}: {kind} with status {status} left out")
            continue
        pages.append(_page(where, item, fields))
    return pages, notes


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _fields(item: Element) -> dict[str, str]:
    """Child elements by local name (`wp:post_name` -> `post_name`); first one wins."""
    found: dict[str, str] = {}
    for child in item:
        key = _local(child.tag)
        if key == "encoded":
            key = "excerpt" if "excerpt" in child.tag else "content"
        if key not in found and child.text is not None:
            found[key] = child.text
    return found


def _page(where: str, item: Element, fields: dict[str, str]) -> RawPage:
    blocks, notes = fragment_blocks(fields.get("content", ""))
    data: dict[str, Any] = {}
    if squash(fields.get("title", "")):
        data["title"] = squash(fields["title"])
    excerpt = squash(fields.get("excerpt", ""))
    if excerpt:
        data["description"] = squash(_text_of(excerpt))
    if fields.get("post_name"):
        data["slug"] = fields["post_name"]
    if fields.get("link"):
        data["canonical"] = fields["link"].strip()
    for key, target in (("post_date", "date_published"), ("post_modified", "date_modified")):
        if fields.get(key, "")[:4].isdigit():
            data[target] = fields[key][:10]
    categories = [
        squash(c.text or "")
        for c in item
        if _local(c.tag) == "category" and c.get("domain") == "category"
    ]
    if categories:
        data["category"] = categories[0]
    page = RawPage(where, "wordpress", blocks, data, notes)
    page.digest = hashlib.sha256(tostring(item, encoding="utf-8")).hexdigest()
    return page


def _text_of(html: str) -> str:
    blocks, _ = fragment_blocks(html)
    return " ".join(getattr(b, "text", "") for b in blocks)
