"""Crisis triage over the labelled set, plus the cases that matter most one by one."""

from __future__ import annotations

from pathlib import Path

import pytest

from mindlex.ask.triage import normalise, triage, vocabulary

DATA = Path(__file__).parent / "data" / "triage.tsv"


def labelled() -> list[tuple[str, str]]:
    rows = []
    for line in DATA.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            label, message = line.split("\t")
            rows.append((label, message))
    return rows


def test_the_labelled_set_is_large_and_balanced() -> None:
    labels = [label for label, _ in labelled()]
    assert len(labels) >= 300
    assert all(labels.count(x) >= 50 for x in ("crisis", "caution", "none"))


def test_every_crisis_message_is_caught_and_no_benign_one_is_escalated_past_caution() -> None:
    misses = [m for label, m in labelled() if label == "crisis" and triage(m).outcome != "crisis"]
    assert misses == []
    benign = [m for label, m in labelled() if label == "none"]
    flagged = [m for m in benign if triage(m).outcome != "none"]
    assert len(flagged) <= 0.03 * len(benign), flagged


@pytest.mark.parametrize(
    ("message", "outcome"),
    [
        ("I could kill for a coffee", "none"),
        ("I could kill for a coffee and I want to die", "crisis"),
        ("my friend wants to die", "crisis"),
        ("I don't want to die", "caution"),
        ("I don't know if I want to die", "crisis"),
        ("I'm not suicidal, I just hope I don't wake up", "crisis"),
        ("the voices tell me to hurt my sister", "crisis"),
        ("I want to die my hair blue", "none"),
        ("why do people hurt themselves", "caution"),
        ("my friends hurt themselves", "crisis"),
        ("what are suicidal thoughts", "caution"),
        ("I am having suicidal thoughts", "crisis"),
        ("I have the pills ready", "crisis"),
        ("", "none"),
        ("   \n\t ", "none"),
        ("a" * 100_000, "none"),
    ],
)
def test_outcomes(message: str, outcome: str) -> None:
    assert triage(message).outcome == outcome


def test_matches_explain_themselves_with_a_known_source() -> None:
    result = triage("Everyone would be better off without me")
    assert result.outcome == "crisis"
    vocab = vocabulary()
    assert result.categories == ["burden"]
    assert all(m.source in vocab.sources for m in result.matches)
    assert result.as_json()["matches"][0]["text"]


def test_normalise_straightens_quotes_and_spaces() -> None:
    assert normalise("I  DON\u2019T\n want") == "i don't want"


def test_a_pattern_that_does_not_compile_is_named(tmp_path: Path) -> None:
    bad = tmp_path / "triage.toml"
    bad.write_text(
        '[sources]\na = "x"\n[negation]\ncue = "not"\n'
        '[[entry]]\nid = "broken"\nlevel = "crisis"\ncategory = "c"\nsource = "a"\npattern = "(("\n'
        "[[idiom]]\nid = 'i'\npattern = 'x'\nsource = 'a'\n",
        encoding="utf-8",
    )
    with pytest.raises(ValueError, match="'broken' does not compile"):
        vocabulary(bad)
