"""`mindlex ask`: text and JSON output, crisis first, usage errors exit 2."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from mindlex.cli import app
from tests.ask.conftest import EXAMPLES

runner = CliRunner()


def test_text_answer_quotes_with_citations_and_disclaimer() -> None:
    result = runner.invoke(app, ["ask", str(EXAMPLES), "can therapy change the brain?"])
    assert result.exit_code == 0, result.output
    assert "quoted word for word" in result.output
    assert "#faq-can-therapy-change-the-brain" in result.output
    assert "[4] Synaptic plasticity and depression" in result.output
    assert "Reviewed by Example Reviewer" in result.output
    # The same reviewer line as the site: credentials in brackets, demo sign-offs said so.
    assert "Example Reviewer (demo reviewer, not a clinician) - demo sign-off" in result.output
    assert "not medical advice" in result.output


def test_json_crisis_has_no_answer() -> None:
    result = runner.invoke(app, ["ask", str(EXAMPLES), "i want to die", "--format", "json"])
    data = json.loads(result.output)
    assert data["answer"] is None and data["triage"]["outcome"] == "crisis"
    assert data["help"] is None  # the full crisis response is shown instead


def test_every_answer_triage_let_through_ends_with_the_crisis_lines() -> None:
    """Triage misses unseen phrasings, so ordinary answers and refusals still say where help is."""
    for question in ("what is neuroplasticity", "how do I file my tax return"):
        data = json.loads(runner.invoke(app, ["ask", str(EXAMPLES), question, "-f", "json"]).output)
        assert data["triage"]["outcome"] == "none" and data["crisis"] is None
        assert data["help"]["emergency"] == "911"
        assert data["help"]["resources"][0]["name"] == "988 Suicide & Crisis Lifeline"
        assert data["help"]["url"] == "help-in-a-crisis/"
        text = runner.invoke(app, ["ask", str(EXAMPLES), question]).output
        help_at = text.index("If you need help now:")
        assert "In an emergency, call 911." in text[help_at:]
        assert help_at < text.index("not medical advice")


def test_text_crisis_shows_only_help() -> None:
    result = runner.invoke(app, ["ask", str(EXAMPLES), "the voices tell me to hurt myself"])
    assert "988" in result.output and "quoted word for word" not in result.output


def test_bad_options_exit_2() -> None:
    assert runner.invoke(app, ["ask", str(EXAMPLES), "q", "--format", "xml"]).exit_code == 2
    assert runner.invoke(app, ["ask", "/no/such/folder", "q"]).exit_code == 2


def test_an_empty_or_blank_question_is_a_usage_error_not_a_refusal() -> None:
    for question in ("", "   ", "\t\n"):
        result = runner.invoke(app, ["ask", str(EXAMPLES), question])
        assert result.exit_code == 2, result.output
        assert "the question is empty" in result.output
        assert "no reviewed answer" not in result.output
        assert result.output.count("error:") == 1
