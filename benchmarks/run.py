"""Time mindlex against Hugo and MkDocs on the same generated corpus.

    .venv/bin/python benchmarks/run.py --n 1000 [--runs 3] [--work /tmp/mindlex-bench]

Prints one line per measurement (scenario, tool, median wall seconds, peak memory of the
process tree as summed PSS, so pages that forked workers share count once) and writes the
same rows to `<work>/results-<n>.json`. Every figure is a whole process, start-up
included, except `search query p95`, which is timed in-process.
Hugo and MkDocs rows appear only when `hugo` is on PATH and MkDocs is installed in
`benchmarks/.venv-mkdocs` (see docs/benchmarks.md).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import serve_bench  # noqa: E402
from corpus import DOMAIN, generate  # noqa: E402

PYTHON = Path(sys.executable)
MINDLEX = PYTHON.parent / "mindlex"
MKDOCS = HERE / ".venv-mkdocs" / "bin" / "mkdocs"
TODAY = "2026-01-15"


@dataclass
class Row:
    scenario: str
    tool: str
    median_s: float
    peak_mib: float
    """Peak memory (summed PSS) of the tool's process tree, Pagefind's indexer left out."""
    pagefind_mib: float
    """Peak memory of Pagefind's indexer, where the build ran it."""
    runs: list[float] = field(default_factory=list)
    note: str = ""

    def line(self) -> str:
        spread = f"{min(self.runs):.3f}-{max(self.runs):.3f}" if self.runs else "-"
        own = f" +pagefind {self.pagefind_mib:.0f} MiB" if self.pagefind_mib else ""
        return (
            f"{self.scenario:<22} {self.tool:<8} {self.median_s:9.3f} s  "
            f"peak {self.peak_mib:6.0f} MiB{own}  runs {len(self.runs)} [{spread}] {self.note}"
        ).rstrip()


def _pss(pid: int) -> int:
    """Proportional set size: shared pages (forked workers) are split, not counted twice."""
    try:
        with open(f"/proc/{pid}/smaps_rollup", encoding="ascii") as f:
            for line in f:
                if line.startswith("Pss:"):
                    return int(line.split()[1]) * 1024
    except (OSError, ValueError):
        pass
    return 0


def tree_memory(pid: int) -> tuple[int, int]:
    """(mindlex or tool processes, Pagefind indexer) memory of `pid` and its descendants."""
    own = pagefind = 0
    children: dict[int, list[int]] = {}
    names: dict[int, str] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", encoding="ascii", errors="replace") as f:
                head, rest = f.read().rsplit(")", 1)
            parent = int(rest.split()[1])
        except (OSError, IndexError, ValueError):
            continue
        children.setdefault(parent, []).append(int(entry))
        names[int(entry)] = head.split("(", 1)[1]
    stack = [pid]
    while stack:
        current = stack.pop()
        if "pagefind" in names.get(current, ""):
            pagefind += _pss(current)
        else:
            own += _pss(current)
        stack.extend(children.get(current, []))
    return own, pagefind


@dataclass
class Polled:
    """One finished command: wall seconds, peak memory in bytes, exit code, its stderr."""

    wall: float
    own: int
    """Peak summed PSS of the command's process tree, Pagefind's indexer left out."""
    pagefind: int
    returncode: int
    stderr: str


def polled(cmd: list[str], cwd: Path | None = None, every: float = 0.02) -> Polled:
    """Run a command, polling its process tree's memory every `every` seconds."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    peaks = [0, 0]

    def poll() -> None:
        while proc.poll() is None:
            own, pagefind = tree_memory(proc.pid)
            peaks[0], peaks[1] = max(peaks[0], own), max(peaks[1], pagefind)
            time.sleep(every)

    watcher = threading.Thread(target=poll, daemon=True)
    watcher.start()
    _out, err = proc.communicate()
    wall = time.perf_counter() - start
    watcher.join()
    return Polled(wall, peaks[0], peaks[1], proc.returncode, err.decode(errors="replace"))


def timed(cmd: list[str], cwd: Path | None = None) -> tuple[float, int, int]:
    """Run a command; wall seconds and peak memory (own tree, Pagefind) in bytes."""
    run = polled(cmd, cwd)
    if run.returncode not in (0, 1):
        raise RuntimeError(f"{' '.join(cmd)} failed ({run.returncode}): {run.stderr[-2000:]}")
    return run.wall, run.own, run.pagefind


def measure(
    scenario: str,
    tool: str,
    cmd: list[str],
    runs: int,
    before: object = None,
    note: str = "",
) -> Row:
    walls: list[float] = []
    peak = own = 0
    for n in range(runs):
        if callable(before):
            before(n)
        wall, mine, indexer = timed(cmd)
        walls.append(wall)
        peak, own = max(peak, mine), max(own, indexer)
    mib = 1024 * 1024
    return Row(scenario, tool, statistics.median(walls), peak / mib, own / mib, walls, note)


def mindlex_build(root: Path, *extra: str) -> list[str]:
    return [str(MINDLEX), "build", str(root), "--draft", "--today", TODAY, *extra]


def body_editor(root: Path) -> object:
    """Each call changes one word in one article's body, a different word each time."""
    path = sorted((root / "articles").glob("*.md"))[len(os.listdir(root / "articles")) // 2]
    original = path.read_text(encoding="utf-8")

    def edit(n: int) -> None:
        path.write_text(original.replace("## Definition\n\n", f"## Definition\n\nEdit {n}. ", 1))

    return edit


def title_editor(root: Path) -> object:
    path = sorted((root / "articles").glob("*.md"))[7]
    original = path.read_text(encoding="utf-8")
    title = original.split("\ntitle: ", 1)[1].split("\n", 1)[0]

    def edit(n: int) -> None:
        path.write_text(original.replace(f"title: {title}", f"title: {title} v{n}", 1))

    return edit


def search_p95(db: Path, count: int = 200) -> tuple[float, float]:
    """In-process query latency over the built index: (median, p95) seconds."""
    from mindlex.publish.search import query_index

    rng = random.Random(7)
    queries = [" ".join(rng.sample(DOMAIN, rng.randint(1, 2))) for _ in range(count)]
    for q in queries[:10]:
        query_index(db, q)
    times = []
    for q in queries:
        start = time.perf_counter()
        query_index(db, q)
        times.append(time.perf_counter() - start)
    times.sort()
    return statistics.median(times), times[int(len(times) * 0.95) - 1]


def run_mindlex(n: int, runs: int, work: Path, emit: Callable[[Row], None]) -> None:
    rows: list[Row] = []

    def keep(row: Row) -> None:
        rows.append(row)
        emit(row)

    root = generate(n, "mindlex", work / f"mindlex-{n}")
    site = root / "_site"
    keep(measure("full build", "mindlex", mindlex_build(root, "--no-cache", "--no-pagefind"), runs))
    full = mindlex_build(root, "--no-cache")
    keep(measure("full build +pagefind", "mindlex", full, 1, note="FTS5 and Pagefind"))
    fts = rows[0].median_s
    pagefind = rows[-1]
    keep(
        Row(
            "pagefind index",
            "mindlex",
            max(0.0, pagefind.median_s - fts),
            pagefind.pagefind_mib,
            0.0,
            [max(0.0, pagefind.median_s - fts)],
            "wall: difference of the two builds above; memory: the indexer's",
        )
    )
    shutil.rmtree(root / ".mindlex-cache", ignore_errors=True)
    subprocess.run(mindlex_build(root, "--no-pagefind"), check=False, capture_output=True)
    time.sleep(2.5)  # files changed within two seconds of a scan are re-read, never trusted
    keep(measure("no-op rebuild", "mindlex", mindlex_build(root, "--no-pagefind"), runs))
    edit = mindlex_build(root, "--no-pagefind")
    keep(measure("edit one body", "mindlex", edit, runs, body_editor(root)))
    keep(measure("edit one title", "mindlex", edit, runs, title_editor(root)))
    subprocess.run(mindlex_build(root, "--no-pagefind"), check=False, capture_output=True)
    lint_cmd = [str(MINDLEX), "lint", str(root)]
    cold = measure("lint cold", "mindlex", [*lint_cmd, "--no-cache"], runs)
    cold.note = f"{n / cold.median_s:.0f} articles/s, --no-cache"
    keep(cold)
    subprocess.run(lint_cmd, check=False, capture_output=True)  # fill the findings cache
    lint = measure("lint", "mindlex", lint_cmd, runs)
    lint.note = f"{n / lint.median_s:.0f} articles/s, nothing changed since the last run"
    keep(lint)
    edited = measure("lint after one edit", "mindlex", lint_cmd, runs, body_editor(root))
    edited.note = f"{n / edited.median_s:.0f} articles/s, one body edited"
    keep(edited)
    median, p95 = search_p95(site / "search.sqlite")
    keep(Row("search query p95", "mindlex", p95, 0.0, 0.0, [p95], f"median {median * 1000:.2f} ms"))


def run_serve(n: int, edits: int, work: Path, emit: Callable[[Row], None]) -> None:
    """The preview server over HTTP: start-up, edit -> page updated, peak memory."""
    root = generate(n, "mindlex", work / f"mindlex-{n}")
    found = serve_bench.run(root, MINDLEX, tree_memory, edits)
    mib = 1024 * 1024
    for kind in ("cold", "warm"):
        took = float(found[f"start {kind}"])  # type: ignore[arg-type]
        peak = float(found[f"peak {kind}"]) / mib  # type: ignore[arg-type]
        note = "no cache: parse and lint every article" if kind == "cold" else "cache from cold"
        emit(Row(f"serve start-up {kind}", "mindlex", took, peak, 0.0, [took], note))
    latencies: dict[str, list[float]] = found["edits"]  # type: ignore[assignment]
    every = [t for times in latencies.values() for t in times]
    for name, times in [*latencies.items(), ("all kinds", every)]:
        median, p95 = serve_bench.summary(times)
        note = f"p95 {p95 * 1000:.0f} ms over {len(times)} edits"
        emit(Row(f"serve edit {name}", "mindlex", median, 0.0, 0.0, times, note))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--work", type=Path, default=Path("/tmp/mindlex-bench"))
    parser.add_argument("--skip", nargs="*", default=[], help="tools to leave out")
    parser.add_argument("--edits", type=int, default=24, help="edits timed in the server")
    args = parser.parse_args()
    n, runs, work = args.n, args.runs, args.work
    work.mkdir(parents=True, exist_ok=True)
    rows: list[Row] = []

    def emit(row: Row) -> None:
        rows.append(row)
        print(row.line(), flush=True)

    if "mindlex" not in args.skip:
        run_mindlex(n, runs, work, emit)
    if "serve" not in args.skip:
        run_serve(n, args.edits, work, emit)
    if shutil.which("hugo") and "hugo" not in args.skip:
        hugo = generate(n, "hugo", work / f"hugo-{n}")
        emit(measure("full build", "hugo", ["hugo", "-s", str(hugo), "--quiet"], runs))
    if MKDOCS.exists() and "mkdocs" not in args.skip:
        mk = generate(n, "mkdocs", work / f"mkdocs-{n}")
        cmd = [str(MKDOCS), "build", "-q", "-f", str(mk / "mkdocs.yml")]
        emit(measure("full build", "mkdocs", cmd, 1 if n > 2000 else runs))
    out = work / f"results-{n}.json"
    out.write_text(json.dumps([asdict(r) for r in rows], indent=2), encoding="utf-8")
    print(f"results written to {out}")


if __name__ == "__main__":
    main()
