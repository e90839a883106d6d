"""`GET /api/search?q=`: FTS5 search behind a JSON endpoint that never fails."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from pathlib import Path

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from mindlex.publish.search import MAX_LIMIT, MAX_QUERY_CHARS, SEARCH_DB, Hit, query_index
from mindlex.server.state import Searcher

log = logging.getLogger(__name__)

DEFAULT_LIMIT = 20


def folder_search(site_dir: Path) -> Searcher:
    """Search a built site's `search.sqlite`, read afresh on every query."""

    def search(query: str, limit: int) -> list[Hit]:
        return query_index(site_dir / SEARCH_DB, query, limit)

    return search


def search_route(search: Searcher) -> Route:
    """The route for `create_app`."""
    return Route("/api/search", search_endpoint(search), methods=["GET", "HEAD"])


def search_endpoint(search: Searcher) -> Callable[[Request], Awaitable[Response]]:
    async def endpoint(request: Request) -> Response:
        query = request.query_params.get("q", "")[: MAX_QUERY_CHARS * 4]
        limit = _limit(request.query_params.get("limit", ""))
        try:
            hits = await asyncio.to_thread(search, query, limit)
        except Exception:  # a failing index is an empty answer, never a server error
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
