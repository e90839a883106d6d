"""Workspace fixtures: a copy of the sample glossary, a workspace app and a logged-in client."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from starlette.testclient import TestClient

from mindlex.workspace.app import Workspace, create_workspace
from mindlex.workspace.security import Guard

REPO = Path(__file__).resolve().parents[2]
SAMPLE = REPO / "examples" / "glossary"
DEMO_KEY = REPO / "examples" / "demo-keys" / "example-reviewer.DEMO-ONLY.pem"
PORT = 8765


def last_signed(root: Path) -> dt.date:
    return max(
        dt.date.fromisoformat(entry["date"])
        for path in (root / "review").glob("*.json")
        for entry in json.loads(path.read_text(encoding="utf-8"))["signoffs"]
    )


TODAY = last_signed(SAMPLE) + dt.timedelta(days=1)


def copy_sample(folder: Path) -> Path:
    """The sample glossary copied into folder, so tests may sign and edit it."""
    root = folder / "glossary"
    shutil.copytree(SAMPLE, root)
    return root


@pytest.fixture
def glossary_copy(tmp_path: Path) -> Path:
    return copy_sample(tmp_path)


def workspace_for(root: Path, port: int = PORT) -> Workspace:
    return Workspace(root, Guard(port), {"example-reviewer": DEMO_KEY}, 30, TODAY)


@dataclass
class Client:
    http: TestClient
    ws: Workspace

    @property
    def origin(self) -> str:
        return f"http://127.0.0.1:{self.ws.guard.port}"

    def csrf(self) -> str:
        return self.ws.guard.csrf_for(self.http.cookies.get(self.ws.guard.cookie) or "")

    def post(self, path: str, data: dict[str, str], **headers: str) -> object:
        return self.http.post(
            path, data=data, headers={"Origin": self.origin, **headers}, follow_redirects=False
        )


@pytest.fixture
def client(glossary_copy: Path) -> Iterator[Client]:
    ws = workspace_for(glossary_copy)
    http = TestClient(create_workspace(ws), base_url=f"http://127.0.0.1:{PORT}")
    opened = http.get(f"/?token={ws.guard.token}", follow_redirects=False)
    assert opened.status_code == 303
    yield Client(http, ws)
    http.close()


@dataclass(frozen=True)
class LiveWorkspace:
    """A workspace served by uvicorn on a free loopback port, as `review serve` runs it."""

    ws: Workspace
    origin: str

    @property
    def login(self) -> str:
        return f"{self.origin}/?token={self.ws.guard.token}"

    def url(self, path: str) -> str:
        return self.origin + path


def serve_live(root: Path) -> Iterator[LiveWorkspace]:
    import threading
    import time

    import uvicorn

    from mindlex.workspace.serve import bind

    sock = bind(0)
    port = sock.getsockname()[1]
    ws = workspace_for(root, port)
    config = uvicorn.Config(
        create_workspace(ws), log_level="warning", lifespan="off", ws="none", http="h11"
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            pytest.fail("the workspace server did not start", pytrace=False)
        time.sleep(0.02)
    yield LiveWorkspace(ws, f"http://127.0.0.1:{port}")
    server.should_exit = True
    thread.join(timeout=5)
    sock.close()
