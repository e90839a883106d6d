"""What the preview keeps between starts (findings, review states, the search index) and
the listing pages it renders on request: a second start serves what a first one would."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from mindlex.parsecache import cache_root
from mindlex.publish.live import LiveSite
from mindlex.publish.search import query_index
from tests.scale.conftest import write_small_glossary
from tests.server.support import BASE_URL, TODAY, clean_preview_build, differences, serve


@pytest.fixture
def root(tmp_path: Path) -> Path:
    return write_small_glossary(tmp_path / "glossary")


def start(root: Path) -> LiveSite:
    live = LiveSite(root, BASE_URL, today=lambda: TODAY)
    live.refresh()
    return live


def rewrite(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    changed = re.sub(old, new, text, count=1, flags=re.MULTILINE)
    assert changed != text
    path.write_text(changed, encoding="utf-8")


def slugs_for(live: LiveSite, query: str) -> list[str]:
    return [hit.slug for hit in live.search.query(query)]


def test_a_second_start_computes_nothing_again(root: Path) -> None:
    first = start(root)
    found = [d.render() for d in first.refresh().result.diagnostics]
    again = LiveSite(root, BASE_URL, today=lambda: TODAY)
    result = again.refresh().result
    assert [d.render() for d in result.diagnostics] == found
    assert again.reviews.misses == 0
    assert again.lint.findings.misses == 0  # joining would parse every article again
    assert again.lint.across.misses == 0
    assert slugs_for(again, "sleep") == slugs_for(first, "sleep")


def test_the_stored_index_takes_edits_made_while_the_server_was_down(
    root: Path, tmp_path: Path
) -> None:
    start(root)
    path = root / "articles" / "sleep-debt.md"
    rewrite(path, r"^## Definition\n\n", "## Definition\n\nZyxwordunique appears here. ")
    again = start(root)
    assert slugs_for(again, "zyxwordunique") == ["sleep-debt"]
    rewrite(path, r"Zyxwordunique appears here\. ", "")
    third = start(root)
    assert slugs_for(third, "zyxwordunique") == []
    clean_preview_build(root, tmp_path / "clean")
    fresh = query_index(tmp_path / "clean" / "search.sqlite", "sleep")
    assert third.search.query("sleep") == fresh


@pytest.mark.parametrize("damage", [b"", b"garbage", None])
def test_damaged_stores_are_ignored(root: Path, tmp_path: Path, damage: bytes | None) -> None:
    start(root)
    for path in cache_root(root).glob("preview-*"):
        data = path.read_bytes()
        path.write_bytes(data[: len(data) // 2] if damage is None else damage)
    out = tmp_path / "clean"
    clean_preview_build(root, out)
    _state, client = serve(root)
    assert differences(client, out) == []


def test_a_ledger_changed_between_starts_is_read_again(root: Path) -> None:
    first = start(root)
    ledger = next(iter(first._ledgers.values()))
    ledger.parent.mkdir(parents=True, exist_ok=True)
    ledger.write_text("not a ledger\n", encoding="utf-8")
    again = LiveSite(root, BASE_URL, today=lambda: TODAY)
    again.refresh()
    assert again.reviews.misses == 1


def test_listing_pages_are_rendered_on_request_and_named_when_they_move(root: Path) -> None:
    live = start(root)
    home = live.page("index.html")
    assert home is not None
    listing = live.listing.entries["listing"][1]
    assert "a-z/index.html" in listing.pending  # not rendered until asked for
    assert "api/articles.json" in listing.files  # data files are made at once
    az = live.page("a-z/index.html")
    assert az is not None and "a-z/index.html" not in listing.pending
    path = root / "articles" / "sleep-debt.md"
    rewrite(path, r"^title: (.*)$", r"title: \1 renamed")
    moved = live.refresh(frozenset({path}), complete=True).changed_pages or []
    assert {"/", "/a-z/", "/categories/"} <= set(moved)
    assert b"renamed" in (live.page("a-z/index.html") or b"")


def test_search_rows_follow_edits_in_one_session(root: Path, tmp_path: Path) -> None:
    live = start(root)
    path = root / "articles" / "worry-loop.md"
    for word in ("Qwfirstword", "Qwsecondword"):
        rewrite(path, r"^## Definition\n\n(Qw\w+ )?", f"## Definition\n\n{word} ")
        live.refresh(frozenset({path}), complete=True)
    assert slugs_for(live, "qwfirstword") == []
    assert slugs_for(live, "qwsecondword") == ["worry-loop"]
    clean_preview_build(root, tmp_path / "clean")
    assert live.search.query("loop") == query_index(tmp_path / "clean" / "search.sqlite", "loop")


def test_a_crisis_change_moves_every_review_fingerprint_across_starts(root: Path) -> None:
    """Review fingerprints cover the crisis help: changing it in mindlex.toml, live or
    while the server is down, must not leave a stored state claiming the old content."""
    live = start(root)
    before = {slug: s.fingerprint for slug, s in live.review_states().items()}
    config = root / "mindlex.toml"
    rewrite(config, r'^emergency = "911"$', 'emergency = "112"')
    live.refresh(frozenset({config}), complete=True)
    moved = {slug: s.fingerprint for slug, s in live.review_states().items()}
    assert all(moved[slug] != fingerprint for slug, fingerprint in before.items())
    rewrite(config, r'^emergency = "112"$', 'emergency = "999"')
    again = start(root)
    assert again.reviews.misses == len(before)
    stored = {slug: s.fingerprint for slug, s in again.review_states().items()}
    assert all(stored[slug] not in (before[slug], moved[slug]) for slug in before)


def test_a_config_edit_that_moves_the_content_folder_reads_it_again(
    root: Path, tmp_path: Path
) -> None:
    live = start(root)
    (root / "articles").rename(root / "entries")
    config = root / "mindlex.toml"
    rewrite(config, r'^content_dir = "articles"$', 'content_dir = "entries"')
    live.refresh(frozenset({config}), complete=True)
    out = tmp_path / "clean"
    clean_preview_build(root, out)
    _state, client = serve(root)
    assert differences(client, out) == []
    assert live.page("sleep-debt/index.html") == client.get("/sleep-debt/").content


def test_stored_lint_entries_of_the_wrong_shape_are_skipped(root: Path) -> None:
    """A store whose header and seal hold but whose entries are not `(key, value)` pairs
    (another layout, a hand edit) is read entry by entry: the bad ones are recomputed."""
    from mindlex.engine.store import read_checked, write_checked
    from mindlex.publish.livelint import STORE

    found = [d.render() for d in start(root).refresh().result.diagnostics]
    path = cache_root(root) / f"{STORE}.bin"
    stored = read_checked(path, STORE)
    assert isinstance(stored, dict)
    slug = next(iter(stored["own"]))
    stored["own"][slug] = ("just a key",)
    stored["findings"][slug] = ("key", "not a list", "extra")
    assert write_checked(path, STORE, stored)
    again = LiveSite(root, BASE_URL, today=lambda: TODAY)
    assert [d.render() for d in again.refresh().result.diagnostics] == found
    assert again.lint.own.misses >= 1


def test_a_site_name_edit_reaches_every_article_page(root: Path, tmp_path: Path) -> None:
    """The site name is not a lint setting: a page rendered before the edit must still be
    rendered again, since every page shows the name."""
    live = start(root)
    before = live.page("sleep-debt/index.html")
    assert before is not None and b"Scale Test Glossary" in before
    config = root / "mindlex.toml"
    rewrite(config, r'^name = "Scale Test Glossary"$', 'name = "Renamed Glossary"')
    live.refresh(frozenset({config}))
    out = tmp_path / "clean"
    clean_preview_build(root, out)
    assert live.page("sleep-debt/index.html") == (out / "sleep-debt" / "index.html").read_bytes()
