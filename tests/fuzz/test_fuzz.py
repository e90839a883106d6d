"""Fuzz `mindlex lint` and `mindlex build --draft` with 2,000 mutated sample articles.

Every case must end with exit code 0, 1 or 2 within the time bound, raise nothing and print no
traceback, with the address space capped so that a runaway allocation fails the case instead
of the machine. `python benchmarks/fuzz.py --cases 50000` runs many more.
"""

from __future__ import annotations

import resource
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.fuzz.harness import Result, glossary, run_case
from tests.fuzz.mutate import cases

SEED = 20260601
CASES = 2000
BUILD_EVERY = 20
"""One case in this many is also built, which renders it (sanitiser, templates)."""

MEMORY_HEADROOM = 4 << 30
"""Bytes of address space a case may add to what the test process already holds."""


def _address_space() -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmSize:"):
            return int(line.split()[1]) * 1024
    return 0


@pytest.fixture
def memory_cap() -> Iterator[None]:
    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    used = _address_space()
    if used:
        cap = used + MEMORY_HEADROOM
        resource.setrlimit(resource.RLIMIT_AS, (cap if hard < 0 else min(cap, hard), hard))
    try:
        yield
    finally:
        resource.setrlimit(resource.RLIMIT_AS, (soft, hard))


def _describe(r: Result) -> str:
    return f"case {r.case.seed} ({r.case.source}, {', '.join(r.case.mutations)}) {r.command}: "


def test_mutated_articles_never_crash(tmp_path: Path, memory_cap: None) -> None:
    root = glossary(tmp_path)
    failures: list[str] = []
    for case in cases(SEED, CASES):
        for result in run_case(case, root, build=case.seed % BUILD_EVERY == 0):
            if result.problem:
                failures.append(_describe(result) + result.problem)
    assert not failures, f"{len(failures)} failing case(s):\n" + "\n".join(failures[:20])


def test_the_fuzzer_finds_a_crash(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The harness must notice an exception that escapes; otherwise a green run means nothing."""
    from mindlex.cli import lint

    def broken(*args: object, **kwargs: object) -> None:
        raise RecursionError("maximum recursion depth exceeded")

    monkeypatch.setattr(lint, "run", broken)
    case = next(cases(SEED, 1))
    (result,) = run_case(case, glossary(tmp_path), build=False)
    assert result.problem.startswith("raised RecursionError")
