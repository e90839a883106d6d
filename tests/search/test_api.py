"""`GET /api/search`: the documented JSON shape for every query, and never a server error."""

from __future__ import annotations

from pathlib import Path

import pytest
from starlette.testclient import TestClient

from mindlex.publish.search import SEARCH_DB, write_fts
from mindlex.server.app import create_app
from mindlex.server.state import ServeState
from tests.search.test_fts import ENTRIES, HOSTILE


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> TestClient:
    site = tmp_path_factory.mktemp("api-site")
    write_fts(site / SEARCH_DB, ENTRIES)
    (site / "index.html").write_text("<!doctype html><title>t</title>", encoding="utf-8")
    return TestClient(create_app(ServeState(site_dir=site, root=site)))


def test_results_have_the_documented_shape(client: TestClient) -> None:
    response = client.get("/api/search", params={"q": "brain plasticity"})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/json")
    body = response.json()
    assert body["query"] == "brain plasticity"
    assert body["results"][0]["slug"] == "neuroplasticity"
    assert set(body["results"][0]) == {"slug", "title", "summary", "snippet", "score"}


def test_missing_and_empty_queries_give_empty_results(client: TestClient) -> None:
    assert client.get("/api/search").json() == {"query": "", "results": []}
    assert client.get("/api/search?q=").json() == {"query": "", "results": []}


@pytest.mark.parametrize("query", [q for q in HOSTILE if "\x00" not in q][:40])
def test_hostile_queries_never_fail(client: TestClient, query: str) -> None:
    response = client.get("/api/search", params={"q": query})
    assert response.status_code == 200
    assert isinstance(response.json()["results"], list)


@pytest.mark.parametrize(
    "raw",
    [
        "q=%00",
        "q=%FF%FE",
        "q=%",
        "q=%%%",
        "q=a&q=b",
        "q=brain&limit=-5",
        "q=brain&limit=abc",
        "q=brain&limit=" + "9" * 5000,
        "q=" + "%22" * 3000,
        "q=NEAR%28a%20b%29",
    ],
)
def test_malformed_query_strings_never_fail(client: TestClient, raw: str) -> None:
    response = client.get("/api/search?" + raw)
    assert response.status_code == 200
    assert isinstance(response.json()["results"], list)


def test_limit_parameter(client: TestClient) -> None:
    assert len(client.get("/api/search?q=brain&limit=1").json()["results"]) == 1


def test_without_an_index_the_answer_is_empty(tmp_path: Path) -> None:
    client = TestClient(create_app(ServeState(site_dir=tmp_path, root=tmp_path)))
    response = client.get("/api/search?q=brain")
    assert response.status_code == 200
    assert response.json()["results"] == []
