"""The page route: any GET that no API route took, answered from a `PageSource`."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable

from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from mindlex.server.pages import media_type, output_name
from mindlex.server.state import PageSource

NOT_FOUND = "404.html"


def page_endpoint(source: PageSource) -> Callable[[Request], Awaitable[Response]]:
    """Serve `source`'s files like a static host: `/x/` is `x/index.html`, `/x` redirects
    to `/x/` when only that exists, and anything else is the site's 404 page."""

    async def endpoint(request: Request) -> Response:
        if request.method not in ("GET", "HEAD"):
            return Response(status_code=405, headers={"Allow": "GET, HEAD"})
        path = request.url.path
        rel = output_name(path)
        if rel is not None:
            # Rendering may take a moment on a large glossary: keep the event loop free.
            data = await asyncio.to_thread(source.page, rel)
            if data is not None:
                return Response(data, media_type=media_type(rel))
            if not path.endswith("/"):
                folder = await asyncio.to_thread(source.page, rel + "/index.html")
                if folder is not None:
                    return RedirectResponse(path + "/", status_code=307)
        missing = await asyncio.to_thread(source.page, NOT_FOUND)
        if missing is None:
            return Response("Not Found", status_code=404, media_type="text/plain")
        return Response(missing, status_code=404, media_type=media_type(NOT_FOUND))

    return endpoint
