"""What a reviewer can do in the workspace: sign off an article, or ask for changes.

Signing goes through `mindlex.review.workflow.sign_articles`, the function behind
`mindlex review sign`, so a browser sign-off writes the same ledger entry the CLI would.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from mindlex.diagnostic import Severity
from mindlex.errors import ConfigError
from mindlex.glossary import Glossary
from mindlex.lint.runner import lint_glossary
from mindlex.model import Article
from mindlex.review.comments import request_changes
from mindlex.review.fingerprint import fingerprint_of
from mindlex.review.ledger import read_ledger, write_ledger
from mindlex.review.reviewers import Reviewers
from mindlex.review.signing import is_encrypted, load_private_key
from mindlex.review.workflow import LedgerError, sign_articles


class Refused(Exception):
    """The action was not carried out; the message says why, in one line, for the page."""


@dataclass(frozen=True)
class SignRequest:
    reviewer: str
    passphrase: str
    attested: bool
    seen: str
    """The fingerprint of the content the reviewer was shown."""
    note: str = ""


def sign_off(
    glossary: Glossary,
    reviewers: Reviewers,
    article: Article,
    keys: dict[str, Path],
    ask: SignRequest,
    today: dt.date,
) -> str:
    """Sign one article for the reviewer; returns a confirmation line or raises Refused."""
    person = reviewers.get(ask.reviewer)
    if person is None:
        raise Refused(f"`{ask.reviewer}` is not a reviewer listed in reviewers.toml")
    if not ask.attested:
        raise Refused("confirm the attestation before signing")
    if fingerprint_of(glossary, article) != ask.seen:
        raise Refused("the article changed while you were reading it; read it again, then sign")
    errors = [
        d
        for d in lint_glossary(glossary, glossary.config, today=today, only=[article.slug])
        if d.severity is Severity.ERROR
    ]
    if errors:
        raise Refused(
            f"the article has {len(errors)} error-level finding(s); they must be fixed first"
        )
    path = keys.get(person.id)
    if path is None:
        raise Refused(f"no key file is configured for `{person.id}`")
    try:
        secret = ask.passphrase if is_encrypted(path) else None
        if is_encrypted(path) and not secret:
            raise Refused("this key is protected by a passphrase; enter it")
        key = load_private_key(path, secret)
        (done,) = sign_articles(glossary, [article], person, key, today, ask.note.strip())
    except LedgerError as exc:
        raise Refused(str(exc)) from None
    except ConfigError as exc:
        raise Refused(str(exc).replace(str(path), path.name)) from None
    return f"Signed {article.title} as {person.name} on {done.signoff.date}."


def ask_for_changes(
    glossary: Glossary,
    reviewers: Reviewers,
    article: Article,
    reviewer: str,
    text: str,
    today: dt.date,
) -> str:
    """Store an unsigned change request in the article's ledger."""
    if reviewers.get(reviewer) is None:
        raise Refused(f"`{reviewer}` is not a reviewer listed in reviewers.toml")
    ledger = read_ledger(glossary.config.root, article.slug)
    if ledger.unreadable:
        raise Refused(f"the ledger {ledger.path.name} cannot be read; it is left untouched")
    try:
        request_changes(ledger, reviewer, text, fingerprint_of(glossary, article), today)
    except ValueError as exc:
        raise Refused(str(exc)) from None
    write_ledger(ledger)
    return f"Change request saved for {article.title}; writers see it in `mindlex review status`."
