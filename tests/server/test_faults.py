"""The preview survives mindlex's own failures and shows a reader nothing but the site."""

from __future__ import annotations

from pathlib import Path

import pytest

from mindlex import loader
from mindlex.diagnostic import Diagnostic
from mindlex.publish.live import LiveSite
from mindlex.publish.pipeline import BuildResult
from mindlex.server.reload import apply, refresh
from tests.server.support import clean_preview_build, run_async, serve
from tests.server.test_live import small  # noqa: F401  (fixture)

Reports = list[tuple[BuildResult | None, list[Diagnostic]]]


def _crash_on(marker: str, monkeypatch: pytest.MonkeyPatch) -> None:
    real = loader.assemble

    def assemble(source: loader.SourceFile) -> loader.Parsed:
        if marker in source.text:
            raise RuntimeError("parser bug")
        return real(source)

    monkeypatch.setattr(loader, "assemble", assemble)


def test_an_article_that_crashes_the_loader_is_reported_and_later_edits_rebuild(
    small: Path,  # noqa: F811
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    state, client = serve(small)
    _crash_on("CRASH-ME", monkeypatch)
    path = small / "articles" / "sleep-debt.md"
    good = path.read_text(encoding="utf-8")
    path.write_text(good.replace("## Definition\n", "## Definition\n\nCRASH-ME\n"), "utf-8")
    reports: Reports = []
    run_async(apply(state, lambda r, b: reports.append((r, b)), frozenset({path})))
    status = client.get("/-/status").json()
    assert status["ok"] is False
    assert any("PARSE099" in p and "sleep-debt.md" in p for p in status["problems"])
    assert client.get("/worry-loop/").status_code == 500  # the error page, not a traceback
    path.write_text(good.replace("Writing things down", "Keeping a diary"), "utf-8")
    run_async(apply(state, lambda r, b: reports.append((r, b)), frozenset({path})))
    assert client.get("/-/status").json()["ok"] is True
    page = client.get("/sleep-debt/")
    assert page.status_code == 200 and "Keeping a diary" in page.text


def test_a_failing_refresh_keeps_the_last_pages_and_the_watch_loop(
    small: Path,  # noqa: F811
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    state, client = serve(small)
    before = client.get("/sleep-debt/").content
    real = LiveSite.refresh

    def broken(
        self: LiveSite, changed: frozenset[Path] = frozenset(), complete: bool = False
    ) -> object:
        raise KeyError("graph bug")

    monkeypatch.setattr(LiveSite, "refresh", broken)
    reports: Reports = []
    run_async(apply(state, lambda r, b: reports.append((r, b)), frozenset()))
    status = client.get("/-/status").json()
    assert status["ok"] is False and "KeyError" in status["failure"]
    assert client.get("/sleep-debt/").content == before
    monkeypatch.setattr(LiveSite, "refresh", real)
    path = small / "articles" / "sleep-debt.md"
    path.write_text(path.read_text("utf-8").replace("Writing things", "Drawing things"), "utf-8")
    run_async(apply(state, lambda r, b: reports.append((r, b)), frozenset({path})))
    assert client.get("/-/status").json() == {
        "version": 2,
        "ok": True,
        "problems": [],
        "failure": None,
    }
    assert "Drawing things" in client.get("/sleep-debt/").text


@pytest.mark.parametrize(
    "url",
    [
        "/.mindlex-site",
        "/search.sqlite",
        "/../mindlex.toml",
        "/%2e%2e/mindlex.toml",
        "/articles/sleep-debt.md",
        "/.mindlex-cache/records.bin",
    ],
)
def test_only_what_a_reader_needs_is_served(small: Path, url: str) -> None:  # noqa: F811
    _state, client = serve(small)
    response = client.get(url)
    assert response.status_code == 404
    assert "Page not found" in response.text


def test_status_names_no_folder_on_this_machine(small: Path, tmp_path: Path) -> None:  # noqa: F811
    state, client = serve(small)
    path = small / "articles" / "sleep-debt.md"
    path.write_text("---\ntitle: [unclosed\n---\n", "utf-8")
    state.broken = refresh(state, frozenset({path})).broken
    text = client.get("/-/status").text
    assert "sleep-debt.md" in text
    assert str(tmp_path) not in text and "/tmp" not in text


def test_a_built_folder_hides_its_marker_and_database(
    small: Path,  # noqa: F811
    tmp_path: Path,
) -> None:
    from starlette.testclient import TestClient

    from mindlex.server.app import create_app
    from mindlex.server.state import ServeState

    out = tmp_path / "built"
    clean_preview_build(small, out)
    assert (out / ".mindlex-site").exists() and (out / "search.sqlite").exists()
    client = TestClient(create_app(ServeState(site_dir=out, root=small)))
    assert client.get("/sleep-debt/").status_code == 200
    assert client.get("/.mindlex-site").status_code == 404
    assert client.get("/search.sqlite").status_code == 404
    assert client.get("/api/search", params={"q": "sleep"}).json()["results"]
