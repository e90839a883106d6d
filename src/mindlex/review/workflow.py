"""The two operations that write ledgers: signing articles and recording content history.

Both are library functions that return what they did; the CLI only prints it. Neither ever
touches an article file, so signing cannot disturb a writer's formatting or comments.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from mindlex.diagnostic import Diagnostic
from mindlex.errors import ConfigError, MindlexError
from mindlex.glossary import Glossary
from mindlex.model import Article
from mindlex.review import history
from mindlex.review.fingerprint import content_of, fingerprint
from mindlex.review.ledger import (
    PAYLOAD_SCHEME,
    Ledger,
    SignOff,
    payload_of,
    read_ledger,
    write_ledger,
)
from mindlex.review.reviewers import Reviewer
from mindlex.review.signing import key_id, public_key_text, sign


class LedgerError(MindlexError):
    """A ledger file exists but cannot be read, so it is left untouched (exit 1)."""

    def __init__(self, diagnostics: list[Diagnostic]) -> None:
        super().__init__("; ".join(d.render() for d in diagnostics))
        self.diagnostics = diagnostics


@dataclass(frozen=True)
class Signed:
    article: Article
    signoff: SignOff
    ledger: Ledger


def check_signer(reviewer: Reviewer, key: Ed25519PrivateKey, today: dt.date) -> None:
    """Refuse before writing anything if this key or reviewer could not make a valid sign-off."""
    if reviewer.revoked is not None:
        raise ConfigError(
            f"reviewer `{reviewer.id}` was revoked on {reviewer.revoked} and can no longer sign"
        )
    if public_key_text(key.public_key()) != public_key_text(reviewer.key):
        raise ConfigError(
            f"this private key does not match the public key listed for `{reviewer.id}` in "
            "reviewers.toml — use that reviewer's own key, or update their entry"
        )


def sign_articles(
    glossary: Glossary,
    articles: list[Article],
    reviewer: Reviewer,
    key: Ed25519PrivateKey,
    today: dt.date,
    note: str = "",
) -> list[Signed]:
    """Append one sign-off per article to its ledger; every ledger is checked before any write."""
    check_signer(reviewer, key, today)
    root = glossary.config.root
    ledgers = [read_ledger(root, article.slug) for article in articles]
    broken = [d for ledger in ledgers if ledger.unreadable for d in ledger.diagnostics]
    if broken:
        raise LedgerError(broken)
    for article, ledger in zip(articles, ledgers, strict=True):
        _, last = ledger.head
        if last is not None and today < last:
            raise ConfigError(
                f"`{article.slug}`: its latest sign-off is dated {last}; a new one cannot be "
                f"dated {today}, before it"
            )
    interval = glossary.config.review.interval_months
    done: list[Signed] = []
    for article, ledger in zip(articles, ledgers, strict=True):
        content = content_of(glossary, article)
        digest = fingerprint(content)
        prev, _ = ledger.head
        unsigned = SignOff(
            reviewer=reviewer.id,
            date=today,
            fingerprint=digest,
            key=key_id(reviewer.key),
            note=note,
            snapshot=content,
            signature="",
            scheme=PAYLOAD_SCHEME,
            prev=prev,
            interval_months=interval,
        )
        signoff = unsigned.model_copy(
            update={"signature": sign(key, payload_of(unsigned, article.slug))}
        )
        ledger.append_signoff(signoff)
        history.record(ledger, digest, today)
        write_ledger(ledger)
        done.append(Signed(article, signoff, ledger))
    return done


def record_history(
    glossary: Glossary, today: dt.date, *, write: bool = True
) -> tuple[list[Article], list[Diagnostic]]:
    """Note today as the first-seen day of every changed fingerprint; returns what changed."""
    changed: list[Article] = []
    problems: list[Diagnostic] = []
    root = glossary.config.root
    for article in glossary.live:
        ledger = read_ledger(root, article.slug)
        if ledger.unreadable:
            problems.extend(ledger.diagnostics)
            continue
        if history.record(ledger, fingerprint(content_of(glossary, article)), today):
            changed.append(article)
            if write:
                write_ledger(ledger)
    return changed, problems
