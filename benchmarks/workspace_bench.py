"""Review workspace response times: queue, article review page and dashboard, on N articles.

    python benchmarks/workspace_bench.py --articles 500

Generates the benchmark corpus (benchmarks/corpus.py), signs every article with a fresh key
on the previous day, edits one article so its review page has changes to mark, then times
each page through the ASGI app (no network), median of --repeat requests after one warm-up:
first with nothing changed (the workspace reuses what it read), then right after a writer
saved one article (the glossary and every review state are read again; unchanged files'
parse results come from memory, as in `mindlex review serve`).
"""

from __future__ import annotations

import argparse
import datetime as dt
import statistics
import sys
import tempfile
import time
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from starlette.testclient import TestClient

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import generate

from mindlex.config import load_config
from mindlex.loader import (
    keep_parsed_in_memory,
    load_glossary,
)
from mindlex.review.reviewers import load_reviewers
from mindlex.review.signing import public_key_text, write_private
from mindlex.review.workflow import sign_articles
from mindlex.workspace.app import Workspace, create_workspace
from mindlex.workspace.security import Guard

TODAY = dt.date(2026, 6, 1)


def prepare(root: Path, keyfile: Path) -> str:
    key = Ed25519PrivateKey.generate()
    from cryptography.hazmat.primitives import serialization

    pem = key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    write_private(keyfile, pem)
    (root / "reviewers.toml").write_text(
        '[[reviewer]]\nid = "dr-bench"\nname = "Dr Bench"\ncredentials = "MD"\n'
        f'role = "Psychiatrist"\npublic_key = "{public_key_text(key.public_key())}"\n',
        encoding="utf-8",
    )
    glossary = load_glossary(load_config(root)).glossary
    reviewer = load_reviewers(root).by_id["dr-bench"]
    live = list(glossary.live)
    sign_articles(glossary, live, reviewer, key, TODAY - dt.timedelta(days=1))
    article = live[0]
    text = article.path.read_text(encoding="utf-8")
    article.path.write_text(text.replace(" the ", " a ", 3), encoding="utf-8")
    return article.slug


def timed(client: TestClient, path: str, repeat: int, touch: Path | None = None) -> float:
    client.get(path)
    runs = []
    for round_ in range(repeat):
        if touch is not None:  # a writer saved the file: everything is read again
            text = touch.read_text(encoding="utf-8")
            touch.write_text(text + " " * (round_ + 1), encoding="utf-8")
        start = time.perf_counter()
        response = client.get(path)
        runs.append(time.perf_counter() - start)
        assert response.status_code == 200, (path, response.status_code)
    return statistics.median(runs)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--articles", type=int, default=500)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root = generate(args.articles, "mindlex", Path(tmp) / "corpus")
        keyfile = Path(tmp) / "keys" / "dr-bench.pem"
        slug = prepare(root, keyfile)
        keep_parsed_in_memory()  # as `mindlex review serve` does
        guard = Guard(8765)
        app = create_workspace(Workspace(root, guard, {"dr-bench": keyfile}, 30, TODAY))
        client = TestClient(app, base_url="http://127.0.0.1:8765")
        client.get(f"/?token={guard.token}", follow_redirects=False)
        print(f"{args.articles} articles, median of {args.repeat} requests:")
        edited = next((root / "articles").rglob(f"{slug}.md"))
        for name, path, touch in (
            ("queue", "/", None),
            ("article review", f"/article/{slug}", None),
            ("dashboard", "/dashboard", None),
            ("queue, after a save", "/", edited),
            ("article, after a save", f"/article/{slug}", edited),
            ("dashboard, after a save", "/dashboard", edited),
        ):
            took = timed(client, path, args.repeat, touch) * 1000
            print(f"  {name:<24} {took:8.0f} ms")


if __name__ == "__main__":
    main()
