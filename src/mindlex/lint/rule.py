"""The Rule base class: metadata as class attributes, one `check` generator."""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterator
from enum import StrEnum
from typing import TYPE_CHECKING, ClassVar

from mindlex.diagnostic import Diagnostic, Fix, Severity
from mindlex.span import Span

if TYPE_CHECKING:
    from mindlex.lint.context import LintContext


class FixAvailability(StrEnum):
    NONE = "none"
    SAFE = "safe"
    UNSAFE = "unsafe"


class Status(StrEnum):
    STABLE = "stable"
    PREVIEW = "preview"
    REMOVED = "removed"


class Rule(ABC):
    """One check. Subclasses set the class attributes and implement `check`.

    The docstring's first line is the summary; the rest holds `## Why it matters`,
    `## Example`, `## Preferred` and `## Fix` sections shown by `mindlex rules CODE`.
    """

    code: ClassVar[str]
    name: ClassVar[str]
    family: ClassVar[str]
    severity: ClassVar[Severity] = Severity.WARNING
    fix: ClassVar[FixAvailability] = FixAvailability.NONE
    status: ClassVar[Status] = Status.STABLE
    source: ClassVar[str] = ""
    """URL of the guideline or standard this rule enforces."""
    needs: ClassVar[frozenset[str]] = frozenset()
    """Costly views this rule reads (e.g. "sentences", "readability"), and "glossary" if
    it reads other articles (then `glossary_facts` says what it read)."""

    def __init__(self, severity: Severity | None = None) -> None:
        self.effective_severity = severity or self.severity

    @abstractmethod
    def check(self, ctx: LintContext) -> Iterator[Diagnostic]:
        """Yield a Diagnostic for each problem found in `ctx.article`."""

    def glossary_facts(self, ctx: LintContext) -> object:
        """For a rule that needs "glossary": the plain values `check` reads of articles other
        than `ctx.article`. The preview runs the rule again on an article only when these or
        the article changed (`mindlex.lint.scope`)."""
        return None

    def report(
        self, span: Span, message: str, hint: str = "", fix: Fix | None = None
    ) -> Diagnostic:
        """Build a Diagnostic carrying this rule's code, name and severity."""
        return Diagnostic(self.code, message, span, self.effective_severity, hint, fix, self.name)

    @classmethod
    def summary(cls) -> str:
        return (cls.__doc__ or "").strip().splitlines()[0] if cls.__doc__ else ""

    @classmethod
    def doc(cls) -> str:
        import inspect

        return inspect.cleandoc(cls.__doc__ or "")
