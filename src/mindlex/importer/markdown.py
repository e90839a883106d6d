"""Markdown from static-site generators: Hugo, Jekyll, MkDocs and Docusaurus.

Their front matter (YAML between `---`, or TOML between `+++` for Hugo) is mapped to the
fields mindlex knows; the body is rendered to HTML and read like any other fragment, after
template tags that only the original generator understands are removed and reported."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import tomllib
from typing import Any

import yaml
from markdown_it import MarkdownIt

from mindlex.importer.blocks import RawPage, Unreadable
from mindlex.importer.decode import decode
from mindlex.importer.html import fragment_blocks

FENCES = {"---": "yaml", "+++": "toml"}
TEMPLATE_TAGS = re.compile(r"\{%-?.*?-?%\}|\{\{[<%].*?[%>]\}\}", re.DOTALL)
MDX_LINES = re.compile(r"^(?:import|export)\s.*$|^:::\s*\w*.*$", re.MULTILINE)
_md = MarkdownIt("commonmark")


def read_markdown(source: str, data: bytes) -> RawPage:
    text = decode(data).replace("\r\n", "\n")
    if not text.strip():
        raise Unreadable("the file is empty")
    meta, body, generator = split_front_matter(text)
    notes: list[str] = []
    if TEMPLATE_TAGS.search(body):
        notes.append(f"{generator} template tags (shortcodes, includes) were removed")
        body = TEMPLATE_TAGS.sub("", body)
    if generator == "Docusaurus" and MDX_LINES.search(body):
        notes.append("MDX import lines and admonition fences were removed")
        body = MDX_LINES.sub("", body)
    blocks, dropped = fragment_blocks(_md.render(body))
    page = RawPage(source, "markdown", blocks, _facts(meta, notes), notes + dropped)
    page.digest = hashlib.sha256(data).hexdigest()
    return page


def split_front_matter(text: str) -> tuple[dict[str, Any], str, str]:
    """(front matter, body, generator guess); a broken block is one clear message."""
    fence = text.split("\n", 1)[0].strip()
    if fence not in FENCES:
        return {}, text, "Markdown"
    end = text.find(f"\n{fence}", len(fence))
    if end < 0:
        raise Unreadable(f"front matter opened with {fence} on line 1 is never closed")
    raw, body = text[len(fence) : end], text[end + len(fence) + 1 :]
    try:
        meta = tomllib.loads(raw) if fence == "+++" else yaml.safe_load(raw)
    except (yaml.YAMLError, tomllib.TOMLDecodeError) as exc:
        raise Unreadable(
            f"front matter is not valid {FENCES[fence].upper()}: {_problem(exc)}; fix it or "
            "remove the front matter"
        ) from None
    if not isinstance(meta, dict):
        meta = {}
    return meta, body, _generator(fence, meta)


def _problem(exc: Exception) -> str:
    """One line: where and what, without the source excerpt PyYAML appends."""
    mark = getattr(exc, "problem_mark", None)
    problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
    return f"line {mark.line + 2}: {problem}" if mark is not None else str(problem)


def _generator(fence: str, meta: dict[str, Any]) -> str:
    if fence == "+++" or {"lastmod", "draft", "weight"} & meta.keys():
        return "Hugo"
    if {"sidebar_position", "sidebar_label", "last_update", "hide_title"} & meta.keys():
        return "Docusaurus"
    if {"layout", "permalink", "last_modified_at", "excerpt"} & meta.keys():
        return "Jekyll"
    return "MkDocs"


def _first(value: Any) -> str:
    if isinstance(value, list):
        value = value[0] if value else ""
    return str(value).strip() if isinstance(value, str | int | float) else ""


def _date(value: Any) -> str:
    """A front matter date as text; the recogniser decides whether it is a usable date."""
    if isinstance(value, dict):
        value = value.get("date")
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return " ".join(str(value).split()) if isinstance(value, str | int) else ""


def _facts(meta: dict[str, Any], notes: list[str]) -> dict[str, Any]:
    facts: dict[str, Any] = {}
    for key in ("title", "slug", "headline"):
        if _first(meta.get(key)):
            facts[key] = _first(meta[key])
    for key in ("description", "summary", "excerpt"):
        if _first(meta.get(key)):
            facts.setdefault("description", " ".join(_first(meta[key]).split()))
    for key in ("categories", "category", "tags"):
        if _first(meta.get(key)):
            facts.setdefault("category", _first(meta[key]))
    if _date(meta.get("date")):
        facts["date_published"] = _date(meta["date"])
    for key in ("lastmod", "last_modified_at", "last_update", "updated"):
        if _date(meta.get(key)):
            facts.setdefault("date_modified", _date(meta[key]))
    if isinstance(meta.get("aliases"), list) and meta["aliases"]:
        notes.append("front matter `aliases` are old URLs, not other names: add redirects")
    if meta.get("draft") is True:
        notes.append("the source marked this page as a draft")
    return facts
