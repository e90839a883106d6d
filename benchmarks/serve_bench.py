"""The preview server over HTTP: start-up, edit -> page shows the change, peak memory.

Used by `run.py`; each scenario drives a real `mindlex serve` process on a free port.
Edits are timed from just before the file is written to the first answer of the page
that contains the change (polled every 5 ms), so the figure includes the file watcher.
"""

from __future__ import annotations

import re
import shutil
import signal
import socket
import statistics
import subprocess
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

POLL = 0.005
TIMEOUT = 600.0

Memory = Callable[[int], tuple[int, int]]


@dataclass
class Server:
    """One `mindlex serve` process and the peak memory of its process tree."""

    command: list[str]
    port: int
    memory: Memory
    proc: subprocess.Popen[bytes] | None = None
    peak: int = 0
    _stop: threading.Event = field(default_factory=threading.Event)

    def start(self) -> float:
        """Seconds until the home page answers."""
        began = time.perf_counter()
        self.proc = subprocess.Popen(
            self.command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        threading.Thread(target=self._poll_memory, daemon=True).start()
        while fetch(self.url("/")) is None:
            if self.proc.poll() is not None:
                raise RuntimeError(f"mindlex serve exited with {self.proc.returncode}")
            if time.perf_counter() - began > TIMEOUT:
                raise RuntimeError("mindlex serve did not answer")
            time.sleep(0.02)
        return time.perf_counter() - began

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def stop(self) -> None:
        self._stop.set()
        if self.proc is not None and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGINT)
            try:
                self.proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()

    def _poll_memory(self) -> None:
        while not self._stop.is_set() and self.proc is not None and self.proc.poll() is None:
            self.peak = max(self.peak, self.memory(self.proc.pid)[0])
            time.sleep(0.05)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            text: str = response.read().decode("utf-8")
            return text
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return None


def wait_for(url: str, marker: str, began: float) -> float:
    """Seconds from `began` until the page at `url` contains `marker`."""
    while True:
        page = fetch(url)
        if page is not None and marker in page:
            return time.perf_counter() - began
        if time.perf_counter() - began > TIMEOUT:
            raise RuntimeError(f"{url} never showed {marker!r}")
        time.sleep(POLL)


@dataclass
class Edits:
    """Edits of five kinds on a generated corpus, each undone by `restore`."""

    root: Path
    originals: dict[Path, str] = field(default_factory=dict)
    last: Path | None = None
    """The file the last edit wrote."""

    def _file(self, n: int) -> Path:
        files = sorted((self.root / "articles").glob("*.md"))
        return files[(len(files) // 3 + 37 * n) % len(files)]

    def _write(self, path: Path, old: str, new: str) -> None:
        text = path.read_text(encoding="utf-8")
        self.originals.setdefault(path, text)
        changed = re.sub(old, new, text, count=1, flags=re.MULTILINE)
        if changed == text:
            raise RuntimeError(f"edit did not apply to {path}")
        path.write_text(changed, encoding="utf-8")
        self.last = path

    def _mark(self, article: int, marker: str, pattern: str, replacement: str) -> tuple[str, str]:
        """Put `marker` into one article by `pattern`; the page to poll and what to wait for."""
        path = self._file(article)
        self._write(path, pattern, replacement.replace("MARKER", marker))
        return f"/{path.stem}/", marker

    def body(self, n: int) -> tuple[str, str]:
        return self._mark(n, f"Bodyedit{n}", r"^## Definition\n\n", "## Definition\n\nMARKER ")

    def title(self, n: int) -> tuple[str, str]:
        return self._mark(n + 1000, f"Titleedit{n}", r"^title: (.*)$", r"title: \1 MARKER")

    def alias(self, n: int) -> tuple[str, str]:
        return self._mark(
            n + 3000, f"Aliasedit{n}", r"^aliases: \[(.*)\]$", r"aliases: [\1, MARKER]"
        )

    def reference(self, n: int) -> tuple[str, str]:
        return self._mark(n + 2000, f"Refedit{n}", r'^(\s+title: "?)([^"\n]*)', r"\1\2 MARKER")

    def config(self, n: int) -> tuple[str, str]:
        path = self.root / "mindlex.toml"
        marker = f"Siteedit{n}"
        self._write(path, r'^name = "(.*?)( Siteedit\d+)?"$', rf'name = "\1 {marker}"')
        return f"/{self._file(n).stem}/", marker

    def kinds(self) -> list[tuple[str, Callable[[int], tuple[str, str]]]]:
        """Every kind of edit, in the order the benchmarks cycle through them."""
        return [
            ("body", self.body),
            ("title", self.title),
            ("alias", self.alias),
            ("reference", self.reference),
            ("config", self.config),
        ]

    def restore(self) -> None:
        for path, text in self.originals.items():
            path.write_text(text, encoding="utf-8")


def edit_latencies(server: Server, root: Path, count: int) -> dict[str, list[float]]:
    """Edit -> page shows it, `count` edits cycling through the kinds of `Edits`."""
    edits = Edits(root)
    kinds = edits.kinds()
    found: dict[str, list[float]] = {name: [] for name, _ in kinds}
    try:
        for n in range(count):
            name, edit = kinds[n % len(kinds)]
            time.sleep(0.3)  # let the previous refresh settle, as between two saves
            began = time.perf_counter()
            url, marker = edit(n)
            found[name].append(wait_for(server.url(url), marker, began))
    finally:
        edits.restore()
    return found


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[max(0, round(0.95 * len(ordered)) - 1)]


def summary(values: list[float]) -> tuple[float, float]:
    return statistics.median(values), p95(values)


def run(root: Path, mindlex: Path, memory: Memory, edits: int = 20) -> dict[str, object]:
    """Cold start (no cache), warm start, then edits on the warm server."""
    results: dict[str, object] = {}
    cache = root / ".mindlex-cache"
    for kind in ("cold", "warm"):
        if kind == "cold":
            shutil.rmtree(cache, ignore_errors=True)
        port = free_port()
        server = Server([str(mindlex), "serve", str(root), "--port", str(port)], port, memory)
        try:
            results[f"start {kind}"] = server.start()
            if kind == "warm":
                results["edits"] = edit_latencies(server, root, edits)
        finally:
            server.stop()
        results[f"peak {kind}"] = server.peak
    return results
