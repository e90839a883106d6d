"""The refusal signals: what each measures, and the calibration search that sets the rule."""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pytest

from mindlex.ask.retrieve import rank
from mindlex.ask.service import Asker
from mindlex.ask.support import Signals, signals, supported

DATA = Path(__file__).parent / "data" / "retrieval.tsv"
BENCHMARKS = Path(__file__).resolve().parents[2] / "benchmarks"


def measured(asker: Asker, question: str) -> Signals:
    ranked = rank(asker.store, asker.model, asker.synonyms, question)
    return signals(asker.store, asker.synonyms, question, ranked, asker.model)


def intent_rows() -> list[tuple[str, str]]:
    out = []
    for line in DATA.read_text(encoding="utf-8").splitlines():
        if line.startswith("unanswerable"):
            _, _, reason, question = line.split("\t")
            if reason != "unsupported":
                out.append((question, reason))
    return out


@pytest.mark.parametrize(("question", "reason"), intent_rows())
def test_diagnosis_dose_and_decision_questions_refuse_with_their_reason(
    asker: Asker, question: str, reason: str
) -> None:
    answer = asker.ask(question).answer
    assert answer is not None and answer.status == "refused"
    assert answer.reason == reason


def test_words_the_glossary_only_mentions_in_passing_do_not_count_as_support(
    asker: Asker,
) -> None:
    # Every word occurs in some passage (a side effect raises cholesterol), so coverage alone
    # would answer; no title, heading or FAQ question is about it, so the rule refuses.
    found = measured(asker, "how do I lower my cholesterol")
    assert found.coverage == 1.0
    assert found.topical < 0.2
    assert not supported(found)
    assert asker.ask("how do I lower my cholesterol").answer.reason == "unsupported"  # type: ignore[union-attr]


def test_a_question_about_an_article_subject_is_supported_on_every_signal(asker: Asker) -> None:
    found = measured(asker, "what is the amygdala")
    assert found.topical == 1.0 and found.local == 1.0 and found.coverage == 1.0
    assert supported(found)


def test_a_lay_phrase_counts_as_covered_and_marks_the_question_expanded(asker: Asker) -> None:
    found = measured(asker, "why do I feel nothing anymore")
    assert found.expanded and supported(found)


def test_words_no_passage_holds_give_zero_shares(asker: Asker) -> None:
    found = measured(asker, "zzzz qqqq")
    assert (found.coverage, found.topical, found.local, found.expanded) == (0.0, 0.0, 0.0, False)
    assert measured(asker, "") == Signals(measured(asker, "").cosine, 0.0, 0.0, 0.0, False)


def test_postings_know_which_passage_holds_a_stem(asker: Asker) -> None:
    store = asker.store
    index = next(i for i, p in enumerate(store.passages) if p.slug == "amygdala")
    other = next(i for i, p in enumerate(store.passages) if "amygdala" not in p.text.lower())
    assert store.postings.has(["amygdala"], index)
    assert not store.postings.has(["amygdala"], other)
    assert not store.postings.has(["nosuchstem"], index)
    assert "amygdala" in store.heading_stems


def test_the_search_picks_the_middle_of_the_gap_between_the_two_classes() -> None:
    sys.path.insert(0, str(BENCHMARKS))
    from ask_calibrate import Sample, search

    # Answerable questions have topical >= 0.5, unanswerable ones <= 0.2; nothing else varies.
    topical = [0.5, 0.6, 0.7, 0.8, 0.9, 0.0, 0.1, 0.2]
    data = Sample(
        [Signals(0.0, 1.0, t, 1.0, False) for t in topical],
        np.array([True] * 5 + [False] * 3),
        np.array([False] * 8),
    )
    choice = search(data)
    assert choice.refusal_recall == 1.0 and choice.wrong_refusals == 0.0
    assert 0.3 <= choice.thresholds.topical <= 0.4
    assert all(supported(s, choice.thresholds) for s in data.signals[:5])
