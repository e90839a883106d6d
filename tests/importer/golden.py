"""Import every fixture into an empty glossary; `python -m tests.importer.golden` rewrites
tests/importer/golden/ (one model JSON and one article per imported page, plus the report)."""

from __future__ import annotations

import dataclasses
import json
import shutil
import tempfile
from pathlib import Path
from typing import Any

from mindlex.importer.report import render_text
from tests.importer.support import GOLDEN, GOLDEN_FIXTURES, import_fixtures, make_root


def model_of(article: Any) -> str:
    """The recognised model as stable JSON (block types named, so a change of kind shows)."""

    def encode(value: Any) -> Any:
        if dataclasses.is_dataclass(value) and not isinstance(value, type):
            fields = {f.name: encode(getattr(value, f.name)) for f in dataclasses.fields(value)}
            return {"type": type(value).__name__, **fields}
        if isinstance(value, list | tuple):
            return [encode(v) for v in value]
        if isinstance(value, dict):
            return {k: encode(v) for k, v in value.items()}
        return value

    return json.dumps(encode(article), indent=2, ensure_ascii=False) + "\n"


def outputs(scratch: Path) -> dict[str, str]:
    """File name -> expected text, for every golden file."""
    root = make_root(scratch)
    report = import_fixtures(root, GOLDEN_FIXTURES, dry_run=True)
    files: dict[str, str] = {}
    for page in report.pages:
        if page.planned is None:
            continue
        files[f"{page.planned.slug}.json"] = model_of(page.planned.article)
        files[f"{page.planned.slug}.md"] = page.planned.text
    # lint counts follow the rule set, which changes on its own; they are tested apart
    text = render_text(report).replace(str(root), "ROOT")
    files["report.txt"] = "".join(
        line for line in text.splitlines(keepends=True) if not line.startswith("  lint:")
    )
    return files


def regenerate() -> None:
    with tempfile.TemporaryDirectory() as scratch:
        files = outputs(Path(scratch))
    shutil.rmtree(GOLDEN, ignore_errors=True)
    GOLDEN.mkdir(parents=True)
    for name, text in files.items():
        (GOLDEN / name).write_text(text, encoding="utf-8")
    print(f"wrote {len(files)} files to {GOLDEN}")


if __name__ == "__main__":
    regenerate()
