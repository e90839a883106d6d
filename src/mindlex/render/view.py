"""What the templates see: plain view objects built once per page."""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Any, Protocol

from markupsafe import Markup

from mindlex.config import Config
from mindlex.config.schema import CrisisHelp
from mindlex.model import Article, Reference
from mindlex.model.reference import EVIDENCE_LABELS, Evidence


class ReviewLike(Protocol):
    """The parts of a review state the site shows."""

    @property
    def state(self) -> str: ...
    @property
    def is_verified(self) -> bool: ...
    @property
    def reviewer_name(self) -> str | None: ...
    @property
    def reviewer_credentials(self) -> str | None: ...
    @property
    def reviewer_role(self) -> str | None: ...
    @property
    def reviewer_demo(self) -> bool: ...
    @property
    def signed_on(self) -> dt.date | None: ...
    @property
    def due(self) -> dt.date | None: ...
    @property
    def last_updated(self) -> dt.date | None: ...


@dataclass(frozen=True)
class SiteView:
    name: str
    base_url: str
    locale: str
    description: str
    publisher: str
    disclaimer: str
    crisis: CrisisHelp | None

    @classmethod
    def of(cls, config: Config) -> SiteView:
        site = config.site
        return cls(
            site.name,
            config.base_url,
            site.locale,
            site.description,
            site.publisher or site.name,
            site.disclaimer,
            config.crisis_help(),
        )

    def url(self, path: str) -> str:
        return self.base_url + path.lstrip("/")

    @property
    def lang(self) -> str:
        return self.locale


@dataclass(frozen=True)
class SectionView:
    title: str
    anchor: str
    kind: str
    html: str


@dataclass(frozen=True)
class FaqView:
    question: str
    anchor: str
    answer_html: str
    answer_text: str


@dataclass(frozen=True)
class RefView:
    number: int
    ref: Reference
    label: str
    evidence: str
    entry: Markup
    """The entry formatted in the site's citation style, sanitised."""

    @property
    def anchor(self) -> str:
        return f"ref-{self.number}"


@dataclass(frozen=True)
class Card:
    slug: str
    title: str
    summary: str
    category: str


@dataclass
class ArticleView:
    article: Article
    intro_html: str
    sections: list[SectionView]
    faq_items: list[FaqView]
    references: list[Reference]
    ref_views: list[RefView]
    related: list[Card]
    review: ReviewLike | None
    draft: bool = False
    noindex: bool = False
    suicide_topic: bool = False
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def faq(self) -> list[FaqItemLike]:
        return [FaqItemLike(f.question, f.answer_text) for f in self.faq_items]

    @property
    def last_updated(self) -> dt.date | None:
        if self.review is not None and self.review.last_updated is not None:
            return self.review.last_updated
        return None

    @property
    def aliases_text(self) -> str:
        return join_or(distinct_aliases(self.article.title, list(self.article.aliases)))

    @property
    def evidence_summary(self) -> str:
        return evidence_summary(self.references)

    @property
    def evidence_key(self) -> list[tuple[str, str]]:
        """(label, meaning) for each source type shown on this page, in badge order."""
        labels = dict.fromkeys(r.label for r in self.ref_views)
        return [(label, EVIDENCE_MEANINGS[label]) for label in labels]


@dataclass(frozen=True)
class FaqItemLike:
    question: str
    answer_text: str


def _words(text: str) -> list[str]:
    return re.findall(r"[^\W_]+", text.casefold())


def distinct_aliases(title: str, aliases: list[str]) -> list[str]:
    """Aliases that add something: not the title, not words the title already contains
    (`BDNF` under "Brain-Derived Neurotrophic Factor (BDNF)"), and not repeated."""
    title_words = _words(title)
    seen: set[tuple[str, ...]] = set()
    kept: list[str] = []
    for alias in aliases:
        words = tuple(_words(alias))
        if not words or words in seen or _contains(title_words, words):
            continue
        seen.add(words)
        kept.append(" ".join(alias.split()))
    return kept


def _contains(words: list[str], part: tuple[str, ...]) -> bool:
    n = len(part)
    return any(tuple(words[i : i + n]) == part for i in range(len(words) - n + 1))


def join_or(items: list[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " or " + items[-1]


def evidence_summary(refs: list[Reference]) -> str:
    """One line such as "5 sources: 2 peer-reviewed reviews, 1 clinical reference", counted
    by the same labels as the badges beside each reference."""
    if not refs:
        return "No sources listed"
    counts: Counter[str] = Counter(evidence_label(ref) for ref in refs)
    parts = [
        f"{n} {_lower(label) if n == 1 else _plural(_lower(label))}"
        for label, n in counts.most_common()
    ]
    noun = "source" if len(refs) == 1 else "sources"
    return f"{len(refs)} {noun}: " + ", ".join(parts)


def _lower(label: str) -> str:
    return label[:1].lower() + label[1:]


def _plural(label: str) -> str:
    head, _, tail = label.partition(" (")
    head = head[:-1] + "ies" if head.endswith("y") else head + "s"
    return f"{head} ({tail}" if tail else head


UNSTATED = "Source type not stated"


def evidence_label(ref: Reference) -> str:
    return ref.evidence.label if ref.evidence else UNSTATED


EVIDENCE_MEANINGS = {
    EVIDENCE_LABELS[Evidence.PEER_REVIEWED_REVIEW]: (
        "a journal article that sums up many studies, checked by independent experts "
        "before it was published"
    ),
    EVIDENCE_LABELS[Evidence.PEER_REVIEWED_ARTICLE]: (
        "a journal article reporting one piece of research, checked by independent experts "
        "before it was published"
    ),
    EVIDENCE_LABELS[Evidence.CLINICAL_REFERENCE]: (
        "a reference work clinicians use in practice, such as a diagnostic manual"
    ),
    EVIDENCE_LABELS[Evidence.CLINICAL_GUIDELINE]: (
        "advice on care from a health authority or professional body, based on the evidence"
    ),
    EVIDENCE_LABELS[Evidence.PRIMARY_CLINICAL]: (
        "information from a clinical organisation or service about its own field"
    ),
    EVIDENCE_LABELS[Evidence.GOVERNMENT_SOURCE]: (
        "a report or statistics from a government or an international health body"
    ),
    EVIDENCE_LABELS[Evidence.TEXTBOOK]: "a textbook written for students or clinicians",
    EVIDENCE_LABELS[Evidence.PREPRINT]: (
        "a research report shared before independent experts checked it; treat with care"
    ),
    EVIDENCE_LABELS[Evidence.OTHER]: "a source of another kind, not checked by independent experts",
    UNSTATED: "the writer has not said what kind of source this is",
}
"""What each badge means, in plain words, for the key under Sources."""
