"""Parsed articles kept between builds, by file path and the sha256 of the file's bytes.

Lives in `<root>/.mindlex-cache/parsed.bin` behind the engine store's checked header; the
loader asks it before parsing a file and fills it with what it had to parse.
"""

from __future__ import annotations

import pickle
import zlib
from dataclasses import dataclass, field
from pathlib import Path

from mindlex.diagnostic import Diagnostic
from mindlex.engine.store import read_checked, write_checked
from mindlex.model import Article

CACHE_DIR = ".mindlex-cache"

Parsed = tuple[Article | None, list[Diagnostic]]


def cache_root(root: Path) -> Path:
    return root / CACHE_DIR


def pack(parsed: Parsed) -> bytes:
    return zlib.compress(pickle.dumps(parsed, protocol=pickle.HIGHEST_PROTOCOL), 1)


def unpack(blob: bytes) -> Parsed:
    article, diags = pickle.loads(zlib.decompress(blob))
    return article, list(diags)


@dataclass
class ParseCache:
    """File path -> (sha256 of its bytes, packed parse result), kept between builds."""

    path: Path
    entries: dict[str, tuple[str, bytes]] = field(default_factory=dict)
    used: dict[str, tuple[str, bytes]] = field(default_factory=dict)
    hits: int = 0
    misses: int = 0

    @classmethod
    def open(cls, root: Path) -> ParseCache:
        path = cache_root(root) / "parsed.bin"
        payload = read_checked(path, "parsed")
        return cls(path, payload if isinstance(payload, dict) else {})

    def get(self, path: Path, sha256: str) -> Parsed | None:
        found = self.entries.get(str(path))
        if found is None or found[0] != sha256:
            return None
        try:
            article, diags = unpack(found[1])
        except Exception:  # a damaged entry is a miss, not a crash
            return None
        if article is not None and (article.sha256 != sha256 or article.path != path):
            return None
        self.used[str(path)] = found
        self.hits += 1
        return article, diags

    def keep(self, path: Path, sha256: str) -> None:
        """Carry an entry into the next save without unpacking it (parsed in memory)."""
        found = self.entries.get(str(path))
        if found is not None and found[0] == sha256:
            self.used[str(path)] = found

    def put(self, path: Path, sha256: str, blob: bytes) -> None:
        self.used[str(path)] = (sha256, blob)
        self.misses += 1

    def save(self) -> None:
        """Keep only the files seen in this build, so deleted articles leave the cache."""
        if self.misses or self.used.keys() != self.entries.keys():
            write_checked(self.path, "parsed", self.used)
