"""Walk the glossary root and read article files, turning unreadable ones into Diagnostics."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from mindlex.diagnostic import Diagnostic
from mindlex.span import Span

SKIP_DIRS = {".git", ".venv", "node_modules", "_site", ".mindlex-cache", "__pycache__", "review"}
SKIP_FILES = {"README.md", "CHANGELOG.md", "LICENSE.md", "CONTRIBUTING.md"}


@dataclass(frozen=True, slots=True)
class SourceFile:
    """One article file as read from disk."""

    path: Path
    text: str
    sha256: str


def article_paths(content_root: Path) -> list[Path]:
    """Every article file under the root, in a stable order."""
    found: list[Path] = []
    for path in sorted(content_root.rglob("*.md")):
        rel = path.relative_to(content_root)
        if any(part in SKIP_DIRS or part.startswith(".") for part in rel.parts[:-1]):
            continue
        if path.name in SKIP_FILES or path.name.startswith((".", "_")):
            continue
        found.append(path)
    return found


def read_source(path: Path, max_bytes: int) -> SourceFile | Diagnostic:
    """Read one file as UTF-8, or say precisely why it cannot be used."""
    span = Span(path, 1, 1)
    try:
        data = path.read_bytes()
    except OSError as exc:
        return Diagnostic(
            "PARSE001",
            f"cannot read file: {exc.strerror}",
            span,
            hint="check the file exists and is readable",
        )
    if len(data) > max_bytes:
        return Diagnostic(
            "PARSE002",
            f"file is {len(data):,} bytes, over the {max_bytes:,}-byte limit",
            span,
            hint="split the article, or raise `site.max_file_bytes` in mindlex.toml",
        )
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        col = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        return Diagnostic(
            "PARSE003",
            f"not valid UTF-8 (byte 0x{data[exc.start]:02x})",
            Span(path, line, col),
            hint="re-save the file with UTF-8 encoding",
        )
    if text.startswith("\ufeff"):
        text = text[1:]
    if not text.strip():
        return Diagnostic(
            "PARSE004",
            "file is empty",
            span,
            hint="add front matter and a body, or delete the file "
            "(`mindlex new` writes a template)",
        )
    return SourceFile(path, text, hashlib.sha256(data).hexdigest())


def read_sources(paths: list[Path], max_bytes: int) -> Iterator[SourceFile | Diagnostic]:
    for path in paths:
        yield read_source(path, max_bytes)
