"""Build the small fixture site the way the golden test does; `python -m tests.publish.golden`
rewrites tests/publish/golden/ from the current output."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

from mindlex.config import load_config
from mindlex.publish.pipeline import BuildOptions, BuildResult, build

HERE = Path(__file__).resolve().parent
GOLDEN = HERE / "golden"
FIXTURE = HERE.parent / "fixtures" / "site-small"
TODAY = dt.date(2026, 1, 15)
TEXT_SUFFIXES = {".html", ".json", ".xml", ".txt", ".css", ".js", ".svg", ""}
SKIP = {"pagefind", "search.sqlite", "ask.sqlite", ".mindlex-site"}


def build_fixture(out: Path) -> BuildResult:
    config = load_config(FIXTURE)
    return build(config, BuildOptions(out, draft=True, today=TODAY, pagefind=False, cache=False))


def text_files(site: Path) -> dict[str, str]:
    files: dict[str, str] = {}
    for path in sorted(site.rglob("*")):
        rel = path.relative_to(site)
        if path.is_dir() or rel.parts[0] in SKIP or path.suffix not in TEXT_SUFFIXES:
            continue
        if rel.parts[0] == "assets":
            continue
        files[rel.as_posix()] = path.read_text(encoding="utf-8")
    return files


def regenerate(scratch: Path) -> None:
    build_fixture(scratch)
    if GOLDEN.exists():
        shutil.rmtree(GOLDEN)
    for rel, text in text_files(scratch).items():
        target = GOLDEN / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        regenerate(Path(tmp) / "site")
    print(f"golden files rewritten in {GOLDEN}")
