"""Well-formedness of reference identifiers: DOI, PMID, PMCID, ISBN (checksum) and URL."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

DOI = re.compile(r"^10\.\d{4,9}/[-._;()/:A-Za-z0-9<>\[\]]+$")
DOI_WILEY = re.compile(r"^10\.1002/\S+$")
DOI_PREFIX = re.compile(r"^(?:https?://(?:dx\.)?doi\.org/|doi:\s*)", re.IGNORECASE)
PMID = re.compile(r"^[1-9]\d{0,7}$")
PMCID = re.compile(r"^PMC\d{1,9}$")


def doi_ok(value: str) -> bool:
    return bool(DOI.match(value) or DOI_WILEY.match(value))


def pmid_ok(value: str) -> bool:
    return bool(PMID.match(value))


def pmcid_ok(value: str) -> bool:
    return bool(PMCID.match(value))


def url_ok(value: str) -> bool:
    parts = urlsplit(value)
    return parts.scheme in ("http", "https") and "." in parts.netloc and " " not in value


def isbn_ok(value: str) -> bool:
    """ISBN-10 (mod 11, X allowed last) or ISBN-13 (978/979, weights 1 and 3, mod 10)."""
    digits = re.sub(r"[\s-]", "", value).upper()
    if re.fullmatch(r"\d{9}[\dX]", digits):
        total = sum((10 - i) * (10 if ch == "X" else int(ch)) for i, ch in enumerate(digits))
        return total % 11 == 0
    if re.fullmatch(r"97[89]\d{10}", digits):
        total = sum((3 if i % 2 else 1) * int(ch) for i, ch in enumerate(digits))
        return total % 10 == 0
    return False
