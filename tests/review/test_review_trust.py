"""Trust at the edges of signed review: placeholders, demo keys, revocation, rollback, settings."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from review_support import DAY, Sandbox
from typer.testing import CliRunner, Result

from mindlex.cli import app
from mindlex.review.reviewers import load_reviewers
from mindlex.review.status import article_review
from mindlex.review.workflow import sign_articles

REPO = Path(__file__).resolve().parents[2]
DEMO_KEY = REPO / "examples" / "demo-keys" / "example-reviewer.DEMO-ONLY.pem"
DEMO_PUBLIC = "ed25519:nRv3HuKaIrJbqtgXP9h4mY9O3EqluCvPaFg+X4gJL4U="


def run(*args: str, input: str | None = None) -> Result:
    return CliRunner().invoke(app, ["review", *args], input=input)


def reviewers_file(box: Sandbox, body: str) -> Path:
    path = box.root / "reviewers.toml"
    path.write_text(body, encoding="utf-8")
    return path


def entry(**fields: object) -> str:
    lines = ["[[reviewer]]"]
    for key, value in fields.items():
        shown = "true" if value is True else f'"{value}"'
        lines.append(f"{key} = {shown}")
    return "\n".join(lines) + "\n"


KEY = "ed25519:" + "A" * 43 + "="


# -- a. placeholders -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("field", "value", "line"),
    [
        ("name", "FULL NAME", 5),
        ("credentials", "e.g. MD, FRCPsych", 6),
        ("credentials", " ", 6),
        ("role", "e.g. Consultant psychiatrist", 7),
        ("name", "Example Clinical Reviewer", 5),
        ("credentials", "example only", 6),
    ],
)
def test_placeholder_entries_are_rejected_with_their_line(
    sandbox: Sandbox, field: str, value: str, line: int
) -> None:
    fields: dict[str, object] = {
        "id": "dr-lee",
        "name": "Dr Lee",
        "credentials": "MD",
        "role": "Psychiatrist",
        "public_key": KEY,
    }
    fields[field] = value
    path = reviewers_file(sandbox, "# team\n\n" + entry(**fields))
    found = load_reviewers(sandbox.root)
    assert "dr-lee" not in found.by_id
    (diag,) = found.diagnostics
    assert diag.code == "SIGN001"
    assert diag.span.path == path and diag.span.line == line
    assert field in diag.message


def test_a_demo_reviewer_may_keep_placeholder_wording(sandbox: Sandbox) -> None:
    reviewers_file(
        sandbox,
        entry(
            id="example-reviewer",
            name="Example Clinical Reviewer",
            credentials="example only",
            public_key=DEMO_PUBLIC,
            demo=True,
        ),
    )
    found = load_reviewers(sandbox.root)
    assert found.diagnostics == []
    assert found.by_id["example-reviewer"].demo


# -- g. the published demo key ---------------------------------------------------------------


def test_the_public_demo_key_is_refused_outside_demo_mode(sandbox: Sandbox) -> None:
    reviewers_file(
        sandbox,
        entry(id="dr-real", name="Dr Jane Real", credentials="MD", public_key=DEMO_PUBLIC),
    )
    found = load_reviewers(sandbox.root)
    assert found.by_id == {}
    (diag,) = found.diagnostics
    assert "public demo key" in diag.message and diag.span.line == 5


def test_a_demo_sign_off_is_labelled_on_the_state(sandbox: Sandbox) -> None:
    from mindlex.review.signing import load_private_key

    reviewers_file(
        sandbox,
        entry(
            id="example-reviewer",
            name="Example Clinical Reviewer",
            credentials="demo",
            public_key=DEMO_PUBLIC,
            demo=True,
        ),
    )
    sandbox.keys["example-reviewer"] = load_private_key(DEMO_KEY)
    sandbox.sign("anxiety", "example-reviewer")
    state = article_review(sandbox.glossary(), sandbox.article("anxiety"), DAY)
    assert state.is_verified and state.reviewer_demo


# -- b, c. command-line messages --------------------------------------------------------------


def test_sign_without_a_terminal_or_passphrase_is_one_line_exit_2(
    sandbox: Sandbox, key_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("MINDLEX_KEY_PASSPHRASE", "s3cret")
    made = run("keygen", "--reviewer", "dr-lee", "--passphrase")
    monkeypatch.delenv("MINDLEX_KEY_PASSPHRASE")
    text = made.stdout.replace("FULL NAME", "Dr Lee").replace("e.g. MD, FRCPsych", "MD")
    reviewers_file(sandbox, text.replace("e.g. Consultant psychiatrist", "Psychiatrist"))
    result = run("sign", "anxiety", "-g", str(sandbox.root), "--reviewer", "dr-lee")
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert "MINDLEX_KEY_PASSPHRASE" in lines[0] and "Aborted" not in result.output


def test_unknown_reviewer_message_does_not_point_at_missing_errors(signed: Sandbox) -> None:
    result = run("sign", "anxiety", "-g", str(signed.root), "--reviewer", "nobody")
    assert result.exit_code == 2
    assert "shown above" not in result.stderr
    assert "listed reviewers: dr-lee" in result.stderr


def test_reviewer_with_a_broken_entry_points_at_its_errors(sandbox: Sandbox) -> None:
    reviewers_file(sandbox, entry(id="dr-lee", name="FULL NAME", credentials="MD", public_key=KEY))
    result = run("sign", "anxiety", "-g", str(sandbox.root), "--reviewer", "dr-lee")
    assert result.exit_code == 2
    assert "SIGN001" in result.stderr and "has errors, shown above" in result.stderr


# -- e. revocation ----------------------------------------------------------------------------


def test_a_revoked_reviewer_cannot_backdate_a_sign_off(sandbox: Sandbox) -> None:
    key = sandbox.add_reviewer("dr-lee", revoked=dt.date(2026, 6, 1))
    glossary = sandbox.glossary()
    reviewer = load_reviewers(sandbox.root).by_id["dr-lee"]
    article = sandbox.article("anxiety")
    with pytest.raises(Exception, match="revoked"):
        sign_articles(glossary, [article], reviewer, key, dt.date(2026, 5, 1))
    # Even a sign-off forged into the ledger with an early date does not count.
    forged = reviewer.model_copy(update={"revoked": None})
    sign_articles(glossary, [article], forged, key, dt.date(2026, 5, 1))
    state = article_review(sandbox.glossary(), article, dt.date(2026, 7, 1))
    assert state.state == "invalid"
    assert "revoked" in state.message


# -- f. rollback ------------------------------------------------------------------------------


def test_reappending_an_older_sign_off_does_not_bring_old_content_back(
    sandbox: Sandbox,
) -> None:
    sandbox.add_reviewer("dr-lee")
    old_text = (sandbox.root / "articles" / "anxiety.md").read_text(encoding="utf-8")
    sandbox.sign("anxiety", "dr-lee", DAY)
    sandbox.edit("anxiety", "normal response", "common response")
    sandbox.sign("anxiety", "dr-lee", DAY + dt.timedelta(days=10))
    ledger = sandbox.ledger("anxiety")
    ledger["signoffs"].append(ledger["signoffs"][0])
    sandbox.save_ledger("anxiety", ledger)
    sandbox.write("anxiety", old_text)
    state = article_review(sandbox.glossary(), sandbox.article("anxiety"), DAY + dt.timedelta(20))
    assert state.state == "invalid"
    assert "order" in state.message or "chain" in state.message


def test_each_sign_off_chains_to_the_previous_one(signed: Sandbox) -> None:
    signed.edit("anxiety", "normal response", "common response")
    signed.sign("anxiety", "dr-lee", DAY + dt.timedelta(days=1))
    first, second = signed.ledger("anxiety")["signoffs"]
    assert first["prev"] == ""
    assert second["prev"].startswith("sha256:") and second["prev"] != first["fingerprint"]


def test_a_sign_off_cannot_be_dated_before_the_previous_one(signed: Sandbox) -> None:
    with pytest.raises(Exception, match="dated"):
        signed.sign("anxiety", "dr-lee", DAY - dt.timedelta(days=1))


# -- h. settings readers see ------------------------------------------------------------------


def test_changing_a_crisis_number_needs_a_new_review(signed: Sandbox) -> None:
    config = signed.root / "mindlex.toml"
    config.write_text(
        config.read_text()
        + '\n[crisis.en-US]\nemergency = "911"\n'
        + '[[crisis.en-US.resources]]\nname = "Line"\ncontact = "Call 988"\n'
    )
    signed.sign("anxiety", "dr-lee", DAY)
    assert article_review(signed.glossary(), signed.article("anxiety"), DAY).is_verified
    config.write_text(config.read_text().replace("Call 988", "Call 555 0100"))
    state = article_review(signed.glossary(), signed.article("anxiety"), DAY)
    assert state.state == "changed"


def test_where_a_crisis_number_was_checked_is_not_reviewed_content(signed: Sandbox) -> None:
    """Readers see the name, contact, address and hours; the source and the date it was
    checked are bookkeeping, so updating them keeps the sign-off."""
    config = signed.root / "mindlex.toml"
    config.write_text(
        config.read_text()
        + '\n[crisis.en-US]\nemergency = "911"\n'
        + '[[crisis.en-US.resources]]\nname = "Line"\ncontact = "Call 988"\n'
        + "checked = 2026-01-01\n"
    )
    signed.sign("anxiety", "dr-lee", DAY)
    config.write_text(config.read_text().replace("checked = 2026-01-01", "checked = 2026-02-01"))
    assert article_review(signed.glossary(), signed.article("anxiety"), DAY).is_verified


def test_lengthening_the_interval_does_not_extend_a_sign_off(signed: Sandbox) -> None:
    config = signed.root / "mindlex.toml"
    config.write_text(config.read_text().replace("interval_months = 12", "interval_months = 120"))
    later = DAY + dt.timedelta(days=400)
    state = article_review(signed.glossary(), signed.article("anxiety"), later)
    assert state.state == "overdue"
    assert state.due == dt.date(2027, 3, 1)


def test_status_shows_the_review_policy_and_its_changes(signed: Sandbox) -> None:
    config = signed.root / "mindlex.toml"
    config.write_text(config.read_text().replace("interval_months = 12", "interval_months = 120"))
    result = run("status", str(signed.root), "--today", "2026-04-01")
    assert "interval 120 months" in result.stderr
    assert "2 sign-off(s) were made under a 12-month interval" in result.stderr
    document = json.loads(run("status", str(signed.root), "--format", "json").stdout)
    assert document["policy"]["interval_months"] == 120
