"""Change requests: unsigned comments a reviewer leaves for writers instead of signing.

A request is not a sign-off and proves nothing about who wrote it; it is stored in the
article's ledger (`comments`) so writers see it in `mindlex review status`, and it stays open
until the next sign-off of the article.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from mindlex.review.ledger import Ledger


@dataclass(frozen=True)
class ChangeRequest:
    reviewer: str
    date: dt.date
    text: str
    fingerprint: str

    def to_json(self) -> dict[str, Any]:
        return {
            "reviewer": self.reviewer,
            "date": self.date.isoformat(),
            "text": self.text,
            "fingerprint": self.fingerprint,
        }


def open_requests(ledger: Ledger) -> tuple[ChangeRequest, ...]:
    """Requests made since the latest sign-off (each stores how many sign-offs preceded it)."""
    found: list[ChangeRequest] = []
    for item in ledger.comments:
        if item.get("after") != len(ledger.signoffs):
            continue
        try:
            day = dt.date.fromisoformat(str(item.get("date")))
        except ValueError:
            continue
        found.append(
            ChangeRequest(
                str(item.get("reviewer", "")), day, item["text"], str(item.get("fingerprint", ""))
            )
        )
    return tuple(found)


def request_changes(
    ledger: Ledger, reviewer: str, text: str, fingerprint: str, today: dt.date
) -> ChangeRequest:
    """Append a change request to the ledger (the caller writes it)."""
    text = " ".join(text.split())
    if not text:
        raise ValueError("say what needs to change")
    ledger.append_comment(
        {
            "reviewer": reviewer,
            "date": today.isoformat(),
            "text": text,
            "fingerprint": fingerprint,
            "after": len(ledger.signoffs),
        }
    )
    return ChangeRequest(reviewer, today, text, fingerprint)
