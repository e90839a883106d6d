"""The replaced site is kept as a spare and updated into the next staging folder: only
what changed is written, linked or deleted, and what it holds is trusted only as far as
the cache describes it."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from mindlex.publish import writer as writer_module
from mindlex.publish.writer import MARKER, tree_id
from tests.scale.conftest import NAMES, assert_same_site, run, write_small_glossary


@pytest.fixture
def glossary(tmp_path: Path) -> Path:
    return write_small_glossary(tmp_path / "glossary")


def _edit(root: Path, slug: str, words: str) -> None:
    page = root / "articles" / f"{slug}.md"
    text = page.read_text(encoding="utf-8")
    page.write_text(text.replace("## Definition\n\n", f"## Definition\n\n{words} ", 1))


def _built_three_times(glossary: Path) -> Path:
    out = glossary.parent / "site"
    for n in range(3):
        _edit(glossary, NAMES[0], f"Edit {n}.")
        run(glossary, out)
    return out


def test_the_replaced_site_is_kept_and_updated_in_place(glossary: Path) -> None:
    out = _built_three_times(glossary)
    spare = out.with_name(".site.spare")
    assert (spare / MARKER).exists()
    untouched = f"{NAMES[3]}/index.html"
    inode = os.stat(spare / untouched).st_ino
    before = tree_id(out)
    _edit(glossary, NAMES[0], "Once more.")
    result = run(glossary, out)
    assert result.rendered >= 2
    assert os.stat(out / untouched).st_ino == inode, "an unchanged page was left in place"
    assert tree_id(spare) == before, "the site just replaced is the next spare"
    assert_same_site(out, glossary, glossary.parent / "clean")


def test_files_added_to_the_site_do_not_come_back_from_the_spare(glossary: Path) -> None:
    out = _built_three_times(glossary)
    (out / "stray.html").write_text("not built by mindlex")
    (out / NAMES[1] / "notes.txt").write_text("a note")
    (out / "extra").mkdir()
    (out / "extra" / "x.html").write_text("x")
    for n in range(3):
        _edit(glossary, NAMES[2], f"Later {n}.")
        run(glossary, out)
        assert not (out / "stray.html").exists()
        assert not (out / NAMES[1] / "notes.txt").exists()
        assert not (out / "extra").exists()
    assert_same_site(out, glossary, glossary.parent / "clean")


def test_a_changed_file_in_the_spare_is_replaced(glossary: Path) -> None:
    out = _built_three_times(glossary)
    spare = out.with_name(".site.spare")
    page = spare / NAMES[4] / "index.html"
    page.unlink()  # never write into it: it may be a hard link to the live page
    page.write_text("damaged")
    (spare / "api" / "articles.json").unlink()
    _edit(glossary, NAMES[0], "Again.")
    run(glossary, out)
    assert_same_site(out, glossary, glossary.parent / "clean")


def test_a_spare_the_cache_does_not_describe_is_not_used(glossary: Path) -> None:
    out = _built_three_times(glossary)
    spare = out.with_name(".site.spare")
    (spare / MARKER).unlink()
    (spare / MARKER).write_text("built by mindlex\n")  # another tree's identity
    (spare / "stray.html").write_text("x")
    _edit(glossary, NAMES[0], "Again.")
    run(glossary, out)
    assert not (out / "stray.html").exists()
    assert_same_site(out, glossary, glossary.parent / "clean")


def test_deleted_and_added_articles_in_a_reused_tree(glossary: Path) -> None:
    out = _built_three_times(glossary)
    (glossary / "articles" / f"{NAMES[5]}.md").unlink()
    run(glossary, out)
    (glossary / "articles" / f"{NAMES[4]}.md").unlink()
    run(glossary, out)
    assert not (out / NAMES[5]).exists() and not (out / NAMES[4]).exists()
    assert_same_site(out, glossary, glossary.parent / "clean")
    source = (glossary.parent / "clean" / NAMES[0] / "index.html").exists()
    assert source


def test_live_pages_are_never_written_through_a_shared_link(glossary: Path) -> None:
    """Files of the spare and of the site may be one file under two names; a build must
    replace them, or it would change the site in place before the swap."""
    out = _built_three_times(glossary)
    spare = out.with_name(".site.spare")
    shared = [
        rel
        for rel in (f"{s}/index.html" for s in NAMES)
        if (spare / rel).exists() and os.stat(spare / rel).st_ino == os.stat(out / rel).st_ino
    ]
    assert shared, "unchanged pages are shared between the two trees"
    live = {rel: (out / rel).read_bytes() for rel in shared}
    title = glossary / "articles" / f"{NAMES[1]}.md"
    text = title.read_text(encoding="utf-8")
    title.write_text(text.replace("title: Worry loop", "title: Worry spiral", 1))
    seen: dict[str, bytes] = {}
    commit = writer_module.SiteWriter.commit

    def check(self: writer_module.SiteWriter, keep: object = None) -> None:
        seen.update({rel: (out / rel).read_bytes() for rel in shared})
        commit(self, keep)  # type: ignore[arg-type]

    writer_module.SiteWriter.commit = check  # type: ignore[method-assign]
    try:
        run(glossary, out)
    finally:
        writer_module.SiteWriter.commit = commit  # type: ignore[method-assign]
    assert seen == live, "the live site did not change before the swap"
    assert_same_site(out, glossary, glossary.parent / "clean")
