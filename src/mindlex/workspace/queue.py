"""The review queue: every article in one bucket, most urgent first, with counts."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass

from mindlex.glossary import Glossary
from mindlex.review.status import ReviewState

BUCKETS = ("never", "changed", "overdue", "due-soon", "invalid", "current")


def bucket_label(bucket: str, within: int) -> str:
    return {
        "never": "Never reviewed",
        "changed": "Changed since sign-off",
        "overdue": "Overdue",
        "due-soon": f"Due within {within} days",
        "invalid": "Invalid signature",
        "current": "Current",
    }[bucket]


@dataclass(frozen=True)
class Row:
    slug: str
    title: str
    category: str
    bucket: str
    state: ReviewState
    draft: bool

    @property
    def reviewer(self) -> str:
        return self.state.reviewer_id or ""


def bucket_of(state: ReviewState, today: dt.date, within: int) -> str:
    if state.state == "current" and state.due and (state.due - today).days <= within:
        return "due-soon"
    return state.state


def queue(
    glossary: Glossary, states: dict[str, ReviewState], today: dt.date, within: int
) -> list[Row]:
    """Every reviewed-or-reviewable article, most urgent bucket first, then by title."""
    rows = [
        Row(
            slug,
            glossary.articles[slug].title,
            glossary.articles[slug].category,
            bucket_of(state, today, within),
            state,
            glossary.articles[slug].status == "draft",
        )
        for slug, state in states.items()
    ]
    return sorted(rows, key=lambda r: (BUCKETS.index(r.bucket), r.title.lower()))


def select(rows: list[Row], category: str = "", reviewer: str = "", bucket: str = "") -> list[Row]:
    return [
        r
        for r in rows
        if (not category or r.category == category)
        and (not reviewer or r.reviewer == reviewer)
        and (not bucket or r.bucket == bucket)
    ]


def counts(rows: list[Row]) -> dict[str, int]:
    tally = Counter(r.bucket for r in rows)
    return {bucket: tally[bucket] for bucket in BUCKETS}
