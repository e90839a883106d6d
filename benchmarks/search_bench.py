"""Search query latency, with and without the postings ranker, and the cost of writing them.

    .venv/bin/python benchmarks/search_bench.py SITE/search.sqlite [--rows 1000] [--rounds 3]

Writes a fresh index (`write_fts`) from the rows of the given `search.sqlite` into a
temporary folder (the first `--rows` rows, all by default), printing its write time and
size, then times `query_index` over the same 200 queries as `run.py`'s `search query p95`
(one or two words of the corpus vocabulary), ranked by the postings and then by FTS5 alone
(the postings switched off), alternating, `--rounds` times. Prints median, p95, CPU per
query and the slowest queries of each.
"""

from __future__ import annotations

import argparse
import random
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import closing, contextmanager
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from corpus import DOMAIN  # noqa: E402

from mindlex.publish import bm25  # noqa: E402
from mindlex.publish.search import Entry, query_index, write_fts  # noqa: E402


def queries(count: int = 200) -> list[str]:
    """The queries of `run.py`'s `search_p95` (same seed)."""
    rng = random.Random(7)
    return [" ".join(rng.sample(DOMAIN, rng.randint(1, 2))) for _ in range(count)]


def entries_of(path: Path, rows: int | None) -> list[Entry]:
    with closing(sqlite3.connect(path)) as db:
        found = db.execute(
            "SELECT slug, title, aliases, summary, body FROM entries ORDER BY rowid LIMIT ?",
            (rows if rows is not None else -1,),
        ).fetchall()
    return [
        Entry(slug, title, tuple(aliases.split("; ")) if aliases else (), summary, "", body)
        for slug, title, aliases, summary, body in found
    ]


@contextmanager
def fts5_only() -> Iterator[None]:
    """Rank by FTS5 alone, as an index written before postings existed is ranked."""
    ranked = bm25.ranked
    bm25.ranked = lambda *args, **kwargs: None
    try:
        yield
    finally:
        bm25.ranked = ranked


def timed(db: Path, qs: list[str]) -> tuple[list[tuple[float, str]], float]:
    for q in qs[:10]:
        query_index(db, q)
    times = []
    cpu = time.process_time()
    for q in qs:
        start = time.perf_counter()
        query_index(db, q)
        times.append((time.perf_counter() - start, q))
    return times, (time.process_time() - cpu) / len(qs)


def report(label: str, times: list[tuple[float, str]], cpu: float) -> None:
    wall = sorted(t for t, _ in times)
    p95 = wall[int(len(wall) * 0.95) - 1]
    slowest = ", ".join(f"{q!r} {t * 1000:.1f}" for t, q in sorted(times, reverse=True)[:3])
    print(
        f"{label:9} median {statistics.median(wall) * 1000:6.2f} ms  p95 {p95 * 1000:6.2f} ms"
        f"  cpu/query {cpu * 1000:5.2f} ms  slowest: {slowest}"
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("index", type=Path)
    parser.add_argument("--rows", type=int)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    entries = entries_of(args.index, args.rows)
    with tempfile.TemporaryDirectory(prefix="mindlex-search-") as tmp:
        db = Path(tmp) / "search.sqlite"
        wall, cpu = time.perf_counter(), time.process_time()
        write_fts(db, entries)
        print(
            f"write_fts, {len(entries)} entries: {time.perf_counter() - wall:.2f} s wall, "
            f"{time.process_time() - cpu:.2f} s cpu, {db.stat().st_size / 2**20:.1f} MiB"
        )
        qs = queries()
        for _ in range(args.rounds):
            report("postings", *timed(db, qs))
            with fts5_only():
                report("fts5", *timed(db, qs))


if __name__ == "__main__":
    main()
