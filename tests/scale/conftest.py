"""A small, densely cross-linked glossary and helpers to compare incremental and clean builds."""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import sqlite3
import textwrap
from collections.abc import Callable
from contextlib import closing
from pathlib import Path

import pytest

from mindlex.config import load_config
from mindlex.publish.pipeline import BuildOptions, BuildResult, build
from mindlex.publish.search import SEARCH_DB, query_db

TODAY = dt.date(2026, 2, 1)

CONFIG = """\
[site]
name = "Scale Test Glossary"
base_url = "https://scale.example.org/"
locale = "en-US"
disclaimer = "General information only; not medical advice."
content_dir = "articles"
bibliography = ["bibliography.yaml"]
term_links = "first"

[crisis.en-US]
heading = "If you need help now"
emergency = "911"
"""

BIBLIOGRAPHY = """\
references:
  - id: shared-handbook
    type: book
    evidence: textbook
    title: A shared handbook of test terms
    publisher: Test Press
    issued: 2021
"""

NAMES = ["sleep-debt", "worry-loop", "calm-breathing", "memory-trace", "habit-chain", "mood-log"]


def article(slug: str, others: list[str]) -> str:
    title = slug.replace("-", " ").capitalize()
    mentions = ", ".join(o.replace("-", " ") for o in others)
    return textwrap.dedent(f"""\
        ---
        title: {title}
        summary: {title} is a made-up term that the incremental build tests link to.
        category: {"habits" if len(slug) % 2 else "mood"}
        related: [{", ".join(others[:2])}]
        references:
          - id: {slug}-study
            evidence: peer_reviewed_article
            title: A study of {slug.replace("-", " ")}
            issued: 2022
        ---

        ## Definition

        {title} is related to {mentions} [@{slug}-study; @shared-handbook].

        ## Relevance to practice

        - Noticing {mentions.split(", ")[0]}
        - Writing things down

        ## When to seek help

        Talk to a doctor if this affects daily life. Only a qualified professional can diagnose.

        ## Frequently asked questions

        ### Is {title.lower()} common?

        Yes, and it is linked to {mentions.split(", ")[-1]}.
        """)


Build = Callable[..., BuildResult]


def write_small_glossary(root: Path) -> Path:
    """The small cross-linked glossary the scale and server tests edit: each article relates
    to the next three."""
    (root / "articles").mkdir(parents=True)
    (root / "mindlex.toml").write_text(CONFIG, encoding="utf-8")
    (root / "bibliography.yaml").write_text(BIBLIOGRAPHY, encoding="utf-8")
    for i, slug in enumerate(NAMES):
        others = [NAMES[(i + k) % len(NAMES)] for k in (1, 2, 3)]
        (root / "articles" / f"{slug}.md").write_text(article(slug, others), encoding="utf-8")
    return root


@pytest.fixture
def glossary(tmp_path: Path) -> Path:
    return write_small_glossary(tmp_path / "glossary")


def run(root: Path, out: Path, **options: object) -> BuildResult:
    """Build with pagefind off and a fixed date; options override BuildOptions fields."""
    settings: dict[str, object] = {"draft": True, "today": TODAY, "pagefind": False}
    settings.update(options)
    return build(load_config(root), BuildOptions(out, **settings))  # type: ignore[arg-type]


def tree(site: Path) -> dict[str, bytes]:
    """Every file of a built site, by relative path; `search.sqlite` by what it holds and
    answers (`search_content`), since an incremental build updates rows in place."""
    return {
        p.relative_to(site).as_posix(): (
            search_content(p) if p.name == SEARCH_DB else p.read_bytes()
        )
        for p in sorted(site.rglob("*"))
        if p.is_file()
    }


def search_content(path: Path) -> bytes:
    """The rows of a search index, in slug order, and its answers to a query for every word
    of every title and summary (hits, snippets and scores), as comparable bytes."""
    with closing(sqlite3.connect(path)) as db:
        meta = sorted(db.execute("SELECT key, value FROM meta").fetchall())
        terms = sorted(db.execute("SELECT term, slug FROM terms").fetchall())
        rows = sorted(db.execute("SELECT slug, title, aliases, summary, body FROM entries"))
        words = sorted({w for row in rows for w in re.findall(r"\w+", f"{row[1]} {row[3]}")})
        answers = {w: [h.as_json() for h in query_db(db, w, 20)] for w in words}
    return json.dumps([meta, terms, rows, answers], sort_keys=True).encode()


def assert_same_site(incremental: Path, root: Path, clean_out: Path) -> None:
    """The incremental output equals a clean, cache-less build of the same sources."""
    run(root, clean_out, cache=False)
    got, want = tree(incremental), tree(clean_out)
    assert sorted(got) == sorted(want)
    different = [rel for rel in want if got[rel] != want[rel]]
    assert different == []


def age(root: Path, seconds: int = 3600) -> None:
    """Backdate every source file, as if written long before the build."""
    past = dt.datetime.now().timestamp() - seconds
    for path in root.rglob("*"):
        if path.is_file():
            os.utime(path, (past, past))
