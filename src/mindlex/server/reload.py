"""Rebuild on every change to an article, template or config, then tell the browsers."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from pathlib import Path

import watchfiles
from pydantic import HttpUrl

from mindlex.config import load_config
from mindlex.diagnostic import Diagnostic
from mindlex.errors import ConfigError
from mindlex.publish.pipeline import BuildOptions, BuildResult, build
from mindlex.server.state import ServeState
from mindlex.span import Span

log = logging.getLogger(__name__)

Report = Callable[[BuildResult | None, list[Diagnostic]], None]


def rebuild(state: ServeState) -> tuple[BuildResult | None, list[Diagnostic]]:
    """One preview build; returns what blocks the preview (an empty list when all is shown)."""
    try:
        config = load_config(state.root)
    except ConfigError as exc:
        return None, exc.diagnostics or [Diagnostic("CONF000", str(exc), Span(state.root))]
    if state.base_url is not None:
        site = config.site.model_copy(update={"base_url": HttpUrl(state.base_url)})
        config = config.model_copy(update={"site": site})
    try:
        result = build(config, BuildOptions(state.site_dir, draft=True, live_reload=True))
    except OSError as exc:
        return None, [
            Diagnostic("BUILD001", f"could not write the preview: {exc}", Span(state.root))
        ]
    loaded = {a.path for a in result.glossary.articles.values()} if result.glossary else set()
    broken = [d for d in result.errors if d.span.path not in loaded]
    return result, broken


def watched_paths(root: Path) -> list[Path]:
    templates = Path(__file__).resolve().parent.parent / "templates"
    static = templates.parent / "static"
    return [root, templates, static]


def _relevant(change: watchfiles.Change, path: str) -> bool:
    name = Path(path).name
    if "/_site" in path or "/." in path or name.startswith((".", "~")) or name.endswith("~"):
        return False
    return name.endswith((".md", ".toml", ".yaml", ".yml", ".json", ".html", ".css", ".js"))


async def watch(state: ServeState, report: Report, stop: asyncio.Event) -> None:
    """Run until `stop` is set, rebuilding after each burst of changes."""
    async for _changes in watchfiles.awatch(
        *watched_paths(state.root), watch_filter=_relevant, stop_event=stop, debounce=200
    ):
        result, broken = await asyncio.to_thread(rebuild, state)
        report(result, broken)
        await state.bump(broken)
