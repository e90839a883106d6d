"""Parsing, linting and rendering in worker processes give the serial build's bytes."""

from __future__ import annotations

from pathlib import Path

from mindlex.parallel import run_chunked, worker_count
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


def test_parallel_lint_equals_serial_lint(tmp_path: Path) -> None:
    from mindlex.config import load_config
    from mindlex.lint.runner import lint_glossary
    from mindlex.loader import load_glossary

    root = tmp_path / "g"
    (root / "articles").mkdir(parents=True)
    (root / "mindlex.toml").write_text(
        '[site]\nname = "P"\nbase_url = "https://p.example/"\ndisclaimer = "D."\n'
        'content_dir = "articles"\n'
    )
    body = "## Definition\n\nShe suffers from depression and 20% of people agree.\n"
    for n in range(120):
        (root / "articles" / f"t{n}.md").write_text(
            f"---\ntitle: Term {n}\nsummary: Summary {n}.\ncategory: c\n---\n\n{body}"
        )
    config = load_config(root)
    glossary = load_glossary(config).glossary
    serial = lint_glossary(glossary, config, jobs=1)
    assert serial and lint_glossary(glossary, config, jobs=2) == serial
