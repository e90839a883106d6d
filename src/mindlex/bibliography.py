"""Site-wide bibliographies: CSL YAML or CSL JSON files, as reference managers export them."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from mindlex.diagnostic import Diagnostic
from mindlex.model.assemble import parse_references
from mindlex.model.reference import Reference
from mindlex.source import yamlpos
from mindlex.span import Span


def load_bibliography(
    root: Path, files: list[str]
) -> tuple[dict[str, Reference], list[Diagnostic]]:
    """Every reference in the configured files, keyed by id."""
    refs: dict[str, Reference] = {}
    diags: list[Diagnostic] = []
    for name in files:
        path = (root / name).resolve()
        items, node, problems = _read(path)
        diags.extend(problems)
        base_line = -1 if path.suffix.lower() in (".yaml", ".yml") else 0
        for ref in parse_references(path, node, items, diags, base_line=base_line):
            if ref.id in refs:
                diags.append(
                    Diagnostic(
                        "META006",
                        f"duplicate bibliography id `{ref.id}`",
                        ref.span or Span(path),
                        hint="ids must be unique",
                    )
                )
                continue
            refs[ref.id] = ref
    return refs, diags


def _read(path: Path) -> tuple[list[Any], Any, list[Diagnostic]]:
    span = Span(path, 1, 1)
    if not path.is_file():
        return (
            [],
            None,
            [
                Diagnostic(
                    "CONF005",
                    "bibliography file not found",
                    span,
                    hint="fix `site.bibliography` in mindlex.toml",
                )
            ],
        )
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        return [], None, [Diagnostic("PARSE003", "not valid UTF-8", span, hint="save as UTF-8")]
    if path.suffix.lower() == ".json":
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            return (
                [],
                None,
                [
                    Diagnostic(
                        "PARSE012",
                        f"malformed JSON: {exc.msg}",
                        Span(path, exc.lineno, exc.colno),
                        hint="fix the JSON syntax",
                    )
                ],
            )
        node = None
    else:
        try:
            node = yamlpos.load(text)
        except yamlpos.YamlError as exc:
            where = Span(path, exc.line + 1, exc.column + 1)
            problem = Diagnostic(
                "PARSE012",
                f"malformed YAML: {exc.problem}",
                where,
                hint="check indentation and quoting",
            )
            return [], None, [problem]
        if isinstance(node, dict) and "references" in node:
            node = node["references"]
        data = node
    if not isinstance(data, list):
        return (
            [],
            None,
            [
                Diagnostic(
                    "META004",
                    "a bibliography must be a list of CSL items",
                    span,
                    hint="export CSL JSON or CSL YAML from your reference manager",
                )
            ],
        )
    plain = json.loads(json.dumps(data, default=str))
    return plain, node, []
