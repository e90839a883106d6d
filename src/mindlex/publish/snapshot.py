"""The parts of the in-memory site that are plain values: one snapshot of the glossary,
what a refresh reports, and small helpers of `live.LiveSite`."""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable
from dataclasses import dataclass

from mindlex.glossary import Glossary
from mindlex.model import Article
from mindlex.publish.deps import TermDeps
from mindlex.publish.pipeline import BuildResult, Plan
from mindlex.render.termlinks import TermIndex
from mindlex.review.ledger import read_ledger
from mindlex.review.status import ReviewData, ReviewState, load_review_data, state_of


@dataclass(frozen=True)
class Snapshot:
    """One consistent state of the glossary; requests read one snapshot from start to end."""

    glossary: Glossary
    plan: Plan
    today: dt.date
    base: str
    """Digest of the configuration, the theme, the date and the preview options."""
    terms: TermIndex | None
    deps: TermDeps | None
    published: frozenset[str]
    drafts: frozenset[str]
    noindex: frozenset[str]
    articles: dict[str, str]
    """Output file of an article page or API document -> the article's slug."""
    retired: frozenset[str]
    bibliography: str
    front_matter: str
    reviews_seen: int


@dataclass
class Refresh:
    """What one refresh found: the build-like result and which served pages moved."""

    result: BuildResult
    changed_pages: list[str] | None
    """URL paths of pages served before whose bytes may now differ; None means any page."""


class Clock:
    """Cumulative seconds at the end of each stage, in `result.timings`."""

    def __init__(self, result: BuildResult) -> None:
        self.result = result
        self.start = time.perf_counter()

    def __call__(self, stage: str) -> None:
        self.result.timings[stage] = time.perf_counter() - self.start

    def total(self) -> float:
        return time.perf_counter() - self.start


def kept(old: frozenset[str] | None, new: frozenset[str]) -> frozenset[str]:
    """The old set object if the new one is equal, so identity checks downstream hold."""
    return old if old is not None and old == new else new


def review_of(
    data: list[ReviewData], glossary: Glossary, article: Article, today: dt.date
) -> Callable[[], ReviewState]:
    """Compute one review state; the reviewers file is read once, on the first miss."""

    def compute() -> ReviewState:
        if not data:
            data.append(load_review_data(glossary))
        ledger = read_ledger(glossary.config.root, article.slug)
        return state_of(data[0], glossary, article, ledger, today)

    return compute


def url_of(rel: str) -> str:
    """`slug/index.html` -> `/slug/`, `feed.xml` -> `/feed.xml`."""
    if rel == "index.html":
        return "/"
    if rel.endswith("/index.html"):
        return "/" + rel[: -len("index.html")]
    return "/" + rel
