"""The wording that marks each element of a glossary page, as data the recogniser matches.

Kept in one place so a publisher whose pages say "Medically reviewed by" or "Key facts"
needs one new entry, not a change to the recogniser."""

from __future__ import annotations

import re

from mindlex.model.reference import Evidence

READING = re.compile(
    r"^(?P<cat>[A-Za-z][A-Za-z &/-]*?)?\s*[·|•–—-]?\s*(?P<min>\d{1,3})\s*(?:min|mins|minutes?)"
    r"\.?\s+read\b",
    re.IGNORECASE,
)
DATE = r"\d{4}-\d{2}-\d{2}|[A-Z][a-z]+\.? \d{1,2},? \d{4}|\d{1,2} [A-Z][a-z]+\.? \d{4}"
UPDATED = re.compile(
    rf"(?:last\s+updated|updated(?:\s+on)?|last\s+modified)\s*:?\s*(?P<date>{DATE})", re.I
)
REVIEWED = re.compile(
    r"(?:(?:medically|clinically|expert|fact)[\s-]+)?(?:reviewed|checked)\s+by\s*:?\s*(?P<who>.+)$",
    re.IGNORECASE,
)
DISCLAIMER_LABEL = re.compile(r"^(?:medical\s+|important\s+|health\s+)?disclaimer\b", re.I)
DISCLAIMER_TEXT = re.compile(
    r"not\s+(?:a\s+substitute|intended\s+to\s+replace|meant\s+to\s+replace)\s+(?:for\s+)?"
    r"(?:professional|medical)|does\s+not\s+replace\s+(?:professional\s+|medical\s+)?"
    r"(?:advice|diagnosis)|informational\s+(?:and\s+educational\s+)?purposes\s+only",
    re.IGNORECASE,
)
ALIASES = re.compile(
    r"\b(?:also\s+(?:called|known\s+as|referred\s+to\s+as)|sometimes\s+called|a\.k\.a\.?|"
    r"or\s+simply)\s+(?P<names>[^.;:—–()\[\]]+)",
    re.IGNORECASE,
)
KEY_AREAS_INTRO = re.compile(r"\b(?:key\s+areas?|include|including|such\s+as)\b[^.]*:\s*$", re.I)

DEFINITION = re.compile(r"^(?:definition|what\s+is\s+(?:it|.+)\??|overview|meaning)$", re.I)
SEEK_HELP = re.compile(
    r"^when\s+to\s+(?:seek|get|find)\s+(?:professional\s+)?(?:help|support)|"
    r"^getting\s+help$|^where\s+to\s+get\s+help$",
    re.IGNORECASE,
)
FAQ = re.compile(r"^(?:frequently\s+asked\s+questions|faqs?|common\s+questions)$", re.I)
RELATED = re.compile(
    r"^(?:related(?:\s+(?:articles|terms|topics|reading|pages|conditions))?|see\s+also)$", re.I
)
REFERENCES = re.compile(
    r"^(?:sources(?:\s*(?:&|and)\s*references)?|references(?:\s*(?:&|and)\s*sources)?|"
    r"bibliography|citations|works\s+cited)$",
    re.IGNORECASE,
)

TERM_DEFINITION = re.compile(
    r"^(?P<term>[A-Z][\w'’()/-]*(?: [\w'’()/-]+){0,4})\s*(?::|\s[–—]\s)\s*(?P<definition>\S.{15,})$"
)

EVIDENCE_TAG = re.compile(r"\s*\((?P<tag>[A-Za-z][A-Za-z _-]+)\)\s*$")
EVIDENCE_WORDS = {
    "peer reviewed review": Evidence.PEER_REVIEWED_REVIEW,
    "review": Evidence.PEER_REVIEWED_REVIEW,
    "systematic review": Evidence.PEER_REVIEWED_REVIEW,
    "meta analysis": Evidence.PEER_REVIEWED_REVIEW,
    "peer reviewed article": Evidence.PEER_REVIEWED_ARTICLE,
    "peer reviewed": Evidence.PEER_REVIEWED_ARTICLE,
    "research article": Evidence.PEER_REVIEWED_ARTICLE,
    "clinical reference": Evidence.CLINICAL_REFERENCE,
    "clinical guideline": Evidence.CLINICAL_GUIDELINE,
    "guideline": Evidence.CLINICAL_GUIDELINE,
    "primary clinical": Evidence.PRIMARY_CLINICAL,
    "government source": Evidence.GOVERNMENT_SOURCE,
    "government": Evidence.GOVERNMENT_SOURCE,
    "textbook": Evidence.TEXTBOOK,
    "preprint": Evidence.PREPRINT,
}


def evidence_of(tag: str) -> Evidence | None:
    """`peer_reviewed_review`, `Peer-reviewed review` and `peer reviewed review` all match."""
    words = " ".join(re.split(r"[\s_-]+", tag.strip().lower()))
    for value in Evidence:
        if words == value.value.replace("_", " "):
            return value
    return EVIDENCE_WORDS.get(words)
