"""What the templates see: plain view objects built once per page."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field
from typing import Any, Protocol

from mindlex.config import Config
from mindlex.config.schema import CrisisHelp
from mindlex.model import Article, Reference
from mindlex.model.reference import EVIDENCE_LABELS, STUDY_DESIGNS


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
        return join_or(list(self.article.aliases))

    @property
    def evidence_summary(self) -> str:
        return evidence_summary(self.references)


@dataclass(frozen=True)
class FaqItemLike:
    question: str
    answer_text: str


def join_or(items: list[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " or " + items[-1]


def evidence_summary(refs: list[Reference]) -> str:
    """One line such as "5 sources: 2 systematic reviews, 1 clinical reference"."""
    if not refs:
        return "No sources listed"
    counts: Counter[tuple[str, str]] = Counter()
    for ref in refs:
        if ref.study_design in STUDY_DESIGNS:
            counts[STUDY_DESIGNS[ref.study_design]] += 1
        elif ref.evidence is not None:
            label = EVIDENCE_LABELS[ref.evidence].lower()
            counts[(label, _plural(label))] += 1
        else:
            counts[("source of unstated type", "sources of unstated type")] += 1
    parts = [f"{n} {forms[0] if n == 1 else forms[1]}" for forms, n in counts.most_common()]
    noun = "source" if len(refs) == 1 else "sources"
    return f"{len(refs)} {noun}: " + ", ".join(parts)


def _plural(label: str) -> str:
    head, _, tail = label.partition(" (")
    head = head[:-1] + "ies" if head.endswith("y") else head + "s"
    return f"{head} ({tail}" if tail else head


def evidence_label(ref: Reference) -> str:
    return ref.evidence.label if ref.evidence else "Source type not stated"
