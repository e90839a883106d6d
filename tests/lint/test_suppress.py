"""Suppression semantics: next line, regions, front matter, prefixes, and the SUP findings."""

from __future__ import annotations

from tests.lint.conftest import FRONT, LintText, codes

LINE = FRONT.count("\n") + 1


def test_next_line_silences_only_the_next_content_line(lint_text: LintText) -> None:
    body = (
        "<!-- mindlex-disable-next-line LANG004 -- quoting a patient -->\n\n"
        "He felt crazy.\n\nLater, crazy again.\n"
    )
    found = lint_text(body, select=["LANG004", "SUP"])
    assert [(d.code, d.span.line) for d in found] == [("LANG004", LINE + 4)]


def test_region_runs_until_enable_of_the_same_code(lint_text: LintText) -> None:
    body = (
        "<!-- mindlex-disable LANG004, LANG006 -- a quoted 1950s memo -->\n"
        "crazy addicts\n<!-- mindlex-enable LANG004 -->\n\ncrazy addicts\n"
    )
    found = lint_text(body, select=["LANG", "SUP"])
    assert [(d.code, d.span.line) for d in found] == [("LANG004", LINE + 4)]


def test_unclosed_region_runs_to_the_end_of_file(lint_text: LintText) -> None:
    body = "<!-- mindlex-disable LANG -- historical quotes -->\n\ncrazy\n\naddicts\n"
    assert lint_text(body, select=["LANG", "SUP"]) == []


def test_front_matter_suppression_covers_the_whole_file(lint_text: LintText) -> None:
    text = (
        "---\ntitle: T\nsummary: s s s s s s s s.\ncategory: c\nsuppress:\n"
        "  - code: LANG004\n    reason: quoted song titles\n---\n\ncrazy\n\ncrazy\n"
    )
    assert lint_text(text, select=["LANG004", "SUP"]) == []


def test_prefix_suppression_and_unused_reporting(lint_text: LintText) -> None:
    body = (
        "<!-- mindlex-disable-next-line LANG -- quoting -->\ncrazy\n\n"
        "<!-- mindlex-disable-next-line LANG004 -- nothing here -->\ncalm\n"
    )
    found = lint_text(body, select=["LANG", "SUP"])
    assert [(d.code, d.span.line) for d in found] == [("SUP002", LINE + 3)]


def test_missing_reason_is_reported_but_still_suppresses(lint_text: LintText) -> None:
    body = "<!-- mindlex-disable-next-line LANG004 -->\ncrazy\n"
    assert codes(lint_text(body, select=["LANG004", "SUP"])) == ["SUP001"]


def test_suppression_of_unselected_rule_is_not_called_unused(lint_text: LintText) -> None:
    body = "<!-- mindlex-disable-next-line READ004 -- long quoted passage -->\nShort.\n"
    assert lint_text(body, select=["LANG", "SUP"]) == []


def test_sup_findings_can_be_ignored_by_config(lint_text: LintText) -> None:
    body = "<!-- mindlex-disable-next-line LANG004 -->\ncrazy\n"
    assert lint_text(body, select=["LANG004", "SUP"], ignore=["SUP001"]) == []
