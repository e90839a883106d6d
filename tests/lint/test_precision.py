"""Quoted examples, code, link targets and proper names never fire; positions are exact."""

from __future__ import annotations

from mindlex.diagnostic import Diagnostic
from tests.lint.conftest import FRONT, LintText

BODY_LINE = FRONT.count("\n") + 1


def where(diags: list[Diagnostic], code: str) -> list[tuple[int, int]]:
    return [(d.span.line, d.span.col) for d in diags if d.code == code]


def test_quoted_examples_do_not_fire(lint_text: LintText) -> None:
    body = (
        'Avoid saying "committed suicide"; say “died by suicide”.\n\n'
        "The word 'addicts' is stigmatising.\n"
    )
    assert lint_text(body, select=["LANG"]) == []


def test_inline_code_and_link_targets_do_not_fire(lint_text: LintText) -> None:
    body = (
        "The regex `committed suicide` matches text. See [the guide]"
        "(https://example.org/crazy-addicts) and <https://example.org/psycho>.\n"
    )
    assert lint_text(body, select=["LANG"]) == []


def test_proper_names_do_not_fire(lint_text: LintText) -> None:
    body = (
        "The National Institute on Drug Abuse funds research. Alcoholics Anonymous "
        "and Narcotics Anonymous hold meetings. The Substance Abuse and Mental Health "
        "Services Administration runs a helpline.\n"
    )
    assert lint_text(body, select=["LANG"]) == []


def test_the_same_phrase_outside_quotes_still_fires(lint_text: LintText) -> None:
    body = 'Avoid "addicts". Addicts deserve care.\n'
    assert where(lint_text(body, select=["LANG006"]), "LANG006") == [(BODY_LINE, 18)]


def test_positions_survive_markup_entities_and_escapes(lint_text: LintText) -> None:
    body = (
        "Some **bold** text &amp; an \\*escape\\* and a [link](https://x.org/a.b) "
        "before\nthe second line where he *committed suicide* here.\n"
    )
    found = lint_text(body, select=["LANG008"])
    assert where(found, "LANG008") == [(BODY_LINE + 1, 27)]
    assert found[0].fix is not None


def test_lists_tables_quotes_and_headings_are_prose(lint_text: LintText) -> None:
    body = (
        "## Why addicts relapse\n\n- an addict in a list\n\n> quoted block with addicts\n\n"
        "| a | b |\n|---|---|\n| ok | addicts |\n"
    )
    lines = [line for line, _ in where(lint_text(body, select=["LANG006"]), "LANG006")]
    assert lines == [BODY_LINE, BODY_LINE + 2, BODY_LINE + 4, BODY_LINE + 8]


def test_summary_is_checked_at_its_own_position(lint_text: LintText) -> None:
    text = (
        "---\ntitle: T\nsummary: Support for addicts and their families here.\n"
        "category: c\n---\n\nBody.\n"
    )
    assert where(lint_text(text, select=["LANG006"]), "LANG006") == [(3, 22)]


def test_help_seeking_second_person_is_not_a_diagnosis(lint_text: LintText) -> None:
    body = (
        "If you think you have depression, talk to a doctor. Whether you have anxiety "
        "is for a clinician to say.\n"
    )
    assert lint_text(body, select=["DIAG001"]) == []


def test_means_safety_advice_is_not_method_detail(lint_text: LintText) -> None:
    body = "Locking away firearms and medicines lowers suicide risk. Call or text 988.\n"
    assert lint_text(body, select=["SAFE"]) == []


def test_glossary_terms_count_as_simple_words(lint_text: LintText) -> None:
    body = "## Definition\n\n" + "Electroconvulsive therapy helps some people. " * 6 + "\n"
    term = "---\ntitle: Electroconvulsive therapy\nsummary: s s s.\ncategory: c\n---\n\nx\n"
    assert lint_text(body, select=["READ002"], **{"smog-article": 6}) != []
    assert lint_text(body, select=["READ002"], extra={"ect.md": term}, **{"smog-article": 6}) == []
