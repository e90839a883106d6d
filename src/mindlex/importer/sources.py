"""Which reader each SOURCE argument needs: a file by its extension, a folder by its files."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from mindlex.importer.blocks import RawPage, Unreadable
from mindlex.importer.decode import check_size
from mindlex.importer.html import read_html
from mindlex.importer.markdown import read_markdown
from mindlex.importer.text import read_text
from mindlex.importer.wxr import is_wxr, read_wxr
from mindlex.span import display_path

KINDS = {
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".txt": "text",
    ".text": "text",
    ".md": "markdown",
    ".markdown": "markdown",
    ".mdx": "markdown",
    ".xml": "wordpress",
}
READERS: dict[str, Callable[[str, bytes], RawPage]] = {
    "html": read_html,
    "text": read_text,
    "markdown": read_markdown,
}


@dataclass(frozen=True, slots=True)
class Unit:
    """One file to read: its path, the label shown for it, and its kind."""

    path: Path
    label: str
    kind: str


def expand(sources: list[Path]) -> tuple[list[Unit], list[tuple[str, str]]]:
    """Files to import, and (source, message) for arguments that cannot be used."""
    units: list[Unit] = []
    problems: list[tuple[str, str]] = []
    for source in sources:
        if source.is_dir():
            found = [
                p
                for p in sorted(source.rglob("*"))
                if p.is_file()
                and p.suffix.lower() in KINDS
                and not any(part.startswith(".") for part in p.relative_to(source).parts)
            ]
            if not found:
                problems.append((display_path(source), "no .html, .txt, .md or .xml files here"))
            units += [Unit(p, display_path(p), KINDS[p.suffix.lower()]) for p in found]
        elif source.is_file():
            kind = KINDS.get(source.suffix.lower())
            if kind is None:
                problems.append((display_path(source), _unknown(source)))
            else:
                units.append(Unit(source, display_path(source), kind))
        else:
            problems.append((display_path(source), "no such file or folder; check the path"))
    return units, problems


def _unknown(path: Path) -> str:
    return (
        f"cannot tell what kind of page a `{path.suffix or 'extensionless'}` file is; "
        "use .html, .txt, .md or a WordPress .xml export"
    )


def read_unit(unit: Unit, max_bytes: int) -> tuple[list[RawPage], list[str]]:
    """The pages in one file and notes on items left out; raises Unreadable."""
    try:
        data = unit.path.read_bytes()
    except OSError as exc:
        raise Unreadable(f"cannot read the file: {exc.strerror}") from None
    check_size(data, max_bytes)
    if unit.kind == "wordpress":
        if not is_wxr(data):
            raise Unreadable("this XML file is not a WordPress export (WXR)")
        return read_wxr(unit.label, data)
    return [READERS[unit.kind](unit.label, data)], []
