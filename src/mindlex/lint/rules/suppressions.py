"""SUP: suppressions must give a reason, name real rules, and silence something."""

from __future__ import annotations

from collections.abc import Iterator

from mindlex.diagnostic import Diagnostic, Severity
from mindlex.lint.context import LintContext
from mindlex.lint.registry import RULES, register
from mindlex.lint.rule import Rule
from mindlex.lint.suppress import Suppression

DOCS = "https://eslint.org/docs/latest/use/configure/rules#disabling-rules"


def _outcome(ctx: LintContext) -> list[Suppression]:
    return ctx.suppression_outcome or []


def _known(code: str) -> bool:
    return any(c.startswith(code) for c in RULES)


@register
class SuppressionWithoutReason(Rule):
    """A suppression does not say why the finding is acceptable.

    ## Why it matters
    A suppression is a clinical judgement ("this quote is from a patient", "the method is
    named in a means-safety context"); without a reason the next writer or reviewer cannot
    check it.

    ## Example
    `<!-- mindlex-disable-next-line SAFE004 -->`

    ## Preferred
    `<!-- mindlex-disable-next-line SAFE004 -- names firearms only to advise safe storage -->`
    """

    code = "SUP001"
    name = "suppression-without-reason"
    family = "SUP"
    severity = Severity.WARNING
    source = DOCS

    def check(self, ctx: LintContext) -> Iterator[Diagnostic]:
        for sup in _outcome(ctx):
            if sup.kind != "enable" and not sup.reason:
                yield self.report(
                    sup.span,
                    f"suppression of {', '.join(sup.codes)} has no reason",
                    "add `-- reason` inside the comment (or `reason:` in front matter)",
                )


@register
class UnusedSuppression(Rule):
    """A suppression silences nothing.

    ## Why it matters
    Left-over suppressions hide future findings the writer never saw; remove them once the
    text is fixed (as ruff's RUF100 does for `noqa`).

    ## Example
    `<!-- mindlex-disable-next-line LANG008 -- quoted -->` above a line without the phrase.

    ## Preferred
    Remove the comment.
    """

    code = "SUP002"
    name = "unused-suppression"
    family = "SUP"
    severity = Severity.WARNING
    source = "https://docs.astral.sh/ruff/rules/unused-noqa/"

    def check(self, ctx: LintContext) -> Iterator[Diagnostic]:
        for sup in _outcome(ctx):
            if sup.kind == "enable":
                continue
            for code in sup.codes:
                ran = any(c.startswith(code) for c in ctx.enabled)
                if ran and _known(code) and code not in sup.used:
                    yield self.report(
                        sup.span, f"suppression of {code} silences nothing", "remove it"
                    )


@register
class UnknownSuppressedCode(Rule):
    """A suppression names a code that matches no rule.

    ## Why it matters
    A typo in a code (`SAFE04`) silences nothing and leaves the writer thinking it did.

    ## Example
    `<!-- mindlex-disable LNG001 -- quoted -->`

    ## Preferred
    `<!-- mindlex-disable LANG001 -- quoted -->` (see `mindlex rules`).
    """

    code = "SUP003"
    name = "unknown-suppressed-code"
    family = "SUP"
    severity = Severity.ERROR
    source = DOCS

    def check(self, ctx: LintContext) -> Iterator[Diagnostic]:
        for sup in _outcome(ctx):
            for code in sup.codes:
                if not _known(code):
                    yield self.report(
                        sup.span,
                        f"`{code}` is not a rule code",
                        "check `mindlex rules` for the code",
                    )


@register
class EnableWithoutDisable(Rule):
    """A `mindlex-enable` comment closes no open `mindlex-disable` region.

    ## Why it matters
    It usually means the disable comment names a different code, so the region the writer
    meant to close is still open, or was never opened.

    ## Example
    `<!-- mindlex-enable LANG004 -->` with no `mindlex-disable LANG004` above it.

    ## Preferred
    Match every enable with a disable of the same code.
    """

    code = "SUP004"
    name = "enable-without-disable"
    family = "SUP"
    severity = Severity.WARNING
    source = DOCS

    def check(self, ctx: LintContext) -> Iterator[Diagnostic]:
        for sup in _outcome(ctx):
            if sup.kind == "enable" and not sup.closed:
                yield self.report(
                    sup.span,
                    f"enable of {', '.join(sup.codes)} closes no region",
                    "match it with a `mindlex-disable` comment above",
                )
