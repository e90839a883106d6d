"""Who may talk to the workspace: the holder of the printed link, from the loopback origin.

The same model as Jupyter's: a random token in the URL printed on the terminal is swapped
for a session cookie (HttpOnly, SameSite=Strict, host-only), every form carries a CSRF token
bound to the session, and requests naming another host or origin are refused, which also
stops DNS rebinding. Nothing here is stored on disk; restarting the server ends all sessions.
"""

from __future__ import annotations

import hmac
import secrets
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response

LOOPBACK_HOSTS = ("127.0.0.1", "localhost", "[::1]")
SAFE_METHODS = ("GET", "HEAD")
CSP = (
    "default-src 'none'; style-src 'self'; img-src 'self' data:; font-src 'self'; "
    "form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
)
"""Like the site's policy, stricter: the workspace runs no script at all."""


@dataclass
class Guard:
    """The secrets of one running workspace and the checks every request passes."""

    port: int
    token: str = field(default_factory=lambda: secrets.token_urlsafe(32))
    sessions: dict[str, str] = field(default_factory=dict)
    """Session id -> its CSRF token."""

    @property
    def cookie(self) -> str:
        """Per-port name: browsers share cookies between ports of one host."""
        return f"mindlex-workspace-{self.port}"

    def url(self, host: str = "127.0.0.1") -> str:
        return f"http://{host}:{self.port}/?token={self.token}"

    def allowed_hosts(self) -> set[str]:
        return {f"{host}:{self.port}" for host in LOOPBACK_HOSTS}

    def csrf(self, request: Request) -> str:
        """The CSRF token of the request's session ("" when there is none)."""
        return self.csrf_for(request.cookies.get(self.cookie, ""))

    def csrf_for(self, session: str) -> str:
        return self.sessions.get(session, "")

    def check_csrf(self, request: Request, sent: str) -> bool:
        expected = self.csrf(request)
        return bool(expected) and hmac.compare_digest(expected.encode(), sent.encode())

    def refusal(self, request: Request) -> str:
        """Why the request is refused, or "" when it may proceed."""
        host = request.headers.get("host", "")
        if host not in self.allowed_hosts():
            return f"the Host header {host!r} is not this workspace's loopback address"
        origin = request.headers.get("origin")
        if origin is not None and not self._same_origin(origin):
            return "the request comes from another origin"
        if request.headers.get("sec-fetch-site") == "cross-site":
            return "the request comes from another site"
        if request.method not in SAFE_METHODS and origin is None:
            referer = request.headers.get("referer", "")
            if not referer or not self._same_origin(referer):
                return "a form must be sent from the workspace itself"
        return ""

    def _same_origin(self, url: str) -> bool:
        parts = urlsplit(url)
        return parts.scheme == "http" and parts.netloc in self.allowed_hosts()

    def open_session(self) -> tuple[str, str]:
        session, csrf = secrets.token_urlsafe(32), secrets.token_urlsafe(32)
        self.sessions[session] = csrf
        return session, csrf

    def has_session(self, request: Request) -> bool:
        return request.cookies.get(self.cookie, "") in self.sessions

    def token_matches(self, sent: str) -> bool:
        return hmac.compare_digest(self.token.encode(), sent.encode())


Endpoint = Callable[[Request], Awaitable[Response]]


def guarded(guard: Guard, call_next: Endpoint) -> Endpoint:
    """Wrap the app: refuse foreign requests, trade the token for a cookie, add headers."""

    async def endpoint(request: Request) -> Response:
        why = guard.refusal(request)
        if why:
            return _headers(_denied(why, 403))
        sent = request.query_params.get("token")
        if sent is not None and request.method in SAFE_METHODS:
            if not guard.token_matches(sent):
                return _headers(_denied("the token in the link is wrong", 403))
            session, _ = guard.open_session()
            response: Response = RedirectResponse(request.url.path, status_code=303)
            response.set_cookie(
                guard.cookie, session, httponly=True, samesite="strict", path="/", secure=False
            )
            return _headers(response)
        if not guard.has_session(request):
            return _headers(
                _denied("open the link printed in the terminal (it carries the token)", 403)
            )
        return _headers(await call_next(request))

    return endpoint


def _denied(why: str, status: int) -> Response:
    body = (
        '<!doctype html><html lang="en"><head><meta charset="utf-8">'
        "<title>Not allowed | mindlex review workspace</title></head><body><main>"
        "<h1>Not allowed</h1><p>This review workspace refused the request: "
        f"{_escape(why)}.</p></main></body></html>"
    )
    return HTMLResponse(body, status_code=status)


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _headers(response: Response) -> Response:
    response.headers["Content-Security-Policy"] = CSP
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["X-Frame-Options"] = "DENY"
    response.headers["Referrer-Policy"] = "same-origin"
    response.headers["Cache-Control"] = "no-store"
    response.headers["Cross-Origin-Opener-Policy"] = "same-origin"
    response.headers["Cross-Origin-Resource-Policy"] = "same-origin"
    return response
