"""Only the holder of the printed link, from the workspace's own origin, gets in or writes."""

from __future__ import annotations

import re
from pathlib import Path

from starlette.testclient import TestClient

from mindlex.workspace.app import create_workspace
from tests.workspace.conftest import PORT, Client, workspace_for

BASE = f"http://127.0.0.1:{PORT}"


def test_no_token_no_entry(glossary_copy: Path) -> None:
    http = TestClient(create_workspace(workspace_for(glossary_copy)), base_url=BASE)
    for path in ("/", "/dashboard", "/article/neuroplasticity", "/static/workspace.css"):
        page = http.get(path)
        assert page.status_code == 403, path
        assert "link printed in the terminal" in page.text


def test_a_wrong_token_is_refused(glossary_copy: Path) -> None:
    http = TestClient(create_workspace(workspace_for(glossary_copy)), base_url=BASE)
    page = http.get("/?token=guess", follow_redirects=False)
    assert page.status_code == 403
    assert "set-cookie" not in page.headers


def test_the_token_becomes_a_strict_http_only_cookie(glossary_copy: Path) -> None:
    ws = workspace_for(glossary_copy)
    http = TestClient(create_workspace(ws), base_url=BASE)
    opened = http.get(f"/dashboard?token={ws.guard.token}", follow_redirects=False)
    assert opened.status_code == 303 and opened.headers["location"] == "/dashboard"
    cookie = opened.headers["set-cookie"]
    assert cookie.startswith(f"mindlex-workspace-{PORT}=")
    assert "HttpOnly" in cookie and "SameSite=strict" in cookie and "Domain" not in cookie
    assert http.get("/dashboard").status_code == 200


def test_another_host_is_refused_even_with_a_session(client: Client) -> None:
    page = client.http.get("/", headers={"Host": f"evil.example:{PORT}"})
    assert page.status_code == 403 and "Host header" in page.text


def test_another_origin_is_refused(client: Client) -> None:
    before = _ledger(client)
    page = client.post(
        "/article/neuroplasticity/request",
        {"csrf": client.csrf(), "reviewer": "example-reviewer", "text": "Fix it"},
        Origin="http://evil.example",
    )
    assert page.status_code == 403 and "another origin" in page.text
    assert client.http.get("/", headers={"Origin": "http://evil.example"}).status_code == 403
    assert _ledger(client) == before


def test_a_form_without_origin_or_referer_is_refused(client: Client) -> None:
    page = client.http.post(
        "/article/neuroplasticity/request",
        data={"csrf": client.csrf(), "reviewer": "example-reviewer", "text": "Fix it"},
    )
    assert page.status_code == 403


def test_a_wrong_csrf_token_is_refused_and_nothing_is_written(client: Client) -> None:
    before = _ledger(client)
    for token in ("", "forged"):
        page = client.post(
            "/article/neuroplasticity/request",
            {"csrf": token, "reviewer": "example-reviewer", "text": "Fix it"},
        )
        assert page.status_code == 403 and "CSRF" in page.text
    assert _ledger(client) == before


def test_every_form_carries_the_session_csrf_token(client: Client) -> None:
    page = client.http.get("/article/neuroplasticity").text
    forms = re.findall(r"<form method=\"post\".*?</form>", page, re.S)
    assert len(forms) == 2
    for form in forms:
        assert f'name="csrf" value="{client.csrf()}"' in form


def test_headers_forbid_script_framing_and_third_parties(client: Client) -> None:
    page = client.http.get("/article/neuroplasticity")
    csp = page.headers["content-security-policy"]
    assert "default-src 'none'" in csp and "frame-ancestors 'none'" in csp
    assert "script-src" not in csp
    assert page.headers["x-frame-options"] == "DENY"
    assert page.headers["referrer-policy"] == "same-origin"
    resources = re.findall(r'(?:src|href)="([^"]+)"', page.text)
    loaded = re.findall(r'<(?:link|script|img)[^>]+(?:src|href)="([^"]+)"', page.text)
    assert all(url.startswith("/") for url in loaded), loaded
    assert resources


def _ledger(client: Client) -> str:
    return (client.ws.root / "review" / "neuroplasticity.json").read_text(encoding="utf-8")


def test_serve_usage_errors_exit_2(glossary_copy: Path) -> None:
    import socket

    from typer.testing import CliRunner

    from mindlex.cli import app

    bad = CliRunner().invoke(app, ["review", "serve", str(glossary_copy), "--key", "no-equals"])
    assert bad.exit_code == 2 and "ID=PATH" in bad.stderr
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = str(busy.getsockname()[1])
        taken = CliRunner().invoke(app, ["review", "serve", str(glossary_copy), "--port", port])
    assert taken.exit_code == 2 and "cannot listen" in taken.stderr
