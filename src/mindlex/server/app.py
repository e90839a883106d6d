"""create_app(state) -> Starlette: explicit routes and middleware, nothing global."""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator, Awaitable, Callable
from pathlib import Path

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.base import BaseHTTPMiddleware
from starlette.requests import Request
from starlette.responses import HTMLResponse, Response, StreamingResponse
from starlette.routing import Route

from mindlex.diagnostic import Diagnostic
from mindlex.publish.live import LiveSite
from mindlex.publish.search import Hit
from mindlex.render.environment import CSP, environment
from mindlex.server.ask import AskerSource, LiveAskers, ask_route
from mindlex.server.pages import FolderPages
from mindlex.server.routes import page_endpoint
from mindlex.server.search import folder_search, search_route
from mindlex.server.state import PageSource, Searcher, ServeState

HEARTBEAT_SECONDS = 15.0


def create_app(state: ServeState, extra_routes: list[Route] | None = None) -> Starlette:
    """Routes in order; extra routes (other APIs) go before the catch-all page route."""
    routes = [
        Route("/-/reload", _reload_stream(state)),
        Route("/-/status", _status(state)),
        search_route(_searcher(state)),
        ask_route(_asker_source(state)),
        *(extra_routes or []),
        Route("/{path:path}", page_endpoint(_pages(state))),
    ]
    middleware = [
        Middleware(BaseHTTPMiddleware, dispatch=_error_page(state)),
        Middleware(BaseHTTPMiddleware, dispatch=_security_headers),
    ]
    return Starlette(routes=routes, middleware=middleware)


def _asker_source(state: ServeState) -> Path | AskerSource | None:
    """A built site's `ask.sqlite`, or Askers made from the preview's in-memory site."""
    if state.site_dir is not None:
        return state.site_dir
    return LiveAskers(state.pages) if isinstance(state.pages, LiveSite) else None


def _pages(state: ServeState) -> PageSource:
    """Pages as the state has them now: `rebuild` may attach the in-memory site later."""

    class Current:
        def page(self, rel: str) -> bytes | None:
            if state.pages is not None:
                return state.pages.page(rel)
            if state.site_dir is not None:
                return FolderPages(state.site_dir).page(rel)
            return None

    return Current()


def _searcher(state: ServeState) -> Searcher:
    def search(query: str, limit: int) -> list[Hit]:
        if state.search is not None:
            return state.search(query, limit)
        if state.site_dir is not None:
            return folder_search(state.site_dir)(query, limit)
        return []

    return search


async def _security_headers(
    request: Request, call_next: Callable[[Request], Awaitable[Response]]
) -> Response:
    response = await call_next(request)
    response.headers.setdefault("Content-Security-Policy", CSP)
    response.headers.setdefault("X-Content-Type-Options", "nosniff")
    response.headers.setdefault("Referrer-Policy", "no-referrer")
    response.headers.setdefault("Cache-Control", "no-store")
    return response


def _error_page(
    state: ServeState,
) -> Callable[[Request, Callable[[Request], Awaitable[Response]]], Awaitable[Response]]:
    async def dispatch(
        request: Request, call_next: Callable[[Request], Awaitable[Response]]
    ) -> Response:
        path = request.url.path
        if state.broken and not path.startswith(("/assets/", "/-/", "/api/", "/pagefind/")):
            items = [
                {
                    "where": f"{shown_path(d.span.path, state.root)}:{d.span.line}:{d.span.col}",
                    "code": d.code,
                    "message": d.message,
                    "hint": d.hint,
                }
                for d in state.broken
            ]
            html = environment().get_template("error.html").render(diagnostics=items)
            return HTMLResponse(html, status_code=500)
        return await call_next(request)

    return dispatch


def _reload_stream(state: ServeState) -> Callable[[Request], Awaitable[Response]]:
    async def endpoint(request: Request) -> Response:
        async def events() -> AsyncIterator[str]:
            seen = state.version
            cond = state.condition()
            yield "retry: 1000\n\n"
            while True:
                async with cond:
                    try:
                        await asyncio.wait_for(
                            cond.wait_for(_newer_than(state, seen)), HEARTBEAT_SECONDS
                        )
                    except TimeoutError:
                        yield ": keep-alive\n\n"
                        continue
                seen = state.version
                data = json.dumps({"version": seen, "pages": state.changed_pages})
                yield f"event: reload\ndata: {data}\n\n"

        return StreamingResponse(events(), media_type="text/event-stream")

    return endpoint


def _newer_than(state: ServeState, seen: int) -> Callable[[], bool]:
    return lambda: state.version != seen


def _status(state: ServeState) -> Callable[[Request], Awaitable[Response]]:
    async def endpoint(request: Request) -> Response:
        from starlette.responses import JSONResponse

        return JSONResponse(
            {
                "version": state.version,
                "ok": not state.broken and state.failure is None,
                "problems": [_one_line(d, state.root) for d in state.broken],
                "failure": state.failure,
            }
        )

    return endpoint


def shown_path(path: Path, root: Path) -> str:
    """A path relative to the glossary; the server never tells a browser where files live."""
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except (ValueError, OSError):
        return path.name


def _one_line(d: Diagnostic, root: Path) -> str:
    tail = f" — {d.hint}" if d.hint else ""
    return f"{shown_path(d.span.path, root)}:{d.span.line}:{d.span.col}: {d.code} {d.message}{tail}"
