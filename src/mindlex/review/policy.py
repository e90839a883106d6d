"""The review policy in force, and how it differs from the one each sign-off was made under.

`[review]` in mindlex.toml changes what readers see without any article changing, so
`mindlex review status` prints it and names sign-offs made under a different interval.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from mindlex.config import Config
from mindlex.review.status import ReviewState


@dataclass(frozen=True)
class Policy:
    interval_months: int
    require_review: bool
    signed_under: dict[int, int] = field(default_factory=dict)
    """Interval in force at signing -> number of latest sign-offs made under it, for
    intervals other than today's."""

    def lines(self) -> list[str]:
        shown = "true" if self.require_review else "false"
        out = [
            f"review policy (mindlex.toml [review]): interval {self.interval_months} months, "
            f"require_review = {shown}"
        ]
        for months, count in sorted(self.signed_under.items()):
            rule = (
                "their own interval still applies"
                if months < self.interval_months
                else "the shorter policy interval applies"
            )
            out.append(
                f"policy changed: {count} sign-off(s) were made under a {months}-month "
                f"interval; {rule}"
            )
        return out

    def to_json(self) -> dict[str, Any]:
        return {
            "interval_months": self.interval_months,
            "require_review": self.require_review,
            "signed_under": {str(k): v for k, v in sorted(self.signed_under.items())},
        }


def review_policy(config: Config, states: Mapping[str, ReviewState]) -> Policy:
    current = config.review.interval_months
    counts = Counter(
        s.signed_interval
        for s in states.values()
        if s.signed_interval and s.signed_interval != current and s.state != "invalid"
    )
    return Policy(current, config.review.require_review, dict(counts))
