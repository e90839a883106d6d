"""Incremental builds must produce exactly the site a clean build produces."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from mindlex.engine import store
from mindlex.publish import cache
from tests.scale.conftest import NAMES, age, assert_same_site, run, tree


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_first_build_renders_everything(glossary: Path, tmp_path: Path) -> None:
    result = run(glossary, tmp_path / "site")
    assert result.written
    assert result.parsed == len(NAMES)
    assert result.reused == 0
    assert result.rendered >= 2 * len(NAMES)


def test_noop_rebuild_renders_nothing(glossary: Path, tmp_path: Path) -> None:
    out = tmp_path / "site"
    first = run(glossary, out)
    again = run(glossary, out)
    assert again.written
    assert (again.parsed, again.rendered) == (0, 0)
    assert again.reused == first.rendered
    assert [d.code for d in again.diagnostics] == [d.code for d in first.diagnostics]
    assert_same_site(out, glossary, tmp_path / "clean")


def test_noop_rebuild_of_old_files_replays_the_last_build(glossary: Path, tmp_path: Path) -> None:
    age(glossary)
    out = tmp_path / "site"
    first = run(glossary, out)
    again = run(glossary, out)
    assert "load" not in again.timings, "nothing changed, so nothing is even read"
    assert again.written and again.rendered == 0
    assert again.published == first.published
    assert again.diagnostics == first.diagnostics


def test_body_edit_rerenders_only_that_article(glossary: Path, tmp_path: Path) -> None:
    out = tmp_path / "site"
    run(glossary, out)
    edit(glossary / "articles" / "mood-log.md", "Writing things down", "Keeping a diary")
    result = run(glossary, out)
    assert result.parsed == 1
    assert result.rendered == 2, "its page and its API document"
    assert b"Keeping a diary" in (out / "mood-log" / "index.html").read_bytes()
    assert_same_site(out, glossary, tmp_path / "clean")


def test_title_edit_rerenders_pages_that_link_to_it(glossary: Path, tmp_path: Path) -> None:
    out = tmp_path / "site"
    run(glossary, out)
    before = tree(out)
    edit(glossary / "articles" / "sleep-debt.md", "title: Sleep debt", "title: Sleep shortfall")
    result = run(glossary, out)
    after = tree(out)
    assert result.reused > 0
    changed = {rel for rel in before if rel in after and before[rel] != after[rel]}
    assert "mood-log/index.html" in changed, "mood-log lists sleep-debt as related"
    assert_same_site(out, glossary, tmp_path / "clean")


def test_summary_edit_updates_term_tooltips(glossary: Path, tmp_path: Path) -> None:
    out = tmp_path / "site"
    run(glossary, out)
    edit(glossary / "articles" / "worry-loop.md", "is a made-up term", "is an invented term")
    run(glossary, out)
    assert b"Worry loop is an invented term" in (out / "sleep-debt" / "index.html").read_bytes()
    assert_same_site(out, glossary, tmp_path / "clean")


def test_new_article_links_from_existing_pages(glossary: Path, tmp_path: Path) -> None:
    out = tmp_path / "site"
    run(glossary, out)
    text = (glossary / "articles" / "mood-log.md").read_text(encoding="utf-8")
    new = text.replace("title: Mood log", "title: Daily life").replace("mood-log-study", "dl-study")
    (glossary / "articles" / "daily-life.md").write_text(new, encoding="utf-8")
    run(glossary, out)
    assert b'href="../daily-life/"' in (out / "sleep-debt" / "index.html").read_bytes()
    assert_same_site(out, glossary, tmp_path / "clean")


def test_deleted_article_disappears(glossary: Path, tmp_path: Path) -> None:
    out = tmp_path / "site"
    run(glossary, out)
    (glossary / "articles" / "habit-chain.md").unlink()
    run(glossary, out)
    assert not (out / "habit-chain").exists()
    assert_same_site(out, glossary, tmp_path / "clean")


def test_bibliography_edit(glossary: Path, tmp_path: Path) -> None:
    out = tmp_path / "site"
    run(glossary, out)
    edit(glossary / "bibliography.yaml", "A shared handbook", "The revised handbook")
    result = run(glossary, out)
    assert result.rendered >= 2 * len(NAMES), "every article cites the handbook"
    assert b"The revised handbook" in (out / "worry-loop" / "index.html").read_bytes()
    assert_same_site(out, glossary, tmp_path / "clean")


def test_own_reference_edit(glossary: Path, tmp_path: Path) -> None:
    out = tmp_path / "site"
    run(glossary, out)
    edit(glossary / "articles" / "calm-breathing.md", "issued: 2022", "issued: 2019")
    run(glossary, out)
    assert_same_site(out, glossary, tmp_path / "clean")


def test_config_edit_rerenders_everything(glossary: Path, tmp_path: Path) -> None:
    out = tmp_path / "site"
    run(glossary, out)
    edit(glossary / "mindlex.toml", 'name = "Scale Test Glossary"', 'name = "Renamed Glossary"')
    result = run(glossary, out)
    assert result.reused == 0
    assert b"Renamed Glossary" in (out / "index.html").read_bytes()
    assert_same_site(out, glossary, tmp_path / "clean")


def test_template_change_invalidates_every_page(
    glossary: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "site"
    run(glossary, out)
    # A new mindlex release or an edited template changes the code fingerprint.
    monkeypatch.setattr(cache, "code_fingerprint", lambda: "another-version")
    monkeypatch.setattr(store, "code_fingerprint", lambda: "another-version")
    result = run(glossary, out)
    assert result.reused == 0
    assert result.parsed == len(NAMES), "parsed articles from another version are not trusted"
    assert_same_site(out, glossary, tmp_path / "clean")


def test_date_change_rebuilds_dated_files(glossary: Path, tmp_path: Path) -> None:
    import datetime as dt

    age(glossary)
    out = tmp_path / "site"
    run(glossary, out)
    later = dt.date(2026, 6, 1)
    result = run(glossary, out, today=later)
    assert "load" in result.timings, "a new day is not replayed from the last build"
    clean = tmp_path / "clean"
    run(glossary, clean, cache=False, today=later)
    assert tree(out) == tree(clean)


def test_edited_output_is_not_reused(glossary: Path, tmp_path: Path) -> None:
    age(glossary)
    out = tmp_path / "site"
    run(glossary, out)
    (out / "worry-loop" / "index.html").write_text("tampered", encoding="utf-8")
    (out / "mood-log" / "index.html").unlink()
    result = run(glossary, out)
    assert result.rendered >= 2
    assert_same_site(out, glossary, tmp_path / "clean")


def test_failed_build_keeps_site_and_cache_usable(glossary: Path, tmp_path: Path) -> None:
    out = tmp_path / "site"
    run(glossary, out)
    before = tree(out)
    path = glossary / "articles" / "mood-log.md"
    good = path.read_text(encoding="utf-8")
    path.write_text(good.replace("[@mood-log-study", "[@nowhere"), encoding="utf-8")
    failed = run(glossary, out, draft=False)
    assert not failed.written
    assert tree(out) == before
    path.write_text(good.replace("Writing things down", "Going for walks"), encoding="utf-8")
    assert run(glossary, out).written
    assert_same_site(out, glossary, tmp_path / "clean")


def test_parse_results_kept_in_memory_are_reused_and_refreshed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from mindlex import loader
    from mindlex.config import load_config

    memo = loader.ParseMemo()
    root = tmp_path / "g"
    (root / "articles").mkdir(parents=True)
    (root / "mindlex.toml").write_text(
        '[site]\nname = "M"\nbase_url = "https://m.example/"\ndisclaimer = "D."\n'
        'content_dir = "articles"\n'
    )
    text = "---\ntitle: {t}\nsummary: S.\ncategory: c\n---\n\nBody.\n"
    (root / "articles" / "a.md").write_text(text.format(t="A"))
    (root / "articles" / "b.md").write_text(text.format(t="B"))
    config = load_config(root)
    first = loader.load_glossary(config, memo=memo)
    (root / "articles" / "b.md").write_text(text.format(t="B2"))
    second = loader.load_glossary(config, memo=memo)
    assert second.glossary.articles["a"] is first.glossary.articles["a"]
    assert second.glossary.articles["b"].title == "B2"
    assert second.parsed == 1
    # Same stat (written twice within one clock tick) but named by the watcher: re-read.
    path = root / "articles" / "a.md"
    st = path.stat()
    path.write_text(text.format(t="Z"))
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns))
    third = loader.load_glossary(config, memo=memo, changed=frozenset({path}))
    assert third.glossary.articles["a"].title == "Z"
