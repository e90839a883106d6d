"""Helpers for the review tests: a glossary on disk that can be signed and tampered with."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from mindlex.config import load_config
from mindlex.glossary import Glossary
from mindlex.loader import load_glossary
from mindlex.model import Article
from mindlex.review.reviewers import load_reviewers
from mindlex.review.signing import public_key_text
from mindlex.review.workflow import sign_articles

CONFIG = """\
[site]
name = "Test glossary"
base_url = "https://glossary.test/"
disclaimer = "General information only, not medical advice."
content_dir = "articles"
bibliography = ["sources.yaml"]

[review]
interval_months = 12
"""

BIBLIOGRAPHY = """\
- id: who2022
  type: report
  evidence: government_source
  title: World mental health report
  publisher: World Health Organization
  issued: 2022
"""

ANXIETY = """\
---
title: Anxiety
summary: A feeling of worry or unease about something whose outcome is uncertain.
category: emotions
aliases: [worry, nervousness]
references:
  - id: smith2020
    type: article-journal
    evidence: peer_reviewed_review
    title: Anxiety disorders reviewed
    issued: 2020
---

## Definition

Anxiety is a normal response to stress [@smith2020].

## Clinical context

Around the world many people live with an anxiety disorder [@who2022].

## When to seek help

Talk to a doctor if worry lasts for weeks or gets in the way of daily life.
"""

SLEEP = """\
---
title: Sleep hygiene
summary: Habits and surroundings that make restful sleep more likely.
category: wellbeing
---

## Definition

Sleep hygiene means routines that support regular, restful sleep.
"""

DAY = dt.date(2026, 3, 1)


@dataclass
class Sandbox:
    """A glossary folder on disk, plus helpers to sign and tamper with it."""

    root: Path
    keys: dict[str, Ed25519PrivateKey] = field(default_factory=dict)

    def write(self, slug: str, text: str) -> Path:
        path = self.root / "articles" / f"{slug}.md"
        path.write_text(text, encoding="utf-8", newline="")
        return path

    def edit(self, slug: str, old: str, new: str) -> None:
        path = self.root / "articles" / f"{slug}.md"
        text = path.read_text(encoding="utf-8")
        assert old in text
        path.write_text(text.replace(old, new), encoding="utf-8")

    def glossary(self) -> Glossary:
        loaded = load_glossary(load_config(self.root))
        assert not loaded.diagnostics, [d.render() for d in loaded.diagnostics]
        return loaded.glossary

    def article(self, slug: str) -> Article:
        found = self.glossary().get(slug)
        assert found is not None
        return found

    def add_reviewer(
        self, reviewer_id: str, *, revoked: dt.date | None = None, name: str = ""
    ) -> Ed25519PrivateKey:
        key = Ed25519PrivateKey.generate()
        self.keys[reviewer_id] = key
        entry = (
            "[[reviewer]]\n"
            f'id = "{reviewer_id}"\n'
            f'name = "{name or "Dr " + reviewer_id.title()}"\n'
            'credentials = "MD, MRCPsych"\n'
            'role = "Consultant psychiatrist"\n'
            f'public_key = "{public_key_text(key.public_key())}"\n'
            + (f"revoked = {revoked.isoformat()}\n" if revoked else "")
            + "\n"
        )
        path = self.root / "reviewers.toml"
        previous = path.read_text(encoding="utf-8") if path.exists() else ""
        path.write_text(previous + entry, encoding="utf-8")
        return key

    def sign(self, slug: str, reviewer_id: str, day: dt.date = DAY, note: str = "") -> None:
        glossary = self.glossary()
        reviewer = load_reviewers(self.root).by_id[reviewer_id]
        article = glossary.get(slug)
        assert article is not None
        sign_articles(glossary, [article], reviewer, self.keys[reviewer_id], day, note)

    def ledger(self, slug: str) -> dict[str, Any]:
        data: dict[str, Any] = json.loads(self.ledger_path(slug).read_text(encoding="utf-8"))
        return data

    def save_ledger(self, slug: str, data: dict[str, Any]) -> None:
        text = json.dumps(data, indent=2, ensure_ascii=False) + "\n"
        self.ledger_path(slug).write_text(text, encoding="utf-8")

    def ledger_path(self, slug: str) -> Path:
        return self.root / "review" / f"{slug}.json"
