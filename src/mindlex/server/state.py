"""What the preview server knows: where the site is, and how the last build went."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field
from pathlib import Path

from mindlex.diagnostic import Diagnostic


@dataclass
class ServeState:
    site_dir: Path
    root: Path
    base_url: str | None = None
    """Where the preview is served; replaces `site.base_url` so every link stays local."""
    version: int = 0
    broken: list[Diagnostic] = field(default_factory=list)
    """Problems that stop part of the site from being shown; non-empty -> error page."""
    changed: asyncio.Condition | None = None

    def condition(self) -> asyncio.Condition:
        if self.changed is None:
            self.changed = asyncio.Condition()
        return self.changed

    async def bump(self, broken: list[Diagnostic]) -> None:
        """Record a finished rebuild and wake every waiting browser."""
        cond = self.condition()
        async with cond:
            self.broken = broken
            self.version += 1
            cond.notify_all()
