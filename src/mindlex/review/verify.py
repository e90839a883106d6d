"""Check one stored sign-off: known reviewer, not revoked, genuine signature, intact snapshot."""

from __future__ import annotations

import datetime as dt

from mindlex.review.fingerprint import fingerprint
from mindlex.review.ledger import SignOff, payload
from mindlex.review.reviewers import Reviewer, Reviewers
from mindlex.review.signing import verify


def problem(signoff: SignOff, slug: str, reviewers: Reviewers, today: dt.date) -> str:
    """Why the sign-off cannot be trusted, in one line; "" when it verifies."""
    if signoff.defect:
        return f"unreadable sign-off: {signoff.defect}"
    reviewer = reviewers.get(signoff.reviewer)
    if reviewer is None:
        return f"signed by `{signoff.reviewer}`, who is not listed in reviewers.toml"
    if reviewer.revoked_on(signoff.date):
        return (
            f"signed on {signoff.date} by `{reviewer.id}`, whose signing rights were "
            f"revoked on {reviewer.revoked}"
        )
    if signoff.date > today:
        return f"dated {signoff.date}, which is in the future"
    return _signature_problem(signoff, slug, reviewer) or _snapshot_problem(signoff)


def _signature_problem(signoff: SignOff, slug: str, reviewer: Reviewer) -> str:
    signed = payload(slug, signoff.fingerprint, signoff.date, signoff.reviewer, signoff.note)
    if verify(reviewer.key, signed, signoff.signature):
        return ""
    if signoff.key and signoff.key != reviewer.key_id:
        return (
            f"signed with key {signoff.key}, which is not the key listed for "
            f"`{reviewer.id}` in reviewers.toml"
        )
    return "the signature does not verify: the sign-off was forged or altered"


def _snapshot_problem(signoff: SignOff) -> str:
    if fingerprint(signoff.snapshot) != signoff.fingerprint:
        return "the stored snapshot does not match the signed fingerprint (tampered)"
    return ""
