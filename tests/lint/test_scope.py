"""The split of findings the preview relies on: the same findings, and terms that matter."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from mindlex.config import load_config
from mindlex.lint.context import LintContext, Shared
from mindlex.lint.readability import TermSet
from mindlex.lint.registry import all_rules
from mindlex.lint.rule import Rule
from mindlex.lint.runner import Linter, lint_glossary
from mindlex.lint.scope import GLOSSARY, OwnFindings, TermsByWord
from mindlex.loader import load_glossary
from tests.lint.conftest import FRONT, TODAY, glossary_of, make_config
from tests.scale.conftest import write_small_glossary

WORDS = ["calm", "breathing", "Worry", "loop", "anxiety-disorder", "generalised", "don't", "48"]


def test_rules_that_compare_articles_say_what_they_read() -> None:
    """A rule reading another article's front matter must be in the glossary part, or a
    title edit elsewhere would leave its findings stale in the preview."""
    assert compared() == {"LINK001", "LINK003", "LINK005", "META014"}
    for code in compared():
        assert all_rules()[code].glossary_facts is not Rule.glossary_facts


def compared() -> set[str]:
    return {code for code, cls in all_rules().items() if GLOSSARY in cls.needs}


def graders() -> set[str]:
    return {code for code, cls in all_rules().items() if "readability" in cls.needs}


def _article(text: str) -> LintContext:
    source = f"{FRONT}## Definition\n\n{text}\n\n- {text}\n"
    glossary = glossary_of(make_config(), {Path("page.md"): source})
    [article] = glossary.articles.values()
    return LintContext(article, glossary, glossary.config, today=TODAY)


@settings(max_examples=60, deadline=None, derandomize=True)
@given(
    st.lists(st.sampled_from(WORDS), min_size=1, max_size=14),
    st.lists(st.lists(st.sampled_from(WORDS), min_size=1, max_size=3), max_size=6),
)
def test_only_terms_whose_words_an_article_scored_change_its_scores(
    words: list[str], terms: list[list[str]]
) -> None:
    """Readability with every defined term equals readability with only the terms whose
    first word `term_words` lists: the preview re-scores an article for no other term."""
    ctx = _article(" ".join(words) + ".")
    names = [" ".join(t) for t in terms]
    everything = TermSet(names)
    ctx.shared = Shared.build(ctx.glossary, ctx.config)
    ctx.shared.terms = everything
    full = ctx.readability
    own = OwnFindings((), ctx.term_words())
    met = set(TermsByWord.of(everything.terms).within(own))
    restricted = _article(" ".join(words) + ".")
    restricted.shared = Shared.build(restricted.glossary, restricted.config)
    restricted.shared.terms = TermSet(n for n in names if TermSet([n]).terms <= met)
    assert restricted.readability == full


def test_no_words_are_kept_when_no_readability_rule_ran() -> None:
    ctx = _article("Calm breathing helps.")
    assert ctx.term_words() == ()
    ctx.readability  # noqa: B018  (computes the view)
    assert {"breathing", "calm", "helps", "summary"} <= set(ctx.term_words())


def test_the_two_parts_joined_are_the_findings_of_a_clean_lint(tmp_path: Path) -> None:
    root = write_small_glossary(tmp_path / "g")
    page = root / "articles" / "worry-loop.md"
    text = page.read_text().replace("title: Worry loop", "title: Sleep debt")
    page.write_text(text.replace("related: [", "related: [no-such-page, "))
    config = load_config(root)
    glossary = load_glossary(config).glossary
    linter = Linter(glossary, config, False, None, TODAY, Shared.build(glossary, config))
    joined = []
    for slug in sorted(glossary.articles):
        article = glossary.articles[slug]
        (plain, graded), across = linter.own(article), linter.across(article)
        assert plain.words == () and graded.words
        assert not {d.code for d in (*plain.found, *graded.found)} & compared()
        assert {d.code for d in graded.found} <= graders()
        assert {d.code for d in across} <= compared()
        assert linter.graded(article) == graded
        joined += linter.finish(article, [*plain.found, *graded.found, *across])
    clean = lint_glossary(glossary, config, today=TODAY, jobs=1)
    assert sorted(joined, key=lambda d: (*d.sort_key(), d.message)) == clean
    assert {"META014", "LINK001", "READ001"} <= {d.code for d in clean}
