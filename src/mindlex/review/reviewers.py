"""`reviewers.toml`: who may sign off, with which public key, and since when they may not.

Each `[[reviewer]]` table is validated on its own, so one broken entry is reported with its
line and the others still count. A reviewer whose entry does not load is unknown, which makes
their sign-offs invalid rather than silently trusted.
"""

from __future__ import annotations

import datetime as dt
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator
from pydantic_core import PydanticCustomError

from mindlex.diagnostic import Diagnostic
from mindlex.review.signing import key_id, parse_public_key
from mindlex.span import Span

REVIEWERS_NAME = "reviewers.toml"
TOML_POSITION = re.compile(r" \(at line (\d+), column (\d+)\)")
REVIEWER_ID = re.compile(r"^[a-z0-9]+(?:[-_][a-z0-9]+)*$")
PLACEHOLDER = re.compile(r"^\s*(?:e\.g\.|full name\b|todo\b|tbd\b|xxx)|\bexample\b", re.IGNORECASE)
"""Wording of keygen's stub entry and of sample entries, which no real reviewer has."""
DEMO_KEYS = frozenset({"ed25519:nRv3HuKaIrJbqtgXP9h4mY9O3EqluCvPaFg+X4gJL4U="})
"""Public keys whose private half is published (examples/demo-keys/): anyone can sign."""
DEFAULT_ATTESTATION = (
    "I have reviewed this content for clinical accuracy, safety and currency of its sources, "
    "and I approve it for publication under my name."
)


class Reviewer(BaseModel):
    """One clinical reviewer as listed in reviewers.toml."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str
    """Short stable id used on the command line and in the ledger, e.g. `j-smith`."""
    name: str = Field(min_length=1)
    """Shown on the page: "Reviewed by NAME (CREDENTIALS), DATE"."""
    credentials: str = Field(min_length=1)
    role: str = ""
    public_key: str
    revoked: dt.date | None = None
    """The day signing rights ended; every sign-off by this reviewer is then invalid."""
    demo: bool = False
    """A demo reviewer: may use placeholder wording and the public demo key; the site
    labels their sign-offs as a demo, not a clinical review."""

    @field_validator("id")
    @classmethod
    def _id_shape(cls, value: str) -> str:
        if not REVIEWER_ID.match(value):
            raise ValueError("an id is lower-case letters and digits joined by `-` or `_`")
        return value

    @field_validator("public_key")
    @classmethod
    def _key_shape(cls, value: str) -> str:
        parse_public_key(value)
        return value.strip()

    @model_validator(mode="after")
    def _real_person(self) -> Reviewer:
        if self.demo:
            return self
        if self.public_key in DEMO_KEYS:
            raise PydanticCustomError(
                "demo_key",
                "public_key: this is the public demo key from examples/demo-keys, so anyone "
                "can sign with it; use the reviewer's own key (or mark the entry demo = true)",
            )
        for name in ("name", "credentials", "role"):
            value = getattr(self, name)
            if (name != "role" and not value.strip()) or PLACEHOLDER.search(value):
                raise PydanticCustomError(
                    "placeholder",
                    f"{name}: {value!r} is placeholder wording, not a real reviewer's "
                    f"{name}; fill it in (or mark a sample entry demo = true)",
                )
        return self

    @property
    def key(self) -> Ed25519PublicKey:
        return parse_public_key(self.public_key)

    @property
    def key_id(self) -> str:
        return key_id(self.key)


@dataclass
class Reviewers:
    """The reviewers that loaded, by id, and what was wrong with the file."""

    path: Path
    by_id: dict[str, Reviewer] = field(default_factory=dict)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    rejected: set[str] = field(default_factory=set)
    """Ids of entries that did not load, so "unknown reviewer" can point at their errors."""
    attestation: str = DEFAULT_ATTESTATION
    """What a reviewer confirms when signing in the workspace (top-level `attestation`)."""

    def get(self, reviewer_id: str) -> Reviewer | None:
        return self.by_id.get(reviewer_id)


def load_reviewers(root: Path) -> Reviewers:
    """Read `<root>/reviewers.toml`; a missing file means nobody can sign yet."""
    path = root / REVIEWERS_NAME
    found = Reviewers(path)
    if not path.is_file():
        return found
    try:
        text = path.read_text(encoding="utf-8")
        raw = tomllib.loads(text)
    except UnicodeDecodeError:
        found.diagnostics.append(_diag(path, 1, "not UTF-8 text", "save it as UTF-8"))
        return found
    except tomllib.TOMLDecodeError as exc:
        message, line, col = _toml_error(exc)
        found.diagnostics.append(
            Diagnostic(
                "SIGN001", f"invalid TOML: {message}", Span(path, line, col), hint="fix the syntax"
            )
        )
        return found
    entries = raw.get("reviewer", [])
    attestation = raw.get("attestation", DEFAULT_ATTESTATION)
    if isinstance(attestation, str) and attestation.strip():
        found.attestation = " ".join(attestation.split())
    else:
        found.diagnostics.append(
            _diag(
                path,
                max(_key_line(text, 0, "attestation"), 1),
                "`attestation` must be a text",
                "write the sentence reviewers confirm, in quotes",
            )
        )
    extra = sorted(set(raw) - {"reviewer", "attestation"})
    if extra:
        found.diagnostics.append(
            _diag(
                path,
                1,
                f"unknown top-level key `{extra[0]}`",
                "list reviewers as `[[reviewer]]` tables",
            )
        )
    if not isinstance(entries, list):
        found.diagnostics.append(
            _diag(
                path,
                1,
                "`reviewer` must be an array of tables",
                "write each reviewer as a `[[reviewer]]` table",
            )
        )
        return found
    starts = _table_lines(text)
    for index, entry in enumerate(entries):
        start = starts[index] if index < len(starts) else 1
        _add(found, entry, start, text)
    return found


def _add(found: Reviewers, entry: Any, start: int, text: str) -> None:
    path = found.path
    try:
        reviewer = Reviewer.model_validate(entry)
    except ValidationError as exc:
        if isinstance(entry, dict) and isinstance(entry.get("id"), str):
            found.rejected.add(entry["id"])
        for err in exc.errors():
            key = str(err["loc"][0]) if err["loc"] else ""
            what = "unknown field" if err["type"] == "extra_forbidden" else err["msg"]
            if not key and ": " in what:
                key, what = what.split(": ", 1)
            line = _key_line(text, start, key)
            found.diagnostics.append(
                _diag(
                    path,
                    line,
                    f"reviewer entry: `{key}`: {what}",
                    "fields are id, name, credentials, role, public_key, revoked and demo",
                )
            )
        return
    if reviewer.id in found.by_id:
        found.diagnostics.append(
            _diag(
                path,
                start,
                f"duplicate reviewer id `{reviewer.id}`",
                "each reviewer needs a unique id; the first entry is used",
            )
        )
        return
    found.by_id[reviewer.id] = reviewer


def _table_lines(text: str) -> list[int]:
    """1-based line numbers of every `[[reviewer]]` header, in order."""
    return [
        number
        for number, line in enumerate(text.splitlines(), start=1)
        if line.strip().replace(" ", "").startswith("[[reviewer]]")
    ]


def _key_line(text: str, start: int, key: str) -> int:
    """The line of `key` inside the table that begins at `start`, else the header's line."""
    lines = text.splitlines()
    for number in range(start, len(lines)):
        stripped = lines[number].strip()
        if stripped.startswith("["):
            break
        if key and stripped.startswith((key + " ", key + "=")):
            return number + 1
    return start


def _toml_error(exc: tomllib.TOMLDecodeError) -> tuple[str, int, int]:
    """Message, line and column; older Pythons keep the position only in the message."""
    text = str(exc)
    found = TOML_POSITION.search(text)
    line = getattr(exc, "lineno", None) or (int(found.group(1)) if found else 1)
    col = getattr(exc, "colno", None) or (int(found.group(2)) if found else 1)
    return TOML_POSITION.sub("", text), line, col


def _diag(path: Path, line: int, message: str, hint: str) -> Diagnostic:
    return Diagnostic("SIGN001", message, Span(path, line, 1), hint=hint)


def entry_text(reviewer_id: str, public_key: str) -> str:
    """The `[[reviewer]]` table keygen prints for the team to fill in and commit."""
    return (
        "[[reviewer]]\n"
        f'id = "{reviewer_id}"\n'
        'name = "FULL NAME"\n'
        'credentials = "e.g. MD, FRCPsych"\n'
        'role = "e.g. Consultant psychiatrist"\n'
        f'public_key = "{public_key}"\n'
    )
