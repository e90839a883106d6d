"""Ledgers are appended to atomically, keep what they cannot read, and give "Last updated"."""

from __future__ import annotations

import datetime as dt

import pytest
from review_support import DAY, Sandbox

from mindlex.review.diff import render, unified, words
from mindlex.review.fingerprint import content_of
from mindlex.review.ledger import read_ledger, write_ledger
from mindlex.review.status import article_review
from mindlex.review.workflow import LedgerError, record_history

LATER = dt.date(2026, 5, 4)


def test_sign_appends_and_never_rewrites_earlier_entries(signed: Sandbox) -> None:
    first = signed.ledger("anxiety")["signoffs"][0]
    signed.sign("anxiety", "dr-lee", day=LATER, note="second look")
    data = signed.ledger("anxiety")
    assert data["signoffs"][0] == first
    assert [e["note"] for e in data["signoffs"]] == ["", "second look"]
    assert data["format"] == "mindlex-review-ledger/1"
    assert data["slug"] == "anxiety"
    leftovers = [p.name for p in (signed.root / "review").iterdir() if p.suffix != ".json"]
    assert leftovers == []


def test_unknown_fields_and_broken_entries_survive_a_rewrite(signed: Sandbox) -> None:
    data = signed.ledger("anxiety")
    data["signoffs"].insert(0, {"reviewer": "dr-lee", "date": "not a date"})
    data["signoffs"][1]["ticket"] = "CLIN-42"
    signed.save_ledger("anxiety", data)
    ledger = read_ledger(signed.root, "anxiety")
    assert ledger.signoffs[0].defect
    (diag,) = ledger.diagnostics
    assert diag.code == "SIGN003"
    assert diag.span.line == 13
    signed.sign("anxiety", "dr-lee", day=LATER)
    after = signed.ledger("anxiety")
    assert after["signoffs"][0] == {"reviewer": "dr-lee", "date": "not a date"}
    assert after["signoffs"][1]["ticket"] == "CLIN-42"
    assert len(after["signoffs"]) == 3


def test_unreadable_ledger_is_never_overwritten(signed: Sandbox) -> None:
    path = signed.ledger_path("anxiety")
    path.write_text('{"format": "mindlex-review-ledger/1",\n "slug": ', encoding="utf-8")
    with pytest.raises(LedgerError) as caught:
        signed.sign("anxiety", "dr-lee", day=LATER)
    assert caught.value.diagnostics[0].span.line == 2
    assert path.read_text(encoding="utf-8").endswith('"slug": ')
    with pytest.raises(ValueError, match="refusing"):
        write_ledger(read_ledger(signed.root, "anxiety"))


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[]", "JSON object"),
        ('{"format": "other/9", "slug": "anxiety"}', "unknown ledger format"),
        ('{"format": "mindlex-review-ledger/1", "slug": "panic"}', "says `anxiety`"),
        ('{"format": "mindlex-review-ledger/1", "slug": "anxiety", "signoffs": {}}', "list"),
    ],
)
def test_ledger_shape_problems_are_reported(signed: Sandbox, text: str, message: str) -> None:
    signed.ledger_path("anxiety").write_text(text, encoding="utf-8")
    ledger = read_ledger(signed.root, "anxiety")
    assert ledger.unreadable
    assert message in ledger.diagnostics[0].message


def test_record_notes_the_day_content_changed(signed: Sandbox) -> None:
    changed, problems = record_history(signed.glossary(), LATER)
    assert changed == [] and problems == []
    signed.edit("anxiety", "normal response", "common response")
    glossary = signed.glossary()
    article = glossary.get("anxiety")
    assert article is not None
    assert article_review(glossary, article, LATER).last_updated is None
    changed, _ = record_history(glossary, LATER, write=False)
    assert [a.slug for a in changed] == ["anxiety"]
    assert len(signed.ledger("anxiety")["history"]) == 1
    record_history(glossary, LATER)
    assert article_review(glossary, article, LATER + dt.timedelta(days=9)).last_updated == LATER
    again, _ = record_history(signed.glossary(), LATER + dt.timedelta(days=9))
    assert again == []
    steps = signed.ledger("anxiety")["history"]
    assert [s["since"] for s in steps] == [DAY.isoformat(), LATER.isoformat()]


def test_record_creates_ledgers_for_unsigned_articles(sandbox: Sandbox) -> None:
    changed, _ = record_history(sandbox.glossary(), DAY)
    assert sorted(a.slug for a in changed) == ["anxiety", "sleep-hygiene"]
    assert sandbox.ledger("anxiety")["signoffs"] == []
    glossary = sandbox.glossary()
    article = glossary.get("sleep-hygiene")
    assert article is not None
    found = article_review(glossary, article, LATER)
    assert found.state == "never"
    assert found.last_updated == DAY


def test_record_is_deterministic(sandbox: Sandbox) -> None:
    record_history(sandbox.glossary(), DAY)
    first = sandbox.ledger_path("anxiety").read_bytes()
    sandbox.ledger_path("anxiety").unlink()
    record_history(sandbox.glossary(), DAY)
    assert sandbox.ledger_path("anxiety").read_bytes() == first


def test_diff_shows_the_changed_word(signed: Sandbox) -> None:
    snapshot = signed.ledger("anxiety")["signoffs"][-1]["snapshot"]
    signed.edit("anxiety", "normal response", "common response")
    glossary = signed.glossary()
    article = glossary.get("anxiety")
    assert article is not None
    current = content_of(glossary, article)
    lines = unified(snapshot, current, old_label="signed", new_label="current")
    assert "-  Anxiety is a normal response to stress [@smith2020]." in lines
    assert "+  Anxiety is a common response to stress [@smith2020]." in lines
    assert words(snapshot, current) == [
        "  Anxiety is a [-normal-]{+common+} response to stress [@smith2020]."
    ]
    assert unified(snapshot, snapshot, old_label="a", new_label="b") == []


def test_diff_labels_fields_and_reference_details(signed: Sandbox) -> None:
    snapshot = signed.ledger("anxiety")["signoffs"][-1]["snapshot"]
    signed.edit("anxiety", "issued: 2020", "issued: 2019")
    signed.edit("anxiety", "[worry, nervousness]", "[worry]")
    glossary = signed.glossary()
    article = glossary.get("anxiety")
    assert article is not None
    lines = unified(snapshot, content_of(glossary, article), old_label="a", new_label="b")
    assert "-aliases: worry, nervousness" in lines
    assert "+aliases: worry" in lines
    assert "-      issued: 2020" in lines
    assert "+      issued: 2019" in lines
    rendered = render(snapshot)
    assert rendered[0] == "title: Anxiety"
    assert "  [1] smith2020" in rendered
    assert "  [2] who2022" in rendered
