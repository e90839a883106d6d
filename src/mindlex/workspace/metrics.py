"""The governance figures: how much of what is published is reviewed, current and well sourced.

Every number comes from the same functions as `mindlex review status` and `mindlex lint`, so
the dashboard and `mindlex report` cannot disagree with them (tests/workspace checks this).
"""

from __future__ import annotations

import calendar
import datetime as dt
import hashlib
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from mindlex.diagnostic import Diagnostic
from mindlex.engine.memo import digest
from mindlex.engine.store import code_fingerprint
from mindlex.glossary import Glossary
from mindlex.lint.context import LintContext, Shared
from mindlex.lint.runner import lint_glossary
from mindlex.model import Article
from mindlex.publish.cache import Session
from mindlex.review import verify
from mindlex.review.ledger import Ledger, read_ledger
from mindlex.review.status import STATES, ReviewData, ReviewState, add_months

AGE_BUCKETS = ("0-2 years", "3-5 years", "6-10 years", "11-15 years", "over 15 years", "no date")
SMOG_BUCKETS = ("up to 8", "9-10", "11-12", "13-14", "15-16", "over 16")
FAMILY = re.compile(r"^[A-Z]+")


@dataclass
class Dashboard:
    today: dt.date
    total: int
    states: dict[str, int]
    coverage: list[tuple[str, int, int]]
    """(month, articles current at its end, articles that existed), oldest first."""
    overdue: list[tuple[str, str, dt.date]]
    upcoming: list[tuple[str, str, dt.date]]
    findings: dict[str, int]
    severities: dict[str, int]
    evidence: dict[str, int]
    ages: dict[str, int]
    reading: dict[str, dict[str, int]]
    """Section kind -> SMOG band -> number of sections."""
    upcoming_days: int = 90
    notes: list[str] = field(default_factory=list)

    @property
    def current_share(self) -> int:
        return round(100 * self.states.get("current", 0) / self.total) if self.total else 0

    def to_json(self) -> dict[str, Any]:
        return {
            "today": self.today.isoformat(),
            "articles": self.total,
            "states": self.states,
            "coverage": [{"month": m, "current": c, "articles": n} for m, c, n in self.coverage],
            "overdue": [{"slug": s, "title": t, "due": d.isoformat()} for s, t, d in self.overdue],
            "upcoming": [
                {"slug": s, "title": t, "due": d.isoformat()} for s, t, d in self.upcoming
            ],
            "upcoming_days": self.upcoming_days,
            "findings_by_family": self.findings,
            "findings_by_severity": self.severities,
            "evidence": self.evidence,
            "reference_age": self.ages,
            "reading_level": self.reading,
        }


def dashboard(
    data: ReviewData,
    glossary: Glossary,
    states: dict[str, ReviewState],
    today: dt.date,
    load_problems: list[Diagnostic],
    *,
    upcoming_days: int = 90,
) -> Dashboard:
    """All dashboard figures for one glossary on one day (reused while no file changed)."""
    key = files_key(glossary.config.root, today) + f"/{upcoming_days}"
    if key not in _LAST_BOARD:
        _LAST_BOARD.clear()
        _LAST_BOARD[key] = _compute(data, glossary, states, today, load_problems, upcoming_days)
    return _LAST_BOARD[key]


def _compute(
    data: ReviewData,
    glossary: Glossary,
    states: dict[str, ReviewState],
    today: dt.date,
    load_problems: list[Diagnostic],
    upcoming_days: int,
) -> Dashboard:
    findings = lint_findings(glossary, load_problems, states, today)
    live = [glossary.articles[slug] for slug in states]
    tally = Counter(s.state for s in states.values())
    soon = today + dt.timedelta(days=upcoming_days)
    return Dashboard(
        today=today,
        total=len(states),
        states={name: tally[name] for name in STATES},
        coverage=coverage(data, glossary, states, today),
        overdue=_dated(glossary, states, lambda s: s.state == "overdue"),
        upcoming=_dated(
            glossary, states, lambda s: s.state == "current" and s.due is not None and s.due <= soon
        ),
        findings=dict(sorted(Counter(_family(d.code) for d in findings).items())),
        severities=dict(sorted(Counter(d.severity.value for d in findings).items())),
        evidence=_evidence(glossary, live),
        ages=_ages(glossary, live, today),
        reading=_reading(glossary, live),
        upcoming_days=upcoming_days,
    )


_LAST_BOARD: dict[str, Dashboard] = {}
_LINTED: dict[str, tuple[str, list[Diagnostic]]] = {}
"""Each article's last lint findings with their key, as the build cache keeps them."""


def lint_findings(
    glossary: Glossary,
    load_problems: list[Diagnostic],
    states: dict[str, ReviewState],
    today: dt.date,
) -> list[Diagnostic]:
    """What `mindlex lint ROOT` reports; articles whose inputs did not change are not relinted.

    The per-article keys are the build cache's (`Session.lint_keys`): the article's bytes and
    review state, plus the front matter of every article, the bibliography and the config.
    """
    config = glossary.config
    base = digest(code_fingerprint(), config.model_dump_json())
    session = Session(base, config.root, config.root, today.isoformat(), config.root, None, 0, {})
    keys = session.lint_keys(glossary, states, today)
    stale = [slug for slug, key in keys.items() if _LINTED.get(slug, ("",))[0] != key]
    fresh = lint_glossary(glossary, config, review=states, today=today, only=stale)
    paths = {a.path: slug for slug, a in glossary.articles.items()}
    if any(d.span.path not in paths for d in fresh):
        # a finding outside the linted articles' files cannot be attributed: keep nothing
        _LINTED.clear()
        if len(stale) < len(keys):
            fresh = lint_glossary(glossary, config, review=states, today=today)
        return sorted(load_problems + fresh, key=lambda d: (*d.sort_key(), d.message))
    for slug in stale:
        _LINTED[slug] = (keys[slug], [])
    for diag in fresh:
        _LINTED[paths[diag.span.path]][1].append(diag)
    for gone in set(_LINTED) - set(keys):
        del _LINTED[gone]
    found = load_problems + [d for slug in keys for d in _LINTED[slug][1]]
    return sorted(found, key=lambda d: (*d.sort_key(), d.message))


def files_key(root: Path, today: dt.date) -> str:
    """Path, size and modification time of every file under root (the cache folder aside)."""
    parts = [today.isoformat()]
    for path in sorted(root.rglob("*")):
        if ".mindlex-cache" in path.parts or not path.is_file():
            continue
        stat = path.stat()
        parts.append(f"{path}\0{stat.st_size}\0{stat.st_mtime_ns}")
    return hashlib.sha256("\n".join(parts).encode("utf-8", "surrogateescape")).hexdigest()


def _family(code: str) -> str:
    found = FAMILY.match(code)
    return found.group(0) if found else code


def _dated(
    glossary: Glossary, states: dict[str, ReviewState], keep: Callable[[ReviewState], bool]
) -> list[tuple[str, str, dt.date]]:
    rows = [
        (slug, glossary.articles[slug].title, state.due)
        for slug, state in states.items()
        if keep(state) and state.due is not None
    ]
    return sorted(rows, key=lambda r: (r[2], r[0]))


def coverage(
    data: ReviewData, glossary: Glossary, states: dict[str, ReviewState], today: dt.date
) -> list[tuple[str, int, int]]:
    """Month by month, how many articles had a current sign-off at the month's end.

    Past months are replayed from each ledger: the content then is the last history entry
    recorded by that day, and it counts when the newest sign-off made by that day verifies,
    covers that content and was not yet due. The last point is today's `current` count.
    """
    ledgers = {slug: read_ledger(data.root, slug) for slug in states}
    starts = [
        d
        for ledger in ledgers.values()
        for d in [*(h.since for h in ledger.history), *(s.date for s in ledger.signoffs)]
        if d != dt.date.min
    ]
    first = min(starts, default=today)
    points: list[tuple[str, int, int]] = []
    year, month = first.year, first.month
    while (year, month) < (today.year, today.month):
        end = dt.date(year, month, calendar.monthrange(year, month)[1])
        alive = [(slug, ledger) for slug, ledger in ledgers.items() if _existed(ledger, end)]
        reviewed = sum(1 for slug, ledger in alive if _current_on(data, ledger, slug, end, today))
        points.append((f"{year}-{month:02d}", reviewed, len(alive)))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    current = sum(1 for s in states.values() if s.state == "current")
    points.append((f"{today.year}-{today.month:02d}", current, len(states)))
    return points[-24:]


def _existed(ledger: Ledger, day: dt.date) -> bool:
    return any(h.since <= day for h in ledger.history)


def _current_on(data: ReviewData, ledger: Ledger, slug: str, day: dt.date, today: dt.date) -> bool:
    content = [h.fingerprint for h in ledger.history if h.since <= day]
    made = [s for s in ledger.signoffs if not s.defect and s.date <= day]
    if not content or not made:
        return False
    latest = made[-1]
    if verify.problem(latest, slug, data.reviewers, today):
        return False
    months = min(latest.interval_months or data.interval_months, data.interval_months)
    return latest.fingerprint == content[-1] and day <= add_months(latest.date, months)


def _evidence(glossary: Glossary, articles: list[Article]) -> dict[str, int]:
    tally: Counter[str] = Counter()
    for article in articles:
        for ref in glossary.references_of(article):
            tally[ref.evidence.label if ref.evidence else "Source type not stated"] += 1
    return dict(tally.most_common())


def _ages(glossary: Glossary, articles: list[Article], today: dt.date) -> dict[str, int]:
    tally: Counter[str] = Counter()
    for article in articles:
        for ref in glossary.references_of(article):
            tally[_age_bucket(ref.year, today)] += 1
    return {bucket: tally[bucket] for bucket in AGE_BUCKETS}


def _age_bucket(year: int | None, today: dt.date) -> str:
    if year is None:
        return AGE_BUCKETS[-1]
    age = today.year - year
    for limit, bucket in zip((2, 5, 10, 15), AGE_BUCKETS, strict=False):
        if age <= limit:
            return bucket
    return AGE_BUCKETS[4]


def _reading(glossary: Glossary, articles: list[Article]) -> dict[str, dict[str, int]]:
    """SMOG grade of every section with text, by section kind (as READ003 scores them)."""
    found: dict[str, Counter[str]] = {}
    shared = Shared.build(glossary, glossary.config)
    for article in articles:
        scores = LintContext(article, glossary, glossary.config, shared).readability
        for index, section in enumerate(article.sections):
            score = scores.get(f"section:{index}")
            if score is None or not score.sentences:
                continue
            found.setdefault(str(section.kind), Counter())[_smog_bucket(score.smog)] += 1
    return {kind: {b: found[kind][b] for b in SMOG_BUCKETS} for kind in sorted(found)}


def _smog_bucket(smog: float) -> str:
    for limit, bucket in zip((8.5, 10.5, 12.5, 14.5, 16.5), SMOG_BUCKETS, strict=False):
        if smog < limit:
            return bucket
    return SMOG_BUCKETS[-1]
