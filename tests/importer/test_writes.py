"""Imports never overwrite: re-import is idempotent, edits are kept, --force backs up,
slug collisions get a new slug, and a dry run writes nothing."""

from __future__ import annotations

import shutil
from pathlib import Path

from mindlex.lint.check import Options, run
from tests.importer.support import FIXTURES, import_fixtures, make_root

HAND_WRITTEN = """---
title: Interoception
summary: Written by hand before the import.
category: neuroscience
---

## Definition

A hand-written article.
"""


def files(root: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted((root / "articles").iterdir())}


def test_dry_run_writes_nothing(tmp_path: Path) -> None:
    root = make_root(tmp_path)
    report = import_fixtures(root, ["glossary-page.txt"], dry_run=True)
    assert report.pages[0].action == "create"
    assert files(root) == {}


def test_reimport_is_idempotent(tmp_path: Path) -> None:
    root = make_root(tmp_path)
    import_fixtures(root, ["glossary-page.txt", "wordpress-export.xml"])
    before = files(root)
    stats = {p.name: p.stat().st_mtime_ns for p in (root / "articles").iterdir()}
    again = import_fixtures(root, ["glossary-page.txt", "wordpress-export.xml"])
    assert {p.action for p in again.pages} == {"unchanged"}
    assert files(root) == before
    assert {p.name: p.stat().st_mtime_ns for p in (root / "articles").iterdir()} == stats


def test_edited_article_is_kept_then_replaced_with_force(tmp_path: Path) -> None:
    root = make_root(tmp_path)
    import_fixtures(root, ["glossary-page.txt"])
    path = root / "articles" / "interoception.md"
    edited = path.read_text(encoding="utf-8").replace(
        "status: draft", "status: draft\npublished: 2026-01-01"
    )
    path.write_text(edited, encoding="utf-8")
    kept = import_fixtures(root, ["glossary-page.txt"])
    (message,) = kept.pages[0].planned.messages  # type: ignore[union-attr]
    assert kept.pages[0].action == "keep" and "edited since it was imported" in message
    assert path.read_text(encoding="utf-8") == edited
    forced = import_fixtures(root, ["glossary-page.txt"], force=True)
    assert forced.pages[0].action == "replace"
    assert (root / "articles" / "interoception.md.bak").read_text(encoding="utf-8") == edited
    assert "published: 2026-01-01" not in path.read_text(encoding="utf-8")
    assert sorted(files(root)) == ["interoception.md", "interoception.md.bak"]
    assert len(run([root], Options()).glossary.articles) == 1  # the backup is not an article


def test_existing_article_is_never_overwritten(tmp_path: Path) -> None:
    root = make_root(tmp_path)
    (root / "articles" / "interoception.md").write_text(HAND_WRITTEN, encoding="utf-8")
    report = import_fixtures(root, ["glossary-page.txt"])
    (page,) = report.pages
    assert page.action == "create" and page.planned is not None
    assert page.planned.path.name == "interoception-2.md"
    assert any("slug `interoception` is taken" in m for m in page.planned.messages)
    assert any("same title as `interoception`" in m for m in page.planned.messages)
    assert (root / "articles" / "interoception.md").read_text(encoding="utf-8") == HAND_WRITTEN


def test_folder_of_pages_and_related_links(tmp_path: Path) -> None:
    mirror = tmp_path / "mirror" / "glossary"
    for name in ("self-compassion", "rumination"):
        (mirror / name).mkdir(parents=True)
    shutil.copy(FIXTURES / "condition-cms.html", mirror / "rumination" / "index.html")
    root = make_root(tmp_path)
    report = import_fixtures(root, [str(tmp_path / "mirror")])
    assert [p.action for p in report.pages] == ["create"]
    art = report.pages[0].article
    assert art is not None and art.related == []
    assert sum("was not imported" in t for t in art.todo) == 2


def test_no_temporary_files_left(tmp_path: Path) -> None:
    root = make_root(tmp_path)
    import_fixtures(root, ["glossary-page.txt", "hugo-article.md", "jekyll-post.md"])
    assert all(not p.name.startswith(".") for p in (root / "articles").iterdir())


def test_changed_source_is_reported_as_such(tmp_path: Path) -> None:
    root = make_root(tmp_path)
    page = tmp_path / "page.txt"
    page.write_bytes((FIXTURES / "glossary-page.txt").read_bytes())
    import_fixtures(root, [str(page)])
    page.write_text(page.read_text(encoding="utf-8").replace("weakly", "loosely"), "utf-8")
    again = import_fixtures(root, [str(page)])
    (message,) = again.pages[0].planned.messages  # type: ignore[union-attr]
    assert again.pages[0].action == "keep" and "earlier version of this source" in message
