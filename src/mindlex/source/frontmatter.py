"""Split YAML front matter from the body and parse it, keeping the position of every field."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from mindlex.diagnostic import Diagnostic
from mindlex.source import yamlpos
from mindlex.source.yamlpos import PosMap, PosSeq
from mindlex.span import Span

FENCE = "---"


@dataclass(frozen=True, slots=True)
class FrontMatter:
    """Parsed front matter plus the body that follows it."""

    data: PosMap
    body: str
    body_line: int
    """1-based line of the body's first line in the file."""
    body_offset: int
    """Character offset of the body in the file."""


def split(path: Path, text: str) -> FrontMatter | Diagnostic:
    """Parse the `---` fenced YAML block at the top of an article."""
    lines = text.split("\n")
    if lines[0].rstrip() != FENCE:
        return Diagnostic(
            "PARSE010",
            "no front matter: the file must start with a `---` line",
            Span(path, 1, 1),
            hint="add a YAML block between `---` lines with at least title, summary and category",
        )
    end = next((i for i in range(1, len(lines)) if lines[i].rstrip() in (FENCE, "...")), None)
    if end is None:
        return Diagnostic(
            "PARSE011",
            "front matter is never closed",
            Span(path, 1, 1),
            hint="add a line containing only `---` after the last front-matter field",
        )
    yaml_text = "\n".join(lines[1:end])
    try:
        data = yamlpos.load(yaml_text)
    except yamlpos.YamlError as exc:
        return Diagnostic(
            "PARSE012",
            f"malformed YAML in front matter: {exc.problem}",
            Span(path, exc.line + 2, exc.column + 1),
            hint="check indentation, colons and quotes (quote values containing `: ` or `#`)",
        )
    if data is None:
        data = yamlpos.PosMap()
        data.lc = yamlpos.Positions(0, 0)
    if not isinstance(data, yamlpos.PosMap):
        return Diagnostic(
            "PARSE013",
            "front matter must be a mapping of `field: value` lines",
            Span(path, 2, 1),
            hint="write fields like `title: Neuroplasticity`",
        )
    body_offset = sum(len(line) + 1 for line in lines[: end + 1])
    body = text[body_offset:] if body_offset <= len(text) else ""
    return FrontMatter(data, body, end + 2, body_offset)


def key_span(path: Path, node: Any, key: str | int, *, value: bool = False) -> Span:
    """The file position of a key (or its value) in front matter; line 1 is the `---` fence."""
    if isinstance(node, PosMap) and key in node:
        line, col = node.lc.value(key) if value else node.lc.key(key)
        return Span(path, line + 2, col + 1)
    if isinstance(node, PosSeq) and isinstance(key, int) and key < len(node):
        line, col = node.lc.item(key)
        return Span(path, line + 2, col + 1)
    if isinstance(node, (PosMap, PosSeq)):
        return Span(path, node.lc.line + 2, node.lc.col + 1)
    return Span(path, 2, 1)


def plain(value: Any) -> Any:
    """Convert positioned containers to plain dicts and lists (pydantic wants those)."""
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [plain(v) for v in value]
    return value
