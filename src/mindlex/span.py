"""The one position type shared by every stage and every report."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, slots=True)
class Span:
    """A 1-based line/column range in one source file."""

    path: Path
    line: int = 1
    col: int = 1
    end_line: int | None = None
    end_col: int | None = None

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.col}"

    def at(self, line: int, col: int = 1) -> Span:
        """Another position in the same file."""
        return Span(self.path, line, col)


def display_path(path: Path) -> str:
    """A path relative to the working directory when it lies below it, else as given."""
    try:
        return str(path.resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(path)
