"""The allow-list every rendered fragment passes through: nothing a writer types runs as script.

Beyond the allow-list, article bodies load nothing from other hosts (a remote image tells a
third party who reads about which condition) and publish no image without alt text. `removals`
says in words what `clean` takes out, so the linter can report it where it was written.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from html.parser import HTMLParser
from typing import Any
from urllib.parse import urlsplit

import nh3

TAGS = {
    "a",
    "abbr",
    "b",
    "blockquote",
    "br",
    "caption",
    "cite",
    "code",
    "dd",
    "del",
    "details",
    "dfn",
    "div",
    "dl",
    "dt",
    "em",
    "figcaption",
    "figure",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
    "i",
    "img",
    "kbd",
    "li",
    "mark",
    "ol",
    "p",
    "pre",
    "q",
    "s",
    "small",
    "span",
    "strong",
    "sub",
    "summary",
    "sup",
    "table",
    "tbody",
    "td",
    "tfoot",
    "th",
    "thead",
    "tr",
    "u",
    "ul",
}
ATTRIBUTES = {
    "a": {"href", "title", "class", "id", "aria-describedby", "hreflang"},
    "abbr": {"title"},
    "img": {"src", "alt", "title", "width", "height"},
    "span": {"class", "id", "role"},
    "sup": {"class", "id"},
    "h3": {"id"},
    "h4": {"id"},
    "ol": {"start"},
    "td": {"colspan", "rowspan"},
    "th": {"colspan", "rowspan", "scope"},
    "div": {"class"},
    "code": {"class"},
}


URL_SCHEMES = {"http", "https", "mailto", "tel"}
GENERIC = {"lang", "title"}
"""Attributes nh3 keeps on every allowed element."""
DROPPED_WITH_CONTENT = {"script", "style"}
"""Elements nh3 removes together with everything inside them."""
URL_ATTRIBUTES = {"href", "src", "cite"}

SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*")
IMG = re.compile(r"<img\b[^>]*>")
NON_EMPTY = {name: re.compile(rf'\s{name}="[^"]*\S[^"]*"') for name in ("src", "alt")}


def clean(html: str) -> str:
    """Remove every element, attribute and URL scheme not on the allow-list, remote images,
    and images without alt text."""
    safe = _clean(html)
    return IMG.sub(_keep_image, safe) if "<img" in safe else safe


def _attribute_filter(element: str, attribute: str, value: str) -> str | None:
    if element == "img" and attribute == "src" and is_remote(value):
        return None
    return value


_RULES: dict[str, Any] = {
    "tags": TAGS,
    "attributes": ATTRIBUTES,
    "attribute_filter": _attribute_filter,
    "url_schemes": URL_SCHEMES,
    "link_rel": "noopener noreferrer",
    "strip_comments": True,
}


def _cleaner() -> Callable[[str], str]:
    """nh3's sanitiser with the allow-list built once (`nh3.Cleaner`, nh3 0.2.19 and
    later): `nh3.clean` converts the lists on every call, which cost four times the
    cleaning of a typical fragment. Older nh3 gets the same rules call by call."""
    made = getattr(nh3, "Cleaner", None)
    if made is None:
        return lambda html: str(nh3.clean(html, **_RULES))
    cleaner = made(**_RULES)
    return lambda html: str(cleaner.clean(html))


_clean = _cleaner()


def is_remote(address: str) -> bool:
    """True for an address on another host (`http://...`, `//host/...`, any scheme)."""
    parts = urlsplit(address.strip())
    return bool(parts.scheme or parts.netloc)


def _keep_image(match: re.Match[str]) -> str:
    tag = match.group(0)
    return tag if NON_EMPTY["src"].search(tag) and NON_EMPTY["alt"].search(tag) else ""


def removals(html: str) -> list[str]:
    """What `clean` removes from `html`, in words (comments are not counted: they are meant
    to be invisible, and hold mindlex's own suppressions)."""
    finder = _Removals()
    finder.feed(html)
    finder.close()
    return finder.found


class _Removals(HTMLParser):
    """Walks a fragment the way the allow-list judges it and notes each thing it would drop."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in TAGS:
            what = " and its content" if tag in DROPPED_WITH_CONTENT else ""
            self._note(f"element <{tag}>{what}")
            return
        allowed = ATTRIBUTES.get(tag, set()) | GENERIC
        values = {name: value or "" for name, value in attrs}
        for name, value in attrs:
            if name not in allowed:
                self._note(f"attribute `{name}` of <{tag}>")
            elif name in URL_ATTRIBUTES and value:
                scheme = _scheme(value)
                if scheme and scheme not in URL_SCHEMES:
                    self._note(f"the `{scheme}:` address in {name} of <{tag}>")
        if tag == "img":
            src = values.get("src", "").strip()
            if src and is_remote(src):
                self._note(f"remote image {src[:80]}")
            if not values.get("alt", "").strip():
                self._note("image without alt text")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)

    def _note(self, what: str) -> None:
        if what not in self.found:
            self.found.append(what)


def _scheme(address: str) -> str:
    """The scheme as a browser reads it: case-folded, ignoring spaces and control characters."""
    squeezed = "".join(ch for ch in address if ch > " " and ch != "\x7f")
    head, colon, _ = squeezed.partition(":")
    if not colon or not SCHEME.fullmatch(head):
        return ""
    return head.lower()
