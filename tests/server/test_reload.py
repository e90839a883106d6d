"""Live reload names the pages an edit changed, so other open pages stay as they are."""

from __future__ import annotations

from pathlib import Path

from mindlex.server.reload import refresh
from tests.server.support import run_async, serve
from tests.server.test_live import small  # noqa: F401  (fixture)


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_a_body_edit_names_only_its_own_page(small: Path) -> None:  # noqa: F811
    state, client = serve(small)
    for url in ("/", "/sleep-debt/", "/worry-loop/", "/mood-log/"):
        assert client.get(url).status_code == 200
    path = small / "articles" / "sleep-debt.md"
    _edit(path, "Writing things down", "Keeping a diary")
    outcome = refresh(state, frozenset({path}))
    assert outcome.pages == ["/sleep-debt/"]
    assert "Keeping a diary" in client.get("/sleep-debt/").text


def test_a_summary_edit_names_the_pages_that_show_it(small: Path) -> None:  # noqa: F811
    state, client = serve(small)
    for url in ("/", "/sleep-debt/", "/worry-loop/", "/mood-log/", "/calm-breathing/"):
        client.get(url)
    path = small / "articles" / "worry-loop.md"
    _edit(path, "summary: Worry loop is", "summary: A worry loop is")
    pages = refresh(state, frozenset({path})).pages
    assert pages is not None
    # The home page lists the summary; sleep-debt relates to worry-loop and shows it.
    assert {"/", "/worry-loop/", "/sleep-debt/"} <= set(pages)
    assert "A worry loop is" in client.get("/").text


def test_adding_an_article_or_breaking_one_reloads_every_page(small: Path) -> None:  # noqa: F811
    state, client = serve(small)
    client.get("/sleep-debt/")
    new = small / "articles" / "new-term.md"
    new.write_text(
        (small / "articles" / "mood-log.md")
        .read_text("utf-8")
        .replace("title: Mood log", "title: New term"),
        "utf-8",
    )
    assert refresh(state, frozenset({new})).pages is None
    run_async(state.bump([], ["/sleep-debt/"]))
    assert state.changed_pages == ["/sleep-debt/"]
    new.write_text("---\ntitle: [broken\n---\n", "utf-8")
    outcome = refresh(state, frozenset({new}))
    assert outcome.broken
    run_async(state.bump(outcome.broken, outcome.pages))
    assert state.changed_pages is None, "the error page replaces every page"
