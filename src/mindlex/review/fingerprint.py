"""The clinically meaningful content of an article, and the hash a sign-off is bound to.

A reviewer vouches for words, not bytes: the content below is normalised so that edits which
cannot change what a reader reads (YAML key order, quoting style, trailing spaces, line
endings, extra blank lines) leave the fingerprint alone, while any change of wording moves it.
"""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from typing import Any, Protocol

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


class Memo(Protocol):
    """Fingerprints kept between runs, by article file and the digest of their inputs
    (`mindlex.parsecache.Derived`)."""

    def get(self, ident: str, key: str) -> str | None: ...

    def put(self, ident: str, key: str, value: str) -> None: ...


_FINGERPRINT = re.compile(r"sha256:[0-9a-f]{64}")


class Fingerprints:
    """Each article's fingerprint, from a memo when its inputs have not moved.

    A fingerprint is made from the article's file (its bytes, read from its path), the
    bibliography entries it cites and the site's crisis help; the memo's key is a digest of
    exactly those, plus the normalisation scheme, so a changed input always recomputes it.
    A stored value that is not a well-formed fingerprint is recomputed, never trusted.
    """

    def __init__(self, glossary: Glossary, memo: Memo | None) -> None:
        self.glossary = glossary
        self.memo = memo
        self._crisis = canonical_bytes(_canonical(crisis_content(glossary.config)))
        self._cited: dict[str, bytes] = {}

    def of(self, article: Article) -> str:
        if self.memo is None:
            return fingerprint_of(self.glossary, article)
        ident, key = str(article.path), self.key(article)
        found = self.memo.get(ident, key)
        if found is not None and _FINGERPRINT.fullmatch(found):
            return found
        value = fingerprint_of(self.glossary, article)
        self.memo.put(ident, key, value)
        return value

    def key(self, article: Article) -> str:
        """Digest of everything `content_of` reads: the file, the site bibliography's
        entries among the ids it cites (an own reference of the same id shadows one, which
        only makes the key move more often than needed) and the crisis help."""
        from mindlex.parsecache import cited_ids

        bibliography = self.glossary.bibliography
        h = hashlib.sha256(f"{SCHEME}\0{article.path}\0{article.sha256}\0".encode())
        h.update(self._crisis)
        for ref_id in cited_ids(article):
            if ref_id in bibliography:
                h.update(b"\0" + self._entry(ref_id))
        return h.hexdigest()

    def _entry(self, ref_id: str) -> bytes:
        found = self._cited.get(ref_id)
        if found is None:
            entry = self.glossary.bibliography[ref_id]
            found = ref_id.encode() + b"\0" + canonical_bytes(_canonical(entry.canonical()))
            self._cited[ref_id] = found
        return found


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
