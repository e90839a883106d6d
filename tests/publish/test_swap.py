"""The new site replaces the old one with no moment where neither is in place, even when
the build is killed; what killed builds leave behind is repaired or removed."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from mindlex.cli import app
from mindlex.publish import swap
from mindlex.publish.writer import SiteWriter
from tests.scale.conftest import NAMES, tree
from tests.server.test_live import small  # noqa: F401  (fixture)


def _site(out: Path, text: str) -> None:
    writer = SiteWriter(out)
    writer.write_text("index.html", text)
    writer.commit()


def _dead_pid() -> int:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


@pytest.mark.parametrize("exchange", [True, False], ids=["exchange", "two-renames"])
def test_commit_replaces_the_site(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, exchange: bool
) -> None:
    if not exchange:
        monkeypatch.setattr(swap, "exchange", lambda a, b: False)
    out = tmp_path / "site"
    _site(out, "one")
    _site(out, "two")
    assert (out / "index.html").read_text() == "two"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]


def test_the_exchange_is_one_step_where_the_system_has_it(tmp_path: Path) -> None:
    a, b = tmp_path / "a", tmp_path / "b"
    a.mkdir()
    b.mkdir()
    (a / "f").write_text("a")
    if not swap.exchange(a, b):
        pytest.skip("no renameat2(RENAME_EXCHANGE) here")
    assert (b / "f").read_text() == "a" and not (a / "f").exists()


def test_a_site_left_aside_by_a_killed_build_is_put_back(tmp_path: Path) -> None:
    out = tmp_path / "site"
    _site(out, "good")
    aside = tmp_path / f".site.old-{_dead_pid()}"
    os.replace(out, aside)  # the state after a kill between the two renames
    (tmp_path / f".site.staging-{_dead_pid()}").mkdir()
    writer = SiteWriter(out)
    assert (out / "index.html").read_text() == "good", "restored before anything else"
    writer.abort()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]


def test_folders_of_running_builds_are_left_alone(tmp_path: Path) -> None:
    running = tmp_path / ".site.staging-1"  # pid 1 is always alive
    running.mkdir()
    _site(tmp_path / "site", "x")
    assert running.exists()


def _build_in_child(args: list[str]) -> int:
    """Fork a process that runs `mindlex build` (the command line, already imported)."""
    pid = os.fork()
    if pid == 0:  # the child: run the command, never return into pytest
        code = 1
        try:
            app(args, standalone_mode=False)
            code = 0
        finally:
            os._exit(code)
    return pid


def test_sigkill_at_random_moments_never_loses_the_site(
    small: Path,  # noqa: F811
    tmp_path: Path,
) -> None:
    """Kill `mindlex build` processes at random moments of their run: the site in place is
    always a whole site, the last one or, if the build had finished, the new one."""
    out = tmp_path / "site"
    args = ["build", str(small), "--out", str(out), "--draft", "--no-pagefind"]
    args += ["--today", "2026-02-01", "--jobs", "1"]
    app([*args[:3], str(tmp_path / "warm"), *args[4:]], standalone_mode=False)  # imports
    start = time.perf_counter()
    assert os.waitpid(_build_in_child(args), 0)[1] == 0
    took = time.perf_counter() - start
    site = tree(out)
    rng = random.Random(7)
    page = small / "articles" / f"{NAMES[0]}.md"
    killed = 0
    for kill in range(12):
        text = page.read_text(encoding="utf-8")
        page.write_text(text.replace("## Definition\n\n", f"## Definition\n\nKill {kill}. "))
        child = _build_in_child(args)
        time.sleep(rng.uniform(0.0, 1.2) * took)
        os.kill(child, signal.SIGKILL)
        status = os.waitpid(child, 0)[1]
        now = tree(out)
        killed += os.WIFSIGNALED(status)
        if now != site:  # the build got as far as the swap: the new site must be whole
            check = tmp_path / f"check-{kill}"
            app([*args[:3], str(check), *args[4:], "--no-cache"], standalone_mode=False)
            assert now == tree(check), f"kill {kill}: neither the last site nor the new one"
            site = now
    print(f"build {took:.2f} s, {killed} killed")
    assert killed >= 3
    assert os.waitpid(_build_in_child(args), 0)[1] == 0
    left = sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".site"))
    assert left in ([], [".site.spare"]), "only the replaced site, kept for the next build"
    final = tmp_path / "final"
    app([*args[:3], str(final), *args[4:], "--no-cache"], standalone_mode=False)
    assert tree(out) == tree(final), "the builds after the kills made a clean build's site"
