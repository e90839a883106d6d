"""One command's wall time, CPU time and memory, as `benchmarks/run.py` and `time -v` see it.

    .venv/bin/python benchmarks/measure_tree.py mindlex build ROOT --draft --no-cache --no-pagefind

Runs the command under `/usr/bin/time -v` and prints the wall time, user and system CPU
seconds of the whole process tree, the largest resident set of one process, and the peak
of the tree's summed PSS, polled as `run.py` polls it (forked workers' shared pages
counted once). CPU time is the figure to compare on a shared machine.
"""

from __future__ import annotations

import re
import subprocess
import sys
import threading
import time

from run import tree_memory


def _field(report: str, name: str) -> str:
    found = re.search(re.escape(name) + r"[^:]*: (.*)", report)
    return found.group(1).strip() if found else "?"


def main() -> None:
    command = ["/usr/bin/time", "-v", *sys.argv[1:]]
    start = time.perf_counter()
    proc = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    peak = [0]

    def poll() -> None:
        while proc.poll() is None:
            peak[0] = max(peak[0], tree_memory(proc.pid)[0])
            time.sleep(0.05)

    watcher = threading.Thread(target=poll, daemon=True)
    watcher.start()
    _out, err = proc.communicate()
    wall = time.perf_counter() - start
    watcher.join()
    report = err.decode(errors="replace")
    rss = _field(report, "Maximum resident set size")
    rss_mib = f"{int(rss) / 1024:.0f}" if rss.isdigit() else "?"
    print(
        f"wall {wall:.1f} s, user {_field(report, 'User time')} s, "
        f"sys {_field(report, 'System time')} s, max RSS {rss_mib} MiB, "
        f"peak tree PSS {peak[0] / 2**20:.0f} MiB, exit {proc.returncode}"
    )


if __name__ == "__main__":
    main()
