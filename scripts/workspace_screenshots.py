"""Take the review workspace screenshots in docs/ with headless chromium.

Usage: PYTHONPATH=src python scripts/workspace_screenshots.py

Works on a temporary copy of examples/glossary with one sentence edited, so the article
page shows what a reviewer sees after a writer's change; the sample itself is not touched.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from tests.workspace.conftest import serve_live  # noqa: E402

SAMPLE = REPO / "examples" / "glossary"
OUT = REPO / "docs" / "images"
EDITS = [
    ("Neuroplasticity is the capacity", "Neuroplasticity is the ability"),
    ("These changes happen at many levels.", "These changes happen at several levels."),
]


def main() -> None:
    OUT.mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "glossary"
        shutil.copytree(SAMPLE, root)
        article = root / "articles" / "neuroplasticity.md"
        text = article.read_text(encoding="utf-8")
        for old, new in EDITS:
            text = text.replace(old, new, 1)
        article.write_text(text, encoding="utf-8")
        live = serve_live(root)
        server = next(live)
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox"])
            page = browser.new_page(viewport={"width": 1280, "height": 1400})
            page.goto(server.login)
            page.goto(server.url("/article/neuroplasticity"))
            page.screenshot(path=str(OUT / "workspace-article.png"))
            page.goto(server.url("/dashboard"))
            page.screenshot(path=str(OUT / "workspace-dashboard.png"), full_page=True)
            page.goto(server.url("/"))
            page.screenshot(path=str(OUT / "workspace-queue.png"))
            browser.close()
        next(live, None)
    print(f"screenshots written to {OUT.relative_to(REPO)}")


if __name__ == "__main__":
    main()
