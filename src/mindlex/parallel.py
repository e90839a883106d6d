"""Spread a per-item job over worker processes, in chunks, with results in input order.

Workers are forked, so they inherit the parent's memory (the glossary, the templates)
without pickling it; only each chunk's results travel back. Below `min_items` items, or
where fork is unavailable, the job runs in this process: a pool costs about a tenth of a
second to start, more than small sites take to build.
"""

from __future__ import annotations

import ctypes
import multiprocessing
import os
import signal
import sys
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from typing import Any, TypeVar

T = TypeVar("T")
R = TypeVar("R")

CHUNKS_PER_WORKER = 4
"""Several chunks per worker even out the load when some items cost more than others."""

_TASK: Callable[[Any], Any] | None = None


def worker_count(items: int, jobs: int | None, min_items: int) -> int:
    """How many processes to use: `jobs` if given, else one per core above the threshold."""
    if "fork" not in multiprocessing.get_all_start_methods():
        return 1
    if jobs is not None:
        wanted = max(1, jobs)
    elif items >= min_items:
        wanted = os.cpu_count() or 1
    else:
        wanted = 1
    return max(1, min(wanted, items))


def run_chunked(
    task: Callable[[T], R], items: Sequence[T], *, jobs: int | None, min_items: int
) -> list[R]:
    """`[task(item) for item in items]`, computed by forked workers when it pays."""
    workers = worker_count(len(items), jobs, min_items)
    if workers <= 1:
        return [task(item) for item in items]
    global _TASK
    _TASK = task
    size = max(1, -(-len(items) // (workers * CHUNKS_PER_WORKER)))
    chunks = [items[i : i + size] for i in range(0, len(items), size)]
    try:
        context = multiprocessing.get_context("fork")
        with ProcessPoolExecutor(workers, mp_context=context, initializer=_die_with_parent) as pool:
            return [result for part in pool.map(_run_chunk, chunks) for result in part]
    finally:
        _TASK = None


PR_SET_PDEATHSIG = 1


def _die_with_parent() -> None:
    """Ask Linux to stop this worker when its parent dies, so a killed `mindlex serve` or
    build leaves no workers behind; elsewhere the pool's own shutdown is all there is."""
    if not sys.platform.startswith("linux"):
        return
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGTERM, 0, 0, 0)
    except (OSError, AttributeError):
        return
    if os.getppid() == 1:  # the parent died before the request took effect
        os._exit(1)


def _run_chunk(chunk: Sequence[Any]) -> list[Any]:
    task = _TASK
    if task is None:
        raise RuntimeError("worker started without a task")
    return [task(item) for item in chunk]
