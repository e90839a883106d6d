"""The refusal signals: what each measures, and the calibration search that sets the rule."""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pytest

from mindlex.ask.answer import REFUSALS
from mindlex.ask.intents import compile_intents, default_intents, glossary_terms, normalise
from mindlex.ask.retrieve import rank
from mindlex.ask.service import Asker
from mindlex.ask.support import CALIBRATED, Signals, Thresholds, signals, supported
from mindlex.glossary import Glossary

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


# Structural intents: each needs all of its parts, and general questions stay answered.


@pytest.mark.parametrize(
    ("question", "intent"),
    [
        # diagnosis = question form + a specific person + a condition term
        ("is my stepdaughter autistic?", "diagnosis"),
        ("we argue a lot, could she be bipolar?", "diagnosis"),
        ("has he got ptsd from the army", "diagnosis"),
        ("would you say I am an alcoholic", "diagnosis"),
        ("does this mean that I have social anxiety?", "diagnosis"),
        ("is bipolar disorder genetic?", ""),  # no person
        ("can he recover from schizophrenia?", ""),  # no have/be: a question about recovery
        ("is he tired all the time?", ""),  # no condition
        ("what are the signs of psychosis in teenagers?", ""),  # no question form
        # dosing = a dose cue, or a medicine term + an amount, frequency or change
        ("how many pills of seroquel is too many", "dosing"),
        ("I forgot last night, can I take both this morning?", "dosing"),
        ("can I up my olanzapine myself", "dosing"),
        ("how often should I take my melatonin", "dosing"),
        ("does lithium lower the risk of suicide?", ""),  # "lower" without my/the
        ("how does lithium work?", ""),
        ("how many sessions of cbt will it take", ""),  # an amount, but of therapy
        # personal_decision = a first-person frame + a care action within a few words
        ("is it time for us to stop family therapy?", "personal_decision"),
        ("do I have to keep going to group now I feel better", "personal_decision"),
        ("I am considering quitting my antipsychotic", "personal_decision"),
        ("would it be wise for me to switch therapists", "personal_decision"),
        ("do I need to describe my trauma in detail during emdr", ""),  # no care action
        ("can I get cbt without a referral", ""),  # "can I" only frames stopping
    ],
)
def test_intents_are_recognised_by_their_parts(question: str, intent: str) -> None:
    assert default_intents().refused(question) == intent


def test_curly_apostrophes_and_contractions_are_normalised() -> None:
    assert normalise("Does that mean I\u2019m DEPRESSED?!") == "does that mean i am depressed ? !"
    assert default_intents().refused("Does that mean I\u2019m DEPRESSED?!") == "diagnosis"


def test_a_glossary_condition_or_medicine_widens_the_intents() -> None:
    # An invented condition and medicine: unknown to the vocabulary, known once the glossary
    # names them in a condition or medication article.
    assert default_intents().refused("is my son flibbertosis?") == ""
    assert default_intents().refused("what is the maximum of quuxamine") == ""
    wider = compile_intents({"diagnosis": ["Flibbertosis"], "dosing": ["Quuxamine"]})
    assert wider.refused("is my son flibbertosis?") == "diagnosis"
    assert wider.refused("what is the maximum of quuxamine") == "dosing"
    assert wider.refused("what is flibbertosis") == ""


def test_glossary_terms_are_the_titles_and_aliases_of_condition_and_medication_articles(
    sample: Glossary,
) -> None:
    terms = glossary_terms(sample)
    assert {"schizophrenia", "manic depression", "gad", "generalized anxiety disorder"} <= set(
        terms["diagnosis"]
    )
    assert {"lithium", "lithium carbonate", "neuroleptics"} <= set(terms["dosing"])
    assert "amygdala" not in terms["diagnosis"] + terms["dosing"]  # brain anatomy


def test_the_asker_refuses_with_the_intent_as_reason_and_its_fixed_wording(asker: Asker) -> None:
    answer = asker.ask("my wife sleeps all day, is she depressed?").answer
    assert answer is not None and answer.status == "refused" and not answer.quotes
    assert answer.reason == "diagnosis" and answer.message == REFUSALS["diagnosis"]
    # a title alias from the glossary, not the vocabulary: "manic depression"
    assert asker.ask("does my dad have manic depression").answer.reason == "diagnosis"  # type: ignore[union-attr]


def test_an_index_without_intent_terms_falls_back_to_the_vocabulary(asker: Asker) -> None:
    meta = {k: v for k, v in asker.meta.items() if k != "intent_terms"}
    older = Asker(asker.store, meta, asker.model, asker.synonyms)
    assert older.ask("is he bipolar").answer.reason == "diagnosis"  # type: ignore[union-attr]


# The foreign signal: words no passage holds and far from the glossary's subject.


@pytest.mark.parametrize(
    "question",
    ["how do I make my home wifi more resilient", "what should go in a home fire safety plan"],
)
def test_an_off_topic_subject_sharing_one_glossary_word_scores_as_foreign(
    asker: Asker, question: str
) -> None:
    """The signal separates these; the calibrated rule does not use it (the limit is off,
    because on lay questions it also refused answerable ones), so ask_eval reports it."""
    found = measured(asker, question)
    assert found.foreign > 0.3
    assert CALIBRATED.foreign == 1.0


def test_absent_words_near_the_glossary_subject_are_not_foreign(asker: Asker) -> None:
    # "anymore" is in no passage, but its vector lies near the glossary's centroid.
    found = measured(asker, "why do I feel nothing anymore")
    assert found.coverage < 1.0 and found.foreign == 0.0
    assert measured(asker, "what goes into a safety plan").foreign == 0.0


def test_the_foreign_limit_bounds_the_meaning_clauses_only() -> None:
    t = Thresholds(0.15, 0.6, 0.66, 0.3, 0.51, foreign=0.2)
    by_meaning = Signals(0.9, 0.6, 0.0, 0.0, True, foreign=0.4)
    by_words = Signals(0.1, 1.0, 0.9, 0.9, False, foreign=0.4)
    assert not supported(by_meaning, t)
    assert supported(Signals(0.9, 0.6, 0.0, 0.0, True, foreign=0.2), t)
    assert supported(by_words, t)


def test_the_foreign_search_holds_the_other_thresholds() -> None:
    sys.path.insert(0, str(BENCHMARKS))
    from ask_calibrate import EARLIER, Sample, search

    # Two answerable questions, one off-topic one that only the foreign limit separates.
    data = Sample(
        [
            Signals(0.9, 0.6, 0.0, 0.0, False, foreign=0.0),
            Signals(0.9, 0.6, 0.0, 0.0, False, foreign=0.1),
            Signals(0.9, 0.6, 0.0, 0.0, False, foreign=0.6),
        ],
        np.array([True, True, False]),
        np.array([False] * 3),
    )
    choice = search(data, held=EARLIER, budget=0.0)
    assert choice.refusal_recall == 1.0 and choice.wrong_refusals == 0.0
    assert 0.1 <= choice.thresholds.foreign < 0.6
    assert choice.thresholds.cosine == EARLIER.cosine
    assert choice.thresholds.topical == EARLIER.topical
