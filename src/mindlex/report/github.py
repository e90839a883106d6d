"""GitHub Actions workflow commands: one annotation per finding."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from mindlex.diagnostic import Diagnostic, Severity

LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def _data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _prop(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")


def render(diags: Sequence[Diagnostic], base: Path) -> str:
    from mindlex.report import relative

    lines = []
    for d in diags:
        span = d.span
        props = [f"file={_prop(relative(span.path, base))}", f"line={span.line}", f"col={span.col}"]
        if span.end_line is not None:
            props.append(f"endLine={span.end_line}")
        if span.end_col is not None and span.end_line == span.line:
            props.append(f"endColumn={span.end_col}")
        title = f"{d.code} {d.name}".strip()
        props.append(f"title={_prop(title)}")
        message = d.message + (f" ({d.hint})" if d.hint else "")
        lines.append(f"::{LEVELS[d.severity]} {','.join(props)}::{_data(message)}")
    return "\n".join(lines) + ("\n" if lines else "")
