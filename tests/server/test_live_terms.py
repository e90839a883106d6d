"""The glossary-wide term structures the preview updates by the changed titles and aliases
equal the ones built from scratch, after every kind of name edit."""

from __future__ import annotations

import random
import re
from collections.abc import Callable
from pathlib import Path

import pytest

from mindlex.glossary import fold
from mindlex.lint.context import Shared
from mindlex.lint.readability import TermSet
from mindlex.lint.scope import TermsByWord
from mindlex.publish.deps import TermDeps
from mindlex.publish.live import LiveSite
from mindlex.render.termlinks import TermIndex
from tests.scale.conftest import write_small_glossary
from tests.server.support import BASE_URL, TODAY

Edit = tuple[str, str, str]
"""(slug, pattern, replacement) in that article's file."""

EDITS: list[list[Edit]] = [
    [("sleep-debt", r"^title: .*$", "title: Worry loops")],  # plural of another title
    [("mood-log", r"^(title: .*)$", r"\1\naliases: [Calm breathing, sleep debts]")],
    [("worry-loop", r"^title: .*$", "title: Sleep debt")],  # the same title twice
    [("mood-log", r"^aliases: .*$", "aliases: [Calm breathing]")],  # one alias fewer
    [("habit-chain", r"^title: .*$", "title: A very long title about calm breathing")],
    [("mood-log", r"^aliases: .*\n", "")],  # no aliases left
    [
        ("sleep-debt", r"^title: .*$", "title: Mood log"),
        ("memory-trace", r"^(title: .*)$", r"\1\naliases: [Worry loop, Habit chains]"),
    ],
    [("worry-loop", r"^summary: .*$", "summary: A new summary of the loop.")],
    [("sleep-debt", r"^title: .*$", "title: Sleep debt")],  # back to the start
]


@pytest.fixture
def root(tmp_path: Path) -> Path:
    return write_small_glossary(tmp_path / "glossary")


def apply(live: LiveSite, root: Path, edits: list[Edit]) -> None:
    paths = set()
    for slug, old, new in edits:
        path = root / "articles" / f"{slug}.md"
        text = path.read_text(encoding="utf-8")
        changed = re.sub(old, new, text, count=1, flags=re.MULTILINE)
        assert changed != text, (slug, old)
        path.write_text(changed, encoding="utf-8")
        paths.add(path)
    live.refresh(frozenset(paths), complete=True)


def render_side(live: LiveSite) -> tuple[object, ...]:
    snap = live.snapshot
    assert snap is not None and snap.terms is not None and snap.deps is not None
    fresh = TermIndex.from_glossary(snap.glossary, snap.plan.published)
    deps = TermDeps.build(fresh, snap.glossary)
    got = (snap.terms.terms, snap.terms.starts, snap.terms.longest, snap.deps.summaries)
    want = (fresh.terms, fresh.starts, fresh.longest, deps.summaries)
    assert {k: sorted(v) for k, v in snap.deps.by_first.items()} == {
        k: sorted(v) for k, v in deps.by_first.items()
    }
    return got, want


def lint_side(live: LiveSite) -> tuple[object, ...]:
    snap = live.snapshot
    assert snap is not None
    shared = live.lint.shared.entries["shared"][1]
    fresh = Shared.build(snap.glossary, snap.glossary.config)
    by_word = live.lint._terms
    assert by_word is not None
    fresh_by_word = TermsByWord.of(fresh.terms.terms)
    got = (shared.terms.terms, shared.terms.sizes, shared.term_owners, shared.backlinks)
    want = (fresh.terms.terms, fresh.terms.sizes, fresh.term_owners, fresh.backlinks)
    got += (by_word.terms, by_word.by_first, by_word.firsts)
    want += (fresh_by_word.terms, fresh_by_word.by_first, fresh_by_word.firsts)
    return got, want


@pytest.mark.parametrize("side", [render_side, lint_side], ids=["render", "lint"])
def test_updated_by_names_equals_built_from_scratch(
    root: Path, side: Callable[[LiveSite], tuple[object, object]]
) -> None:
    live = LiveSite(root, BASE_URL, today=lambda: TODAY)
    live.refresh()
    for edits in EDITS:
        apply(live, root, edits)
        got, want = side(live)
        assert got == want, edits


def test_a_renamed_title_moves_its_plural_to_the_next_owner(root: Path) -> None:
    live = LiveSite(root, BASE_URL, today=lambda: TODAY)
    live.refresh()
    apply(live, root, [("mood-log", r"^(title: .*)$", r"\1\naliases: [Sleep debt]")])
    snap = live.snapshot
    assert snap is not None and snap.terms is not None
    assert snap.terms.terms[("sleep", "debt")] == "sleep-debt"  # the title comes first
    apply(live, root, [("sleep-debt", r"^title: .*$", "title: Rest")])
    snap = live.snapshot
    assert snap is not None and snap.terms is not None
    assert snap.terms.terms[("sleep", "debt")] == "mood-log"
    assert snap.terms.terms[(fold("Rest"),)] == "sleep-debt"


def test_a_term_set_changed_by_names_equals_one_built_from_them() -> None:
    pool = ["Panic", "panic attack", "Panic attack disorder", "worry", "Worry-loop", "a b c", "—"]
    rng = random.Random(3)
    for _ in range(300):
        names = [rng.choice(pool) for _ in range(rng.randint(0, 6))]
        removed = [n for n in names if rng.random() < 0.4]
        added = [rng.choice(pool) for _ in range(rng.randint(0, 3))]
        kept = list(names)
        for name in removed:
            kept.remove(name)
        got = TermSet(names).changed(removed, added)
        want = TermSet(kept + added)
        assert (got.terms, got.sizes, +got.counts) == (want.terms, want.sizes, +want.counts)
