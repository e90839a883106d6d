"""Refusal intents by structure: a diagnosis, a dose, or a decision about one's own treatment.

Lists of phrasings miss every new way of asking, so each intent is a shape of question
built from parts (`vocab/intents.toml`):

- diagnosis: a yes/no or "tell me if" form, a specific person (I, he, this, my daughter)
  and a condition term ("is he bipolar?", "does that mean I am depressed?");
- dosing: a dose cue (a unit, "dose", "take two", "catch up"), or a medicine term with an
  amount, frequency or change ("can I double my sertraline");
- personal_decision: a first-person decision frame and a care action within a few words
  ("is it time for me to drop out of my group?"), or a choice asked outright.

Condition and medicine terms are the titles and aliases of the glossary's own condition and
medication articles plus short sourced lists, so a new article widens what is recognised.
Questions about a condition or medicine in general ("how does lithium work?") have no
person, no dose cue and no decision frame, and stay answered.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from mindlex.glossary import Glossary

VOCAB = Path(__file__).parent / "vocab" / "intents.toml"
TOKEN = re.compile(r"[a-z0-9]+(?:['/.\-][a-z0-9]+)*|[,;:?!]")
CONTRACTIONS = (
    (re.compile(r"\b(i|he|she|it|that|this|there|what|who)'s\b"), r"\1 is"),
    (re.compile(r"\bi'm\b"), "i am"),
    (re.compile(r"'re\b"), " are"),
    (re.compile(r"'ve\b"), " have"),
    (re.compile(r"\bim\b"), "i am"),
)
WORD = r"[a-z0-9][a-z0-9'/.\-]*"
GAP = rf"(?:{WORD} ){{0,3}}?"
"""Up to three words; never crosses a comma or a question mark (those are tokens too)."""
ORDER = ("diagnosis", "dosing", "personal_decision")


def normalise(text: str) -> str:
    """Lower case, straight apostrophes, contractions expanded, tokens joined by one space."""
    text = text.lower().replace("\u2019", "'").replace("\u2018", "'")
    for pattern, repl in CONTRACTIONS:
        text = pattern.sub(repl, text)
    return " ".join(TOKEN.findall(text))


def _alternation(terms: Iterable[str]) -> str:
    """Whole-phrase alternation of normalised terms, longest first."""
    clean = sorted({t for t in (normalise(x) for x in terms) if t}, key=lambda t: (-len(t), t))
    return "(?:" + "|".join(re.escape(t) for t in clean) + ")"


def _whole(alternation: str) -> str:
    return rf"(?<![\w'/\-]){alternation}(?![\w'/\-])"


@dataclass(frozen=True)
class Intents:
    """Compiled intent patterns; `refused` names the first intent a question shows."""

    patterns: tuple[tuple[str, re.Pattern[str]], ...]

    def refused(self, question: str) -> str:
        text = normalise(question)
        return next((name for name, pattern in self.patterns if pattern.search(text)), "")


def glossary_terms(glossary: Glossary) -> dict[str, list[str]]:
    """Titles and aliases of the glossary's articles in each intent's categories, for the
    built index to carry (`site_meta`), so the production reader needs no glossary."""
    raw = _vocab()
    out: dict[str, list[str]] = {}
    for intent in ("diagnosis", "dosing"):
        wanted = set(raw[intent]["categories"])
        terms: list[str] = []
        for article in glossary.live:
            if article.category in wanted:
                terms.extend(_names(article.title))
                terms.extend(article.aliases)
        out[intent] = sorted({t.lower() for t in terms if t.strip()})
    return out


def _names(title: str) -> list[str]:
    """ "Generalized Anxiety Disorder (GAD)" -> the title, the name without the parenthesis,
    the parenthesis."""
    bare = re.sub(r"\s*\([^)]*\)", "", title).strip()
    inner = re.findall(r"\(([^)]*)\)", title)
    return [title, bare, *inner]


@cache
def _vocab(path: Path = VOCAB) -> dict[str, Any]:
    return tomllib.loads(path.read_text(encoding="utf-8"))


def compile_intents(extra: Mapping[str, Iterable[str]] | None = None) -> Intents:
    """The intent patterns over the vocabulary plus `extra` terms ({"diagnosis": conditions,
    "dosing": medicines}, usually from `glossary_terms`)."""
    raw = _vocab()
    extra = extra or {}
    d, m, p = raw["diagnosis"], raw["dosing"], raw["personal_decision"]
    condition = _whole(_alternation([*d["conditions"], *extra.get("diagnosis", ())]))
    medicine = _alternation([*m["medicines"], *extra.get("dosing", ())])
    roles = _alternation(d["roles"])
    person = rf"(?:{_alternation(d['people'])}|(?:my|our) {GAP}{roles}(?:'s)?)"
    diagnosis = [
        # "is he bipolar", "am I depressed", "is my teenage daughter anorexic"
        rf"\b(?:am|is|are|was|were) {person} {GAP}{condition}",
        rf"\bis it (?:just |really |actually |maybe |possibly )?{condition}",
        # "does she have OCD", "could I be manic", "has he got ADHD"
        rf"\b(?:do|does|did|could|can|might|may|would|will|has|have) {person} {GAP}"
        rf"(?:have|has|had|be|been|got|suffer from|suffering from|develop|developed)\b "
        rf"{GAP}{condition}",
        # "can you tell me if he has X", "does that mean I am X", "do you think she is X"
        rf"\b(?:tell me|know|sure|wonder|wondering|mean|means|think|say|check) "
        rf"(?:that |if |whether )?{person} "
        rf"(?:am |is |are |has |have |had |was |might |could |may |must |be |got |"
        rf"might be |could be |may be |has got |have got )*{GAP}{condition}",
        r"\bdiagnos(?:e|is|ing) (?:me|my|him|her|them|this|us)\b",
        r"\b(?:can|could|will|would) you (?:diagnose|assess)\b",
        rf"\bwhat is wrong with (?:me|him|her|them|us|{person})\b",
        rf"\bwhat (?:disorder|condition|illness|diagnosis|mental illness) "
        rf"(?:do|does|did|might|could|would) {person}\b",
        r"\bdo i need (?:a )?diagnosis\b",
    ]
    dose_cues = list(m["cues"])
    amounts = [a.replace("WORD", WORD).replace("MEDICINE", medicine) for a in m["amounts"]]
    dosing = [
        *dose_cues,
        rf"^(?=.*{_whole(medicine)})(?=.*(?:{'|'.join(amounts)}))",
    ]
    frames = [f.replace("ROLE", roles[3:-1]) for f in p["frames"]]
    action = _whole(_alternation(p["actions"]))
    decision = [
        rf"(?:{'|'.join(frames)}) {GAP}{action}",
        *(c.replace("WORD", WORD).replace("MEDICINE", medicine) for c in p["choices"]),
    ]
    built = {"diagnosis": diagnosis, "dosing": dosing, "personal_decision": decision}
    return Intents(tuple((name, re.compile("|".join(built[name]))) for name in ORDER))


@cache
def default_intents() -> Intents:
    """The vocabulary alone, for callers without a glossary."""
    return compile_intents()
