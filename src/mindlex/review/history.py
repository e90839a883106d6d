"""Content history: the day each fingerprint was first recorded, the source of "Last updated".

A hand-typed date drifts from the text it describes; this one cannot. The history grows only
when `mindlex review record` or `mindlex review sign` sees a fingerprint that differs from
the last one recorded, so the same files and the same `today` always give the same ledger.
"""

from __future__ import annotations

import datetime as dt

from mindlex.review.ledger import Ledger, Step


def record(ledger: Ledger, fingerprint: str, today: dt.date) -> bool:
    """Append `fingerprint` if the content changed since the last entry; True if appended."""
    if ledger.history and ledger.history[-1].fingerprint == fingerprint:
        return False
    ledger.append_step(Step(fingerprint=fingerprint, since=today))
    return True


def last_updated(ledger: Ledger, fingerprint: str) -> dt.date | None:
    """When the current content was first recorded; None if it has not been recorded yet."""
    if ledger.history and ledger.history[-1].fingerprint == fingerprint:
        return ledger.history[-1].since
    return None


def is_recorded(ledger: Ledger, fingerprint: str) -> bool:
    return last_updated(ledger, fingerprint) is not None
