"""An `Imported` article as mindlex Markdown: front matter, then the body in section order.

Every piece of page text is escaped, so text that looked like Markdown or HTML on the
source page stays text (a literal `<script>` stays visible words, never markup)."""

from __future__ import annotations

import re
from typing import Any

import yaml

from mindlex.importer.blocks import Block, Heading, ListBlock, Para
from mindlex.importer.model import Imported

PUNCTUATION = re.compile(r"([\\`*_\[\]<>])")
ENTITY = re.compile(r"&(?=#?\w+;)")
LINE_START = re.compile(r"^(\s*)([#>+=-]|\d+[.)])")
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
HEADER = "# Imported by `mindlex import` from: "
DIGEST = "# Source sha256: "


def escape(text: str) -> str:
    text = CONTROL.sub("", text)
    text = ENTITY.sub(r"\\&", PUNCTUATION.sub(r"\\\1", text))
    return LINE_START.sub(lambda m: m.group(1) + "\\" + m.group(2), text)


def comment(text: str) -> str:
    return " ".join(CONTROL.sub(" ", text).split())


def render(art: Imported, sources: list[str]) -> str:
    """The article file's full text; `sources` are the page's path and any canonical URL."""
    lines = ["---"]
    lines.append(f"{HEADER}{comment(sources[0])}")
    lines += [f"# Address of the page on the source site: {comment(s)}" for s in sources[1:]]
    lines.append(f"{DIGEST}{art.digest}")
    if art.updated or art.reading_minutes:
        shown = [f"last updated {art.updated}" if art.updated else ""]
        shown.append(f"reading time {art.reading_minutes} min" if art.reading_minutes else "")
        lines.append("# The source page showed: " + "; ".join(s for s in shown if s))
    if art.reviewed_by:
        lines.append(
            f"# Unverified claim on the source page: “Reviewed by {comment(art.reviewed_by)}”. "
            "It is not a clinical sign-off."
        )
    lines.append(_yaml(_front(art)))
    lines[-1] = lines[-1].rstrip("\n")
    lines.append("---")
    body = [_blocks(art.intro)] if art.intro else []
    for section in art.sections:
        if section.kind == "faq":
            body.append(_faq(art))
        else:
            body.append(f"## {escape(section.title)}\n\n{_blocks(section.blocks)}".rstrip())
    return "\n".join(lines) + "\n\n" + "\n\n".join(b for b in body if b) + "\n"


def _yaml(data: dict[str, Any]) -> str:
    """Safe YAML through libyaml when present (several times faster than pure Python)."""
    dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
    text: str = yaml.dump(data, Dumper=dumper, sort_keys=False, allow_unicode=True, width=10_000)
    return text


def _front(art: Imported) -> dict[str, Any]:
    front: dict[str, Any] = {"title": art.title}
    if art.headline:
        front["headline"] = art.headline
    front["summary"] = art.summary
    front["category"] = art.category
    if art.aliases:
        front["aliases"] = art.aliases
    if art.related:
        front["related"] = art.related
    front["status"] = "draft"
    if art.published:
        front["published"] = art.published
    if art.references:
        front["references"] = art.references
    return front


def _blocks(blocks: list[Block]) -> str:
    parts: list[str] = []
    for block in blocks:
        if isinstance(block, Heading):
            parts.append(f"### {escape(block.text)}")
        elif isinstance(block, Para):
            lead = f"**{escape(block.label)}** " if block.label else ""
            parts.append(lead + escape(block.text))
        elif isinstance(block, ListBlock):
            parts.append(
                "\n".join(
                    _item(n, i.label, i.text, block.ordered) for n, i in enumerate(block.items, 1)
                )
            )
    return "\n\n".join(p for p in parts if p.strip())


def _item(n: int, label: str, text: str, ordered: bool) -> str:
    marker = f"{n}." if ordered else "-"
    if label:
        label = label if label.endswith(":") else f"{label}:"
        return f"{marker} **{escape(label)}** {escape(text)}".rstrip()
    return f"{marker} {escape(text)}"


def _faq(art: Imported) -> str:
    parts = ["## Frequently asked questions"]
    for question, answer in art.faq:
        parts.append(f"### {escape(question)}\n\n{escape(answer)}")
    return "\n\n".join(parts)


def header_sources(text: str) -> list[str]:
    """The sources an earlier import recorded in a file's front matter comments."""
    return [line[len(HEADER) :].strip() for line in _comments(text) if line.startswith(HEADER)]


def header_digest(text: str) -> str:
    """The source digest an earlier import recorded, or "" if none."""
    found = [line[len(DIGEST) :].strip() for line in _comments(text) if line.startswith(DIGEST)]
    return found[0] if found else ""


def _comments(text: str) -> list[str]:
    """The comment lines that open the front matter, where an import records provenance."""
    lines = text.splitlines()
    if not lines or lines[0].strip() != "---":
        return []
    found = []
    for line in lines[1:12]:
        if not line.startswith("#"):
            break
        found.append(line)
    return found
