"""Check one stored sign-off: known reviewer, not revoked, in chain order, genuine, intact."""

from __future__ import annotations

import datetime as dt

from mindlex.review.fingerprint import fingerprint
from mindlex.review.ledger import PAYLOAD_SCHEME, SignOff, payload_of
from mindlex.review.reviewers import Reviewer, Reviewers
from mindlex.review.signing import verify


def problem(signoff: SignOff, slug: str, reviewers: Reviewers, today: dt.date) -> str:
    """Why the sign-off cannot be trusted, in one line; "" when it verifies."""
    if signoff.defect:
        return f"unreadable sign-off: {signoff.defect}"
    reviewer = reviewers.get(signoff.reviewer)
    if reviewer is None:
        return f"signed by `{signoff.reviewer}`, who is not listed in reviewers.toml"
    if reviewer.revoked is not None:
        return (
            f"signed by `{reviewer.id}`, whose signing rights were revoked on "
            f"{reviewer.revoked}; a signer states their own date, so revocation voids every "
            "sign-off they made"
        )
    if signoff.scheme != PAYLOAD_SCHEME:
        return (
            f"made under an earlier sign-off scheme ({signoff.scheme or 'mindlex-signoff/1'}) "
            "that does not fix the ledger order; sign it again"
        )
    if signoff.date > today:
        return f"dated {signoff.date}, which is in the future"
    return (
        _order_problem(signoff)
        or _signature_problem(signoff, slug, reviewer)
        or _snapshot_problem(signoff)
    )


def _order_problem(signoff: SignOff) -> str:
    if signoff.prev != signoff.expected_prev:
        return (
            "out of order: this sign-off does not chain to the entry stored before it, so it "
            "was moved or copied within the ledger; sign the content again"
        )
    if signoff.prev_date is not None and signoff.date < signoff.prev_date:
        return f"dated {signoff.date}, before the sign-off it follows ({signoff.prev_date})"
    return ""


def _signature_problem(signoff: SignOff, slug: str, reviewer: Reviewer) -> str:
    if verify(reviewer.key, payload_of(signoff, slug), signoff.signature):
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
