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
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from mindlex.diagnostic import Diagnostic
from mindlex.review.signing import key_id, parse_public_key
from mindlex.span import Span

REVIEWERS_NAME = "reviewers.toml"
TOML_POSITION = re.compile(r" \(at line (\d+), column (\d+)\)")
REVIEWER_ID = re.compile(r"^[a-z0-9]+(?:[-_][a-z0-9]+)*$")


class Reviewer(BaseModel):
    """One clinical reviewer as listed in reviewers.toml."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str
    """Short stable id used on the command line and in the ledger, e.g. `j-smith`."""
    name: str = Field(min_length=1)
    """Shown on the page: "Reviewed by NAME, CREDENTIALS on DATE"."""
    credentials: str = Field(min_length=1)
    role: str = ""
    public_key: str
    revoked: dt.date | None = None
    """Sign-offs dated on or after this day are invalid; earlier ones still stand."""

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

    @property
    def key(self) -> Ed25519PublicKey:
        return parse_public_key(self.public_key)

    @property
    def key_id(self) -> str:
        return key_id(self.key)

    def revoked_on(self, day: dt.date) -> bool:
        return self.revoked is not None and day >= self.revoked


@dataclass
class Reviewers:
    """The reviewers that loaded, by id, and what was wrong with the file."""

    path: Path
    by_id: dict[str, Reviewer] = field(default_factory=dict)
    diagnostics: list[Diagnostic] = field(default_factory=list)

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
    extra = sorted(set(raw) - {"reviewer"})
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
        for err in exc.errors():
            key = str(err["loc"][0]) if err["loc"] else ""
            line = _key_line(text, start, key)
            what = "unknown field" if err["type"] == "extra_forbidden" else err["msg"]
            found.diagnostics.append(
                _diag(
                    path,
                    line,
                    f"reviewer entry: `{key}`: {what}",
                    "fields are id, name, credentials, role, public_key and revoked",
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
