"""Counts shared by every report format."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from mindlex.diagnostic import Diagnostic, Severity


@dataclass(frozen=True, slots=True)
class Counts:
    errors: int
    warnings: int
    info: int
    fixable: int
    unsafe_fixable: int
    files: int

    @classmethod
    def of(cls, diags: Sequence[Diagnostic]) -> Counts:
        by = [d.severity for d in diags]
        fixes = [d.fix for d in diags if d.fix is not None and d.fix.edits]
        return cls(
            errors=by.count(Severity.ERROR),
            warnings=by.count(Severity.WARNING),
            info=by.count(Severity.INFO),
            fixable=sum(1 for f in fixes if f.safe),
            unsafe_fixable=sum(1 for f in fixes if not f.safe),
            files=len({d.span.path for d in diags}),
        )

    def sentence(self) -> str:
        """ "2 errors, 1 warning, 0 info in 2 files (1 fixable with --fix)"."""

        def n(count: int, word: str) -> str:
            return f"{count} {word}{'' if count == 1 or word == 'info' else 's'}"

        text = (
            f"{n(self.errors, 'error')}, {n(self.warnings, 'warning')}, "
            f"{n(self.info, 'info')} in {n(self.files, 'file')}"
        )
        extra = []
        if self.fixable:
            extra.append(f"{self.fixable} fixable with --fix")
        if self.unsafe_fixable:
            extra.append(f"{self.unsafe_fixable} more with --unsafe-fixes")
        return text + (f" ({'; '.join(extra)})" if extra else "")
