"""Forked workers: results in input order, and no worker outlives a killed parent."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from mindlex.parallel import run_chunked

SRC = Path(__file__).resolve().parents[2] / "src"


def _square(n: int) -> int:
    return n * n


def test_results_come_back_in_input_order_from_two_workers() -> None:
    assert run_chunked(_square, list(range(50)), jobs=2, min_items=1) == [n * n for n in range(50)]


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    status = Path(f"/proc/{pid}/status")
    return not status.exists() or "State:\tZ" not in status.read_text()


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="parent-death signal is Linux's")
def test_workers_stop_when_their_parent_is_killed(tmp_path: Path) -> None:
    pids = tmp_path / "pids"
    script = textwrap.dedent(
        f"""
        import os, time
        from mindlex.parallel import run_chunked

        def slow(n):
            with open({str(pids)!r}, "a") as f:
                f.write(f"{{os.getpid()}}\\n")
            time.sleep(60)
            return n

        run_chunked(slow, list(range(8)), jobs=2, min_items=1)
        """
    )
    env = {**os.environ, "PYTHONPATH": str(SRC)}
    parent = subprocess.Popen([sys.executable, "-c", script], env=env)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and len(set(_read(pids))) < 2:
        time.sleep(0.1)
    workers = set(_read(pids))
    assert len(workers) == 2, "the two workers never started"
    parent.send_signal(signal.SIGKILL)
    parent.wait()
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and any(_alive(pid) for pid in workers):
        time.sleep(0.1)
    left = [pid for pid in workers if _alive(pid)]
    for pid in left:
        os.kill(pid, signal.SIGKILL)
    assert not left, f"workers outlived their parent: {left}"


def _read(path: Path) -> list[int]:
    return [int(x) for x in path.read_text().split()] if path.exists() else []
