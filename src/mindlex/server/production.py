"""The production server for a built site: static files plus `/api/ask`, read-only.

Run it with `python -m mindlex.server.production SITE_DIR --workers 4`, or with uvicorn's
own command as `uvicorn --factory mindlex.server.production:from_environment --no-access-log`
with MINDLEX_SITE set. Each worker opens the built indexes read-only. The app sets no cookies,
limits request sizes, rate-limits `/api/ask` per client, answers `/healthz`, and never logs a
question: the access log is off because a GET query string would carry one.
"""

from __future__ import annotations

import argparse
import os
import threading
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from pathlib import Path

import uvicorn
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.base import BaseHTTPMiddleware
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from mindlex.render.environment import CSP
from mindlex.server.ask import AskerCache, ask_endpoint

MAX_URL_BYTES = 2048
MAX_BODY_BYTES = 4096
RATE = 5.0
"""Ask requests a client may make per second, on average, in one worker."""
BURST = 20.0
"""Requests a client may make at once before the rate applies."""
MAX_CLIENTS = 50_000


@dataclass
class RateLimiter:
    """A token bucket per client address; the oldest buckets go when the table is full."""

    rate: float = RATE
    burst: float = BURST
    buckets: dict[str, tuple[float, float]] = field(default_factory=dict)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def allow(self, client: str, now: float | None = None) -> float:
        """0 when the request may go ahead, else the seconds to wait."""
        now = time.monotonic() if now is None else now
        with self.lock:
            tokens, seen = self.buckets.pop(client, (self.burst, now))
            tokens = min(self.burst, tokens + (now - seen) * self.rate)
            wait = 0.0 if tokens >= 1 else (1 - tokens) / self.rate
            self.buckets[client] = (tokens - 1 if wait == 0 else tokens, now)
            if len(self.buckets) > MAX_CLIENTS:
                del self.buckets[next(iter(self.buckets))]
            return wait


def create_production_app(site_dir: Path, limiter: RateLimiter | None = None) -> Starlette:
    """Explicit routes and middleware; nothing is written to disk or to the log per request."""
    cache = AskerCache(site_dir)
    limiter = limiter or RateLimiter()
    routes = [
        Route("/healthz", _health(cache), methods=["GET", "HEAD"]),
        Route("/api/ask", ask_endpoint(cache), methods=["GET", "POST"]),
        Mount("/", app=StaticFiles(directory=site_dir, html=True)),
    ]
    middleware = [
        Middleware(BaseHTTPMiddleware, dispatch=_guard(limiter)),
    ]
    return Starlette(routes=routes, middleware=middleware)


def from_environment() -> Starlette:
    """Factory for `uvicorn --factory`: the built site folder comes from MINDLEX_SITE."""
    site = os.environ.get("MINDLEX_SITE", "")
    if not site or not Path(site).is_dir():
        raise SystemExit("set MINDLEX_SITE to the folder `mindlex build` wrote")
    try:
        rate = float(os.environ.get("MINDLEX_ASK_RATE", RATE))
        burst = float(os.environ.get("MINDLEX_ASK_BURST", BURST))
    except ValueError as exc:
        raise SystemExit(f"MINDLEX_ASK_RATE and MINDLEX_ASK_BURST must be numbers: {exc}") from exc
    return create_production_app(Path(site), RateLimiter(rate=rate, burst=burst))


def _health(cache: AskerCache) -> Callable[[Request], Awaitable[Response]]:
    async def endpoint(request: Request) -> Response:
        asker = cache.get()
        ok = asker is not None
        body = {"ok": ok, "passages": len(asker.store.passages) if asker else 0}
        return JSONResponse(body, status_code=200 if ok else 503)

    return endpoint


def _guard(
    limiter: RateLimiter,
) -> Callable[[Request, Callable[[Request], Awaitable[Response]]], Awaitable[Response]]:
    async def dispatch(
        request: Request, call_next: Callable[[Request], Awaitable[Response]]
    ) -> Response:
        if len(request.url.path) + len(request.url.query) > MAX_URL_BYTES:
            return JSONResponse({"error": "request URL too long"}, status_code=414)
        length = request.headers.get("content-length", "0")
        if not length.isdigit() or int(length) > MAX_BODY_BYTES:
            return JSONResponse({"error": "request body too large"}, status_code=413)
        if request.url.path == "/api/ask":
            wait = limiter.allow(request.client.host if request.client else "?")
            if wait:
                return JSONResponse(
                    {"error": "too many questions; wait a moment"},
                    status_code=429,
                    headers={"Retry-After": str(max(1, round(wait)))},
                )
        response = await call_next(request)
        if "set-cookie" in response.headers:
            del response.headers["set-cookie"]
        response.headers.setdefault("Content-Security-Policy", CSP)
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("Referrer-Policy", "no-referrer")
        return response

    return dispatch


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Serve a built mindlex site with /api/ask.")
    parser.add_argument("site", type=Path, help="the folder `mindlex build` wrote")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8080)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--rate", type=float, default=RATE, help="ask requests/s per client")
    parser.add_argument("--burst", type=float, default=BURST, help="ask requests at once")
    args = parser.parse_args(argv)
    if not (args.site / "index.html").is_file():
        raise SystemExit(f"{args.site}: not a built site (no index.html)")
    os.environ["MINDLEX_SITE"] = str(args.site.resolve())
    os.environ["MINDLEX_ASK_RATE"] = str(args.rate)
    os.environ["MINDLEX_ASK_BURST"] = str(args.burst)
    uvicorn.run(
        "mindlex.server.production:from_environment",
        factory=True,
        host=args.host,
        port=args.port,
        workers=args.workers,
        access_log=False,
        log_level="warning",
        limit_concurrency=512,
        timeout_keep_alive=5,
    )


if __name__ == "__main__":
    main()
