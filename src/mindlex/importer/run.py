"""`mindlex import` as a library call: read every source, recognise, plan, lint, write.

Nothing is written until every source has been read and every article linted; a source
that cannot be used is reported and skipped, and the rest still import."""

from __future__ import annotations

import datetime as dt
import logging
import time
from dataclasses import dataclass, field
from pathlib import Path

from mindlex.atomic import write_atomic
from mindlex.config.load import load_config
from mindlex.diagnostic import Diagnostic
from mindlex.importer.blocks import Unreadable
from mindlex.importer.lintcheck import lint_planned
from mindlex.importer.model import Imported
from mindlex.importer.plan import Planned, plan
from mindlex.importer.recognise import recognise
from mindlex.importer.sources import Unit, expand, read_unit
from mindlex.loader import load_glossary
from mindlex.parallel import run_chunked, worker_count

log = logging.getLogger(__name__)
DEFAULT_MAX_BYTES = 20_000_000
PARALLEL_MIN = 200
"""Below this many files, reading them in one process is faster than starting workers."""


@dataclass
class ImportOptions:
    into: Path
    dry_run: bool = False
    force: bool = False
    max_bytes: int = DEFAULT_MAX_BYTES
    jobs: int | None = None
    today: dt.date | None = None


@dataclass
class PageResult:
    """What happened to one page: its article and findings, or why it was skipped."""

    source: str
    action: str
    """`create`, `unchanged`, `keep`, `replace`, or `skip` for a source that was not used."""
    planned: Planned | None = None
    message: str = ""
    diagnostics: list[Diagnostic] = field(default_factory=list)
    backup: Path | None = None

    @property
    def article(self) -> Imported | None:
        return self.planned.article if self.planned else None


@dataclass
class ImportReport:
    root: Path
    dry_run: bool
    pages: list[PageResult] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    timings: dict[str, float] = field(default_factory=dict)
    """Seconds per stage: read, load, plan, lint, write."""

    def count(self, action: str) -> int:
        return sum(p.action == action for p in self.pages)


def import_sources(sources: list[Path], options: ImportOptions) -> ImportReport:
    """Import `sources` into the glossary at `options.into`; raises ConfigError (exit 2)."""
    config = load_config(options.into)
    report = ImportReport(config.root, options.dry_run)
    clock = _Clock(report.timings)
    units, problems = expand(sources)
    report.pages += [PageResult(s, "skip", message=m) for s, m in problems]
    articles: list[Imported] = []
    for unit, outcome in zip(units, _read_all(units, options), strict=True):
        if isinstance(outcome, str):
            report.pages.append(PageResult(unit.label, "skip", message=outcome))
            continue
        found, notes = outcome
        articles += found
        report.notes += notes
    clock.lap("read")
    loaded = load_glossary(config, jobs=options.jobs)
    existing = {s: a.title for s, a in loaded.glossary.articles.items()}
    clock.lap("load")
    planned = plan(articles, config.content_root, existing, force=options.force)
    clock.lap("plan")
    findings = lint_planned(planned, loaded, config, jobs=options.jobs, today=options.today)
    clock.lap("lint")
    for n, item in enumerate(planned):
        result = PageResult(item.article.source, item.action, item, diagnostics=findings[n])
        if not options.dry_run:
            _write(item, result)
        report.pages.append(result)
    clock.lap("write")
    return report


class _Clock:
    def __init__(self, into: dict[str, float]) -> None:
        self.into, self.start = into, time.perf_counter()

    def lap(self, stage: str) -> None:
        now = time.perf_counter()
        self.into[stage] = now - self.start
        self.start = now


def _read_all(
    units: list[Unit], options: ImportOptions
) -> list[tuple[list[Imported], list[str]] | str]:
    workers = worker_count(len(units), options.jobs, PARALLEL_MIN)

    def one(unit: Unit) -> tuple[list[Imported], list[str]] | str:
        return read_and_recognise(unit, options.max_bytes)

    return run_chunked(one, units, jobs=workers, min_items=PARALLEL_MIN)


def read_and_recognise(unit: Unit, max_bytes: int) -> tuple[list[Imported], list[str]] | str:
    """The articles in one file, or the one message that says why it was skipped."""
    try:
        pages, notes = read_unit(unit, max_bytes)
        articles: list[Imported] = []
        for page in pages:
            try:
                articles += recognise(page)
            except Unreadable as exc:
                notes.append(f"{page.source}: skipped: {exc}")
        if not articles and pages:
            return "no recognisable article in this file"
        return articles, notes
    except Unreadable as exc:
        return str(exc)
    except RecursionError:
        return "the page is nested too deeply to read; save a simpler copy of it"
    except Exception as exc:  # a reader bug must cost one page, not the whole import
        log.exception("importing %s failed", unit.label)
        return f"could not be imported ({type(exc).__name__}: {exc}); this is a mindlex bug"


def _write(item: Planned, result: PageResult) -> None:
    if item.action == "create":
        if item.path.exists():  # appeared since planning: never overwrite it
            result.action = "keep"
            result.message = f"{item.path.name} appeared while importing; left as it is"
            return
        write_atomic(item.path, item.text.encode("utf-8"))
    elif item.action == "replace":
        backup = _backup_path(item.path)
        write_atomic(backup, item.path.read_bytes())
        write_atomic(item.path, item.text.encode("utf-8"))
        result.backup = backup


def _backup_path(path: Path) -> Path:
    candidate, n = path.with_name(path.name + ".bak"), 1
    while candidate.exists():
        n += 1
        candidate = path.with_name(f"{path.name}.bak{n}")
    return candidate
