"""Parsing, linting and rendering in worker processes give the serial build's bytes."""

from __future__ import annotations

from pathlib import Path

from mindlex.publish.parallel import run_chunked, worker_count
from tests.scale.conftest import run, tree


def test_parallel_build_equals_serial(glossary: Path, tmp_path: Path) -> None:
    serial = run(glossary, tmp_path / "serial", cache=False, jobs=1)
    parallel = run(glossary, tmp_path / "parallel", cache=False, jobs=2)
    assert tree(tmp_path / "serial") == tree(tmp_path / "parallel")
    assert serial.diagnostics == parallel.diagnostics


def test_parallel_incremental_build_equals_serial(glossary: Path, tmp_path: Path) -> None:
    run(glossary, tmp_path / "serial", jobs=1)
    path = glossary / "articles" / "worry-loop.md"
    path.write_text(path.read_text(encoding="utf-8").replace("Writing", "Drawing"), "utf-8")
    run(glossary, tmp_path / "serial", jobs=2)
    run(glossary, tmp_path / "clean", cache=False, jobs=1)
    assert tree(tmp_path / "serial") == tree(tmp_path / "clean")


def test_run_chunked_keeps_order() -> None:
    items = list(range(103))
    assert run_chunked(lambda n: n * n, items, jobs=2, min_items=1) == [n * n for n in items]


def test_small_jobs_stay_in_process() -> None:
    assert worker_count(10, None, min_items=300) == 1
    assert worker_count(10, 4, min_items=300) == 4
    assert worker_count(2, 4, min_items=1) == 2
