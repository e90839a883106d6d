"""The review ledger: one JSON file per article under `<root>/review/`, appended to, never edited.

A ledger file holds the article's content history (each fingerprint with the day it was
first recorded) and its sign-offs. Entries are kept exactly as read, including ones this
version cannot parse, so rewriting a ledger never loses anything.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, ValidationError
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import YAMLError

from mindlex.atomic import write_atomic
from mindlex.diagnostic import Diagnostic
from mindlex.review.fingerprint import Content, canonical_bytes
from mindlex.span import Span

LEDGER_DIR = "review"
FORMAT = "mindlex-review-ledger/1"
PAYLOAD_SCHEME = "mindlex-signoff/2"
"""Version 2 signs the hash of the previous entry and the review interval in force."""


class SignOff(BaseModel):
    """One sign-off as stored: who, when, on which content, and the proof."""

    model_config = ConfigDict(extra="allow", frozen=True)

    reviewer: str
    date: dt.date
    fingerprint: str
    key: str = ""
    """Id of the public key that made the signature, to explain a key mismatch."""
    note: str = ""
    signature: str
    snapshot: Content
    scheme: str = ""
    """`mindlex-signoff/2`; entries without it were made by an earlier version."""
    prev: str = ""
    """Hash of the previous sign-off entry as stored ("" for the first): the chain."""
    interval_months: int = 0
    """The review interval in force when signing; a later, longer interval does not
    extend this sign-off."""
    index: int = -1
    """Position in the ledger's list; not stored."""
    defect: str = ""
    """Why the stored entry could not be read; not stored."""
    expected_prev: str = ""
    """Hash of the entry stored before this one, as read; not stored."""
    prev_date: dt.date | None = None
    """Date of the entry stored before this one; not stored."""


NOT_STORED = {"index", "defect", "expected_prev", "prev_date"}


def entry_hash(raw: Any) -> str:
    """`sha256:<hex>` of one stored entry, exactly as stored: what the next entry chains to."""
    return "sha256:" + hashlib.sha256(canonical_bytes(raw)).hexdigest()


class Step(BaseModel):
    """One entry of the content history: a fingerprint and the day it was first recorded."""

    model_config = ConfigDict(extra="allow", frozen=True)

    fingerprint: str
    since: dt.date


def payload(
    slug: str,
    fingerprint: str,
    date: dt.date,
    reviewer: str,
    note: str,
    prev: str,
    interval_months: int,
) -> bytes:
    """The exact bytes a reviewer signs: one article, one content, one place in the ledger."""
    return canonical_bytes(
        {
            "scheme": PAYLOAD_SCHEME,
            "slug": slug,
            "fingerprint": fingerprint,
            "date": date.isoformat(),
            "reviewer": reviewer,
            "note": note,
            "prev": prev,
            "interval_months": interval_months,
        }
    )


def payload_of(signoff: SignOff, slug: str) -> bytes:
    return payload(
        slug,
        signoff.fingerprint,
        signoff.date,
        signoff.reviewer,
        signoff.note,
        signoff.prev,
        signoff.interval_months,
    )


@dataclass
class Ledger:
    """The review record of one article, as read from disk."""

    path: Path
    slug: str
    raw: dict[str, Any] = field(default_factory=dict)
    signoffs: list[SignOff] = field(default_factory=list)
    history: list[Step] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    unreadable: bool = False
    """The file exists but is not a ledger; it must not be overwritten."""

    @property
    def exists(self) -> bool:
        return bool(self.raw)

    @property
    def head(self) -> tuple[str, dt.date | None]:
        """What the next sign-off chains to: the last entry's hash and date."""
        items = self.raw.get("signoffs") or []
        if not items:
            return "", None
        last = self.signoffs[-1] if self.signoffs else None
        return entry_hash(items[-1]), (last.date if last and not last.defect else None)

    @property
    def comments(self) -> list[dict[str, Any]]:
        """Unsigned "request changes" comments, as stored (readable ones only)."""
        items = self.raw.get("comments") or []
        return [c for c in items if isinstance(c, dict) and isinstance(c.get("text"), str)]

    def append_signoff(self, signoff: SignOff) -> None:
        data = signoff.model_dump(mode="json", exclude=NOT_STORED)
        self._list("signoffs").append(data)
        self.signoffs.append(signoff.model_copy(update={"index": len(self.signoffs)}))

    def append_comment(self, comment: dict[str, Any]) -> None:
        self._list("comments").append(comment)

    def append_step(self, step: Step) -> None:
        self._list("history").append(step.model_dump(mode="json"))
        self.history.append(step)

    def _list(self, key: str) -> list[Any]:
        if not self.raw:
            self.raw = {"format": FORMAT, "slug": self.slug, "history": [], "signoffs": []}
        items = self.raw.setdefault(key, [])
        if not isinstance(items, list):
            raise ValueError(f"{self.path}: `{key}` is not a list")
        return items


def ledger_path(root: Path, slug: str) -> Path:
    return root / LEDGER_DIR / f"{slug}.json"


def read_ledger(root: Path, slug: str) -> Ledger:
    """Load a ledger; a missing file is an empty ledger, a broken one is reported."""
    path = ledger_path(root, slug)
    ledger = Ledger(path, slug)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return ledger
    except (OSError, UnicodeDecodeError) as exc:
        return _unreadable(ledger, 1, f"cannot read the ledger ({exc})")
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        return _unreadable(ledger, exc.lineno, f"malformed JSON: {exc.msg}", exc.colno)
    problem = _shape_problem(data, slug)
    if problem:
        return _unreadable(ledger, 1, problem)
    ledger.raw = data
    for index, item in enumerate(data["history"]):
        try:
            ledger.history.append(Step.model_validate(item))
        except ValidationError as exc:
            ledger.diagnostics.append(_entry_diag(path, text, "history", index, exc))
    previous: tuple[str, dt.date | None] = ("", None)
    for index, item in enumerate(data["signoffs"]):
        signoff = _signoff(ledger, text, index, item)
        ledger.signoffs.append(
            signoff.model_copy(update={"expected_prev": previous[0], "prev_date": previous[1]})
        )
        previous = (entry_hash(item), None if signoff.defect else signoff.date)
    return ledger


def _shape_problem(data: Any, slug: str) -> str:
    if not isinstance(data, dict):
        return "a ledger is a JSON object with `history` and `signoffs` lists"
    if data.get("format") != FORMAT:
        return f"unknown ledger format {data.get('format')!r}; expected {FORMAT!r}"
    if data.get("slug") != slug:
        return f"ledger is for `{data.get('slug')}`, but its file name says `{slug}`"
    for key in ("history", "signoffs"):
        if not isinstance(data.get(key, []), list):
            return f"`{key}` must be a list"
    data.setdefault("history", [])
    data.setdefault("signoffs", [])
    return ""


def _signoff(ledger: Ledger, text: str, index: int, item: Any) -> SignOff:
    try:
        return SignOff.model_validate(item).model_copy(update={"index": index})
    except ValidationError as exc:
        diag = _entry_diag(ledger.path, text, "signoffs", index, exc)
        ledger.diagnostics.append(diag)
        raw = item if isinstance(item, dict) else {}
        return SignOff.model_construct(
            reviewer=str(raw.get("reviewer", "")),
            date=dt.date.min,
            fingerprint="",
            signature="",
            snapshot={},
            index=index,
            defect=diag.message,
        )


def _unreadable(ledger: Ledger, line: int, message: str, col: int = 1) -> Ledger:
    ledger.unreadable = True
    ledger.diagnostics.append(
        Diagnostic(
            "SIGN002",
            message,
            Span(ledger.path, line, col),
            hint="restore the file from version control; ledgers are written by `mindlex review`",
        )
    )
    return ledger


def _entry_diag(path: Path, text: str, key: str, index: int, exc: ValidationError) -> Diagnostic:
    err = exc.errors()[0]
    where = ".".join(str(p) for p in err["loc"]) or "entry"
    return Diagnostic(
        "SIGN003",
        f"{key}[{index}] `{where}`: {err['msg']}",
        Span(path, _entry_line(text, key, index, str(err["loc"][0]) if err["loc"] else ""), 1),
        hint="ledger entries are written by `mindlex review sign`; restore this one from git",
    )


def _entry_line(text: str, key: str, index: int, field_name: str) -> int:
    """Line of a field in one list entry (JSON is YAML, and ruamel keeps positions).

    Only used on the error path, so the slower parser costs nothing in normal runs.
    """
    try:
        node = YAML(typ="rt").load(text)
    except YAMLError:
        return 1
    if not (isinstance(node, CommentedMap) and isinstance(node.get(key), CommentedSeq)):
        return 1
    seq = node[key]
    if index >= len(seq):
        return 1
    entry = seq[index]
    if isinstance(entry, CommentedMap) and field_name in entry:
        line, _col = entry.lc.key(field_name)
    else:
        line, _col = seq.lc.item(index)
    return int(line) + 1


def write_ledger(ledger: Ledger) -> None:
    """Write atomically: a temporary file in the same folder, then one rename."""
    if ledger.unreadable:
        raise ValueError(f"{ledger.path}: refusing to overwrite an unreadable ledger")
    text = json.dumps(ledger.raw, indent=2, ensure_ascii=False) + "\n"
    write_atomic(ledger.path, text.encode("utf-8"), mode=0o644)
