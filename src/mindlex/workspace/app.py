"""create_workspace(...) -> Starlette: the review workspace's routes, behind `security.Guard`."""

from __future__ import annotations

import datetime as dt
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.base import BaseHTTPMiddleware
from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from mindlex.config import load_config
from mindlex.diagnostic import Diagnostic
from mindlex.errors import ConfigError
from mindlex.glossary import Glossary
from mindlex.loader import ParseMemo, load_glossary
from mindlex.render.environment import label, longdate
from mindlex.review.fingerprint import content_of, fingerprint
from mindlex.review.signing import default_key_path
from mindlex.review.status import ReviewData, ReviewState, load_review_data, states_with
from mindlex.workspace import actions, charts, queue
from mindlex.workspace.metrics import Dashboard, dashboard, files_key
from mindlex.workspace.page import review_page, signed_page
from mindlex.workspace.security import Guard, guarded

MAX_FORM_BYTES = 65_536
KIND_NAMES = {"faq": "FAQ", "when_to_seek_help": "When to seek help", "other": "other"}
STATIC = Path(__file__).resolve().parent / "static"


@dataclass
class Workspace:
    """What the running workspace knows: the glossary folder, key files and its guard."""

    root: Path
    guard: Guard
    keys: dict[str, Path] = field(default_factory=dict)
    within_days: int = 30
    today: dt.date | None = None

    def day(self) -> dt.date:
        return self.today or dt.date.today()


@dataclass
class Loaded:
    glossary: Glossary
    diagnostics: list[Diagnostic]
    data: ReviewData
    states: dict[str, ReviewState]


_LAST: dict[str, Loaded] = {}
_PARSED = ParseMemo()
"""Parse results kept between loads: a reload re-parses only the files that changed."""


def load(ws: Workspace) -> Loaded:
    """The glossary and its review states as the files on disk are now.

    Reused while no file under the root has changed (same paths, sizes and modification
    times, and the same day), so moving between pages does not re-verify every signature.
    """
    key = files_key(ws.root, ws.day())
    if key not in _LAST:
        config = load_config(ws.root)
        loaded = load_glossary(config, memo=_PARSED)
        data = load_review_data(loaded.glossary)
        states = states_with(data, loaded.glossary, ws.day())
        _LAST.clear()
        _LAST[key] = Loaded(loaded.glossary, loaded.diagnostics, data, states)
    return _LAST[key]


@lru_cache(maxsize=1)
def templates() -> Environment:
    env = Environment(
        loader=PackageLoader("mindlex", "workspace/templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["longdate"] = longdate
    env.filters["label"] = label
    env.globals["bucket_label"] = queue.bucket_label
    return env


def create_workspace(ws: Workspace) -> Starlette:
    routes = [
        Route("/", _page(ws, _queue)),
        Route("/dashboard", _page(ws, _dashboard)),
        Route("/article/{slug}", _page(ws, _article)),
        Route("/article/{slug}/signed", _page(ws, _signed)),
        Route("/article/{slug}/sign", _page(ws, _sign), methods=["POST"]),
        Route("/article/{slug}/request", _page(ws, _request), methods=["POST"]),
        Mount("/static", app=StaticFiles(directory=STATIC)),
    ]

    async def dispatch(
        request: Request, call_next: Callable[[Request], Awaitable[Response]]
    ) -> Response:
        return await guarded(ws.guard, call_next)(request)

    return Starlette(routes=routes, middleware=[Middleware(BaseHTTPMiddleware, dispatch=dispatch)])


Handler = Callable[[Workspace, Request, Loaded], Awaitable[Response]]


def _page(ws: Workspace, handler: Handler) -> Callable[[Request], Awaitable[Response]]:
    async def endpoint(request: Request) -> Response:
        try:
            loaded = load(ws)
        except ConfigError as exc:
            return render(ws, request, "problem.html", 500, message=str(exc))
        return await handler(ws, request, loaded)

    return endpoint


def render(
    ws: Workspace, request: Request, name: str, status: int = 200, **context: Any
) -> Response:
    html = (
        templates()
        .get_template(name)
        .render(csrf=ws.guard.csrf(request), today=ws.day(), within=ws.within_days, **context)
    )
    return HTMLResponse(html, status_code=status)


async def _queue(ws: Workspace, request: Request, loaded: Loaded) -> Response:
    rows = queue.queue(loaded.glossary, loaded.states, ws.day(), ws.within_days)
    params = request.query_params
    chosen = {k: params.get(k, "") for k in ("category", "reviewer", "bucket")}
    shown = queue.select(rows, **chosen)
    return render(
        ws,
        request,
        "queue.html",
        rows=shown,
        counts=queue.counts(queue.select(rows, chosen["category"], chosen["reviewer"])),
        total=len(rows),
        chosen=chosen,
        categories=sorted({r.category for r in rows}),
        reviewers=sorted(loaded.data.reviewers.by_id.values(), key=lambda r: r.name),
        buckets=queue.BUCKETS,
        problems=[d.render() for d in loaded.diagnostics + loaded.data.diagnostics],
    )


async def _dashboard(ws: Workspace, request: Request, loaded: Loaded) -> Response:
    board = dashboard(loaded.data, loaded.glossary, loaded.states, ws.day(), loaded.diagnostics)
    return render(ws, request, "dashboard.html", board=board, charts=dashboard_charts(board))


def dashboard_charts(board: Dashboard) -> dict[str, Any]:
    """Every chart of the dashboard, shared by the workspace and `mindlex report`."""
    reading = {
        kind: charts.bar_chart(
            f"reading-{kind}",
            f"Reading level of {KIND_NAMES.get(kind, kind)} sections (SMOG grade)",
            f"Number of {KIND_NAMES.get(kind, kind)} sections in each SMOG grade band.",
            list(bands.items()),
            "Sections",
        )
        for kind, bands in board.reading.items()
    }
    return {
        "coverage": charts.coverage_chart(
            "coverage",
            "Review coverage over time",
            "Share of articles with a current clinical sign-off at the end of each month.",
            board.coverage,
        ),
        "states": charts.bar_chart(
            "states",
            "Articles by review state",
            "Number of articles in each review state today.",
            list(board.states.items()),
            "Articles",
        ),
        "findings": charts.bar_chart(
            "findings",
            "Lint findings per rule family",
            "Number of findings of `mindlex lint` in each rule family.",
            list(board.findings.items()),
            "Findings",
        ),
        "evidence": charts.bar_chart(
            "evidence",
            "Evidence mix",
            "Number of cited sources of each evidence type across all articles.",
            list(board.evidence.items()),
            "Sources",
        ),
        "ages": charts.bar_chart(
            "ages",
            "Reference age",
            "Number of cited sources by years since publication.",
            list(board.ages.items()),
            "Sources",
        ),
        "reading": reading,
    }


def _article_or_404(ws: Workspace, request: Request, loaded: Loaded) -> tuple[Any, Response | None]:
    slug = request.path_params["slug"]
    article = loaded.glossary.get(slug)
    if article is None or slug not in loaded.states:
        return None, render(ws, request, "problem.html", 404, message=f"No article `{slug}`.")
    return article, None


async def _article(
    ws: Workspace,
    request: Request,
    loaded: Loaded,
    *,
    message: str = "",
    error: str = "",
    status: int = 200,
) -> Response:
    article, missing = _article_or_404(ws, request, loaded)
    if missing is not None:
        return missing
    page = review_page(loaded.data, loaded.glossary, article, ws.day(), loaded.diagnostics)
    done = {"signed": "Signed. The ledger has your sign-off.", "requested": "Change request saved."}
    return render(
        ws,
        request,
        "article.html",
        status,
        page=page,
        seen=fingerprint(content_of(loaded.glossary, article)),
        signers=[r for r in loaded.data.reviewers.by_id.values() if r.revoked is None],
        attestation=loaded.data.reviewers.attestation,
        names={r.id: r.name for r in loaded.data.reviewers.by_id.values()},
        message=message or done.get(request.query_params.get("done", ""), ""),
        error=error,
    )


async def _signed(ws: Workspace, request: Request, loaded: Loaded) -> Response:
    article, missing = _article_or_404(ws, request, loaded)
    if missing is not None:
        return missing
    page = review_page(loaded.data, loaded.glossary, article, ws.day(), loaded.diagnostics)
    if page.baseline is None:
        return render(
            ws, request, "problem.html", 404, message="This article has no valid sign-off yet."
        )
    sections, refs = signed_page(page.baseline.snapshot)
    return render(ws, request, "signed.html", page=page, sections=sections, references=refs)


async def _form(ws: Workspace, request: Request) -> dict[str, str] | None:
    """The posted form, or None when it is too big or its CSRF token is wrong."""
    body = await request.body()
    if len(body) > MAX_FORM_BYTES:
        return None
    fields = {k: v[0] for k, v in parse_qs(body.decode("utf-8", "replace")).items()}
    if not ws.guard.check_csrf(request, fields.get("csrf", "")):
        return None
    return fields


async def _posted(
    ws: Workspace, request: Request, loaded: Loaded
) -> tuple[dict[str, str], Any, Response | None]:
    """(form fields, article, None), or the refusal when the form or the article is wrong."""
    fields = await _form(ws, request)
    if fields is None:
        message = "The form's CSRF token is wrong."
        return {}, None, render(ws, request, "problem.html", 403, message=message)
    article, missing = _article_or_404(ws, request, loaded)
    return fields, article, missing


async def _sign(ws: Workspace, request: Request, loaded: Loaded) -> Response:
    fields, article, refused = await _posted(ws, request, loaded)
    if refused is not None:
        return refused
    ask = actions.SignRequest(
        reviewer=fields.get("reviewer", ""),
        passphrase=fields.get("passphrase", ""),
        attested=fields.get("attest") == "yes",
        seen=fields.get("seen", ""),
        note=fields.get("note", ""),
    )
    keys = {r: ws.keys.get(r, default_key_path(r)) for r in loaded.data.reviewers.by_id}
    try:
        actions.sign_off(loaded.glossary, loaded.data.reviewers, article, keys, ask, ws.day())
    except actions.Refused as exc:
        return await _article(ws, request, loaded, error=str(exc), status=400)
    return RedirectResponse(f"/article/{article.slug}?done=signed#result", status_code=303)


async def _request(ws: Workspace, request: Request, loaded: Loaded) -> Response:
    fields, article, refused = await _posted(ws, request, loaded)
    if refused is not None:
        return refused
    try:
        actions.ask_for_changes(
            loaded.glossary,
            loaded.data.reviewers,
            article,
            fields.get("reviewer", ""),
            fields.get("text", ""),
            ws.day(),
        )
    except actions.Refused as exc:
        return await _article(ws, request, loaded, error=str(exc), status=400)
    return RedirectResponse(f"/article/{article.slug}?done=requested#result", status_code=303)
