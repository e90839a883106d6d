"""`/api/ask`: the built `ask.sqlite` behind a JSON endpoint, for the preview and production apps.

The question arrives as `?q=` (GET) or as `{"q": ...}` (POST, which keeps it out of URLs and
proxy logs). It is never logged: failures are logged without it.
"""

from __future__ import annotations

import asyncio
import json
import logging
import threading
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from mindlex.ask.index import ASK_DB
from mindlex.ask.service import MAX_TRIAGE_CHARS, Asker, glossary_asker

if TYPE_CHECKING:  # the production server never loads the preview's in-memory site
    from mindlex.publish.live import LiveSite
    from mindlex.publish.snapshot import Snapshot

log = logging.getLogger(__name__)

MAX_BODY_BYTES = 4096
NO_STORE = {"Cache-Control": "no-store"}


class AskerCache:
    """The Asker for the current `ask.sqlite`, reopened when a rebuild replaces the file."""

    def __init__(self, site_dir: Path) -> None:
        self.path = site_dir / ASK_DB
        self._lock = threading.Lock()
        self._stamp: tuple[int, int, int] | None = None
        self._asker: Asker | None = None

    def get(self) -> Asker | None:
        try:
            stat = self.path.stat()
        except OSError:
            return None
        stamp = (stat.st_ino, stat.st_mtime_ns, stat.st_size)
        with self._lock:
            if stamp != self._stamp:
                try:
                    self._asker = Asker.open(self.path)
                except ValueError:
                    log.exception("the Ask index cannot be opened")
                    self._asker = None
                self._stamp = stamp
            return self._asker


class LiveAskers:
    """The preview's Asker, made from the in-memory site's current snapshot.

    It is rebuilt on the first question after a refresh replaced the snapshot, so saving
    an article costs nothing until someone asks; unchanged passages keep their vectors.
    """

    def __init__(self, live: LiveSite) -> None:
        self.live = live
        self._lock = threading.Lock()
        self._snapshot: Snapshot | None = None
        self._asker: Asker | None = None

    def get(self) -> Asker | None:
        snapshot = self.live.snapshot
        if snapshot is None:
            return None
        with self._lock:
            if snapshot is not self._snapshot:
                known = self._asker.store.vectors_by_hash() if self._asker is not None else None
                states = self.live.review_states()
                self._asker = glossary_asker(snapshot.glossary, states, known=known)
                self._snapshot = snapshot
            return self._asker


class AskerSource(Protocol):
    """Where the endpoint gets the current Asker; None while there is none."""

    def get(self) -> Asker | None: ...


def ask_route(source: Path | AskerSource | None) -> Route:
    """The route both apps register: GET and POST `/api/ask`.

    `source` is a built site's folder (its `ask.sqlite`) or an `AskerSource` such as the
    preview's `LiveAskers`; with None the endpoint says answers are not available.
    """
    found = AskerCache(source) if isinstance(source, Path) else source or _Nothing()
    return Route("/api/ask", ask_endpoint(found), methods=["GET", "POST"])


class _Nothing:
    def get(self) -> Asker | None:
        return None


def ask_endpoint(cache: AskerSource) -> Callable[[Request], Awaitable[Response]]:
    async def endpoint(request: Request) -> Response:
        question, problem = await _question(request)
        if problem:
            return JSONResponse({"error": problem}, status_code=400, headers=NO_STORE)
        asker = cache.get()
        if asker is None:
            body = {"error": "answers are not available: the site has no Ask index"}
            return JSONResponse(body, status_code=503, headers=NO_STORE)
        try:
            result = await asyncio.to_thread(asker.ask, question)
        except Exception:  # one bad request must not take the endpoint down; no question logged
            log.exception("an Ask request failed")
            return JSONResponse({"error": "internal error"}, status_code=500, headers=NO_STORE)
        return JSONResponse(result.as_json(), headers=NO_STORE)

    return endpoint


async def _question(request: Request) -> tuple[str, str]:
    """(question, problem): exactly one of them is empty."""
    if request.method == "GET":
        text = request.query_params.get("q", "")
    else:
        raw = await _body(request)
        if raw is None:
            return "", f"the request body is over {MAX_BODY_BYTES} bytes"
        try:
            data = json.loads(raw or b"{}")
        except (ValueError, UnicodeDecodeError):
            return "", 'send JSON such as {"q": "your question"}'
        text = data.get("q", "") if isinstance(data, dict) else ""
        if not isinstance(text, str):
            return "", '"q" must be a string'
    text = text.strip()
    if not text:
        return "", 'ask a question with ?q= or a JSON body {"q": ...}'
    return text[:MAX_TRIAGE_CHARS], ""


async def _body(request: Request) -> bytes | None:
    """The body, or None as soon as it grows past the limit (never read in full)."""
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > MAX_BODY_BYTES:
            return None
        chunks.append(chunk)
    return b"".join(chunks)
