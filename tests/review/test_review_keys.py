"""Reviewer keys and reviewers.toml: file modes, passphrases and errors with line numbers."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest
from review_support import Sandbox

from mindlex.review.reviewers import load_reviewers
from mindlex.review.signing import (
    KeyFileError,
    default_key_path,
    generate_key,
    is_encrypted,
    key_id,
    load_private_key,
    parse_public_key,
    public_key_text,
    sign,
    verify,
)


def test_private_key_is_written_with_mode_0600(tmp_path: Path) -> None:
    path = tmp_path / "keys" / "dr-lee.pem"
    generate_key(path)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert path.read_bytes().startswith(b"-----BEGIN PRIVATE KEY-----")
    assert list(path.parent.iterdir()) == [path]


def test_existing_key_is_never_overwritten_by_accident(tmp_path: Path) -> None:
    path = tmp_path / "dr-lee.pem"
    first = generate_key(path)
    with pytest.raises(KeyFileError, match="already exists"):
        generate_key(path)
    assert public_key_text(load_private_key(path).public_key()) == public_key_text(
        first.public_key()
    )
    second = generate_key(path, force=True)
    assert public_key_text(load_private_key(path).public_key()) == public_key_text(
        second.public_key()
    )


def test_passphrase_protected_key_round_trips(tmp_path: Path) -> None:
    path = tmp_path / "dr-lee.pem"
    made = generate_key(path, "correct horse")
    assert is_encrypted(path)
    loaded = load_private_key(path, "correct horse")
    assert public_key_text(loaded.public_key()) == public_key_text(made.public_key())


@pytest.mark.parametrize(
    ("passphrase", "message"),
    [(None, "protected by a passphrase"), ("wrong", "wrong passphrase")],
)
def test_locked_key_needs_the_right_passphrase(
    tmp_path: Path, passphrase: str | None, message: str
) -> None:
    path = tmp_path / "dr-lee.pem"
    generate_key(path, "correct horse")
    with pytest.raises(KeyFileError, match=message):
        load_private_key(path, passphrase)


def test_passphrase_given_for_an_open_key_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "dr-lee.pem"
    generate_key(path)
    assert not is_encrypted(path)
    with pytest.raises(KeyFileError, match="not passphrase-protected"):
        load_private_key(path, "secret")


def test_missing_and_garbled_key_files_are_usage_errors(tmp_path: Path) -> None:
    with pytest.raises(KeyFileError, match="no key file") as missing:
        load_private_key(tmp_path / "absent.pem")
    assert missing.value.exit_code == 2
    garbled = tmp_path / "garbled.pem"
    garbled.write_text("hello")
    with pytest.raises(KeyFileError, match="not a PEM private key"):
        load_private_key(garbled)


def test_default_location_is_outside_the_repository(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path))
    assert default_key_path("dr-lee") == tmp_path / "mindlex" / "keys" / "dr-lee.pem"
    monkeypatch.delenv("XDG_CONFIG_HOME")
    assert default_key_path("dr-lee") == Path.home() / ".config/mindlex/keys/dr-lee.pem"


def test_public_key_text_round_trips_and_signs(tmp_path: Path) -> None:
    key = generate_key(tmp_path / "k.pem")
    text = public_key_text(key.public_key())
    public = parse_public_key(text)
    signature = sign(key, b"payload")
    assert verify(public, b"payload", signature)
    assert not verify(public, b"other payload", signature)
    assert not verify(public, b"payload", "not base64!")
    assert key_id(public).startswith("SHA256:")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("ssh-ed25519 AAAA", "ed25519:<base64>"),
        ("ed25519:%%%", "not valid base64"),
        ("ed25519:AAAA", "32 bytes"),
        ("-----BEGIN PUBLIC KEY-----\nxx\n-----END PUBLIC KEY-----", "PEM public key"),
    ],
)
def test_bad_public_keys_say_what_is_wrong(text: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        parse_public_key(text)


def test_pem_public_keys_are_accepted(tmp_path: Path) -> None:
    from cryptography.hazmat.primitives import serialization

    key = generate_key(tmp_path / "k.pem").public_key()
    pem = key.public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    ).decode()
    assert public_key_text(parse_public_key(pem)) == public_key_text(key)


def test_reviewers_load_by_id(sandbox: Sandbox) -> None:
    sandbox.add_reviewer("dr-lee")
    sandbox.add_reviewer("dr-shah", name="Dr Priya Shah")
    found = load_reviewers(sandbox.root)
    assert sorted(found.by_id) == ["dr-lee", "dr-shah"]
    assert found.by_id["dr-shah"].name == "Dr Priya Shah"
    assert not found.diagnostics


def test_missing_reviewers_file_means_no_reviewers(sandbox: Sandbox) -> None:
    found = load_reviewers(sandbox.root)
    assert found.by_id == {}
    assert found.diagnostics == []


def test_broken_entry_is_reported_at_its_line_and_others_load(sandbox: Sandbox) -> None:
    sandbox.add_reviewer("dr-lee")
    path = sandbox.root / "reviewers.toml"
    path.write_text(
        path.read_text()
        + '[[reviewer]]\nid = "dr-bad"\nname = "Dr Bad"\ncredentials = "MD"\n'
        + 'public_key = "ed25519:AAAA"\nspeciality = "x"\n'
    )
    found = load_reviewers(sandbox.root)
    assert list(found.by_id) == ["dr-lee"]
    lines = sorted((d.span.line, d.message) for d in found.diagnostics)
    assert lines[0][0] == 12 and "public_key" in lines[0][1]
    assert lines[1][0] == 13 and "speciality" in lines[1][1]
    assert all(d.code == "SIGN001" for d in found.diagnostics)


def test_invalid_toml_is_reported_with_its_line(sandbox: Sandbox) -> None:
    (sandbox.root / "reviewers.toml").write_text('[[reviewer]]\nid = "dr-lee"\nname = \n')
    found = load_reviewers(sandbox.root)
    assert found.by_id == {}
    (diag,) = found.diagnostics
    assert diag.span.line == 3
    assert "invalid TOML" in diag.message


def test_duplicate_ids_keep_the_first(sandbox: Sandbox) -> None:
    sandbox.add_reviewer("dr-lee", name="First")
    sandbox.add_reviewer("dr-lee", name="Second")
    found = load_reviewers(sandbox.root)
    assert found.by_id["dr-lee"].name == "First"
    (diag,) = found.diagnostics
    assert diag.span.line == 8
    assert "duplicate" in diag.message
