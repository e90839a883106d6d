"""Run one fuzz case through `mindlex lint` (and, for some, `mindlex build --draft`) in-process.

A case passes when the command ends with exit code 0, 1 or 2, nothing escaped as an exception,
no traceback was printed, and it finished within the time bound.
"""

from __future__ import annotations

import shutil
import signal
import time
from dataclasses import dataclass
from pathlib import Path
from types import FrameType

from typer.testing import CliRunner

from mindlex.cli import app
from tests.fuzz.mutate import SAMPLES, Case

TIME_LIMIT = 10
"""Seconds one case may take; the slowest sample case takes well under a second."""

CONFIG = (SAMPLES.parent / "mindlex.toml").read_text(encoding="utf-8")


class CaseTimeout(Exception):
    """Raised by the alarm when a case runs past TIME_LIMIT."""


@dataclass(frozen=True)
class Result:
    case: Case
    command: str
    exit_code: int | None
    seconds: float
    problem: str
    """Empty when the case passed; otherwise what went wrong."""


def glossary(tmp: Path) -> Path:
    """A glossary folder holding the sample config and no articles yet."""
    root = tmp / "fuzz-glossary"
    (root / "articles").mkdir(parents=True)
    (root / "mindlex.toml").write_text(CONFIG, encoding="utf-8")
    shutil.copy(SAMPLES.parent / "reviewers.toml", root / "reviewers.toml")
    return root


def _alarm(signum: int, frame: FrameType | None) -> None:
    raise CaseTimeout


def run_case(case: Case, root: Path, *, build: bool) -> list[Result]:
    """Write the case as the glossary's only article and run the commands on it."""
    articles = root / "articles"
    for old in articles.iterdir():
        old.unlink()
    (articles / case.source).write_bytes(case.text.encode("utf-8", "surrogatepass"))
    commands = [["lint", str(root), "-j", "1", "--today", "2026-06-01"]]
    if build:
        site = root / "_site"
        shutil.rmtree(site, ignore_errors=True)
        build_args = ["--draft", "--no-pagefind", "--no-cache", "-j", "1"]
        commands.append(["build", str(root), *build_args, "--today", "2026-06-01"])
    return [_invoke(case, args) for args in commands]


def _invoke(case: Case, args: list[str]) -> Result:
    previous = signal.signal(signal.SIGALRM, _alarm)
    signal.alarm(TIME_LIMIT)
    start = time.perf_counter()
    try:
        outcome = CliRunner().invoke(app, args, catch_exceptions=True)
    except CaseTimeout:
        return Result(case, args[0], None, time.perf_counter() - start, "timed out")
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)
    seconds = time.perf_counter() - start
    problem = ""
    if outcome.exception is not None and not isinstance(outcome.exception, SystemExit):
        problem = f"raised {type(outcome.exception).__name__}: {outcome.exception}"
    elif "Traceback (most recent call last)" in outcome.output:
        problem = "printed a traceback"
    elif outcome.exit_code not in (0, 1, 2):
        problem = f"exit code {outcome.exit_code}: {outcome.stderr[-500:]}"
    return Result(case, args[0], outcome.exit_code, seconds, problem)
