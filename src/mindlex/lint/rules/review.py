"""REV: review freshness, read from `mindlex.review` when it is installed.

The review package computes one state per article (fingerprints, sign-offs, due dates). These
rules only read it, through the small protocol below; when no review data is available they
report nothing rather than guess.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import importlib
from collections.abc import Iterator, Mapping
from typing import Protocol

from mindlex.diagnostic import Diagnostic, Severity
from mindlex.lint.context import LintContext
from mindlex.lint.registry import register
from mindlex.lint.rule import Rule

NHS_STANDARD = "https://www.england.nhs.uk/tis/"


class ReviewState(Protocol):
    """What `mindlex.review.status.article_review(glossary, article, today)` returns."""

    @property
    def state(self) -> str:
        """ "current", "changed", "overdue", "never" or "invalid"."""

    @property
    def signed_on(self) -> dt.date | None: ...

    @property
    def due(self) -> dt.date | None: ...

    @property
    def message(self) -> str: ...


def review_state(ctx: LintContext) -> ReviewState | None:
    """The article's review state: from `ctx.review` if given, else from mindlex.review."""
    cache = ctx.__dict__.setdefault("_review_state", {})
    if "state" not in cache:
        cache["state"] = _lookup(ctx)
    found: ReviewState | None = cache["state"]
    return found


def _lookup(ctx: LintContext) -> ReviewState | None:
    if isinstance(ctx.review, Mapping):
        found: ReviewState | None = ctx.review.get(ctx.article.slug)
        return found
    try:
        module = importlib.import_module("mindlex.review.status")
    except ImportError:
        return None
    article_review = getattr(module, "article_review", None)
    if article_review is None:
        return None
    state: ReviewState = article_review(ctx.glossary, ctx.article, ctx.today)
    return state


class _StateRule(Rule):
    family = "REV"
    source = NHS_STANDARD
    state: str
    hint: str

    def check(self, ctx: LintContext) -> Iterator[Diagnostic]:
        found = review_state(ctx)
        if found is not None and found.state == self.state:
            yield self.report(ctx.article.span, self.describe(found), self.hint)

    def describe(self, found: ReviewState) -> str:
        return found.message or self.state


@register
class NeverReviewed(_StateRule):
    """The article has no clinical sign-off.

    ## Why it matters
    The NHS standard requires clinical approval of every clinical page; an unreviewed
    article is not published as reviewed. It is information by default and an error when
    `[review] require_review = true`.

    ## Example
    A new article nobody has signed off yet.

    ## Preferred
    Ask a clinical reviewer to run `mindlex review sign` on it.
    """

    code = "REV001"
    name = "never-reviewed"
    severity = Severity.INFO
    state = "never"
    hint = "ask a clinical reviewer to sign it off"

    def check(self, ctx: LintContext) -> Iterator[Diagnostic]:
        for diag in super().check(ctx):
            if ctx.config.review.require_review:
                diag = dataclasses.replace(diag, severity=Severity.ERROR)
            yield diag

    def describe(self, found: ReviewState) -> str:
        return found.message or "never clinically reviewed"


@register
class ReviewOverdue(_StateRule):
    """The article's clinical review is past its due date.

    ## Why it matters
    PIF and the NHS standard expect content to be rechecked on a planned cycle (at least
    every 3 years; mindlex's default is `[review] interval_months = 12`); evidence moves on.

    ## Example
    An article signed off 14 months ago with a 12-month interval.

    ## Preferred
    Re-review it and sign again.
    """

    code = "REV002"
    name = "review-overdue"
    severity = Severity.WARNING
    state = "overdue"
    hint = "re-review the article and sign it off again"

    def describe(self, found: ReviewState) -> str:
        due = f" (due {found.due})" if found.due else ""
        return found.message or f"clinical review overdue{due}"


@register
class ChangedSinceSignOff(_StateRule):
    """The article changed after its last clinical sign-off.

    ## Why it matters
    A sign-off covers the text the reviewer read; after an edit, readers would see a
    "reviewed" badge on words no clinician has checked.

    ## Example
    A writer edits the FAQ of a signed-off article.

    ## Preferred
    Ask the reviewer to look at the change (`mindlex review diff`) and sign again.
    """

    code = "REV003"
    name = "changed-since-sign-off"
    severity = Severity.WARNING
    state = "changed"
    hint = "ask a reviewer to check the change and sign again"

    def describe(self, found: ReviewState) -> str:
        since = f" (signed {found.signed_on})" if found.signed_on else ""
        return found.message or f"changed since its clinical sign-off{since}"


@register
class InvalidSignOff(_StateRule):
    """The article's sign-off record does not verify.

    ## Why it matters
    Sign-offs are signed so they cannot be forged or moved to other content; one that does
    not verify must not count as a review.

    ## Example
    A sign-off record edited by hand, or signed with an unknown key.

    ## Preferred
    Remove the bad record and sign the article again.
    """

    code = "REV004"
    name = "invalid-sign-off"
    severity = Severity.ERROR
    state = "invalid"
    hint = "re-sign the article with a registered reviewer key"

    def describe(self, found: ReviewState) -> str:
        return found.message or "sign-off record does not verify"
