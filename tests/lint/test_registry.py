"""Registry invariants, prefix selection, vocabulary sources, generated docs and parallel runs."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from mindlex.lint import docs, lexicon
from mindlex.lint.readability import score_sentence, syllables
from mindlex.lint.registry import FAMILIES, Selector, all_rules
from mindlex.lint.rule import FixAvailability
from mindlex.lint.runner import lint_glossary, selected_rules
from tests.lint.conftest import TODAY, glossary_of, make_config

ROOT = Path(__file__).resolve().parents[2]
SECTIONS = ("## Why it matters", "## Example", "## Preferred")


@pytest.mark.parametrize("code", sorted(all_rules()))
def test_rule_metadata_and_docs(code: str) -> None:
    rule = all_rules()[code]
    assert rule.family in FAMILIES and code.startswith(rule.family)
    assert re.fullmatch(r"[a-z]+(-[a-z0-9]+)+", rule.name)
    doc = rule.doc()
    assert all(section in doc for section in SECTIONS), code
    assert rule.source.startswith("http") or rule.family == "LINK"
    if rule.fix is not FixAvailability.NONE:
        assert "## Fix" in doc


def test_phrase_rules_fix_availability_matches_vocabulary() -> None:
    for code, rule in all_rules().items():
        fixes = {p.fix for p in lexicon.builtin_phrases() if p.code == code} - {None}
        if fixes:
            assert rule.fix is FixAvailability.SAFE if "safe" in fixes else FixAvailability.UNSAFE


def test_every_vocabulary_entry_has_a_source() -> None:
    phrases = lexicon.builtin_phrases()
    assert len(phrases) > 80
    assert all(p.source.startswith(("http://", "https://")) for p in phrases)
    for groups in lexicon.lexicons().values():
        assert all(source.startswith(("http://", "https://")) for _, source in groups)
    assert {p.code for p in phrases} <= set(all_rules())


def test_longest_prefix_wins() -> None:
    selector = Selector(["LANG", "LANG004"], ["LANG00"])
    assert selector.enabled("LANG004")
    assert not selector.enabled("LANG003")
    assert selector.enabled("LANG010")
    assert not selector.enabled("SAFE001")
    assert Selector(["ALL"], ["SAFE"]).enabled("STR001")


def test_per_path_selection(tmp_path: Path) -> None:
    config = make_config(
        tmp_path,
        select=["LANG"],
        **{"per-path": [{"path": "quotes/*.md", "ignore": ["LANG004"], "select": ["STR001"]}]},
    )
    plain = {r.code for r in selected_rules(config, path="a.md")}
    quoted = {r.code for r in selected_rules(config, path="quotes/a.md")}
    assert "LANG004" in plain and "LANG004" not in quoted
    assert "STR001" in quoted and "STR001" not in plain


def test_generated_rules_page_is_current() -> None:
    page = ROOT / "docs" / "rules.md"
    assert page.read_text(encoding="utf-8") == docs.render(), (
        "docs/rules.md is stale: run `python -m mindlex.lint.docs docs/rules.md`"
    )


def test_parallel_run_matches_serial_run(tmp_path: Path) -> None:
    config = make_config(tmp_path)
    body = (
        "---\ntitle: T{i}\nsummary: s s s s s s s s.\ncategory: c\n---\n\n"
        "## Definition\n\nCrazy addicts {i} committed suicide.\n"
    )
    files = {tmp_path / f"a{i:03}.md": body.format(i=i) for i in range(120)}
    glossary = glossary_of(config, files)
    serial = lint_glossary(glossary, config, today=TODAY, jobs=1)
    parallel = lint_glossary(glossary, config, today=TODAY, jobs=2)
    assert len(serial) > 120
    assert [d.render() for d in parallel] == [d.render() for d in serial]


def test_syllables_and_scores() -> None:
    assert syllables("depression") == 3
    assert syllables("the") == 1
    assert syllables("neuroplasticityish") >= 6
    assert syllables("self-harm") == 2
    scores = score_sentence("The cat sat on the mat.")
    assert (scores.words, scores.syllables, scores.polysyllables) == (6, 6, 0)
    assert round(scores.smog, 2) == 3.13
