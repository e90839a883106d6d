"""Reference entries formatted by citeproc-py with a CSL style (APA 7, Vancouver or AMA).

citeproc-py is the maintained Python CSL processor; the styles are vendored in mindlex/csl
(CC BY-SA 3.0, see LICENSE.md there), so nothing is fetched at build time. DOI, PMID, ISBN and
URL are left out of the entry because the page shows them as links beside it, and the entry
is numbered by the page's list, so numeric styles lose their own number.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import threading
import warnings
from functools import lru_cache
from html import escape
from pathlib import Path
from typing import Any

from citeproc import (
    Citation,
    CitationItem,
    CitationStylesBibliography,
    CitationStylesStyle,
    formatter,
)
from citeproc.source.json import CiteProcJSON

from mindlex.model import Reference
from mindlex.render import cslfast
from mindlex.render.sanitize import clean

CSL = Path(__file__).resolve().parent.parent / "csl"
STYLES = {
    "apa": CSL / "apa.csl",
    "vancouver": CSL / "nlm-citation-sequence.csl",
    "ama": CSL / "american-medical-association.csl",
}
NUMERIC = frozenset({"vancouver", "ama"})
"""Styles whose entries start with their number, which the page's numbered list gives."""

LINKED = ("DOI", "PMID", "PMCID", "ISBN", "URL")
NOT_CSL = ("evidence", "study_design")
NAME_FIELDS = ("author", "editor", "translator", "container-author", "collection-editor")
DATE_FIELDS = ("issued", "accessed", "original-date", "event-date", "submitted")
LEADING_NUMBER = re.compile(r"^\s*\[?1\]?\.?\s*")


def format_reference(ref: Reference, style: str, locale: str) -> str:
    """One bibliography entry as sanitised HTML; odd data falls back to the title, never fails."""
    item = csl_item(ref)
    return _formatted(json.dumps(item, sort_keys=True, default=str), style, locale) or _plain(ref)


def csl_item(ref: Reference) -> dict[str, Any]:
    """The reference as CSL JSON that citeproc-py accepts: scalars, names and date-parts only,
    with text already HTML-escaped, since citeproc-py's HTML formatter writes values as given."""
    item: dict[str, Any] = {"id": "item", "type": ref.type or "article"}
    for key, value in ref.canonical().items():
        if key in ("id", "type", *LINKED, *NOT_CSL):
            continue
        if key in NAME_FIELDS:
            names = _names(value)
            if names:
                item[key] = names
        elif key in DATE_FIELDS:
            parts = _date_parts(value)
            if parts:
                item[key] = {"date-parts": [parts]}
        elif isinstance(value, str | int | float) and not isinstance(value, bool):
            text = escape(str(value).strip(), quote=False)
            if text:
                item[key] = text
    return item


def _names(value: Any) -> list[dict[str, str]]:
    names = []
    for name in value if isinstance(value, list) else []:
        if not isinstance(name, dict):
            continue
        kept = {
            k: v.strip()
            for k, v in name.items()
            if k in ("family", "given", "literal") and isinstance(v, str) and v.strip()
        }
        if kept:
            names.append(kept)
    return names


def _date_parts(value: Any) -> list[int]:
    """[year, month, day] as far as they are valid; an empty list when there is no year."""
    if isinstance(value, int) and not isinstance(value, bool):
        parts = [value]
    elif isinstance(value, str):
        parts = [int(p) for p in re.findall(r"\d+", value)[:3]]
    elif isinstance(value, dict):
        raw = value.get("date-parts")
        first = raw[0] if isinstance(raw, list) and raw and isinstance(raw[0], list) else []
        parts = [int(p) for p in first[:3] if str(p).isdigit()]
        if not parts and isinstance(value.get("raw") or value.get("literal"), str):
            return _date_parts(value.get("raw") or value.get("literal"))
    else:
        return []
    if not parts or not 1 <= parts[0] <= 9999:
        return []
    if len(parts) > 1 and not 1 <= parts[1] <= 12:
        return parts[:1]
    if len(parts) > 2:
        try:
            dt.date(*parts)
        except ValueError:
            return parts[:2]
    return parts


cslfast.install()
_FORMATTING = threading.Lock()


def _unlock_in_child() -> None:
    """A worker forked while another thread was formatting starts with the lock free."""
    global _FORMATTING
    _FORMATTING = threading.Lock()


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_unlock_in_child)


@lru_cache(maxsize=8)
def _style(style: str, locale: str) -> CitationStylesStyle:
    path = str(STYLES[style])
    try:
        return CitationStylesStyle(path, locale=locale, validate=False)
    except Exception:  # a locale citeproc-py does not ship: use its default
        return CitationStylesStyle(path, validate=False)


@lru_cache(maxsize=8192)
def _formatted(item_json: str, style: str, locale: str) -> str:
    """The entry for one CSL item, or "" if citeproc-py cannot format it.

    One entry at a time per process: citeproc-py keeps per-entry state on the shared style
    (and the preview renders pages in threads)."""
    with _FORMATTING:
        try:
            entries = _bibliography(item_json, style, locale)
        except Exception:  # again with citeproc-py as released: a memo never costs an entry
            try:
                with cslfast.plain():
                    entries = _bibliography(item_json, style, locale)
            except Exception:  # data citeproc-py does not expect: fall back, never crash
                return ""
    if len(entries) != 1:
        return ""
    text = LEADING_NUMBER.sub("", entries[0]) if style in NUMERIC else entries[0]
    return clean(text.strip())


def _bibliography(item_json: str, style: str, locale: str) -> list[str]:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        bibliography = CitationStylesBibliography(
            _style(style, locale), CiteProcJSON([json.loads(item_json)]), formatter.html
        )
        bibliography.register(Citation([CitationItem("item")]))
        return [str(entry) for entry in bibliography.bibliography()]


def _plain(ref: Reference) -> str:
    year = f" ({ref.year})" if ref.year else ""
    return f"{escape(ref.title)}{year}."
