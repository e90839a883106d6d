"""A preview server from memory next to a clean build with the same options, file by file."""

from __future__ import annotations

import asyncio
import datetime as dt
import threading
from collections.abc import Coroutine
from pathlib import Path
from typing import Any

from pydantic import HttpUrl
from starlette.testclient import TestClient

from mindlex.config import Config, load_config
from mindlex.publish.pipeline import BuildOptions, BuildResult, build
from mindlex.server.app import create_app
from mindlex.server.pages import HIDDEN
from mindlex.server.reload import live_site, rebuild
from mindlex.server.state import ServeState

TODAY = dt.date(2026, 2, 1)
BASE_URL = "http://127.0.0.1:8000/"


def preview_config(root: Path) -> Config:
    config = load_config(root)
    shown = config.site.model_copy(update={"base_url": HttpUrl(BASE_URL)})
    return config.model_copy(update={"site": shown})


def clean_preview_build(root: Path, out: Path, **options: object) -> BuildResult:
    """What the server must serve: a clean build with the preview's options."""
    settings: dict[str, object] = {
        "draft": True,
        "live_reload": True,
        "pagefind": False,
        "today": TODAY,
        "cache": False,
    }
    settings.update(options)
    return build(preview_config(root), BuildOptions(out, **settings))  # type: ignore[arg-type]


def serve(root: Path) -> tuple[ServeState, TestClient]:
    state = ServeState(root=root, base_url=BASE_URL)
    live_site(state).today = lambda: TODAY
    _, state.broken = rebuild(state)
    return state, TestClient(create_app(state))


def url_of(rel: str) -> str:
    if rel == "index.html":
        return "/"
    if rel.endswith("/index.html"):
        return "/" + rel[: -len("index.html")]
    return "/" + rel


def site_files(site: Path) -> dict[str, bytes]:
    """Every file a reader may fetch from a built site."""
    return {
        p.relative_to(site).as_posix(): p.read_bytes()
        for p in sorted(site.rglob("*"))
        if p.is_file() and p.relative_to(site).parts[0] not in {*HIDDEN, "pagefind"}
    }


def differences(client: TestClient, site: Path) -> list[str]:
    """Output files the server answers differently from the build (empty when equal)."""
    wrong = []
    for rel, data in site_files(site).items():
        response = client.get(url_of(rel))
        if response.status_code != 200 or response.content != data:
            wrong.append(f"{rel} ({response.status_code})")
    return wrong


def run_async(coro: Coroutine[Any, Any, None]) -> None:
    """Run `coro` to the end in a thread of its own: another test's tools (a browser
    driver) may leave an event loop running in this one."""
    failure: list[BaseException] = []

    def target() -> None:
        try:
            asyncio.run(coro)
        except BaseException as exc:  # handed back to the test below
            failure.append(exc)

    worker = threading.Thread(target=target)
    worker.start()
    worker.join()
    if failure:
        raise failure[0]
