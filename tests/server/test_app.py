"""The preview server: static site, error page, status, security headers."""

from __future__ import annotations

from pathlib import Path

from starlette.testclient import TestClient

from mindlex.server.app import create_app
from mindlex.server.reload import rebuild
from mindlex.server.state import ServeState
from tests.conftest import MakeGlossary

ARTICLE = """\
---
title: Served Term
summary: An article served by the preview server.
category: tests
---

## Definition

Served term text.
"""


def _state(root: Path, tmp_path: Path) -> ServeState:
    state = ServeState(site_dir=tmp_path / "preview", root=root)
    _, state.broken = rebuild(state)
    return state


def test_serves_pages_with_security_headers(make_glossary: MakeGlossary, tmp_path: Path) -> None:
    state = _state(make_glossary({"served-term.md": ARTICLE}), tmp_path)
    client = TestClient(create_app(state))
    page = client.get("/served-term/")
    assert page.status_code == 200
    assert "Served Term" in page.text
    assert 'data-live-reload="true"' in page.text
    assert "script-src 'self'" in page.headers["content-security-policy"]
    assert page.headers["x-content-type-options"] == "nosniff"
    missing = client.get("/no-such-page/")
    assert missing.status_code == 404
    assert "Page not found" in missing.text


def test_broken_article_shows_error_page_and_recovers(
    make_glossary: MakeGlossary, tmp_path: Path
) -> None:
    root = make_glossary({"served-term.md": ARTICLE})
    state = _state(root, tmp_path)
    client = TestClient(create_app(state))
    assert client.get("/-/status").json()["ok"] is True
    (root / "articles" / "served-term.md").write_text(
        ARTICLE.replace("title: Served Term", "title: [unclosed")
    )
    _, state.broken = rebuild(state)
    page = client.get("/served-term/")
    assert page.status_code == 500
    assert "The preview could not be rebuilt" in page.text
    assert "served-term.md:2:" in page.text and "PARSE012" in page.text
    assert client.get("/assets/style.css").status_code == 200
    (root / "articles" / "served-term.md").write_text(ARTICLE)
    _, state.broken = rebuild(state)
    assert client.get("/served-term/").status_code == 200


def test_config_error_is_shown_not_raised(make_glossary: MakeGlossary, tmp_path: Path) -> None:
    root = make_glossary({"served-term.md": ARTICLE})
    state = _state(root, tmp_path)
    (root / "mindlex.toml").write_text("[site\n")
    _, broken = rebuild(state)
    assert broken and broken[0].code == "CONF001"


def test_preview_links_stay_local_when_base_url_has_a_path(
    make_glossary: MakeGlossary, tmp_path: Path
) -> None:
    from tests.conftest import CONFIG

    root = make_glossary({"served-term.md": ARTICLE}, config=CONFIG)
    state = ServeState(site_dir=tmp_path / "p", root=root, base_url="http://127.0.0.1:8000/")
    _, state.broken = rebuild(state)
    client = TestClient(create_app(state))
    missing = client.get("/nowhere/")
    assert 'href="/assets/style.css"' in missing.text
    page = client.get("/served-term/")
    assert '<link rel="canonical" href="http://127.0.0.1:8000/served-term/">' in page.text
