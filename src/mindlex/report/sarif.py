"""SARIF 2.1.0 for code-scanning UIs: one run, the rules that fired, results with fixes."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from mindlex import __version__
from mindlex.diagnostic import Diagnostic, Severity
from mindlex.lint.registry import all_rules

SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}
INFO_URI = "https://github.com/mindlex/mindlex/blob/main/docs/rules.md"


def render(diags: Sequence[Diagnostic], base: Path) -> str:
    return json.dumps(document(diags, base), indent=2, ensure_ascii=False) + "\n"


def document(diags: Sequence[Diagnostic], base: Path) -> dict[str, Any]:
    rules = all_rules()
    codes = sorted({d.code for d in diags if d.code in rules})
    index = {code: i for i, code in enumerate(codes)}
    return {
        "$schema": SCHEMA_URI,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "mindlex",
                        "version": __version__,
                        "informationUri": INFO_URI,
                        "rules": [_rule(code) for code in codes],
                    }
                },
                "originalUriBaseIds": {"SRCROOT": {"uri": base.resolve().as_uri() + "/"}},
                "results": [_result(d, base, index) for d in diags],
            }
        ],
    }


def _rule(code: str) -> dict[str, Any]:
    cls = all_rules()[code]
    rule: dict[str, Any] = {
        "id": code,
        "name": cls.name,
        "shortDescription": {"text": cls.summary()},
        "fullDescription": {"text": cls.doc()},
        "defaultConfiguration": {"level": LEVELS[cls.severity]},
        "properties": {"family": cls.family, "fix": cls.fix.value},
    }
    if cls.source:
        rule["helpUri"] = cls.source
    return rule


def _result(diag: Diagnostic, base: Path, index: dict[str, int]) -> dict[str, Any]:
    from mindlex.report import relative

    span = diag.span
    region: dict[str, int] = {"startLine": span.line, "startColumn": span.col}
    if span.end_line is not None and span.end_col is not None:
        region.update(endLine=span.end_line, endColumn=span.end_col)
    uri = relative(span.path, base)
    result: dict[str, Any] = {
        "ruleId": diag.code,
        "level": LEVELS[diag.severity],
        "message": {"text": diag.message + (f" ({diag.hint})" if diag.hint else "")},
        "locations": [
            {
                "physicalLocation": {
                    "artifactLocation": {"uri": uri, "uriBaseId": "SRCROOT"},
                    "region": region,
                }
            }
        ],
    }
    if diag.code in index:
        result["ruleIndex"] = index[diag.code]
    if diag.fix is not None and diag.fix.edits:
        result["fixes"] = [
            {
                "description": {"text": diag.fix.description or "apply the fix"},
                "artifactChanges": [
                    {
                        "artifactLocation": {"uri": uri, "uriBaseId": "SRCROOT"},
                        "replacements": [
                            {
                                "deletedRegion": {
                                    "charOffset": e.start,
                                    "charLength": e.end - e.start,
                                },
                                "insertedContent": {"text": e.text},
                            }
                            for e in diag.fix.edits
                        ],
                    }
                ],
            }
        ]
    return result
