"""Loading the CLI loads only what every command needs; heavy stacks wait for their command."""

from __future__ import annotations

import subprocess
import sys

from mindlex.ask.retrieve import MODES
from mindlex.cli import ask, import_
from mindlex.importer.report import FORMATS
from mindlex.importer.run import DEFAULT_MAX_BYTES

HEAVY = ("numpy", "jinja2", "citeproc", "starlette", "uvicorn", "lxml", "asyncio")
LIBRARY = ("mindlex.ask", "mindlex.publish", "mindlex.server", "mindlex.importer")


def test_loading_the_cli_leaves_the_heavy_stacks_unloaded() -> None:
    names = ", ".join(repr(m) for m in HEAVY + LIBRARY)
    code = f"import sys, mindlex.cli; print([m for m in ({names}) if m in sys.modules])"
    loaded = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout.strip()
    assert loaded == "[]"


def test_constants_spelled_out_in_the_cli_match_the_library() -> None:
    assert ask.MODE_NAMES == MODES
    assert tuple(FORMATS) == import_.REPORT_FORMATS
    assert import_.DEFAULT_MAX_BYTES == DEFAULT_MAX_BYTES
