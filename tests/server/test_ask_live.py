"""`/api/ask` in the preview answers from the in-memory site, and follows its edits."""

from __future__ import annotations

import shutil
from pathlib import Path

from starlette.testclient import TestClient

from mindlex.server.app import create_app
from mindlex.server.reload import live_site, rebuild
from mindlex.server.state import ServeState
from tests.conftest import sample_signed_on
from tests.server.support import BASE_URL
from tests.server.test_live import EXAMPLES


def test_preview_answers_from_memory_and_drops_an_edited_article(tmp_path: Path) -> None:
    root = tmp_path / "glossary"
    shutil.copytree(EXAMPLES, root)
    today = sample_signed_on()
    state = ServeState(root=root, base_url=BASE_URL)
    live_site(state).today = lambda: today
    _, state.broken = rebuild(state)
    client = TestClient(create_app(state))

    answer = client.get("/api/ask", params={"q": "what is lithium used for?"}).json()
    assert answer["answer"]["status"] == "answered"
    assert any(q["url"].startswith("lithium/") for q in answer["answer"]["quotes"])

    # An edit makes the lithium article unsigned: its passages stop being quoted.
    path = root / "articles" / "lithium.md"
    path.write_text(path.read_text(encoding="utf-8").replace("blood tests", "blood checks"))
    rebuild(state)  # no watcher: every file's stat is checked
    again = client.get("/api/ask", params={"q": "what is lithium used for?"}).json()
    quotes = (again["answer"] or {}).get("quotes", [])
    assert not any(q["url"].startswith("lithium/") for q in quotes)

    crisis = client.get("/api/ask", params={"q": "I want to end my life"}).json()
    assert crisis["triage"]["outcome"] == "crisis" and crisis["answer"] is None
