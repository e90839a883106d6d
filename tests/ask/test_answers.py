"""Answers quote signed passages verbatim, refuse plainly, and put crisis help first."""

from __future__ import annotations

from pathlib import Path

import pytest

from mindlex.ask.answer import sentences, trim
from mindlex.ask.service import CRISIS_SLUG, Asker

DATA = Path(__file__).parent / "data" / "retrieval.tsv"


def questions() -> list[str]:
    lines = DATA.read_text(encoding="utf-8").splitlines()
    return [line.split("\t")[3] for line in lines if line.strip() and not line.startswith("#")]


def test_every_sentence_of_every_answer_is_verbatim_from_a_signed_passage(asker: Asker) -> None:
    stored = {id(p) for p in asker.store.passages}
    answered = 0
    for question in questions():
        result = asker.ask(question)
        if result.answer is None or result.answer.status != "answered":
            continue
        answered += 1
        for quote in result.answer.quotes:
            passage = quote.passage
            assert id(passage) in stored
            assert passage.signed and passage.reviewer and passage.signed_on
            for sentence in sentences(quote.text):
                assert any(sentence in p.text for p in asker.store.passages if p.signed), sentence
            assert quote.text in passage.text
    assert answered >= 150


def test_the_reference_question_quotes_the_neuroplasticity_faq(asker: Asker) -> None:
    result = asker.ask("can therapy change the brain?").as_json()
    quotes = result["answer"]["quotes"]
    assert result["triage"]["outcome"] == "none" and result["crisis"] is None
    assert any(q["url"] == "neuroplasticity/#faq-can-therapy-change-the-brain" for q in quotes)
    faq = next(q for q in quotes if q["section"] == "Can therapy change the brain?")
    assert faq["reviewer"].startswith("Example Reviewer") and faq["signed_on"]
    cited = [q for q in quotes if q["citations"]]
    assert cited and all(c["number"] >= 1 for q in cited for c in q["citations"])
    assert result["disclaimer"].startswith("This article is for general information")


def test_a_crisis_message_returns_only_the_crisis_response(asker: Asker) -> None:
    result = asker.ask("I have been saving up my pills").as_json()
    assert result["answer"] is None
    crisis = result["crisis"]
    assert crisis["resources"][0]["name"].startswith("988")
    assert crisis["article"]["slug"] == CRISIS_SLUG and crisis["article"]["paragraphs"]
    assert result["disclaimer"]


def test_a_crisis_at_the_end_of_a_long_message_is_still_seen(asker: Asker) -> None:
    message = "I have a question about memory and sleep. " * 40 + "Also I want to die."
    assert len(message) > 1500
    assert asker.ask(message).as_json()["answer"] is None


def test_caution_puts_resources_above_an_answer(asker: Asker) -> None:
    result = asker.ask("why do I feel nothing anymore").as_json()
    assert result["triage"]["outcome"] == "caution"
    assert result["crisis"] is not None and result["answer"]["status"] == "answered"


@pytest.mark.parametrize(
    ("question", "reason"),
    [
        ("do I have ptsd?", "diagnosis"),
        ("how many mg of sertraline should I take", "dosing"),
        ("should I stop taking my SSRI", "personal_decision"),
        ("how do I fix a flat bike tyre", "unsupported"),
        ("zzzz qqqq", "unsupported"),
    ],
)
def test_refusals_say_why_and_still_point_somewhere(
    asker: Asker, question: str, reason: str
) -> None:
    answer = asker.ask(question).as_json()["answer"]
    assert answer["status"] == "refused" and answer["reason"] == reason
    assert "no reviewed answer" in answer["message"] and answer["quotes"] == []


def test_the_crisis_article_is_never_quoted_as_an_answer(asker: Asker) -> None:
    assert all(p.slug != CRISIS_SLUG for p in asker.store.passages)


@pytest.mark.parametrize(
    "question", ['"', "NEAR(a b)", "* OR AND", "brain) OR (", "\x00", "é" * 600, "-", "🙂"]
)
def test_hostile_or_odd_questions_never_raise(asker: Asker, question: str) -> None:
    assert asker.ask(question).as_json()["answer"] is not None or True


def test_trim_keeps_whole_sentences_of_the_passage() -> None:
    words = ["memory" if i == 15 else "filler" for i in range(30)]
    text = " ".join(f"Sentence {i} is about {w}." for i, w in enumerate(words))
    quote = trim(text, ["memory"])
    assert quote in text and quote.endswith(".") and len(quote) <= 420
    assert "Sentence 15 is about memory." in quote
