"""Split one entry of a references list into CSL fields, keeping what cannot be split.

Entries come in many house styles; the common ones are recognised (APA, Vancouver, and
"Title (Journal) (source_type)" as glossary pages print them), and anything else keeps its
whole text as the title, so nothing the page said is lost."""

from __future__ import annotations

import re
from typing import Any

from mindlex.importer.blocks import Link
from mindlex.importer.patterns import EVIDENCE_TAG, evidence_of
from mindlex.model.reference import Evidence

DOI = re.compile(r"(?:doi:\s*|https?://(?:dx\.)?doi\.org/)?\b(10\.\d{4,9}/[^\s\"<>]+)", re.I)
PMID = re.compile(r"\bPMID:?\s*(\d{4,9})\b", re.I)
PMCID = re.compile(r"\b(PMC\d{4,9})\b")
ISBN = re.compile(r"\bISBN(?:-1[03])?:?\s*([\d-]{9,16}[\dXx])\b")
URL = re.compile(r"https?://[^\s<>\"')]+")
YEAR = re.compile(r"\b((?:19|20)\d{2})\b")
APA = re.compile(
    r"^(?P<authors>[^()]+?)\s*\((?P<year>(?:19|20)\d{2})[a-z]?(?:,[^)]*)?\)\.\s*"
    r"(?P<title>.+?[.?!])\s+(?P<rest>.+)$"
)
VANCOUVER = re.compile(
    r"^(?P<authors>(?:[A-Z][A-Za-z'’-]+ [A-Z]{1,3}(?:, |\.\s|,? et al\.?\s?))+)\s*"
    r"(?P<title>[^.?]+[.?])\s+(?P<container>[^.;]+?)\.?\s+(?P<year>(?:19|20)\d{2})\b"
)
ABBREVIATION = re.compile(r"^[A-Z0-9][A-Z0-9-]{1,14}$")
STOP = {"a", "an", "the", "on", "of", "in", "and", "for", "to"}
TYPES = {
    Evidence.PEER_REVIEWED_REVIEW: "article-journal",
    Evidence.PEER_REVIEWED_ARTICLE: "article-journal",
    Evidence.PREPRINT: "article",
    Evidence.CLINICAL_REFERENCE: "book",
    Evidence.TEXTBOOK: "book",
    Evidence.CLINICAL_GUIDELINE: "report",
    Evidence.GOVERNMENT_SOURCE: "report",
    Evidence.PRIMARY_CLINICAL: "report",
}


def parse_reference(text: str, links: tuple[Link, ...] = ()) -> dict[str, Any]:
    """CSL fields (without `id`) from one entry's text and the links inside it."""
    text = " ".join(text.split())
    csl: dict[str, Any] = {}
    tag = EVIDENCE_TAG.search(text)
    evidence = evidence_of(tag.group("tag")) if tag else None
    if tag and evidence is not None:
        csl["evidence"] = evidence.value
        text = text[: tag.start()]
    text = _identifiers(text, links, csl)
    if not _styled(text, csl):
        _glossary_style(text, evidence, csl)
    csl["type"] = TYPES.get(evidence, "article-journal") if evidence else "document"
    csl["title"] = csl.get("title") or text.strip(" .") or "Untitled source"
    return {key: csl[key] for key in sorted(csl, key=_rank)}


ORDER = [
    "type",
    "evidence",
    "title",
    "title-short",
    "author",
    "container-title",
    "collection-title",
    "publisher",
    "issued",
    "DOI",
    "PMID",
    "PMCID",
    "ISBN",
    "URL",
]


def _rank(key: str) -> int:
    return ORDER.index(key) if key in ORDER else len(ORDER)


def _identifiers(text: str, links: tuple[Link, ...], csl: dict[str, Any]) -> str:
    """Take DOI, PMID, PMCID, ISBN and URL out of the text into fields."""
    hrefs = " ".join(link.href for link in links)
    for pattern, key in ((DOI, "DOI"), (PMID, "PMID"), (PMCID, "PMCID"), (ISBN, "ISBN")):
        match = pattern.search(text) or pattern.search(hrefs)
        if match:
            csl[key] = match.group(1).rstrip(".,;)")
            text = pattern.sub("", text)
    other = [u for u in URL.findall(hrefs + " " + text) if "doi.org" not in u]
    if other:
        csl["URL"] = other[0].rstrip(".,;")
    text = URL.sub("", text)
    text = re.sub(
        r"\((?:\s|,|;)*\)|\b(?:doi|available at|retrieved from)\s*:?\s*$", "", text, flags=re.I
    )
    return " ".join(text.split()).strip(" .,;")


def _styled(text: str, csl: dict[str, Any]) -> bool:
    """APA or Vancouver: authors, title, container and year in their usual places."""
    apa = APA.match(text)
    if apa:
        authors = re.split(r"(?<=\.),\s*(?:&\s*)?|\s+&\s+", apa.group("authors").strip(" ,"))
        csl["author"] = [{"literal": a.strip(" ,&")} for a in authors if a.strip(" ,&")]
        csl["issued"] = int(apa.group("year"))
        csl["title"] = apa.group("title").strip(" .")
        csl["container-title"] = apa.group("rest").split(",")[0].strip(" .")
        return True
    van = VANCOUVER.match(text)
    if van:
        names = [n.strip(" .") for n in van.group("authors").split(",")]
        csl["author"] = [{"literal": n} for n in names if n and n != "et al"]
        csl["title"] = van.group("title").strip(" .")
        csl["container-title"] = van.group("container").strip(" .")
        csl["issued"] = int(van.group("year"))
        return True
    return False


def _glossary_style(text: str, evidence: Evidence | None, csl: dict[str, Any]) -> None:
    """`Title (Journal)`, `Title (Journal, 2008)`, `Book (ABBR)`, `Title (Series, Publisher)`."""
    groups = re.findall(r"\(([^()]+)\)", text)
    title = re.sub(r"\s*\([^()]+\)", "", text).strip(" .")
    csl["title"] = title or text
    for group in groups:
        parts = [p.strip() for p in group.split(",") if p.strip()]
        if parts and YEAR.fullmatch(parts[-1]):
            csl["issued"] = int(parts.pop())
        if not parts:
            continue
        if len(parts) == 1 and ABBREVIATION.match(parts[0]):
            csl["title-short"] = parts[0]
        elif len(parts) > 1 and evidence not in (
            Evidence.PEER_REVIEWED_REVIEW,
            Evidence.PEER_REVIEWED_ARTICLE,
        ):
            csl["collection-title"] = ", ".join(parts[:-1])
            csl["publisher"] = parts[-1]
        else:
            csl["container-title"] = ", ".join(parts)


def reference_id(csl: dict[str, Any], taken: set[str]) -> str:
    """A readable id (`rethinking2008`), unique within the article."""
    words = re.findall(r"[A-Za-z]+", str(csl.get("title", "")))
    first = next((w.lower() for w in words if w.lower() not in STOP), "source")
    base = f"{first}{csl.get('issued', '')}"
    candidate, n = base, 1
    while candidate in taken:
        n += 1
        candidate = f"{base}-{n}"
    taken.add(candidate)
    return candidate


def has_identifier(csl: dict[str, Any]) -> bool:
    return any(csl.get(key) for key in ("DOI", "PMID", "PMCID", "ISBN", "URL"))
