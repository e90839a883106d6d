"""The preview's findings after title, alias and related edits: those of a clean build, with
only the articles whose inputs moved linted again."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from mindlex.diagnostic import Diagnostic
from mindlex.publish.live import LiveSite
from tests.scale.conftest import write_small_glossary
from tests.server.support import BASE_URL, TODAY, clean_preview_build


@pytest.fixture
def root(tmp_path: Path) -> Path:
    return write_small_glossary(tmp_path / "glossary")


def listed(found: list[Diagnostic]) -> list[str]:
    return [f"{d.severity} {d.render()}" for d in found]


def start(root: Path) -> LiveSite:
    live = LiveSite(root, BASE_URL, today=lambda: TODAY)
    live.refresh()
    return live


def edit(live: LiveSite, root: Path, *changes: tuple[str, str, str]) -> list[Diagnostic]:
    """Rewrite files (slug, pattern, replacement), refresh as a watcher would, and check
    the findings against a clean build's."""
    paths = set()
    for slug, old, new in changes:
        path = root / "articles" / f"{slug}.md"
        text = path.read_text(encoding="utf-8")
        changed = re.sub(old, new, text, count=1, flags=re.MULTILINE)
        assert changed != text
        path.write_text(changed, encoding="utf-8")
        paths.add(path)
    found = live.refresh(frozenset(paths), complete=True).result.diagnostics
    clean = clean_preview_build(root, root.parent / "clean").diagnostics
    assert listed(found) == listed(clean)
    return found


def of(found: list[Diagnostic], code: str) -> set[str]:
    return {d.span.path.stem for d in found if d.code == code}


Parts = dict[str, dict[str, object]]


def own_parts(live: LiveSite) -> Parts:
    """The own and graded findings of every article, to see later which were redone."""
    tables = {"own": live.lint.own, "graded": live.lint.graded}
    return {
        name: {slug: value for slug, (_key, value) in table.entries.items()}
        for name, table in tables.items()
    }


def relinted(live: LiveSite, before: Parts, part: str = "own") -> set[str]:
    """Slugs whose `part` findings are new objects since `before`."""
    now = own_parts(live)[part]
    return {slug for slug, value in now.items() if before[part].get(slug) is not value}


def test_a_title_that_two_articles_share_is_reported_on_both_until_one_changes(
    root: Path,
) -> None:
    live = start(root)
    before = own_parts(live)
    found = edit(live, root, ("calm-breathing", r"^title: .*$", "title: Sleep debt"))
    assert of(found, "META014") == {"sleep-debt", "calm-breathing"}
    # Only the edited article is linted again; those that mention "calm" are re-graded,
    # and the others were looked at by the rules that compare articles alone.
    mention = {"calm-breathing", "sleep-debt", "worry-loop", "mood-log"}
    assert relinted(live, before) == {"calm-breathing"}
    assert relinted(live, before, "graded") == mention
    before = own_parts(live)
    found = edit(live, root, ("calm-breathing", r"^title: .*$", "title: Calm breathing"))
    assert of(found, "META014") == set()
    assert relinted(live, before) == {"calm-breathing"}
    assert relinted(live, before, "graded") == mention


def test_an_alias_that_is_another_articles_title_comes_and_goes(root: Path) -> None:
    live = start(root)
    found = edit(live, root, ("mood-log", r"^(title: .*)$", r"\1\naliases: [worry loop]"))
    assert of(found, "META014") == {"mood-log", "worry-loop"}
    found = edit(live, root, ("mood-log", r"^aliases: .*\n", ""))
    assert of(found, "META014") == set()


def test_dropping_the_last_links_to_an_article_makes_it_an_orphan(root: Path) -> None:
    live = start(root)
    assert "sleep-debt" not in of(live.refresh().result.diagnostics, "LINK003")
    before = own_parts(live)
    found = edit(
        live,
        root,
        ("mood-log", r"^related: .*$", "related: [worry-loop]"),
        ("habit-chain", r"^related: .*$", "related: [mood-log]"),
    )
    assert "sleep-debt" in of(found, "LINK003")
    assert relinted(live, before) == {"mood-log", "habit-chain"}
    found = edit(live, root, ("habit-chain", r"^related: .*$", "related: [mood-log, sleep-debt]"))
    assert "sleep-debt" not in of(found, "LINK003")


def test_a_related_slug_is_reported_until_an_article_takes_it(root: Path) -> None:
    live = start(root)
    found = edit(live, root, ("worry-loop", r"^related: \[", "related: [calm-breath, "))
    assert missing(found) == {"calm-breath"}
    found = edit(live, root, ("calm-breathing", r"^(title: .*)$", r"\1\nslug: calm-breath"))
    assert missing(found) == {"calm-breathing"}


def missing(found: list[Diagnostic]) -> set[str]:
    """Related slugs reported as not existing."""
    return {d.message.split("`")[1] for d in found if d.code == "LINK001"}


def test_a_new_title_rescores_an_article_that_uses_it(root: Path) -> None:
    """Defined terms count as simple words: naming another article's new title in prose
    changes this article's grades, though its file did not change."""
    summary = (
        "summary: Sleep debt follows emotional dysregulation, persistent emotional "
        "dysregulation and unexplained emotional dysregulation."
    )
    live = start(root)
    first = edit(live, root, ("sleep-debt", r"^summary: .*$", summary))
    graded = [d.message for d in first if d.code == "READ001" and "sleep-debt" in str(d.span)]
    assert graded
    before = own_parts(live)
    after = edit(live, root, ("mood-log", r"^title: .*$", "title: Emotional dysregulation"))
    assert "sleep-debt" in relinted(live, before, "graded")
    assert "sleep-debt" not in relinted(live, before)
    regraded = [d.message for d in after if d.code == "READ001" and "sleep-debt" in str(d.span)]
    assert regraded != graded


def test_a_new_title_whose_words_an_article_lacks_does_not_regrade_it(root: Path) -> None:
    """A term counts only where all its words are present: prose that holds the first
    word of a new title but not the rest keeps its graded findings."""
    summary = "summary: Sleep debt follows emotional strain and tiredness over weeks."
    live = start(root)
    edit(live, root, ("sleep-debt", r"^summary: .*$", summary))
    before = own_parts(live)
    edit(live, root, ("mood-log", r"^title: .*$", "title: Emotional dysregulation"))
    assert "sleep-debt" not in relinted(live, before, "graded")
    assert "mood-log" in relinted(live, before)


def test_a_second_start_lints_nothing_and_reports_the_same(root: Path) -> None:
    first = start(root)
    found = listed(first.refresh().result.diagnostics)
    again = LiveSite(root, BASE_URL, today=lambda: TODAY)
    result = again.refresh().result
    assert again.lint.own.misses == 0
    assert listed(result.diagnostics) == found
    path = root / "articles" / "worry-loop.md"
    path.write_text(path.read_text(encoding="utf-8") + "\nOne more line.\n", encoding="utf-8")
    edited = again.refresh(frozenset({path}), complete=True).result
    assert edited.parsed == 1  # the files read from the cache at start are not parsed again
