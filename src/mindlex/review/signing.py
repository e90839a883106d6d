"""Ed25519 keys for reviewers: create, store, load, sign and verify.

Private keys are PKCS#8 PEM files, optionally encrypted with a passphrase, created with mode
0600 and kept outside the glossary repository by default. Public keys travel in
`reviewers.toml` as `ed25519:<base64 of the 32 raw bytes>`, short enough for one TOML line.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import os
from pathlib import Path

from cryptography.exceptions import InvalidSignature, UnsupportedAlgorithm
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from mindlex.atomic import write_atomic
from mindlex.errors import ConfigError

PUBLIC_PREFIX = "ed25519:"
PASSPHRASE_ENV = "MINDLEX_KEY_PASSPHRASE"


class KeyFileError(ConfigError):
    """A private key file is missing, unreadable, locked or of the wrong kind (exit 2)."""


def default_key_path(reviewer_id: str) -> Path:
    """`$XDG_CONFIG_HOME/mindlex/keys/<id>.pem`, falling back to `~/.config`."""
    base = os.environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    return Path(base) / "mindlex" / "keys" / f"{reviewer_id}.pem"


def generate_key(
    path: Path, passphrase: str | None = None, *, force: bool = False
) -> Ed25519PrivateKey:
    """Create a key pair and write the private half to `path` with mode 0600."""
    if path.exists() and not force:
        raise KeyFileError(
            f"{path}: a key file already exists — choose another --out or pass --force"
        )
    key = Ed25519PrivateKey.generate()
    encryption: serialization.KeySerializationEncryption = (
        serialization.BestAvailableEncryption(passphrase.encode("utf-8"))
        if passphrase
        else serialization.NoEncryption()
    )
    pem = key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, encryption
    )
    write_private(path, pem)
    return key


def write_private(path: Path, data: bytes) -> None:
    """Write a private key atomically with mode 0600, in a folder only its owner can read."""
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    write_atomic(path, data, mode=0o600)


def is_encrypted(path: Path) -> bool:
    """True when the PEM file needs a passphrase."""
    return b"ENCRYPTED" in _read(path).split(b"\n", 1)[0]


def load_private_key(path: Path, passphrase: str | None = None) -> Ed25519PrivateKey:
    """Read a PEM private key, with a message that says how to fix each kind of failure."""
    data = _read(path)
    secret = passphrase.encode("utf-8") if passphrase else None
    try:
        key = serialization.load_pem_private_key(data, password=secret)
    except TypeError:
        if secret is None:
            raise KeyFileError(
                f"{path}: the key is protected by a passphrase — enter it when asked "
                f"or set {PASSPHRASE_ENV}"
            ) from None
        raise KeyFileError(f"{path}: the key is not passphrase-protected") from None
    except ValueError:
        if secret is not None:
            raise KeyFileError(f"{path}: wrong passphrase, or not a PEM private key") from None
        raise KeyFileError(f"{path}: not a PEM private key") from None
    except UnsupportedAlgorithm:
        raise KeyFileError(f"{path}: unsupported key type; use `mindlex review keygen`") from None
    if not isinstance(key, Ed25519PrivateKey):
        raise KeyFileError(f"{path}: not an Ed25519 key; use `mindlex review keygen`")
    return key


def _read(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise KeyFileError(
            f"{path}: no key file here — pass --key PATH, or create one with "
            "`mindlex review keygen --reviewer ID`"
        ) from None
    except OSError as exc:
        raise KeyFileError(f"{path}: cannot read the key file ({exc.strerror})") from None


def public_key_text(key: Ed25519PublicKey) -> str:
    """The `reviewers.toml` form of a public key."""
    raw = key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    return PUBLIC_PREFIX + base64.b64encode(raw).decode("ascii")


def parse_public_key(text: str) -> Ed25519PublicKey:
    """Accept `ed25519:<base64>` or a PEM public key block; ValueError says what is wrong."""
    text = text.strip()
    if text.startswith("-----BEGIN"):
        try:
            key = serialization.load_pem_public_key(text.encode("ascii"))
        except (ValueError, UnsupportedAlgorithm):
            raise ValueError("not a readable PEM public key") from None
        if not isinstance(key, Ed25519PublicKey):
            raise ValueError("not an Ed25519 public key")
        return key
    if not text.startswith(PUBLIC_PREFIX):
        raise ValueError(f"write the key as `{PUBLIC_PREFIX}<base64>`, as keygen prints it")
    try:
        raw = base64.b64decode(text[len(PUBLIC_PREFIX) :], validate=True)
    except binascii.Error:
        raise ValueError("the key is not valid base64") from None
    if len(raw) != 32:
        raise ValueError(f"an Ed25519 public key is 32 bytes, this one is {len(raw)}")
    return Ed25519PublicKey.from_public_bytes(raw)


def key_id(key: Ed25519PublicKey) -> str:
    """A short name for a public key (`SHA256:<base64>`, as OpenSSH shows them)."""
    raw = key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    digest = base64.b64encode(hashlib.sha256(raw).digest()).decode("ascii").rstrip("=")
    return f"SHA256:{digest}"


def sign(key: Ed25519PrivateKey, payload: bytes) -> str:
    return base64.b64encode(key.sign(payload)).decode("ascii")


def verify(key: Ed25519PublicKey, payload: bytes, signature: str) -> bool:
    try:
        raw = base64.b64decode(signature, validate=True)
        key.verify(raw, payload)
    except (binascii.Error, InvalidSignature, ValueError):
        return False
    return True
