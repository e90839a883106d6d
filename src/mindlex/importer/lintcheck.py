"""Lint imported articles in-process, against the glossary they are joining, before writing.

The articles are parsed from the text about to be written, so a dry run reports exactly
what a real import would leave on disk."""

from __future__ import annotations

import datetime as dt
import hashlib

from mindlex.config import Config
from mindlex.diagnostic import Diagnostic
from mindlex.glossary import Glossary, add_articles
from mindlex.importer.plan import Planned
from mindlex.lint.runner import lint_glossary
from mindlex.loader import Loaded
from mindlex.model import Article
from mindlex.model.assemble import assemble
from mindlex.parallel import run_chunked
from mindlex.parsecache import pack, unpack
from mindlex.source.discover import SourceFile

PARALLEL_MIN = 200
"""Below this many articles, parsing them in one process is faster than starting workers."""


def lint_planned(
    planned: list[Planned],
    loaded: Loaded,
    config: Config,
    *,
    jobs: int | None = None,
    today: dt.date | None = None,
) -> dict[int, list[Diagnostic]]:
    """Findings per planned article (by position), parse problems included."""
    replaced = {p.path.resolve() for p in planned}
    glossary = Glossary(
        config, bibliography=loaded.glossary.bibliography, unreadable=loaded.glossary.unreadable
    )
    kept = [a for a in loaded.glossary.articles.values() if a.path.resolve() not in replaced]
    add_articles(glossary, kept)
    found: dict[int, list[Diagnostic]] = {}
    articles: list[tuple[int, Article]] = []
    sources = [
        SourceFile(p.path, p.text, hashlib.sha256(p.text.encode("utf-8")).hexdigest())
        for p in planned
    ]
    parsed = [unpack(b) for b in run_chunked(_parse, sources, jobs=jobs, min_items=PARALLEL_MIN)]
    for n, (article, problems) in enumerate(parsed):
        found[n] = list(problems)
        if article is not None:
            articles.append((n, article))
    for n, article in articles:
        found[n] += add_articles(glossary, [article])
    mine = {a.path: n for n, a in articles if glossary.articles.get(a.slug) is a}
    only = [a.slug for n, a in articles if a.path in mine]
    for diag in lint_glossary(glossary, config, jobs=jobs, today=today, only=only):
        if diag.span.path in mine:
            found[mine[diag.span.path]].append(diag)
    return found


def _parse(source: SourceFile) -> bytes:
    """Parse in a worker; the packed form is what the loader's workers send back too."""
    return pack(assemble(source))
