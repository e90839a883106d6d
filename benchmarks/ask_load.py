"""Bounded loopback load test of the production server (default 20 clients for 30 s).

    PYTHONPATH=src python benchmarks/ask_load.py [--clients 20] [--seconds 30] [--workers 2]

Builds the sample glossary into a temporary folder, starts
`python -m mindlex.server.production` on 127.0.0.1 with a rate limit high enough for one
address to carry every client, and reports throughput, latency percentiles and errors.
Only 127.0.0.1 is ever contacted.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from mindlex.config import load_config
from mindlex.publish.pipeline import BuildOptions, build

REPO = Path(__file__).resolve().parents[1]
DATA = REPO / "tests" / "ask" / "data" / "retrieval.tsv"
MAX_CLIENTS = 64
MAX_SECONDS = 120


def questions() -> list[str]:
    lines = DATA.read_text(encoding="utf-8").splitlines()
    return [x.split("\t")[3] for x in lines if x.strip() and not x.startswith("#")]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def wait_healthy(port: int, deadline: float) -> None:
    while time.monotonic() < deadline:
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            conn.request("GET", "/healthz")
            if conn.getresponse().status == 200:
                return
        except OSError:
            time.sleep(0.2)
    raise SystemExit("the server did not become healthy")


def client(port: int, until: float, asked: list[str], out: list[float], errors: list[str]) -> None:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    i = 0
    while time.monotonic() < until:
        body = json.dumps({"q": asked[i % len(asked)]}).encode()
        i += 1
        start = time.perf_counter()
        try:
            conn.request("POST", "/api/ask", body, {"Content-Type": "application/json"})
            response = conn.getresponse()
            response.read()
            if response.status != 200:
                errors.append(str(response.status))
        except (OSError, http.client.HTTPException) as exc:
            errors.append(type(exc).__name__)
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
            continue
        out.append((time.perf_counter() - start) * 1000)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=30.0)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args(argv)
    clients = max(1, min(args.clients, MAX_CLIENTS))
    seconds = max(1.0, min(args.seconds, MAX_SECONDS))
    with tempfile.TemporaryDirectory(prefix="mindlex-ask-load-") as tmp:
        site = Path(tmp) / "site"
        build(load_config(REPO / "examples" / "glossary"), BuildOptions(site, pagefind=False))
        port = free_port()
        env = dict(os.environ, PYTHONPATH=str(REPO / "src"))
        limits = ["--rate", "1e6", "--burst", "1e6"]
        command = [sys.executable, "-m", "mindlex.server.production", str(site)]
        command += ["--port", str(port), "--workers", str(args.workers), *limits]
        server = subprocess.Popen(command, env=env)
        try:
            wait_healthy(port, time.monotonic() + 30)
            asked = questions()
            timings: list[list[float]] = [[] for _ in range(clients)]
            errors: list[str] = []
            until = time.monotonic() + seconds
            threads = [
                threading.Thread(target=client, args=(port, until, asked, timings[i], errors))
                for i in range(clients)
            ]
            for t in threads:
                t.start()
            for t in threads:
                t.join()
        finally:
            server.terminate()
            server.wait(timeout=10)
    done = sorted(x for t in timings for x in t)
    if not done:
        print(f"no request succeeded; errors: {errors[:10]}")
        return 1
    p95 = done[int(0.95 * (len(done) - 1))]
    print(
        f"{clients} clients x {seconds:.0f} s, {args.workers} workers: {len(done)} answers, "
        f"{len(done) / seconds:.0f} req/s, p50 {statistics.median(done):.1f} ms, "
        f"p95 {p95:.1f} ms, errors {len(errors)}"
    )
    return 0 if not errors else 1


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
