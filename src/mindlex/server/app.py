"""create_app(state) -> Starlette: explicit routes and middleware, nothing global."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Awaitable, Callable
from pathlib import Path

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.base import BaseHTTPMiddleware
from starlette.requests import Request
from starlette.responses import HTMLResponse, Response, StreamingResponse
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from mindlex.render.environment import CSP, environment
from mindlex.server.ask import ask_route
from mindlex.server.search import search_route
from mindlex.server.state import ServeState
from mindlex.span import display_path

HEARTBEAT_SECONDS = 15.0


def create_app(state: ServeState, extra_routes: list[Route] | None = None) -> Starlette:
    routes = [
        Route("/-/reload", _reload_stream(state)),
        Route("/-/status", _status(state)),
        search_route(state.site_dir),
        ask_route(state.site_dir),
        *(extra_routes or []),
        Mount("/", app=StaticFiles(directory=state.site_dir, html=True, check_dir=False)),
    ]
    middleware = [
        Middleware(BaseHTTPMiddleware, dispatch=_error_page(state)),
        Middleware(BaseHTTPMiddleware, dispatch=_security_headers),
    ]
    return Starlette(routes=routes, middleware=middleware)


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
                    "where": f"{display_path(d.span.path)}:{d.span.line}:{d.span.col}",
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
                yield f"event: reload\ndata: {seen}\n\n"

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
                "ok": not state.broken,
                "problems": [d.render() for d in state.broken],
                "site": str(Path(state.site_dir)),
            }
        )

    return endpoint
