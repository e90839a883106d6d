"""CSL references with the evidence type every clinical source must declare."""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Any
from urllib.parse import quote, urlsplit

from pydantic import BaseModel, ConfigDict, Field, field_validator

from mindlex.span import Span


class Evidence(StrEnum):
    """Source types; the label is what readers see next to each reference."""

    PEER_REVIEWED_REVIEW = "peer_reviewed_review"
    PEER_REVIEWED_ARTICLE = "peer_reviewed_article"
    CLINICAL_REFERENCE = "clinical_reference"
    CLINICAL_GUIDELINE = "clinical_guideline"
    PRIMARY_CLINICAL = "primary_clinical"
    GOVERNMENT_SOURCE = "government_source"
    TEXTBOOK = "textbook"
    PREPRINT = "preprint"
    OTHER = "other"

    @property
    def label(self) -> str:
        return EVIDENCE_LABELS[self]

    @property
    def peer_reviewed_or_clinical(self) -> bool:
        return self not in (Evidence.PREPRINT, Evidence.OTHER)


EVIDENCE_LABELS = {
    Evidence.PEER_REVIEWED_REVIEW: "Peer-reviewed review",
    Evidence.PEER_REVIEWED_ARTICLE: "Peer-reviewed article",
    Evidence.CLINICAL_REFERENCE: "Clinical reference",
    Evidence.CLINICAL_GUIDELINE: "Clinical guideline",
    Evidence.PRIMARY_CLINICAL: "Primary clinical source",
    Evidence.GOVERNMENT_SOURCE: "Government source",
    Evidence.TEXTBOOK: "Textbook",
    Evidence.PREPRINT: "Preprint (not peer reviewed)",
    Evidence.OTHER: "Other source",
}

STUDY_DESIGNS = {
    "systematic_review": ("systematic review", "systematic reviews"),
    "meta_analysis": ("meta-analysis", "meta-analyses"),
    "umbrella_review": ("umbrella review", "umbrella reviews"),
    "narrative_review": ("narrative review", "narrative reviews"),
    "rct": ("randomised trial", "randomised trials"),
    "cohort": ("cohort study", "cohort studies"),
    "case_control": ("case-control study", "case-control studies"),
    "cross_sectional": ("cross-sectional study", "cross-sectional studies"),
    "experimental": ("experimental study", "experimental studies"),
    "guideline": ("clinical guideline", "clinical guidelines"),
    "diagnostic_manual": ("diagnostic manual", "diagnostic manuals"),
    "textbook": ("textbook", "textbooks"),
}

CSL_FIELDS = {
    "id",
    "type",
    "evidence",
    "study_design",
    "title",
    "author",
    "editor",
    "issued",
    "accessed",
    "container-title",
    "container-title-short",
    "collection-title",
    "volume",
    "issue",
    "page",
    "edition",
    "publisher",
    "publisher-place",
    "DOI",
    "PMID",
    "PMCID",
    "ISBN",
    "ISSN",
    "URL",
    "language",
    "abstract",
    "note",
    "number",
    "genre",
    "medium",
    "source",
    "citation-key",
    "original-date",
    "event",
    "event-place",
    "authority",
    "status",
    "version",
    "journalAbbreviation",
    "title-short",
    "number-of-pages",
    "dimensions",
    "archive",
    "keyword",
    "annote",
    "license",
}


class Name(BaseModel):
    model_config = ConfigDict(extra="allow", frozen=True)
    family: str = ""
    given: str = ""
    literal: str = ""

    def short(self) -> str:
        if self.literal:
            return self.literal
        initials = "".join(part[0] for part in self.given.replace("-", " ").split() if part)
        return f"{self.family} {initials}".strip()


class Reference(BaseModel):
    """One CSL item; field names follow CSL JSON so Zotero exports load unchanged."""

    model_config = ConfigDict(extra="allow", populate_by_name=True, frozen=True)

    id: str
    type: str = "article-journal"
    evidence: Evidence | None = None
    study_design: str | None = None
    title: str
    author: list[Name] = Field(default_factory=list)
    issued: int | str | dict[str, Any] | dt.date | None = None
    container_title: str | None = Field(default=None, alias="container-title")
    volume: str | int | None = None
    issue: str | int | None = None
    page: str | None = None
    edition: str | int | None = None
    publisher: str | None = None
    DOI: str | None = None
    PMID: str | int | None = None
    PMCID: str | None = None
    ISBN: str | None = None
    URL: str | None = None
    span: Span | None = Field(default=None, exclude=True)
    field_spans: dict[str, Span] = Field(default_factory=dict, exclude=True)

    @field_validator("id")
    @classmethod
    def _id_shape(cls, value: str) -> str:
        if not value or any(ch.isspace() for ch in value):
            raise ValueError("an id is one word with no spaces, e.g. `kandel2013`")
        return value

    @property
    def year(self) -> int | None:
        """The year of issue, from any of the forms CSL allows."""
        issued = self.issued
        if isinstance(issued, dt.date):
            return issued.year
        if isinstance(issued, int):
            return issued
        if isinstance(issued, str) and issued[:4].isdigit():
            return int(issued[:4])
        if isinstance(issued, dict):
            parts = issued.get("date-parts") or [[None]]
            first = parts[0][0] if parts and parts[0] else None
            if first is not None and str(first).isdigit():
                return int(first)
            raw = issued.get("raw") or issued.get("literal")
            if isinstance(raw, str) and raw[:4].isdigit():
                return int(raw[:4])
        return None

    def doi_url(self) -> str | None:
        if not self.DOI:
            return None
        return "https://doi.org/" + quote(self.DOI.strip(), safe="/:;()<>[]._-")

    def pubmed_url(self) -> str | None:
        pmid = str(self.PMID or "").strip()
        return f"https://pubmed.ncbi.nlm.nih.gov/{pmid}/" if pmid.isdigit() else None

    def link_url(self) -> str | None:
        """`URL` when it is a web address; drafts and previews show unchecked references, so
        a `javascript:` or `data:` value must never become a live link."""
        return web_link(self.URL) if self.URL else None

    def authors_text(self, limit: int = 6) -> str:
        names = [n.short() for n in self.author]
        if len(names) > limit:
            names = [*names[:limit], "et al."]
        return ", ".join(names)

    def canonical(self) -> dict[str, Any]:
        """Every reader-visible field, for fingerprints and the API."""
        return self.model_dump(mode="json", by_alias=True, exclude_none=True)


def web_link(value: str) -> str | None:
    """The address, stripped, if it is an absolute http(s) URL with a host; otherwise None."""
    text = value.strip()
    if any(ch.isspace() or ord(ch) < 32 or ord(ch) == 127 for ch in text):
        return None
    parts = urlsplit(text)
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return None
    return text
