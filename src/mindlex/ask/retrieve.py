"""Ranking passages for a question: BM25 over FTS5, dense cosine, and their fusion.

Four configurations exist so the evaluation can compare them: `bm25`, `bm25+synonyms`,
`dense` and `hybrid` (BM25 with synonyms and dense, fused by reciprocal rank). Whether
the site answers at all is decided afterwards, in `support.py`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

import numpy as np

from mindlex.ask.embed import StaticModel
from mindlex.ask.index import Store
from mindlex.ask.synonyms import Synonyms

Mode = Literal["bm25", "bm25+synonyms", "dense", "hybrid"]
MODES: tuple[Mode, ...] = ("bm25", "bm25+synonyms", "dense", "hybrid")
WORDS = re.compile(r"[^\W_]+(?:-[^\W_]+)*")
RRF_K = 60
DEPTH = 50
MAX_TERMS = 24
_STOPWORD_TEXT = (
    "a about after all also am an and any are as at be been being but by can could did do does "
    "doing for from get gets had has have having he her him his how i if im in into is it its "
    "just me more most my no not of on or our out over she should so some such than that the "
    "their them then there these they this those to too very was we were what when where which "
    "while who why will with would you your yours ever really thing things something anything "
    "feel feeling like mean means"
)
STOPWORDS = frozenset(_STOPWORD_TEXT.split())


@dataclass(frozen=True, slots=True)
class Ranked:
    index: int
    """Position of the passage in the store."""
    score: float
    """Fused score (higher is better), comparable within one question only."""
    cosine: float
    lexical: float
    """bm25 score of the passage for this question, 0 when it did not match."""


def content_terms(question: str) -> list[str]:
    """Lower-cased words of the question that carry meaning."""
    words = [w.lower() for w in WORDS.findall(question)]
    return [w for w in words if w not in STOPWORDS and len(w) > 1][:MAX_TERMS]


def rank(
    store: Store,
    model: StaticModel,
    synonyms: Synonyms,
    question: str,
    mode: Mode = "hybrid",
    limit: int = 10,
) -> list[Ranked]:
    """The best passages for the question under one configuration."""
    if not store.passages:
        return []
    terms = content_terms(question)
    if mode != "bm25":
        terms = terms + [t for t in synonyms.expand(question) if t not in terms]
    lexical: dict[int, float] = {}
    if mode != "dense" and terms:
        lexical = dict(store.postings.top(store.stemmer.stems(terms), DEPTH))
    query = model.encode([question])[0]
    cosines = store.vectors @ query
    if mode in ("bm25", "bm25+synonyms"):
        order = list(lexical)
    elif mode == "dense":
        order = _top(cosines, DEPTH)
    else:
        dense = _top(cosines, DEPTH)
        fused: dict[int, float] = {}
        for ranks in (list(lexical), dense):
            for position, index in enumerate(ranks):
                fused[index] = fused.get(index, 0.0) + 1.0 / (RRF_K + position + 1)
        order = sorted(fused, key=lambda i: (-fused[i], i))
        return [Ranked(i, fused[i], float(cosines[i]), lexical.get(i, 0.0)) for i in order[:limit]]
    return [
        Ranked(i, float(lexical.get(i, cosines[i])), float(cosines[i]), lexical.get(i, 0.0))
        for i in order[:limit]
    ]


def _top(scores: np.ndarray, k: int) -> list[int]:
    if len(scores) <= k:
        return [int(i) for i in np.argsort(-scores, kind="stable")]
    part = np.argpartition(-scores, k)[:k]
    return [int(i) for i in part[np.argsort(-scores[part], kind="stable")]]
