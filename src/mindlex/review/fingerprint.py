"""The clinically meaningful content of an article, and the hash a sign-off is bound to.

A reviewer vouches for words, not bytes: the content below is normalised so that edits which
cannot change what a reader reads (YAML key order, quoting style, trailing spaces, line
endings, extra blank lines) leave the fingerprint alone, while any change of wording moves it.
"""

from __future__ import annotations

import hashlib
import json
import unicodedata
from typing import Any

from mindlex.glossary import Glossary
from mindlex.model import Article
from mindlex.review.crisis import crisis_content

SCHEME = "mindlex-fingerprint/2"
"""Names the normalisation rules; a change to them must change this name."""

Content = dict[str, Any]
"""The reviewed content: what is hashed, and what a sign-off keeps as its snapshot."""

FIELDS = ("title", "headline", "summary", "aliases", "body", "references", "crisis")
"""The content fields, in the order diffs show them."""


def content_of(glossary: Glossary, article: Article) -> Content:
    """The reader-visible, clinically meaningful content of one article."""
    return {
        "scheme": SCHEME,
        "title": _text(article.title),
        "headline": _text(article.display_headline),
        "summary": _text(article.summary),
        "aliases": [_text(alias) for alias in article.aliases],
        "body": body_lines(article.body),
        "references": [_canonical(ref.canonical()) for ref in glossary.references_of(article)],
        "crisis": _canonical(crisis_content(glossary.config)),
    }


def fingerprint(content: Content) -> str:
    """`sha256:<hex>` of the canonical JSON form of `content`."""
    digest = hashlib.sha256(canonical_bytes(content)).hexdigest()
    return f"sha256:{digest}"


def fingerprint_of(glossary: Glossary, article: Article) -> str:
    return fingerprint(content_of(glossary, article))


def canonical_bytes(value: Any) -> bytes:
    """One byte string per value: sorted keys, no spaces, UTF-8, so key order never matters."""
    text = json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return text.encode("utf-8")


def body_lines(body: str) -> list[str]:
    """The body as lines, with layout-only differences removed.

    Line endings become LF, trailing whitespace goes, runs of blank lines shrink to one and
    blank lines at either end are dropped; text is NFC-normalised so that two encodings of
    the same character compare equal.
    """
    text = unicodedata.normalize("NFC", body.replace("\r\n", "\n").replace("\r", "\n"))
    lines: list[str] = []
    for raw in text.split("\n"):
        line = raw.rstrip()
        if not line and (not lines or not lines[-1]):
            continue
        lines.append(line)
    while lines and not lines[-1]:
        lines.pop()
    return lines


def _text(value: str) -> str:
    """A one-line field: NFC, with runs of whitespace folded as HTML would show them."""
    return " ".join(unicodedata.normalize("NFC", value).split())


def _canonical(value: Any) -> Any:
    """Strings inside a reference, NFC-normalised and with layout whitespace folded."""
    if isinstance(value, str):
        return _text(value)
    if isinstance(value, dict):
        return {str(key): _canonical(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_canonical(item) for item in value]
    return value
