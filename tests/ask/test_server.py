"""/api/ask in the preview app and the production app: limits, no cookies, nothing logged."""

from __future__ import annotations

import logging
import shutil
from pathlib import Path

import pytest
from starlette.testclient import TestClient

from mindlex.ask.index import ASK_DB
from mindlex.server.app import create_app
from mindlex.server.production import RateLimiter, create_production_app
from mindlex.server.state import ServeState
from tests.ask.conftest import EXAMPLES

SECRET = "my very private question about therapy and the brain"


def test_preview_app_answers_get_and_post(built: Path) -> None:
    client = TestClient(create_app(ServeState(site_dir=built, root=EXAMPLES)))
    got = client.get("/api/ask", params={"q": "can therapy change the brain?"})
    assert got.status_code == 200 and got.json()["answer"]["status"] == "answered"
    posted = client.post("/api/ask", json={"q": "I want to end my life"})
    assert posted.json()["answer"] is None and posted.json()["crisis"]["resources"]
    assert client.get("/api/ask").status_code == 400
    assert client.post("/api/ask", content=b"{not json").status_code == 400
    assert client.post("/api/ask", json={"q": 5}).status_code == 400
    assert client.post("/api/ask", content=b"x" * 10_000).status_code == 400


def test_without_an_index_the_endpoint_says_so(tmp_path: Path) -> None:
    client = TestClient(create_app(ServeState(site_dir=tmp_path, root=EXAMPLES)))
    response = client.get("/api/ask", params={"q": "brain"})
    assert response.status_code == 503 and "no Ask index" in response.json()["error"]


def test_production_app_health_limits_and_privacy(
    built: Path, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    app = create_production_app(built, RateLimiter(rate=0.001, burst=3))
    client = TestClient(app)
    health = client.get("/healthz")
    assert health.status_code == 200 and health.json()["passages"] > 100
    statuses = [client.post("/api/ask", json={"q": SECRET}).status_code for _ in range(5)]
    assert statuses[:3] == [200, 200, 200] and statuses[3:] == [429, 429]
    page = client.get("/search/")
    assert page.status_code == 200 and "set-cookie" not in page.headers
    assert "Content-Security-Policy" in page.headers
    assert client.get("/api/ask?q=" + "a" * 3000).status_code == 414
    big = client.post("/api/ask", content=b"x", headers={"content-length": "99999"})
    assert big.status_code == 413
    assert SECRET not in caplog.text and "therapy" not in caplog.text


def test_a_failing_request_is_logged_without_the_question(
    built: Path, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    site = tmp_path / "site"
    shutil.copytree(built, site)
    (site / ASK_DB).write_bytes(b"garbage")
    client = TestClient(create_production_app(site))
    assert client.get("/healthz").status_code == 503
    assert client.post("/api/ask", json={"q": SECRET}).status_code == 503
    assert SECRET not in caplog.text


def test_rate_limiter_refills_over_time() -> None:
    limiter = RateLimiter(rate=1.0, burst=2)
    assert [limiter.allow("a", now=0.0) for _ in range(3)] == [0.0, 0.0, 1.0]
    assert limiter.allow("b", now=0.0) == 0.0
    assert limiter.allow("a", now=1.5) == 0.0
