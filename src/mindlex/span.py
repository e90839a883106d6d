"""The one position type shared by every stage and every report."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
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

    def __reduce__(self) -> tuple[object, tuple[str, int, int, int | None, int | None]]:
        """Pickle as a plain call with the path as text: restoring the generated slots state
        and a Path per span is several times slower, and a cached article holds many spans."""
        return (_restore, (str(self.path), self.line, self.col, self.end_line, self.end_col))

    def at(self, line: int, col: int = 1) -> Span:
        """Another position in the same file."""
        return Span(self.path, line, col)


@lru_cache(maxsize=4096)
def _path(text: str) -> Path:
    return Path(text)


def _restore(path: str, line: int, col: int, end_line: int | None, end_col: int | None) -> Span:
    return Span(_path(path), line, col, end_line, end_col)


def display_path(path: Path) -> str:
    """A path relative to the working directory when it lies below it, else as given."""
    return _display(path, Path.cwd())


@lru_cache(maxsize=65536)
def _display(path: Path, cwd: Path) -> str:
    try:
        return str(path.resolve().relative_to(cwd))
    except ValueError:
        return str(path)
