"""The README's quick start, run as a new user would: outside the checkout, from a wheel.

The wheel is built from a copy of the checkout and installed into a fresh venv with
--no-deps --no-index; the venv sees the dependencies already installed for the tests through a
.pth file, so the test needs no network. Then every `mindlex` command of the README's
"Start a glossary" block runs in an empty folder (serve is started only to check its port).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _readme_block() -> list[str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text.split("## Start a glossary", 1)[1]
    block = re.search(r"```sh\n(.*?)```", section, re.S)
    assert block is not None
    return [line.split("  #")[0].strip() for line in block.group(1).splitlines() if line.strip()]


def _run(args: list[str], cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True, timeout=300)


@pytest.fixture(scope="module")
def venv(tmp_path_factory: pytest.TempPathFactory) -> Path:
    tmp = tmp_path_factory.mktemp("install")
    source = tmp / "checkout"
    source.mkdir()
    for name in ("pyproject.toml", "README.md", "LICENSE"):
        shutil.copy(ROOT / name, source / name)
    shutil.copytree(ROOT / "src", source / "src", ignore=shutil.ignore_patterns("*.egg-info"))
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    wheels = tmp / "dist"
    pip = [sys.executable, "-m", "pip"]
    built = _run(
        [*pip, "wheel", "--no-deps", "--no-build-isolation", "-q", "-w", str(wheels), str(source)],
        tmp,
        env,
    )
    assert built.returncode == 0, built.stderr
    (wheel,) = wheels.glob("mindlex-*.whl")
    target = tmp / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(target)], check=True)
    purelib = sysconfig.get_paths(vars={"base": str(target), "platbase": str(target)})["purelib"]
    Path(purelib, "test-deps.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    python = str(target / "bin" / "python")
    installed = _run(
        [*pip, "--python", python, "install", "--no-deps", "--no-index", "-q", str(wheel)], tmp, env
    )
    assert installed.returncode == 0, installed.stderr
    return target


def test_readme_quick_start_works_outside_the_checkout(venv: Path, tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    where = _run(
        [str(venv / "bin" / "python"), "-c", "import mindlex; print(mindlex.__file__)"],
        tmp_path,
        env,
    )
    assert str(venv) in where.stdout, where  # the installed copy, not the checkout's src/
    steps = [line for line in _readme_block() if line.startswith(".venv/bin/mindlex")]
    assert [s.split()[1] for s in steps] == ["init", "new", "lint", "serve", "build"]
    (tmp_path / ".venv").symlink_to(venv)
    for step in steps:
        args = step.split(" ", 1)
        if args[1].startswith("serve"):
            check = _run([".venv/bin/mindlex", "serve", "--help"], tmp_path, env)
            assert check.returncode == 0, check.stderr
            continue
        result = _run(["bash", "-c", step], tmp_path, env)
        expected = (0, 1) if args[1].startswith("lint") else (0,)  # the new draft has no sources
        assert result.returncode in expected, (step, result.stdout, result.stderr)
        assert "Traceback" not in result.stderr
    site = tmp_path / "my-glossary" / "_site"
    assert (site / "exposure-therapy").is_dir() or (site / "neuroplasticity").is_dir()
    assert (site / "pagefind" / "pagefind.js").is_file()  # search works out of the box
