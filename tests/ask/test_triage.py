"""Crisis triage over the labelled set, plus the cases that matter most one by one."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from mindlex.ask.compile import static_vocabulary
from mindlex.ask.triage import WORD_CLASS, normalise, rewrite, triage, vocabulary

DATA = Path(__file__).parent / "data" / "triage.tsv"


def labelled(path: Path = DATA) -> list[tuple[str, str]]:
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            label, message = line.split("\t")
            rows.append((label, message))
    return rows


def every_labelled() -> list[tuple[str, str]]:
    """The tuned set and every other labelled triage file present (unseen, blind)."""
    return [row for path in sorted(DATA.parent.glob("triage*.tsv")) for row in labelled(path)]


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


@pytest.mark.parametrize(
    ("message", "outcome"),
    [
        # final arrangements, and the same words about chores or a parent's will
        ("I've listed who gets my guitar", "crisis"),
        ("all my savings go to my younger brother", "crisis"),
        ("I wrote down who gets which chores", "none"),
        ("my dad updated his will after he retired", "none"),
        # darkness or sleep for good, and ordinary wishes about sleep and lights
        ("I want it all to go dark for good", "crisis"),
        ("I wish I could close my eyes forever", "crisis"),
        ("I don't want to sleep forever", "caution"),
        ("the lights go dark at ten in the dorms", "none"),
        ("I want to sleep for a whole week after exams", "none"),
        # not being needed; absence that is only a holiday
        ("no one needs me, they would manage", "crisis"),
        ("they'll all move on quickly once I'm gone", "crisis"),
        ("the team will be fine without me while I'm on leave", "none"),
        ("nobody needs me at work today so I'm leaving early", "none"),
        # a plan whose object is only "it"
        ("I've figured out how to do it", "crisis"),
        ("ive decided how im going to do it", "crisis"),
        ("I figured out how to do it in Excel", "none"),
        ("I worked out how to do it, thanks", "none"),
        # goodbye with a doubt about surviving; goodbyes that are only see-you-laters
        ("sending love in case I don't survive the night", "crisis"),
        ("you'll never hear from me again", "crisis"),
        ("in case I don't make it to the party, have fun", "none"),
        ("goodbye everyone, see you after the summer break", "none"),
        ("I said goodbye to my friends at the airport", "none"),
        # wanting to be gone, and leaving by a time
        ("I really want to be gone", "crisis"),
        ("I don't want to be gone", "caution"),
        ("I want to be gone by six so I miss the traffic", "none"),
        # contractions without apostrophes, fillers, clitics
        ("i dont want to die", "caution"),
        ("im not going to kill myself", "caution"),
        ("I honestly really want to die", "crisis"),
        ("this exam is literally killing me", "none"),
        ("I'd rather die", "crisis"),
        ("he'll kill me if I leave", "crisis"),
        # the first-person distress net and its idioms
        ("I feel so hopeless about everything", "caution"),
        ("I feel like a failure at everything", "caution"),
        ("I'm hopeless at maths", "none"),
        ("I'm so done.", "caution"),
        ("I'm done with my essay!", "none"),
        ("I'm tired of pretending", "caution"),
        ("I'm tired of this weather", "none"),
        ("what's the point anymore", "caution"),
        ("what's the point of a semicolon", "none"),
        ("I feel like I'm drowning", "caution"),
        ("I'm drowning in emails", "none"),
        ("I'm not okay", "caution"),
        ("I'm not okay with pineapple on pizza", "none"),
        # a past habit lowers a crisis match the way a negation does
        ("my brother used to cut himself", "caution"),
        ("my brother cut himself", "crisis"),
        # someone who does not respond, and things that do not respond
        ("my flatmate is not responding and her breathing is slow", "crisis"),
        ("my laptop is not responding again", "none"),
        ("my son won't respond to my texts", "none"),
        # a means in front of me, and a snack in front of me
        ("I have a packet of paracetamol in front of me", "crisis"),
        ("a packet of crisps is in front of me", "none"),
        # withdrawal from alcohol, not from coffee
        ("i stopped drinking yesterday and i'm twitching and hearing things", "crisis"),
        ("I stopped drinking coffee and I'm twitching less", "none"),
        # trivial threats are idioms; a threat to leave is not
        ("I'm going to kill my sister if she borrows my jacket again", "none"),
        ("she'll kill me if I forget her birthday", "none"),
        ("he said he'd kill me if I left", "crisis"),
    ],
)
def test_frames_their_negations_and_their_look_alikes(message: str, outcome: str) -> None:
    assert triage(message).outcome == outcome


def test_the_distress_net_shows_resources_but_never_raises_a_crisis() -> None:
    result = triage("nothing is ever going to get better")
    assert result.outcome == "caution"
    assert result.categories == ["distress"]
    levels = {e.level for e in vocabulary().entries if e.category == "distress"}
    assert levels == {"caution"}


def test_rewrite_maps_spellings_and_drops_fillers() -> None:
    vocab = vocabulary()
    assert rewrite(normalise("I dont REALLY know, honestly"), vocab) == "i don't know,"
    assert rewrite(normalise("im ok"), vocab) == "i'm ok"
    assert rewrite(normalise("imagine"), vocab) == "imagine"


def test_the_static_vocabulary_has_every_word_class_expanded() -> None:
    data = static_vocabulary()
    assert data["spelling"]["dont"] == "don't" and data["filler"]
    assert not [e["id"] for e in data["entries"] if WORD_CLASS.search(e["pattern"])]


def test_matches_explain_themselves_with_a_known_source() -> None:
    result = triage("Everyone would be better off without me")
    assert result.outcome == "crisis"
    vocab = vocabulary()
    assert result.categories == ["burden"]
    assert all(m.source in vocab.sources for m in result.matches)
    assert result.as_json()["matches"][0]["text"]


def test_normalise_straightens_quotes_and_spaces() -> None:
    assert normalise("I  DON\u2019T\n want") == "i don't want"


VOCAB_HEAD = (
    '[sources]\na = "x"\n[negation]\ncue = "not"\n'
    '[[idiom]]\nid = "i"\npattern = "x"\nsource = "a"\n'
)


def write_vocab(tmp_path: Path, extra: str, pattern: str) -> Path:
    path = tmp_path / "triage.toml"
    path.write_text(
        VOCAB_HEAD
        + extra
        + '[[entry]]\nid = "e"\nlevel = "crisis"\ncategory = "c"\nsource = "a"\n'
        + f"pattern = {json.dumps(pattern)}\n",
        encoding="utf-8",
    )
    return path


@pytest.mark.parametrize(
    ("extra", "pattern", "error"),
    [
        ("", "<nope> die", "'e' uses unknown word class <nope>"),
        ('[words]\nw = "<v>"\n', "<w>", "word class <w> may not use another class"),
        ("", "i (?:would|'d) rather", "'e' puts a space before a contraction"),
        ('[normalise]\nfiller = ["kind of"]\n', "x", "'kind of' must be lower-case letters"),
        ("", "(?:", "'e' does not compile"),
        ('[[idiom]]\nid = "j"\npattern = "y"\nsource = "zz"\n', "x", "'j' names unknown source"),
    ],
)
def test_a_bad_vocabulary_is_refused_with_the_entry_named(
    tmp_path: Path, extra: str, pattern: str, error: str
) -> None:
    with pytest.raises(ValueError, match=re.escape(error)):
        vocabulary(write_vocab(tmp_path, extra, pattern))


def test_word_classes_expand_inside_entries(tmp_path: Path) -> None:
    path = write_vocab(tmp_path, '[words]\nv = "plan(?:s|ned|ning)?"\n', "\\b<v> it\\b")
    vocab = vocabulary(path)
    assert triage("I planned it", vocab).outcome == "crisis"
    assert triage("I plant it", vocab).outcome == "none"


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
