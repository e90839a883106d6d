"""Read a whole glossary: discover, parse and index every article before anything is written."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from mindlex.bibliography import load_bibliography
from mindlex.config import Config
from mindlex.diagnostic import Diagnostic
from mindlex.glossary import Glossary, add_articles
from mindlex.model import Article
from mindlex.model.assemble import assemble
from mindlex.model.meta import slugify
from mindlex.parallel import run_chunked, worker_count
from mindlex.parsecache import ParseCache, Parsed, pack, unpack
from mindlex.source.discover import SourceFile, article_paths, read_source

PARALLEL_MIN = 400
"""Below this many files to parse, one process is faster than starting a pool."""


@dataclass
class Loaded:
    glossary: Glossary
    diagnostics: list[Diagnostic] = field(default_factory=list)
    parsed: int = 0
    """Files parsed in this run; the rest came from the parse cache."""


def load_glossary(
    config: Config, *, cache: ParseCache | None = None, jobs: int | None = None
) -> Loaded:
    """Parse every article; files with problems are reported and the rest still load.

    With a cache, files whose bytes are unchanged are not parsed again; the others are
    parsed across processes when there are enough of them.
    """
    diags: list[Diagnostic] = []
    bibliography, problems = load_bibliography(config.root, config.site.bibliography)
    diags.extend(problems)
    results: dict[int, Parsed] = {}
    pending: list[tuple[int, SourceFile]] = []
    paths = article_paths(config.content_root)
    shas: dict[int, str] = {}
    for n, path in enumerate(paths):
        source = read_source(path, config.site.max_file_bytes)
        if isinstance(source, Diagnostic):
            results[n] = (None, [source])
            continue
        shas[n] = source.sha256
        remembered = _memory.get((path, source.sha256)) if _memory is not None else None
        if remembered is not None:
            results[n] = remembered
            if cache is not None:
                cache.keep(path, source.sha256)
            continue
        hit = cache.get(path, source.sha256) if cache is not None else None
        if hit is not None:
            results[n] = hit
        else:
            pending.append((n, source))
    for (n, source), parsed, blob in _parse_all(pending, jobs, keep=cache is not None):
        results[n] = parsed
        if cache is not None and blob is not None:
            cache.put(source.path, source.sha256, blob)
    if _memory is not None:
        _memory.clear()
        _memory.update({(paths[n], sha): results[n] for n, sha in shas.items()})
    articles: list[Article] = []
    unreadable: set[str] = set()
    for n, path in enumerate(paths):
        article, found = results[n]
        diags.extend(found)
        if article is None:
            unreadable.add(slugify(path.stem))
        else:
            articles.append(article)
    glossary = Glossary(config, bibliography=bibliography, unreadable=unreadable)
    diags.extend(add_articles(glossary, articles))
    return Loaded(glossary, diags, parsed=len(pending))


_memory: dict[tuple[Path, str], Parsed] | None = None
"""Parse results of the last load, kept by long-running processes (the preview server)."""


def keep_parsed_in_memory() -> None:
    """Reuse unchanged articles' parse results between loads in this process.

    The preview server rebuilds on every save; reading articles back from the on-disk
    cache costs about a millisecond each, which dominates an edit on a large glossary."""
    global _memory
    if _memory is None:
        _memory = {}


def _parse_all(
    pending: list[tuple[int, SourceFile]], jobs: int | None, *, keep: bool
) -> list[tuple[tuple[int, SourceFile], Parsed, bytes | None]]:
    """Parse in this process, or in workers that send back packed results."""
    sources = [s for _n, s in pending]
    workers = worker_count(len(sources), jobs, PARALLEL_MIN)
    if workers > 1:
        blobs = run_chunked(_parse, sources, jobs=workers, min_items=PARALLEL_MIN)
        return [(item, unpack(blob), blob) for item, blob in zip(pending, blobs, strict=True)]
    done: list[tuple[tuple[int, SourceFile], Parsed, bytes | None]] = []
    for item in pending:
        parsed = assemble(item[1])
        done.append((item, parsed, pack(parsed) if keep else None))
    return done


def _parse(source: SourceFile) -> bytes:
    """Parse one file into the packed form both the cache and worker results use."""
    return pack(assemble(source))
