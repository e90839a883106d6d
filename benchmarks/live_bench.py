"""The preview's in-memory site without HTTP: what one save costs inside `LiveSite.refresh`.

    .venv/bin/python benchmarks/live_bench.py --n 1000 [--edits 5] [--profile title]

Starts a `LiveSite` on a generated corpus (the one an earlier run wrote, with its
`.mindlex-cache`, unless `--fresh`), then applies the edits of `serve_bench.Edits` one
at a time, each followed by the refresh a file watcher would ask for and the rendering
of the edited page. Prints, per
kind of edit, the median and largest wall and CPU seconds, and the stage timings of the
slowest refresh; `--profile KIND` prints a cProfile of the edits of that kind.
"""

from __future__ import annotations

import argparse
import cProfile
import gc
import pstats
import statistics
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from corpus import generate  # noqa: E402
from serve_bench import Edits  # noqa: E402

from mindlex.publish.live import LiveSite  # noqa: E402


def rel_of(url: str) -> str:
    return url.strip("/") + "/index.html"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=1000)
    parser.add_argument("--edits", type=int, default=5, help="edits of each kind")
    parser.add_argument("--work", type=Path, default=Path("/tmp/mindlex-live-bench"))
    parser.add_argument("--profile", default="", help="cProfile the edits of this kind")
    parser.add_argument("--sort", default="cumulative", help="cProfile order (tottime...)")
    parser.add_argument("--fresh", action="store_true", help="write the corpus again")
    args = parser.parse_args()
    root = args.work / f"mindlex-{args.n}"
    if args.fresh or not (root / "mindlex.toml").is_file():
        root = generate(args.n, "mindlex", root)
    live = LiveSite(root)
    began = time.perf_counter()
    start = live.refresh()
    print(f"start {time.perf_counter() - began:.2f} s  stages {_stages(start.result.timings)}")
    gc.collect()
    gc.freeze()  # as `mindlex serve` does after its first refresh
    edits = Edits(root)
    kinds = edits.kinds()
    profile = cProfile.Profile()
    found: dict[str, list[tuple[float, float, dict[str, float]]]] = {k: [] for k, _ in kinds}
    try:
        for n in range(args.edits * len(kinds)):
            name, edit = kinds[n % len(kinds)]
            url, marker = edit(n)
            changed = frozenset({edits.last} if edits.last is not None else ())
            if name == args.profile:
                profile.enable()
            wall, cpu = time.perf_counter(), time.process_time()
            done = live.refresh(changed, complete=True)
            page = live.page(rel_of(url)) or b""
            wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
            profile.disable()
            if marker.encode() not in page:
                raise RuntimeError(f"{url} does not show {marker}")
            found[name].append((wall, cpu, done.result.timings))
    finally:
        edits.restore()
    for name, runs in found.items():
        walls = [w for w, _c, _t in runs]
        cpus = [c for _w, c, _t in runs]
        slowest = max(runs, key=lambda r: r[0])[2]
        print(
            f"{name:<10} wall median {statistics.median(walls) * 1000:7.1f} ms  "
            f"max {max(walls) * 1000:7.1f} ms  cpu median {statistics.median(cpus) * 1000:7.1f} ms"
            f"  slowest {_stages(slowest)}"
        )
    if args.profile:
        pstats.Stats(profile).sort_stats(args.sort).print_stats(40)


def _stages(timings: dict[str, float]) -> str:
    """Cumulative stage timings as the time each stage took, in milliseconds."""
    parts, last = [], 0.0
    for stage, at in timings.items():
        if stage == "total":
            continue
        parts.append(f"{stage} {(at - last) * 1000:.0f}")
        last = at
    return " ".join(parts)


if __name__ == "__main__":
    main()
