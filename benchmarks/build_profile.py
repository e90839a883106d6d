"""Profile one clean build (`mindlex build --draft --no-cache --no-pagefind`), in-process.

    .venv/bin/python benchmarks/build_profile.py ROOT [--jobs 1] [--top 40] [--out build.prof]
    .venv/bin/python benchmarks/build_profile.py ROOT --no-profile   # stage times only

ROOT is a corpus from `benchmarks/corpus.py`; the site goes to `ROOT/_site`. This is the
"full build" row of `benchmarks/run.py` (date 2026-01-15) run as a function call, so the
stage timings and, unless `--no-profile`, the top functions by cumulative time can be
read. Wall time and this process's CPU time are printed side by side: with workers, the
difference shows how much ran elsewhere (or waited). `--jobs 1` keeps every stage in this
process, so cProfile sees all of it.
"""

from __future__ import annotations

import argparse
import cProfile
import datetime as dt
import pstats
import resource
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from mindlex.config import load_config
from mindlex.publish import pipeline
from mindlex.publish.pipeline import BuildOptions, BuildResult, build

TODAY = dt.date(2026, 1, 15)
CPU: dict[str, float] = {}
"""CPU seconds of this process by stage, next to the wall times the build records."""
WORKERS: dict[str, float] = {}
"""CPU seconds of the worker processes that ended during each stage."""


@contextmanager
def _stage(result: BuildResult, name: str) -> Iterator[None]:
    start, cpu, kids = time.perf_counter(), time.process_time(), _children()
    yield
    result.timings[name] = time.perf_counter() - start
    CPU[name] = time.process_time() - cpu
    WORKERS[name] = _children() - kids


def _children() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("root", type=Path)
    parser.add_argument("--jobs", type=int, default=None)
    parser.add_argument("--top", type=int, default=40)
    parser.add_argument("--out", type=Path, default=Path("build.prof"))
    parser.add_argument("--no-profile", action="store_true")
    args = parser.parse_args()
    config = load_config(args.root)
    options = BuildOptions(
        out=args.root / "_site",
        draft=True,
        today=TODAY,
        pagefind=False,
        cache=False,
        jobs=args.jobs,
    )
    pipeline._stage = _stage
    profile = None if args.no_profile else cProfile.Profile()
    start, cpu = time.perf_counter(), time.process_time()
    if profile is not None:
        profile.enable()
    result = build(config, options)
    if profile is not None:
        profile.disable()
    wall, cpu = time.perf_counter() - start, time.process_time() - cpu
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    stages = ", ".join(
        f"{name} {seconds:.2f} ({CPU.get(name, 0.0):.2f} cpu"
        + (f" + {WORKERS[name]:.2f} in workers)" if WORKERS.get(name) else ")")
        for name, seconds in result.timings.items()
    )
    print(
        f"wall {wall:.2f} s, cpu here {cpu:.2f} s, cpu in workers "
        f"{children.ru_utime + children.ru_stime:.2f} s; {stages}"
    )
    print(f"rendered {result.rendered}, findings {len(result.diagnostics)}, ok {result.ok}")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"max RSS here {peak:.0f} MiB, largest worker {children.ru_maxrss / 1024:.0f} MiB")
    if profile is not None:
        profile.dump_stats(args.out)
        pstats.Stats(str(args.out)).sort_stats("cumulative").print_stats(args.top)


if __name__ == "__main__":
    main()
