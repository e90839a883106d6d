"""Reports of lint findings: text for people, JSON and SARIF for machines, GitHub annotations."""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path

from mindlex.diagnostic import Diagnostic
from mindlex.report import github, json, sarif, text

FORMATS = ("text", "json", "sarif", "github")


def render(
    fmt: str, diags: Sequence[Diagnostic], *, root: Path | None = None, color: bool = False
) -> str:
    """The report for `diags` in one of FORMATS."""
    base = root or Path.cwd()
    if fmt == "json":
        return json.render(diags, base)
    if fmt == "sarif":
        return sarif.render(diags, base)
    if fmt == "github":
        return github.render(diags, base)
    if fmt == "text":
        return text.render(diags, base, color=color)
    raise ValueError(f"unknown report format {fmt!r}; use one of {', '.join(FORMATS)}")


def relative(path: Path, base: Path) -> str:
    """`path` relative to `base` with forward slashes, or absolute if it lies outside."""
    if path.is_absolute() and base.is_absolute():
        return _relative(path, base)
    return _relative.__wrapped__(path, base)


@lru_cache(maxsize=1 << 16)
def _relative(path: Path, base: Path) -> str:
    """Kept per pair of absolute paths: a report names each file once per finding, and
    resolving costs a system call per part of the path."""
    try:
        return path.resolve().relative_to(base.resolve()).as_posix()
    except ValueError:
        return path.resolve().as_posix()
