"""Fuzz at length: many more mutated sample articles than the test suite runs.

    python benchmarks/fuzz.py --cases 20000 --seed 1 --build-every 10

Prints cases per second, the slowest case, peak memory and every failing case (a crash, a
traceback, an exit code other than 0, 1 or 2, or a case over the time bound), then exits 1 if
any failed. The address space is capped (--memory-gib) so a runaway allocation fails a case
rather than the machine. Rerun one case with --only N.
"""

from __future__ import annotations

import argparse
import resource
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.fuzz.harness import Result, glossary, run_case
from tests.fuzz.mutate import cases


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=20_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--build-every", type=int, default=10, help="0: lint only")
    parser.add_argument("--memory-gib", type=float, default=8.0)
    parser.add_argument("--only", type=int, default=None, help="run only case N")
    args = parser.parse_args()
    cap = int(args.memory_gib * (1 << 30))
    resource.setrlimit(resource.RLIMIT_AS, (cap, resource.getrlimit(resource.RLIMIT_AS)[1]))
    failures: list[Result] = []
    slowest: Result | None = None
    ran = 0
    with tempfile.TemporaryDirectory(prefix="mindlex-fuzz-") as tmp:
        root = glossary(Path(tmp))
        start = time.perf_counter()
        for case in cases(args.seed, args.cases):
            if args.only is not None and case.seed != args.only:
                continue
            build = bool(args.build_every) and case.seed % args.build_every == 0
            for result in run_case(case, root, build=build):
                ran += 1
                if slowest is None or result.seconds > slowest.seconds:
                    slowest = result
                if result.problem:
                    failures.append(result)
                    print(
                        f"FAIL case {case.seed} ({case.source}, {', '.join(case.mutations)}) "
                        f"{result.command}: {result.problem[:300]}",
                        flush=True,
                    )
        elapsed = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"{ran} command(s) on {args.cases} case(s) (seed {args.seed}) in {elapsed:.1f} s")
    print(f"{ran / elapsed:.1f} commands/s; peak RSS {peak:.0f} MiB")
    if slowest is not None:
        print(
            f"slowest: case {slowest.case.seed} {slowest.command} {slowest.seconds:.2f} s "
            f"({', '.join(slowest.case.mutations)})"
        )
    print(f"{len(failures)} failure(s)")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
