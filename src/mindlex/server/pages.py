"""Turning request paths into output files, and the files a reader may never fetch.

The preview serves what a static host would serve of a built site, found the way a
static host finds it (`/slug/` is `slug/index.html`), and nothing else: the site marker,
the FTS5 database (it has its own API) and anything outside the site are refused.
"""

from __future__ import annotations

import mimetypes
from pathlib import Path, PurePosixPath

HIDDEN = frozenset({".mindlex-site", "search.sqlite", "ask.sqlite"})
"""Build by-products that are not pages: the marker that mindlex made the folder, and
the search and Ask databases behind `/api/search` and `/api/ask`."""


def output_name(url_path: str) -> str | None:
    """`/a/b/` -> `a/b/index.html`; None for paths that climb out or name hidden files."""
    parts = [p for p in url_path.split("/") if p]
    if any(p in ("..", ".") or p.startswith(".") or "\\" in p or "\0" in p for p in parts):
        return None
    rel = "/".join(parts)
    if url_path.endswith("/") or not parts:
        rel = f"{rel}/index.html" if rel else "index.html"
    if rel in HIDDEN:
        return None
    return rel


def media_type(rel: str) -> str:
    guessed, _ = mimetypes.guess_type(PurePosixPath(rel).name)
    if guessed is None:
        return "application/octet-stream"
    if guessed.startswith("text/") or guessed in ("application/json", "application/javascript"):
        return f"{guessed}; charset=utf-8"
    return guessed


class FolderPages:
    """Pages from a built site folder (used to serve a finished build, and by tests)."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def page(self, rel: str) -> bytes | None:
        path = self.folder / rel
        try:
            if not path.resolve().is_relative_to(self.folder.resolve()):
                return None
            return path.read_bytes() if path.is_file() else None
        except OSError:
            return None
