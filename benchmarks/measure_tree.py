"""One command's wall time, CPU time and memory, as `benchmarks/run.py` and `time -v` see it.

    .venv/bin/python benchmarks/measure_tree.py mindlex build ROOT --draft --no-cache --no-pagefind

Runs the command under `/usr/bin/time -v` and prints the wall time, user and system CPU
seconds of the whole process tree, the largest resident set of one process, and the peak
of the tree's summed PSS, polled as `run.py` polls it (forked workers' shared pages
counted once). CPU time is the figure to compare on a shared machine.
"""

from __future__ import annotations

import re
import sys

from run import polled


def _field(report: str, name: str) -> str:
    found = re.search(re.escape(name) + r"[^:]*: (.*)", report)
    return found.group(1).strip() if found else "?"


def main() -> None:
    run = polled(["/usr/bin/time", "-v", *sys.argv[1:]], every=0.05)
    report = run.stderr
    rss = _field(report, "Maximum resident set size")
    rss_mib = f"{int(rss) / 1024:.0f}" if rss.isdigit() else "?"
    print(
        f"wall {run.wall:.1f} s, user {_field(report, 'User time')} s, "
        f"sys {_field(report, 'System time')} s, max RSS {rss_mib} MiB, "
        f"peak tree PSS {run.own / 2**20:.0f} MiB, exit {run.returncode}"
    )


if __name__ == "__main__":
    main()
