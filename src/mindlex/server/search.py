"""`GET /api/search?q=`: the build's FTS5 index behind a JSON endpoint that never fails."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from pathlib import Path

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from mindlex.publish.search import MAX_LIMIT, MAX_QUERY_CHARS, SEARCH_DB, query_index

log = logging.getLogger(__name__)

DEFAULT_LIMIT = 20


def search_route(site_dir: Path) -> Route:
    """The route for `create_app`; it reads `search.sqlite` from the current site each time."""
    return Route("/api/search", search_endpoint(site_dir), methods=["GET", "HEAD"])


def search_endpoint(site_dir: Path) -> Callable[[Request], Awaitable[Response]]:
    async def endpoint(request: Request) -> Response:
        query = request.query_params.get("q", "")[: MAX_QUERY_CHARS * 4]
        limit = _limit(request.query_params.get("limit", ""))
        try:
            hits = await asyncio.to_thread(query_index, site_dir / SEARCH_DB, query, limit)
        except Exception:  # the index is a file on disk; a failure there is an empty answer
            log.exception("search failed for %r", query[:80])
            hits = []
        body = {"query": query, "results": [h.as_json() for h in hits]}
        return JSONResponse(body, headers={"Cache-Control": "no-store"})

    return endpoint


def _limit(text: str) -> int:
    """`limit=` clamped to 1..MAX_LIMIT; anything that is not a number means the default."""
    try:
        value = int(text)
    except ValueError:
        return DEFAULT_LIMIT
    return max(1, min(value, MAX_LIMIT))
