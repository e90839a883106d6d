"""Machine report with a versioned schema (see docs/linting.md for the fields)."""

from __future__ import annotations

import json as _json
from collections.abc import Sequence
from dataclasses import asdict
from pathlib import Path
from typing import Any

from mindlex import __version__
from mindlex.diagnostic import Diagnostic
from mindlex.report.summary import Counts

SCHEMA = "mindlex-lint-report"
SCHEMA_VERSION = 1


def render(diags: Sequence[Diagnostic], base: Path) -> str:
    return _json.dumps(document(diags, base), indent=2, ensure_ascii=False) + "\n"


def document(diags: Sequence[Diagnostic], base: Path) -> dict[str, Any]:
    """The report as a JSON-ready mapping."""
    return {
        "schema": SCHEMA,
        "schema_version": SCHEMA_VERSION,
        "tool": {"name": "mindlex", "version": __version__},
        "summary": asdict(Counts.of(diags)),
        "diagnostics": [item(d, base) for d in diags],
    }


def item(diag: Diagnostic, base: Path) -> dict[str, Any]:
    from mindlex.report import relative

    span = diag.span
    fix = None
    if diag.fix is not None and diag.fix.edits:
        fix = {
            "safe": diag.fix.safe,
            "description": diag.fix.description,
            "edits": [{"start": e.start, "end": e.end, "text": e.text} for e in diag.fix.edits],
        }
    return {
        "code": diag.code,
        "name": diag.name,
        "severity": diag.severity.value,
        "message": diag.message,
        "hint": diag.hint,
        "path": relative(span.path, base),
        "line": span.line,
        "column": span.col,
        "end_line": span.end_line,
        "end_column": span.end_col,
        "fix": fix,
    }
