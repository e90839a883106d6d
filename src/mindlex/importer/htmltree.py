"""Turn an HTML element tree into blocks: headings, paragraphs, lists, definition lists.

Inline markup is reduced to plain text; a bold lead-in (`<strong>Label:</strong> text`) is
kept as the block's label because key-area lists and disclaimers are marked that way."""

from __future__ import annotations

import re
from typing import Any

from mindlex.importer.blocks import Block, Heading, Item, Link, ListBlock, Para

SKIP = {
    "script",
    "style",
    "noscript",
    "template",
    "iframe",
    "object",
    "embed",
    "form",
    "button",
    "input",
    "select",
    "textarea",
    "svg",
    "canvas",
    "nav",
    "footer",
    "header",
    "aside",
    "figure",
    "img",
    "video",
    "audio",
    "table",
    "head",
    "title",
    "meta",
    "link",
}
"""Elements whose text is never article prose (tables are reported, not converted)."""

CODE = ("script", "style", "noscript", "template")
HEADINGS = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6}
CONTAINERS = {
    "div",
    "section",
    "article",
    "main",
    "body",
    "html",
    "blockquote",
    "center",
    "details",
    "summary",
}
BOLD = {"strong", "b"}
SAFE_SCHEMES = ("http://", "https://", "/", "./", "../", "#", "mailto:")
SPACE = re.compile(r"\s+")


def squash(text: str) -> str:
    """Collapse runs of white space, as a browser shows them."""
    return SPACE.sub(" ", text).strip()


def to_blocks(root: Any) -> tuple[list[Block], list[str]]:
    """Blocks in document order, and notes on what was left out."""
    blocks: list[Block] = []
    notes: list[str] = []
    for code in list(root.iter(*CODE)):
        code.drop_tree()  # its text must not leak into a paragraph's text_content()
    _walk(root, blocks, notes)
    return blocks, notes


def _tag(el: Any) -> str:
    tag = el.tag
    return tag.lower() if isinstance(tag, str) else ""


def _walk(el: Any, blocks: list[Block], notes: list[str]) -> None:
    loose: list[str] = [el.text or ""]
    for child in el:
        tag = _tag(child)
        if tag in HEADINGS:
            _flush(loose, blocks)
            text = squash(child.text_content())
            if text:
                blocks.append(Heading(HEADINGS[tag], text))
        elif tag == "p":
            _flush(loose, blocks)
            para = _para(child, notes)
            if para is not None:
                blocks.append(para)
        elif tag in ("ul", "ol"):
            _flush(loose, blocks)
            items = tuple(_item(li, notes) for li in child if _tag(li) == "li")
            items = tuple(i for i in items if i.text or i.links)
            if items:
                blocks.append(ListBlock(items, ordered=tag == "ol"))
        elif tag == "dl":
            _flush(loose, blocks)
            blocks.extend(_definitions(child))
        elif tag in SKIP:
            if tag == "table":
                notes.append("a table was left out; rewrite it as prose or a list")
        elif tag in CONTAINERS or tag in ("", "br"):
            if tag in ("", "br"):
                loose.append("\n\n" if tag == "br" else "")
            else:
                _flush(loose, blocks)
                _walk(child, blocks, notes)
        else:  # inline element directly in a container: part of loose text
            loose.append(child.text_content())
        loose.append(child.tail or "")
    _flush(loose, blocks)


def _flush(loose: list[str], blocks: list[Block]) -> None:
    """Text sitting directly in a container (WordPress often omits `<p>`) becomes paragraphs."""
    for chunk in re.split(r"\n\s*\n", "".join(loose)):
        text = squash(chunk)
        if text:
            blocks.append(Para(text))
    loose.clear()


def _lead(el: Any) -> str:
    """The text of a leading `<strong>`/`<b>`, when the element starts with one."""
    if squash(el.text or ""):
        return ""
    first = next(iter(el), None)
    if first is None or _tag(first) not in BOLD:
        return ""
    return squash(first.text_content())


def _links(el: Any, notes: list[str]) -> tuple[Link, ...]:
    found: list[Link] = []
    for a in el.iter("a"):
        href = (a.get("href") or "").strip()
        text = squash(a.text_content())
        if not href.lower().startswith(SAFE_SCHEMES):
            scheme = href.split(":")[0] + ":" if ":" in href else "empty or removed"
            notes.append(f"a link with an unsafe address ({scheme}) was dropped; its text kept")
            continue
        found.append(Link(text, href))
    return tuple(found)


def _para(el: Any, notes: list[str]) -> Para | None:
    text = squash(el.text_content())
    if not text:
        return None
    label = _lead(el)
    if label and label != text and text.startswith(label):
        return Para(squash(text[len(label) :]), label, _links(el, notes))
    return Para(text, "", _links(el, notes))


def _item(li: Any, notes: list[str]) -> Item:
    parts = [li.text or ""]
    for child in li:
        if _tag(child) in ("ul", "ol"):
            notes.append("a nested list was flattened into its parent item")
            parts.append(" ".join(squash(n.text_content()) for n in child))
        else:
            parts.append(child.text_content())
        parts.append(child.tail or "")
    text = squash("".join(parts))
    label = _lead(li)
    if label and label != text and text.startswith(label):
        return Item(squash(text[len(label) :]), label, _links(li, notes))
    return Item(text, "", _links(li, notes))


def _definitions(dl: Any) -> list[Block]:
    items: list[Item] = []
    term = ""
    for child in dl:
        tag = _tag(child)
        if tag == "dt":
            term = squash(child.text_content())
        elif tag == "dd" and term:
            items.append(Item(squash(child.text_content()), term))
            term = ""
    return [ListBlock(tuple(items), definitions=True)] if items else []
