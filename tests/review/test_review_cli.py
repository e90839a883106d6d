"""`mindlex review` end to end: keygen, sign, status, diff, record and their exit codes."""

from __future__ import annotations

import json
import re
import stat
from pathlib import Path

import pytest
from review_support import DAY, Sandbox
from typer.testing import CliRunner, Result

from mindlex.cli import app

TODAY = ["--today", "2026-04-01"]


def run(*args: str, input: str | None = None) -> Result:
    return CliRunner().invoke(app, ["review", *args], input=input)


def enrol(box: Sandbox, reviewer: str = "dr-lee", *extra: str) -> Path:
    """keygen through the CLI, then paste its entry into reviewers.toml as a team would."""
    result = run("keygen", "--reviewer", reviewer, *extra)
    assert result.exit_code == 0, result.output
    entry = result.stdout.replace("FULL NAME", "Dr Lee").replace("e.g. MD, FRCPsych", "MD")
    entry = entry.replace("e.g. Consultant psychiatrist", "Consultant psychiatrist")
    path = box.root / "reviewers.toml"
    path.write_text((path.read_text() if path.exists() else "") + entry + "\n")
    return box.root


def sign_all(box: Sandbox, *extra: str) -> Result:
    return run("sign", str(box.root / "articles"), "--reviewer", "dr-lee", *TODAY, *extra)


def test_keygen_writes_a_private_key_and_prints_the_entry(sandbox: Sandbox, key_home: Path) -> None:
    result = run("keygen", "--reviewer", "dr-lee")
    assert result.exit_code == 0
    key = key_home / "dr-lee.pem"
    assert stat.S_IMODE(key.stat().st_mode) == 0o600
    assert str(key) in result.stderr
    assert result.stdout.startswith('[[reviewer]]\nid = "dr-lee"\n')
    assert re.search(r'public_key = "ed25519:[A-Za-z0-9+/=]{44}"', result.stdout)


def test_keygen_usage_errors_exit_2(sandbox: Sandbox, key_home: Path) -> None:
    assert run("keygen", "--reviewer", "Dr Lee").exit_code == 2
    assert run("keygen", "--reviewer", "dr-lee").exit_code == 0
    again = run("keygen", "--reviewer", "dr-lee")
    assert again.exit_code == 2
    assert "already exists" in again.stderr
    assert run("keygen", "--reviewer", "dr-lee", "--force").exit_code == 0


def test_keygen_inside_a_repository_warns(sandbox: Sandbox, key_home: Path) -> None:
    (sandbox.root / ".git").mkdir()
    result = run("keygen", "--reviewer", "dr-lee", "--out", str(sandbox.root / "k.pem"))
    assert result.exit_code == 0
    assert "inside a git working tree" in result.stderr


def test_sign_then_edit_then_diff(sandbox: Sandbox, key_home: Path) -> None:
    enrol(sandbox)
    assert run("status", str(sandbox.root), *TODAY).exit_code == 1
    signed = sign_all(sandbox, "--note", "checked against NICE CG113")
    assert signed.exit_code == 0, signed.output
    assert "signed anxiety" in signed.stderr and "signed sleep-hygiene" in signed.stderr
    status = run("status", str(sandbox.root), *TODAY)
    assert status.exit_code == 0, status.output
    assert status.stdout.count("current") == 2
    assert run("diff", "anxiety", "-g", str(sandbox.root), *TODAY).exit_code == 0

    sandbox.edit("anxiety", "normal response", "common response")
    status = run("status", str(sandbox.root), *TODAY)
    assert status.exit_code == 1
    assert re.search(r"changed\s+anxiety", status.stdout)
    diff = run("diff", str(sandbox.root / "articles" / "anxiety.md"), *TODAY)
    assert diff.exit_code == 1
    assert "-  Anxiety is a normal response" in diff.stdout
    assert "+  Anxiety is a common response" in diff.stdout
    words = run("diff", "anxiety", "-g", str(sandbox.root), "--words", *TODAY)
    assert "[-normal-]{+common+}" in words.stdout


def test_status_json(sandbox: Sandbox, key_home: Path) -> None:
    enrol(sandbox)
    run("sign", "anxiety", "-g", str(sandbox.root), "--reviewer", "dr-lee", *TODAY)
    result = run("status", str(sandbox.root), "--format", "json", *TODAY)
    assert result.exit_code == 1
    document = json.loads(result.stdout)
    assert document["counts"] == {"current": 1, "never": 1}
    rows = {row["slug"]: row for row in document["articles"]}
    assert rows["anxiety"]["reviewer"]["name"] == "Dr Lee"
    assert rows["anxiety"]["due"] == "2027-04-01"
    assert rows["anxiety"]["is_verified"] is True
    assert rows["sleep-hygiene"]["state"] == "never"
    assert rows["sleep-hygiene"]["reviewer"] is None


def test_status_is_overdue_with_a_later_today(sandbox: Sandbox, key_home: Path) -> None:
    enrol(sandbox)
    sign_all(sandbox)
    result = run("status", str(sandbox.root), "--today", "2027-04-02")
    assert result.exit_code == 1
    assert result.stdout.count("overdue") == 2


def test_drafts_are_listed_but_do_not_fail(sandbox: Sandbox, key_home: Path) -> None:
    enrol(sandbox)
    sandbox.edit("sleep-hygiene", "category: wellbeing\n", "category: wellbeing\nstatus: draft\n")
    run("sign", "anxiety", "-g", str(sandbox.root), "--reviewer", "dr-lee", *TODAY)
    result = run("status", str(sandbox.root), *TODAY)
    assert result.exit_code == 0, result.output
    assert "(draft)" in result.stdout


def test_passphrase_protected_key_via_environment(
    sandbox: Sandbox, key_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("MINDLEX_KEY_PASSPHRASE", "long enough secret")
    enrol(sandbox, "dr-lee", "--passphrase")
    assert b"ENCRYPTED" in (key_home / "dr-lee.pem").read_bytes()
    assert sign_all(sandbox).exit_code == 0
    monkeypatch.setenv("MINDLEX_KEY_PASSPHRASE", "wrong secret")
    wrong = sign_all(sandbox)
    assert wrong.exit_code == 2
    assert "wrong passphrase" in wrong.stderr


def test_passphrase_is_asked_for(
    sandbox: Sandbox, key_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    made = run("keygen", "--reviewer", "dr-lee", "--passphrase", input="s3cret\ns3cret\n")
    assert made.exit_code == 0, made.output
    entry = made.stdout.replace("FULL NAME", "Dr Lee").replace("e.g. MD, FRCPsych", "MD")
    entry = entry.replace("e.g. Consultant psychiatrist", "Psychiatrist")
    (sandbox.root / "reviewers.toml").write_text(entry + "\n")
    monkeypatch.setattr("mindlex.cli.review.has_terminal", lambda: True)
    asked = run(
        "sign", "anxiety", "-g", str(sandbox.root), "--reviewer", "dr-lee", *TODAY, input="s3cret\n"
    )
    assert asked.exit_code == 0, asked.output


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--reviewer", "dr-nobody"], "not listed"),
        (["--reviewer", "dr-lee", "--key", "/nonexistent/key.pem"], "no key file"),
        (["--reviewer", "dr-lee", "--today", "01/04/2026"], "not a date"),
    ],
)
def test_sign_usage_errors_exit_2(
    sandbox: Sandbox, key_home: Path, args: list[str], message: str
) -> None:
    enrol(sandbox)
    result = run("sign", "anxiety", "-g", str(sandbox.root), *args)
    assert result.exit_code == 2
    assert message in result.stderr
    assert "Traceback" not in result.output
    assert not (sandbox.root / "review").exists()


def test_sign_with_someone_elses_key_is_refused(sandbox: Sandbox, key_home: Path) -> None:
    enrol(sandbox)
    other = run("keygen", "--reviewer", "dr-shah")
    assert other.exit_code == 0
    result = run(
        "sign",
        "anxiety",
        "-g",
        str(sandbox.root),
        "--reviewer",
        "dr-lee",
        "--key",
        str(key_home / "dr-shah.pem"),
        *TODAY,
    )
    assert result.exit_code == 2
    assert "does not match the public key listed for `dr-lee`" in result.stderr


def test_revoked_reviewer_cannot_sign(sandbox: Sandbox, key_home: Path) -> None:
    enrol(sandbox)
    path = sandbox.root / "reviewers.toml"
    path.write_text(path.read_text() + "revoked = 2026-03-15\n")
    result = run("sign", "anxiety", "-g", str(sandbox.root), "--reviewer", "dr-lee", *TODAY)
    assert result.exit_code == 2
    assert "revoked on 2026-03-15" in result.stderr


def test_unknown_article_and_missing_glossary_exit_2(
    sandbox: Sandbox, key_home: Path, tmp_path: Path
) -> None:
    enrol(sandbox)
    result = run("sign", "panic", "-g", str(sandbox.root), "--reviewer", "dr-lee", *TODAY)
    assert result.exit_code == 2
    assert "not an article" in result.stderr
    assert run("diff", "panic", "-g", str(sandbox.root)).exit_code == 2
    empty = tmp_path / "empty"
    empty.mkdir()
    assert run("status", str(empty)).exit_code == 2
    assert run("status", str(sandbox.root), "--format", "xml").exit_code == 2


def test_broken_article_is_reported_not_signed(sandbox: Sandbox, key_home: Path) -> None:
    enrol(sandbox)
    broken = sandbox.write("broken", "---\ntitle: [unclosed\n---\nText\n")
    result = run("sign", str(broken), "--reviewer", "dr-lee", *TODAY)
    assert result.exit_code == 2
    assert "broken.md:2" in result.stderr
    status = run("status", str(sandbox.root), *TODAY)
    assert status.exit_code == 1
    assert "PARSE012" in status.stderr


def test_problems_in_reviewers_toml_fail_status_with_a_line(
    sandbox: Sandbox, key_home: Path
) -> None:
    enrol(sandbox)
    sign_all(sandbox)
    path = sandbox.root / "reviewers.toml"
    path.write_text(path.read_text() + '[[reviewer]]\nid = "x"\n')
    result = run("status", str(sandbox.root), *TODAY)
    assert result.exit_code == 1
    assert "reviewers.toml:8" in result.stderr
    assert "SIGN001" in result.stderr


def test_tampered_ledger_shows_invalid(sandbox: Sandbox, key_home: Path) -> None:
    enrol(sandbox)
    sign_all(sandbox)
    data = sandbox.ledger("anxiety")
    data["signoffs"][-1]["fingerprint"] = "sha256:" + "0" * 64
    sandbox.save_ledger("anxiety", data)
    result = run("status", str(sandbox.root), *TODAY)
    assert result.exit_code == 1
    assert re.search(r"invalid\s+anxiety\s+the signature does not verify", result.stdout)
    assert run("diff", "anxiety", "-g", str(sandbox.root), *TODAY).exit_code == 1


def test_record_and_check(sandbox: Sandbox, key_home: Path) -> None:
    check = run("record", str(sandbox.root), "--check", *TODAY)
    assert check.exit_code == 1
    assert "would record" in check.stderr
    assert not (sandbox.root / "review").exists()
    assert run("record", str(sandbox.root), *TODAY).exit_code == 0
    assert run("record", str(sandbox.root), "--check", *TODAY).exit_code == 0
    assert sandbox.ledger("anxiety")["history"][0]["since"] == "2026-04-01"
    assert DAY.isoformat() not in sandbox.ledger_path("anxiety").read_text()


def test_sign_pending_skips_current_articles(sandbox: Sandbox, key_home: Path) -> None:
    enrol(sandbox)
    sign_all(sandbox)
    nothing = sign_all(sandbox, "--pending", "--key", "/nonexistent/key.pem")
    assert nothing.exit_code == 0
    assert "Nothing to sign" in nothing.stderr
    sandbox.edit("anxiety", "normal response", "common response")
    again = sign_all(sandbox, "--pending")
    assert again.exit_code == 0, again.output
    assert "signed anxiety" in again.stderr and "sleep-hygiene" not in again.stderr
    assert len(sandbox.ledger("anxiety")["signoffs"]) == 2
    assert len(sandbox.ledger("sleep-hygiene")["signoffs"]) == 1
