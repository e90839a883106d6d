"""The Ask pipeline end to end: triage first, then retrieval, then a quoted answer or a refusal.

`Asker` is built either from a glossary (the CLI and the preview server) or from a built
`ask.sqlite` (the production server). Question text is never logged or stored here.
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from mindlex.ask.answer import Answer, compose
from mindlex.ask.embed import StaticModel, default_model
from mindlex.ask.index import Store, embed_passages, previous_vectors, same_index, write_index
from mindlex.ask.intents import compile_intents, glossary_terms
from mindlex.ask.passages import Passage, glossary_passages
from mindlex.ask.retrieve import Mode, rank
from mindlex.ask.support import signals, supported
from mindlex.ask.synonyms import Synonyms, synonyms
from mindlex.ask.triage import Triage, triage
from mindlex.glossary import Glossary
from mindlex.model.text import plain_text
from mindlex.render.view import ReviewLike

CRISIS_SLUG = "help-in-a-crisis"
MAX_QUESTION_CHARS = 500
"""Retrieval reads this much of a question; triage reads up to MAX_TRIAGE_CHARS."""
MAX_TRIAGE_CHARS = 20_000
"""A crisis sentence at the end of a long message must still be seen."""


@dataclass(frozen=True)
class AskResult:
    triage: Triage
    answer: Answer | None
    """None when triage found a crisis: then only the crisis response is shown."""
    crisis: dict[str, Any]
    disclaimer: str

    def as_json(self) -> dict[str, Any]:
        show_crisis = self.triage.outcome != "none"
        return {
            "triage": self.triage.as_json(),
            "crisis": self.crisis if show_crisis else None,
            "help": None if show_crisis else help_line(self.crisis),
            "answer": self.answer.as_json() if self.answer else None,
            "disclaimer": self.disclaimer,
        }


def help_line(crisis: dict[str, Any]) -> dict[str, Any]:
    """The locale's crisis lines in one short block under every answer triage let through.

    Pattern triage misses phrasings it has not seen, so a reader in danger whose message
    reads as an ordinary question still sees where help is, without the full crisis response.
    """
    article = crisis.get("article")
    return {
        "heading": crisis["heading"],
        "resources": [{"name": r["name"], "contact": r["contact"]} for r in crisis["resources"]],
        "emergency": crisis["emergency"],
        "url": article["url"] if article else "",
    }


@dataclass
class Asker:
    store: Store
    meta: dict[str, Any]
    model: StaticModel
    synonyms: Synonyms

    def ask(self, question: str, mode: Mode = "hybrid") -> AskResult:
        found = triage(question[:MAX_TRIAGE_CHARS])
        question = question[:MAX_QUESTION_CHARS]
        crisis = self.meta["crisis"]
        if found.outcome == "crisis":
            return AskResult(found, None, crisis, self.meta["disclaimer"])
        ranked = rank(self.store, self.model, self.synonyms, question, mode)
        answer = compose(
            question,
            ranked,
            self.store.passages,
            self.related,
            self.synonyms.expand(question),
            supported(signals(self.store, self.synonyms, question, ranked, self.model)),
            self.intents,
        )
        return AskResult(found, answer, crisis, self.meta["disclaimer"])

    def __post_init__(self) -> None:
        self.related: dict[str, list[tuple[str, str]]] = {
            k: [(str(a), str(b)) for a, b in v] for k, v in self.meta["related"].items()
        }
        # Condition and medicine terms of the glossary, carried in the index's site meta.
        self.intents = compile_intents(self.meta.get("intent_terms"))
        # The support check reads the heading vocabulary; build it now, not on a reader's time.
        _ = self.store.heading_stems

    @classmethod
    def open(cls, path: Path) -> Asker:
        """The production reader: a built `ask.sqlite`, opened read-only."""
        store = Store.open(path)
        meta = json.loads(store.meta_value("site"))
        return cls(store, meta, default_model(), synonyms())


def glossary_asker(
    glossary: Glossary,
    reviews: Mapping[str, ReviewLike],
    include_unsigned: bool = False,
    known: Mapping[str, bytes] | None = None,
) -> Asker:
    """An in-memory Asker over the glossary's eligible passages."""
    passages = glossary_passages(glossary, reviews, include_unsigned=include_unsigned)
    passages = [p for p in passages if p.slug != CRISIS_SLUG]
    model = default_model()
    vectors = embed_passages(passages, model, known)
    store = Store.build(passages, vectors)
    return Asker(store, site_meta(glossary, reviews, passages), model, synonyms())


def write_ask_index(
    path: Path,
    glossary: Glossary,
    reviews: Mapping[str, ReviewLike],
    published: set[str],
    previous: Path | None = None,
) -> int:
    """Write `ask.sqlite` for the built site: signed passages of published articles only."""
    passages = [
        p for p in glossary_passages(glossary, reviews, slugs=published) if p.slug != CRISIS_SLUG
    ]
    meta = {"site": json.dumps(site_meta(glossary, reviews, passages), sort_keys=True)}
    if previous is not None and same_index(previous, passages, meta):
        shutil.copyfile(previous, path)
        return len(passages)
    model = default_model()
    vectors = embed_passages(passages, model, previous_vectors(previous) if previous else None)
    write_index(path, passages, vectors, meta)
    return len(passages)


def site_meta(
    glossary: Glossary, reviews: Mapping[str, ReviewLike], passages: list[Passage]
) -> dict[str, Any]:
    """What an answer needs besides passages: disclaimer, crisis response, related links."""
    eligible = {p.slug for p in passages}
    titles = {a.slug: a.title for a in glossary.live}
    related = {
        slug: [(r, titles[r]) for r in article.related if r in eligible]
        for slug in eligible
        if (article := glossary.get(slug)) is not None
    }
    return {
        "disclaimer": glossary.config.site.disclaimer,
        "crisis": crisis_response(glossary, reviews),
        "related": related,
        "intent_terms": glossary_terms(glossary),
    }


def crisis_response(glossary: Glossary, reviews: Mapping[str, ReviewLike]) -> dict[str, Any]:
    """Locale resources first, then the fixed wording of the crisis article, as written."""
    help_ = glossary.config.crisis_help()
    out: dict[str, Any] = {
        "heading": help_.heading if help_ else "If you need help now",
        "intro": help_.intro if help_ else "",
        "emergency": help_.emergency if help_ else "",
        "resources": [
            {
                "name": r.name,
                "contact": r.contact,
                "url": str(r.url) if r.url else "",
                "hours": r.hours,
            }
            for r in (help_.resources if help_ else [])
        ],
        "article": None,
    }
    article = glossary.get(CRISIS_SLUG)
    if article is not None:
        review = reviews.get(CRISIS_SLUG)
        paragraphs = [plain_text([t]) for t in article.intro_tokens if t.type == "inline"]
        for section in article.sections:
            paragraphs.extend(plain_text([t]) for t in section.tokens if t.type == "inline")
        out["article"] = {
            "slug": CRISIS_SLUG,
            "title": article.title,
            "url": f"{CRISIS_SLUG}/",
            "paragraphs": [p for p in paragraphs if p],
            "signed": bool(review and review.is_verified),
            "signed_on": (
                review.signed_on.isoformat()
                if review and review.is_verified and isinstance(review.signed_on, dt.date)
                else ""
            ),
        }
    return out
