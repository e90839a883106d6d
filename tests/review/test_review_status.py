"""Review states: current, changed, overdue, never and every way a sign-off can be invalid."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from review_support import DAY, Sandbox

from mindlex.review.fingerprint import fingerprint
from mindlex.review.ledger import PAYLOAD_SCHEME, entry_hash, payload
from mindlex.review.signing import key_id, sign
from mindlex.review.status import ReviewState, add_months, article_review, review_states

LATER = DAY + dt.timedelta(days=30)


def state(box: Sandbox, slug: str = "anxiety", today: dt.date = LATER) -> ReviewState:
    glossary = box.glossary()
    article = glossary.get(slug)
    assert article is not None
    return article_review(glossary, article, today)


def assert_not_shown_as_reviewed(found: ReviewState) -> None:
    assert found.state == "invalid"
    assert not found.is_verified
    assert found.reviewer_name is None
    assert found.reviewer_credentials is None


def test_unsigned_article_is_never_reviewed(sandbox: Sandbox) -> None:
    found = state(sandbox)
    assert found.state == "never"
    assert not found.is_verified
    assert found.due is None
    assert found.signed_on is None


def test_fresh_sign_off_is_current(signed: Sandbox) -> None:
    found = state(signed)
    assert found.state == "current"
    assert found.is_verified
    assert found.reviewer_id == "dr-lee"
    assert found.reviewer_name == "Dr Dr-Lee"
    assert found.reviewer_credentials == "MD, MRCPsych"
    assert found.reviewer_role == "Consultant psychiatrist"
    assert found.signed_on == DAY
    assert found.due == dt.date(2027, 3, 1)
    assert found.last_updated == DAY
    assert "next review due 2027-03-01" in found.message


def test_one_changed_word_makes_it_changed(signed: Sandbox) -> None:
    signed.edit("anxiety", "normal response", "common response")
    found = state(signed)
    assert found.state == "changed"
    assert not found.is_verified
    assert found.signed_on == DAY
    assert found.last_updated is None
    assert "changed since" in found.message


def test_reformatting_only_stays_current(signed: Sandbox) -> None:
    signed.edit("anxiety", "category: emotions\n", "")
    signed.edit("anxiety", "title: Anxiety\n", "title: Anxiety\ncategory: emotions\n")
    signed.edit("anxiety", "stress [@smith2020].\n", "stress [@smith2020].   \n\n\n")
    assert state(signed).state == "current"


def test_overdue_after_the_interval(signed: Sandbox) -> None:
    assert state(signed, today=dt.date(2027, 3, 1)).state == "current"
    found = state(signed, today=dt.date(2027, 3, 2))
    assert found.state == "overdue"
    assert not found.is_verified
    assert found.reviewer_name == "Dr Dr-Lee"
    assert found.due == dt.date(2027, 3, 1)


def test_interval_comes_from_the_config(signed: Sandbox) -> None:
    config = signed.root / "mindlex.toml"
    config.write_text(config.read_text().replace("interval_months = 12", "interval_months = 3"))
    assert state(signed, today=dt.date(2026, 6, 2)).state == "overdue"
    assert state(signed, today=dt.date(2026, 6, 1)).due == dt.date(2026, 6, 1)


def test_forged_signature_is_invalid(signed: Sandbox) -> None:
    data = signed.ledger("anxiety")
    entry = data["signoffs"][-1]
    entry["signature"] = (
        entry["signature"][:10]
        + ("A" if entry["signature"][10] != "A" else "B")
        + entry["signature"][11:]
    )
    signed.save_ledger("anxiety", data)
    found = state(signed)
    assert_not_shown_as_reviewed(found)
    assert "does not verify" in found.message


def test_altered_note_breaks_the_signature(signed: Sandbox) -> None:
    data = signed.ledger("anxiety")
    data["signoffs"][-1]["note"] = "approved without changes"
    signed.save_ledger("anxiety", data)
    assert_not_shown_as_reviewed(state(signed))


def _append_signoff(box: Sandbox, reviewer: str, key: Ed25519PrivateKey, day: dt.date) -> None:
    """Add a sign-off by hand, as an attacker editing the ledger would."""
    data = box.ledger("anxiety")
    snapshot = data["signoffs"][-1]["snapshot"]
    digest = fingerprint(snapshot)
    prev = entry_hash(data["signoffs"][-1])
    entry: dict[str, Any] = {
        "reviewer": reviewer,
        "date": day.isoformat(),
        "fingerprint": digest,
        "key": key_id(key.public_key()),
        "note": "",
        "signature": sign(key, payload("anxiety", digest, day, reviewer, "", prev, 12)),
        "snapshot": snapshot,
        "scheme": PAYLOAD_SCHEME,
        "prev": prev,
        "interval_months": 12,
    }
    data["signoffs"].append(entry)
    box.save_ledger("anxiety", data)


def test_key_not_listed_for_the_reviewer_is_invalid(signed: Sandbox) -> None:
    _append_signoff(signed, "dr-lee", Ed25519PrivateKey.generate(), DAY)
    found = state(signed)
    assert_not_shown_as_reviewed(found)
    assert "not the key listed for `dr-lee`" in found.message


def test_another_reviewers_key_is_invalid(signed: Sandbox) -> None:
    other = signed.add_reviewer("dr-shah")
    _append_signoff(signed, "dr-lee", other, DAY)
    assert_not_shown_as_reviewed(state(signed))


def test_unknown_reviewer_is_invalid(signed: Sandbox) -> None:
    _append_signoff(signed, "dr-nobody", Ed25519PrivateKey.generate(), DAY)
    found = state(signed)
    assert_not_shown_as_reviewed(found)
    assert "not listed in reviewers.toml" in found.message


def test_sign_off_after_revocation_is_invalid(sandbox: Sandbox) -> None:
    key = sandbox.add_reviewer("dr-lee", revoked=dt.date(2026, 2, 1))
    sandbox.add_reviewer("dr-shah")
    sandbox.sign("anxiety", "dr-shah")
    _append_signoff(sandbox, "dr-lee", key, DAY)
    found = state(sandbox)
    assert_not_shown_as_reviewed(found)
    assert "revoked on 2026-02-01" in found.message


def test_revocation_voids_sign_offs_dated_before_it(signed: Sandbox) -> None:
    reviewers = signed.root / "reviewers.toml"
    reviewers.write_text(reviewers.read_text() + "revoked = 2026-06-01\n")
    found = state(signed)
    assert found.state == "invalid"
    assert "revoked on 2026-06-01" in found.message


def test_tampered_snapshot_is_invalid(signed: Sandbox) -> None:
    data = signed.ledger("anxiety")
    body = data["signoffs"][-1]["snapshot"]["body"]
    body[2] = body[2].replace("normal", "harmless")
    signed.save_ledger("anxiety", data)
    found = state(signed)
    assert_not_shown_as_reviewed(found)
    assert "tampered" in found.message


def test_sign_off_dated_in_the_future_is_invalid(signed: Sandbox) -> None:
    assert_not_shown_as_reviewed(state(signed, today=DAY - dt.timedelta(days=1)))


def test_sign_off_copied_from_another_article_is_invalid(signed: Sandbox) -> None:
    other = signed.ledger("sleep-hygiene")["signoffs"][-1]
    data = signed.ledger("anxiety")
    data["signoffs"].append(other)
    signed.save_ledger("anxiety", data)
    assert_not_shown_as_reviewed(state(signed))


def test_unreadable_ledger_is_invalid(signed: Sandbox) -> None:
    signed.ledger_path("anxiety").write_text("{not json", encoding="utf-8")
    assert_not_shown_as_reviewed(state(signed))


def test_malformed_latest_entry_is_invalid(signed: Sandbox) -> None:
    data = signed.ledger("anxiety")
    data["signoffs"].append({"reviewer": "dr-lee", "date": "yesterday"})
    signed.save_ledger("anxiety", data)
    found = state(signed)
    assert_not_shown_as_reviewed(found)
    assert "unreadable sign-off" in found.message


def test_a_new_sign_off_replaces_an_invalid_one(signed: Sandbox) -> None:
    _append_signoff(signed, "dr-nobody", Ed25519PrivateKey.generate(), DAY)
    signed.sign("anxiety", "dr-lee", day=LATER)
    assert state(signed).state == "current"


def test_re_signing_renews_the_due_date(signed: Sandbox) -> None:
    later = dt.date(2027, 2, 20)
    signed.sign("anxiety", "dr-lee", day=later)
    found = state(signed, today=dt.date(2027, 6, 1))
    assert found.state == "current"
    assert found.due == dt.date(2028, 2, 20)
    assert found.last_updated == DAY


def test_review_states_match_article_review(signed: Sandbox) -> None:
    signed.edit("sleep-hygiene", "regular, restful", "regular")
    glossary = signed.glossary()
    states = review_states(glossary, LATER)
    assert set(states) == {"anxiety", "sleep-hygiene"}
    for slug, found in states.items():
        assert found == state(signed, slug)
    assert {s.state for s in states.values()} == {"current", "changed"}


def test_retired_articles_are_left_out(signed: Sandbox) -> None:
    signed.edit(
        "sleep-hygiene",
        "category: wellbeing\n",
        "category: wellbeing\nstatus: retired\nreplaced-by: anxiety\n",
    )
    assert set(review_states(signed.glossary(), LATER)) == {"anxiety"}


def test_json_form_carries_the_review_data(signed: Sandbox) -> None:
    found = state(signed).to_json()
    assert found["state"] == "current"
    assert found["is_verified"] is True
    assert found["reviewer"]["name"] == "Dr Dr-Lee"
    assert found["due"] == "2027-03-01"


@pytest.mark.parametrize(
    ("start", "months", "expected"),
    [
        (dt.date(2026, 1, 31), 1, dt.date(2026, 2, 28)),
        (dt.date(2024, 1, 31), 1, dt.date(2024, 2, 29)),
        (dt.date(2026, 11, 15), 3, dt.date(2027, 2, 15)),
        (dt.date(2026, 3, 1), 36, dt.date(2029, 3, 1)),
    ],
)
def test_add_months_clamps_to_the_month_end(start: dt.date, months: int, expected: dt.date) -> None:
    assert add_months(start, months) == expected
