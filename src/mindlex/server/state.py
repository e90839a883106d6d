"""What the preview server knows: where pages come from, and how the last refresh went."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from mindlex.diagnostic import Diagnostic
from mindlex.publish.search import Hit


class PageSource(Protocol):
    """Output files by relative path (`slug/index.html`); None if there is no such file."""

    def page(self, rel: str) -> bytes | None: ...


Searcher = Callable[[str, int], list[Hit]]
"""(query, limit) -> hits, never raising: what `GET /api/search` asks."""


@dataclass(kw_only=True)
class ServeState:
    root: Path
    site_dir: Path | None = None
    """A built site to serve when `pages` is not given (a finished build, tests)."""
    base_url: str | None = None
    """Where the preview is served; replaces `site.base_url` so every link stays local."""
    pages: PageSource | None = None
    """Where pages come from; None serves the files in `site_dir`."""
    search: Searcher | None = None
    """Where search answers come from; None reads `site_dir/search.sqlite`."""
    version: int = 0
    broken: list[Diagnostic] = field(default_factory=list)
    """Problems that stop part of the site from being shown; non-empty -> error page."""
    failure: str | None = None
    """Why the last refresh failed inside mindlex (the previous pages are still served)."""
    changed_pages: list[str] | None = None
    """URL paths the last refresh changed; None means any page may have changed."""
    changed: asyncio.Condition | None = None

    def condition(self) -> asyncio.Condition:
        if self.changed is None:
            self.changed = asyncio.Condition()
        return self.changed

    async def bump(self, broken: list[Diagnostic], pages: list[str] | None = None) -> None:
        """Record a finished refresh and wake every waiting browser."""
        cond = self.condition()
        async with cond:
            if broken or self.broken:
                pages = None  # the error page comes or goes on every URL
            self.broken = broken
            self.changed_pages = pages
            self.version += 1
            cond.notify_all()
