"""Where each article stands with its clinical review, for the CLI, the site, the API and lint.

The state comes from the latest sign-off in the article's ledger: it must verify, be for the
content as it is now, and be younger than the review interval. Only then is the article
"current", and only a current article may be shown as reviewed.
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Literal

from mindlex.diagnostic import Diagnostic
from mindlex.glossary import Glossary
from mindlex.model import Article
from mindlex.review import history, verify
from mindlex.review.comments import ChangeRequest, open_requests
from mindlex.review.fingerprint import Fingerprints, Memo, fingerprint_of
from mindlex.review.ledger import Ledger, SignOff, read_ledger
from mindlex.review.reviewers import Reviewers, load_reviewers

State = Literal["current", "changed", "overdue", "never", "invalid"]
STATES: tuple[State, ...] = ("current", "changed", "overdue", "never", "invalid")


@dataclass(frozen=True)
class ReviewState:
    """The review status of one article on one day."""

    slug: str
    state: State
    message: str
    """One line: why the article is in this state."""
    fingerprint: str = ""
    """Fingerprint of the content as it is now."""
    reviewer_id: str | None = None
    reviewer_name: str | None = None
    reviewer_credentials: str | None = None
    reviewer_role: str | None = None
    signed_on: dt.date | None = None
    due: dt.date | None = None
    """When the next review is due: the sign-off date plus the review interval."""
    last_updated: dt.date | None = None
    """When the content took its current form, from the ledger's content history."""
    note: str = ""
    reviewer_demo: bool = False
    """The sign-off is by a demo reviewer: shown, but labelled as not a clinical review."""
    signed_interval: int = 0
    """The review interval in force when the sign-off was made (0 if none)."""
    requests: tuple[ChangeRequest, ...] = ()
    """Change requests left since the latest sign-off."""

    @property
    def is_verified(self) -> bool:
        """True only when a valid sign-off covers today's content and is not overdue."""
        return self.state == "current"

    def to_json(self) -> dict[str, Any]:
        def day(value: dt.date | None) -> str | None:
            return value.isoformat() if value else None

        return {
            "slug": self.slug,
            "state": self.state,
            "is_verified": self.is_verified,
            "message": self.message,
            "fingerprint": self.fingerprint,
            "reviewer": {
                "id": self.reviewer_id,
                "name": self.reviewer_name,
                "credentials": self.reviewer_credentials,
                "role": self.reviewer_role,
                "demo": self.reviewer_demo,
            }
            if self.reviewer_id
            else None,
            "signed_on": day(self.signed_on),
            "due": day(self.due),
            "last_updated": day(self.last_updated),
            "note": self.note,
            "signed_interval_months": self.signed_interval or None,
            "requests": [r.to_json() for r in self.requests],
        }


@dataclass
class ReviewData:
    """What every article's state needs, loaded once per glossary."""

    root: Path
    interval_months: int
    reviewers: Reviewers
    diagnostics: list[Diagnostic] = field(default_factory=list)


def load_review_data(glossary: Glossary) -> ReviewData:
    config = glossary.config
    reviewers = load_reviewers(config.root)
    return ReviewData(
        config.root, config.review.interval_months, reviewers, list(reviewers.diagnostics)
    )


def article_review(glossary: Glossary, article: Article, today: dt.date) -> ReviewState:
    """The review state of one article; prefer `review_states` for many articles."""
    data = load_review_data(glossary)
    return state_of(data, glossary, article, read_ledger(data.root, article.slug), today)


def review_states(
    glossary: Glossary, today: dt.date, memo: Memo | None = None
) -> dict[str, ReviewState]:
    """The state of every article except retired ones, by slug, reading each file once;
    `memo` keeps fingerprints between runs (`Fingerprints`)."""
    data = load_review_data(glossary)
    return states_with(data, glossary, today, memo)


def states_with(
    data: ReviewData, glossary: Glossary, today: dt.date, memo: Memo | None = None
) -> dict[str, ReviewState]:
    """Like `review_states`, with the reviewers already loaded; collects ledger problems."""
    states: dict[str, ReviewState] = {}
    prints = Fingerprints(glossary, memo)
    for article in glossary.live:
        ledger = read_ledger(data.root, article.slug)
        data.diagnostics.extend(ledger.diagnostics)
        states[article.slug] = state_of(data, glossary, article, ledger, today, prints.of(article))
    return states


def state_of(
    data: ReviewData,
    glossary: Glossary,
    article: Article,
    ledger: Ledger,
    today: dt.date,
    fingerprint: str | None = None,
) -> ReviewState:
    """`fingerprint` is the article's, when the caller has it already."""
    current = fingerprint if fingerprint is not None else fingerprint_of(glossary, article)
    base = ReviewState(
        slug=article.slug,
        state="never",
        message="",
        fingerprint=current,
        last_updated=history.last_updated(ledger, current),
        requests=open_requests(ledger),
    )
    if ledger.unreadable:
        return replace(
            base, state="invalid", message=f"the review ledger {ledger.path.name} cannot be read"
        )
    if not ledger.signoffs:
        return replace(base, message="no clinical sign-off yet")
    latest = ledger.signoffs[-1]
    why = verify.problem(latest, article.slug, data.reviewers, today)
    if why:
        return replace(
            base,
            state="invalid",
            message=why,
            reviewer_id=latest.reviewer or None,
            signed_on=None if latest.defect else latest.date,
        )
    return _valid_state(data, base, latest, current, today)


def _valid_state(
    data: ReviewData, base: ReviewState, latest: SignOff, current: str, today: dt.date
) -> ReviewState:
    reviewer = data.reviewers.by_id[latest.reviewer]
    months = min(latest.interval_months or data.interval_months, data.interval_months)
    due = add_months(latest.date, months)
    signed = replace(
        base,
        reviewer_id=reviewer.id,
        reviewer_name=reviewer.name,
        reviewer_credentials=reviewer.credentials,
        reviewer_role=reviewer.role or None,
        signed_on=latest.date,
        due=due,
        note=latest.note,
        reviewer_demo=reviewer.demo,
        signed_interval=latest.interval_months,
    )
    if latest.fingerprint != current:
        return replace(
            signed,
            state="changed",
            message=f"content changed since {reviewer.name} signed it on {latest.date}",
        )
    if today > due:
        return replace(
            signed,
            state="overdue",
            message=f"review was due on {due} ({months}-month interval)" + _longer(data, latest),
        )
    return replace(
        signed,
        state="current",
        message=f"signed by {reviewer.name} on {latest.date}; next review due {due}"
        + _longer(data, latest),
    )


def _longer(data: ReviewData, latest: SignOff) -> str:
    """Why a longer interval in mindlex.toml does not move this sign-off's due date."""
    if latest.interval_months and latest.interval_months < data.interval_months:
        return (
            f"; signed under a {latest.interval_months}-month interval, which still applies "
            f"(mindlex.toml now says {data.interval_months})"
        )
    return ""


def last_valid_signoff(
    data: ReviewData, ledger: Ledger, slug: str, today: dt.date
) -> SignOff | None:
    """The newest sign-off that verifies, the baseline for `review diff`."""
    for signoff in reversed(ledger.signoffs):
        if not verify.problem(signoff, slug, data.reviewers, today):
            return signoff
    return None


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day `months` later, clamped to the month's end (31 Jan + 1 = 28/29 Feb)."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return day.replace(
        year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1])
    )
