"""Facts a page states in machine-readable form: meta tags and schema.org JSON-LD.

These are what the publisher meant, so they win over guesses from the visible text; each
is kept under a fixed key of `RawPage.data`."""

from __future__ import annotations

import json
from typing import Any

from mindlex.importer.htmltree import squash

PAGE_TYPES = {
    "MedicalWebPage",
    "WebPage",
    "Article",
    "MedicalScholarlyArticle",
    "BlogPosting",
    "NewsArticle",
    "DefinedTerm",
    "MedicalCondition",
}


def read_structured(doc: Any) -> tuple[dict[str, Any], list[str]]:
    """Meta description, canonical URL and JSON-LD facts of a parsed HTML document."""
    data: dict[str, Any] = {}
    notes: list[str] = []
    for meta in doc.iter("meta"):
        name = (meta.get("name") or meta.get("property") or "").lower()
        content = squash(meta.get("content") or "")
        if content and name in ("description", "og:description"):
            data.setdefault("description", content)
        elif content and name == "og:title":
            data.setdefault("og_title", content)
    for link in doc.iter("link"):
        if (link.get("rel") or "").lower() == "canonical" and link.get("href"):
            data["canonical"] = link.get("href").strip()
    for title in doc.iter("title"):
        data.setdefault("html_title", squash(title.text_content()))
    for script in doc.iter("script"):
        if (script.get("type") or "").lower() != "application/ld+json":
            continue
        try:
            parsed = json.loads(script.text or "")
        except ValueError:
            notes.append("a JSON-LD block is not valid JSON and was ignored")
            continue
        for node in _nodes(parsed):
            _absorb(node, data)
    return data, notes


def _nodes(value: Any) -> list[dict[str, Any]]:
    """Every object of a JSON-LD value, `@graph` members included."""
    if isinstance(value, list):
        return [n for v in value for n in _nodes(v)]
    if not isinstance(value, dict):
        return []
    return [value, *_nodes(value.get("@graph", []))]


def _types(node: dict[str, Any]) -> set[str]:
    kind = node.get("@type", [])
    return {kind} if isinstance(kind, str) else {k for k in kind if isinstance(k, str)}


def _text(value: Any) -> str:
    if isinstance(value, dict):
        value = value.get("name") or value.get("text") or ""
    if isinstance(value, list):
        return ", ".join(t for t in (_text(v) for v in value) if t)
    return squash(_strip_tags(value)) if isinstance(value, str) else ""


def _strip_tags(text: str) -> str:
    if "<" not in text:
        return text
    import lxml.html

    try:
        return str(lxml.html.fragment_fromstring(text, create_parent="div").text_content())
    except Exception:  # lxml raises several types on odd fragments; keep the raw text
        return text


def _absorb(node: dict[str, Any], data: dict[str, Any]) -> None:
    types = _types(node)
    if "FAQPage" in types:
        pairs = []
        for q in node.get("mainEntity") or []:
            if isinstance(q, dict):
                answer = _text(q.get("acceptedAnswer"))
                if _text(q.get("name")) and answer:
                    pairs.append((_text(q.get("name")), answer))
        if pairs:
            data["faq"] = pairs
    if not types & PAGE_TYPES:
        return
    for key, field in (
        ("headline", "headline"),
        ("name", "name"),
        ("description", "ld_description"),
        ("dateModified", "date_modified"),
        ("datePublished", "date_published"),
        ("lastReviewed", "last_reviewed"),
    ):
        value = _text(node.get(key))
        if value:
            data.setdefault(field, value)
    reviewer = _text(node.get("reviewedBy"))
    if reviewer:
        data.setdefault("reviewed_by", reviewer)
    about = node.get("about")
    if isinstance(about, dict):
        if _text(about.get("name")):
            data.setdefault("about", _text(about.get("name")))
        _alternates(about, data)
    _alternates(node, data)


def _alternates(node: dict[str, Any], data: dict[str, Any]) -> None:
    alt = node.get("alternateName")
    names = [alt] if isinstance(alt, str) else [a for a in alt or [] if isinstance(a, str)]
    if names:
        data.setdefault("alternate_names", [squash(n) for n in names if squash(n)])
