"""Refresh the in-memory site on every change to an article, template or config, then tell
the browsers which pages moved."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import watchfiles

from mindlex.diagnostic import Diagnostic
from mindlex.errors import ConfigError
from mindlex.publish.live import LiveSite
from mindlex.publish.pipeline import BuildResult
from mindlex.server.state import ServeState
from mindlex.span import Span

log = logging.getLogger(__name__)

Report = Callable[[BuildResult | None, list[Diagnostic]], None]


@dataclass
class Outcome:
    result: BuildResult | None
    broken: list[Diagnostic]
    """What blocks the preview (an empty list when all is shown)."""
    pages: list[str] | None
    """URL paths that changed; None when any page may have."""
    failure: str | None = None


def live_site(state: ServeState) -> LiveSite:
    """The state's in-memory site, made on first use; pages and search then come from it."""
    if not isinstance(state.pages, LiveSite):
        live = LiveSite(state.root, state.base_url)
        state.pages = live
        state.search = live.search.query
    return state.pages


def refresh(
    state: ServeState, changed: frozenset[Path] = frozenset(), complete: bool = False
) -> Outcome:
    """One refresh; a failure inside mindlex is reported and the last pages stay served.

    `complete` means `changed` lists every file changed since the last refresh (a file
    watcher's report), so the others are not looked at again."""
    live = live_site(state)
    try:
        done = live.refresh(changed, complete)
    except ConfigError as exc:
        found = exc.diagnostics or [Diagnostic("CONF000", str(exc), Span(state.root))]
        return Outcome(None, found, None)
    except Exception as exc:  # a bug in mindlex must not stop the preview for good
        log.exception("the preview could not be refreshed")
        return Outcome(None, [], None, f"{type(exc).__name__}: {exc}")
    result = done.result
    loaded = {a.path for a in result.glossary.articles.values()} if result.glossary else set()
    broken = [d for d in result.errors if d.span.path not in loaded]
    return Outcome(result, broken, done.changed_pages)


def rebuild(state: ServeState) -> tuple[BuildResult | None, list[Diagnostic]]:
    """`refresh` for callers that only want the result and what blocks the preview."""
    outcome = refresh(state)
    state.failure = outcome.failure
    return outcome.result, outcome.broken


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
    """Run until `stop` is set, refreshing after each burst of changes."""
    async for changes in watchfiles.awatch(
        *watched_paths(state.root), watch_filter=_relevant, stop_event=stop, debounce=200, step=10
    ):
        await apply(state, report, frozenset(Path(p) for _kind, p in changes))


async def apply(state: ServeState, report: Report, changed: frozenset[Path]) -> None:
    """Refresh for one burst of changes and wake the browsers; never raises, so one bad
    burst cannot end the watch loop."""
    try:
        outcome = await asyncio.to_thread(refresh, state, changed, True)
        state.failure = outcome.failure
        if outcome.failure is None:
            await state.bump(outcome.broken, outcome.pages)  # browsers first, then the terminal
            await asyncio.to_thread(report, outcome.result, outcome.broken)
        else:
            await state.bump(state.broken, None)
    except Exception as exc:  # reporting failed; keep watching
        log.exception("the preview could not be refreshed")
        state.failure = f"{type(exc).__name__}: {exc}"
