"""Answers made only of quotes: 1-3 best passages, sentence-trimmed, with where they came from.

No sentence here is written by the software about the question: an answer is verbatim text
of signed passages plus fixed wording (refusals, labels) that is the same for every reader.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from mindlex.ask.intents import Intents, default_intents
from mindlex.ask.passages import Passage
from mindlex.ask.retrieve import Ranked, content_terms

SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9\"“(])")
MAX_QUOTES = 3
MAX_QUOTE_CHARS = 420
MAX_RELATED = 5
QUOTE_RATIO = 0.6
"""A second or third quote must score at least this share of the best fused score."""

REFUSALS = {
    "diagnosis": (
        "This site has no reviewed answer to questions about whether you have a condition. "
        "Only a clinician who can assess you can say that."
    ),
    "dosing": (
        "This site has no reviewed answer about doses. The right dose depends on the person, "
        "so ask the doctor or pharmacist who knows your treatment."
    ),
    "personal_decision": (
        "This site has no reviewed answer for a decision about your own treatment. Please "
        "talk it through with the clinician who treats you before you change anything."
    ),
    "unsupported": (
        "This site has no reviewed answer to that question yet. You can search the glossary "
        "or talk to a doctor or another licensed clinician."
    ),
}


@dataclass(frozen=True)
class Quote:
    passage: Passage
    text: str

    def as_json(self) -> dict[str, Any]:
        p = self.passage
        return {
            "text": self.text,
            "slug": p.slug,
            "title": p.title,
            "section": p.section,
            "url": p.url,
            "citations": [{"number": n, "label": label} for n, label in p.citations],
            "signed": p.signed,
            "reviewer": p.reviewer,
            "signed_on": p.signed_on,
            "source": f"{p.path}:{p.line}",
        }


@dataclass(frozen=True)
class Answer:
    status: str
    """"answered" or "refused"."""
    reason: str = ""
    quotes: tuple[Quote, ...] = ()
    related: tuple[tuple[str, str], ...] = field(default=())

    @property
    def message(self) -> str:
        return REFUSALS.get(self.reason, "")

    def as_json(self) -> dict[str, Any]:
        return {
            "status": self.status,
            "reason": self.reason,
            "message": self.message,
            "quotes": [q.as_json() for q in self.quotes],
            "related": [{"slug": s, "title": t, "url": f"{s}/"} for s, t in self.related],
        }


def refused_intent(question: str, intents: Intents | None = None) -> str:
    """The id of the first intent the question shows ("diagnosis", ...), or "".

    `intents` carries the glossary's own condition and medicine terms; without it only the
    vocabulary's lists are known."""
    return (intents or default_intents()).refused(question)


def compose(
    question: str,
    ranked: list[Ranked],
    passages: list[Passage],
    related: dict[str, list[tuple[str, str]]],
    extra_terms: list[str] | None = None,
    supported: bool = True,
    intents: Intents | None = None,
) -> Answer:
    """Quote the best passages, or refuse plainly; related articles either way.

    `supported` is the verdict of the calibrated rule in `support.py`.
    """
    intent = refused_intent(question, intents)
    if intent:
        return Answer("refused", intent, related=_related(ranked[:3], passages, related, set()))
    if not ranked or not supported:
        return Answer(
            "refused", "unsupported", related=_related(ranked[:3], passages, related, set())
        )
    terms = content_terms(question) + (extra_terms or [])
    quotes: list[Quote] = []
    seen: set[tuple[str, str]] = set()
    for item in ranked:
        passage = passages[item.index]
        if len(quotes) == MAX_QUOTES or item.score < QUOTE_RATIO * ranked[0].score:
            break
        if (passage.slug, passage.anchor) in seen:
            continue
        seen.add((passage.slug, passage.anchor))
        quotes.append(Quote(passage, trim(passage.text, terms)))
    shown = {q.passage.slug for q in quotes}
    return Answer("answered", "", tuple(quotes), _related(ranked, passages, related, shown))


def sentences(text: str) -> list[str]:
    """The passage cut at sentence ends; every piece is a substring of `text`."""
    return [s for s in SENTENCE_END.split(text) if s]


def trim(text: str, terms: list[str]) -> str:
    """The run of whole sentences around the one that best matches the question."""
    parts = sentences(text)
    if len(text) <= MAX_QUOTE_CHARS or len(parts) == 1:
        return text
    stems = {t[:5] for t in terms if len(t) > 2}
    scores = [sum(1 for w in content_terms(s) if w[:5] in stems) for s in parts]
    best = max(range(len(parts)), key=lambda i: (scores[i], -i))
    start = end = best
    while True:
        grown = False
        for candidate in (end + 1, start - 1):
            if 0 <= candidate < len(parts):
                lo, hi = min(start, candidate), max(end, candidate)
                if len(" ".join(parts[lo : hi + 1])) <= MAX_QUOTE_CHARS:
                    start, end, grown = lo, hi, True
                    break
        if not grown:
            break
    first = text.index(parts[start])
    last = text.index(parts[end], first) + len(parts[end])
    return text[first:last]


def _related(
    ranked: list[Ranked],
    passages: list[Passage],
    related: dict[str, list[tuple[str, str]]],
    shown: set[str],
) -> tuple[tuple[str, str], ...]:
    out: dict[str, str] = {}
    for item in ranked:
        p = passages[item.index]
        if p.slug not in shown:
            out.setdefault(p.slug, p.title)
        for slug, title in related.get(p.slug, []):
            if slug not in shown:
                out.setdefault(slug, title)
    return tuple(list(out.items())[:MAX_RELATED])
