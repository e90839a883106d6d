"""Diagnostics: what every stage reports, from a YAML typo to a safety finding."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from mindlex.span import Span


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        return {"error": 3, "warning": 2, "info": 1}[self.value]


@dataclass(frozen=True, slots=True)
class Edit:
    """Replace the characters [start, end) of a file's text with `text`."""

    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class Fix:
    """A set of edits that together resolve one diagnostic."""

    edits: tuple[Edit, ...]
    safe: bool = True
    description: str = ""


@dataclass(frozen=True, slots=True)
class Diagnostic:
    """One problem at one place, with how to fix it."""

    code: str
    message: str
    span: Span
    severity: Severity = Severity.ERROR
    hint: str = ""
    fix: Fix | None = None
    name: str = ""
    extra: dict[str, object] = field(default_factory=dict, compare=False, hash=False)

    def sort_key(self) -> tuple[str, int, int, str]:
        return (str(self.span.path), self.span.line, self.span.col, self.code)

    def render(self) -> str:
        """`path:line:col: CODE message — hint`, the one-line form."""
        tail = f" — {self.hint}" if self.hint else ""
        return f"{self.span}: {self.code} {self.message}{tail}"
