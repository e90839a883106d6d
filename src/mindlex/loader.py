"""Read a whole glossary: discover, parse and index every article before anything is written."""

from __future__ import annotations

import logging
import os
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
from mindlex.parsecache import ParseCache, Parsed, decode, encode, pack, unpack
from mindlex.source.discover import SourceFile, article_paths, read_source
from mindlex.span import Span

log = logging.getLogger(__name__)

PARALLEL_MIN = 400
"""Below this many files to parse, one process is faster than starting a pool."""


@dataclass
class Loaded:
    glossary: Glossary
    diagnostics: list[Diagnostic] = field(default_factory=list)
    parsed: int = 0
    """Files parsed in this run; the rest came from the parse cache."""
    paths: list[Path] = field(default_factory=list)
    """Every article file found, readable or not."""


def load_glossary(
    config: Config,
    *,
    cache: ParseCache | None = None,
    jobs: int | None = None,
    memo: ParseMemo | None = None,
    changed: frozenset[Path] = frozenset(),
    complete: bool = False,
    paths: list[Path] | None = None,
    trees: bool = True,
) -> Loaded:
    """Parse every article; files with problems are reported and the rest still load.

    With a cache, files whose bytes are unchanged are not parsed again; the others are
    parsed across processes when there are enough of them. With a memo (a long-running
    process), a file whose stat is unchanged and that is not in `changed` is not even read;
    when `changed` is `complete` (a file watcher's list), other files are not even stat'ed.
    `paths` reuses a discovery the caller knows to be current. With `trees=False`, files
    parsed in workers come back as compact records (`parsecache`) instead of pickled token
    trees: cheaper to send and to hold, and each tree is parsed again, from the body alone,
    by whichever process first touches it (the build's lint and render workers).
    """
    diags: list[Diagnostic] = []
    bibliography, problems = load_bibliography(config.root, config.site.bibliography)
    diags.extend(problems)
    results: dict[int, Parsed] = {}
    pending: list[tuple[int, SourceFile]] = []
    if paths is None:
        paths = article_paths(config.content_root)
    kept: dict[Path, tuple[Stat | None, str, Parsed]] = {}
    for n, path in enumerate(paths):
        known = memo.entries.get(path) if memo is not None else None
        if known is not None and complete and path not in changed:
            results[n] = known[2]
            kept[path] = known
            continue
        stat = stat_of(path) if memo is not None else None
        if known is not None and stat is not None and known[0] == stat and path not in changed:
            results[n] = known[2]
            kept[path] = known
            continue
        source = read_source(path, config.site.max_file_bytes)
        if isinstance(source, Diagnostic):
            results[n] = (None, [source])
            continue
        if known is not None and known[1] == source.sha256:
            results[n] = known[2]
            kept[path] = (stat, source.sha256, known[2])
            continue
        hit = cache.get(source) if cache is not None else None
        if hit is not None:
            results[n] = hit
            if memo is not None:  # or the next refresh would read and parse it again
                kept[path] = (stat, source.sha256, hit)
        else:
            pending.append((n, source))
    for (n, source), parsed, record in _parse_all(pending, jobs, trees=trees):
        results[n] = parsed
        if memo is not None:
            kept[source.path] = (stat_of(source.path), source.sha256, parsed)
        if cache is not None:
            if record is not None:
                cache.put_record(source, record)
            else:
                cache.put(source, parsed)
    if memo is not None:
        memo.entries = kept
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
    return Loaded(glossary, diags, parsed=len(pending), paths=paths)


Stat = tuple[int, int, int]
"""(mtime_ns, ctime_ns, size) of a file."""


def stat_of(path: Path) -> Stat | None:
    try:
        st = os.stat(path)
    except OSError:
        return None
    return (st.st_mtime_ns, st.st_ctime_ns, st.st_size)


@dataclass
class ParseMemo:
    """Parse results kept in memory by a long-running process (the preview server).

    path -> (stat when read, sha256 of the bytes, parse result). An unchanged stat means
    the file is not read again; a changed stat with the same bytes means it is not parsed
    again. Callers name the files a watcher saw change, which are always read.
    """

    entries: dict[Path, tuple[Stat | None, str, Parsed]] = field(default_factory=dict)


def _parse_all(
    pending: list[tuple[int, SourceFile]], jobs: int | None, *, trees: bool = True
) -> list[tuple[tuple[int, SourceFile], Parsed, bytes | None]]:
    """Parse in this process, or in workers that send back packed results; with `trees`
    False, workers send records instead where a record carries the result exactly, and
    each record comes back third, for the cache to store as it is."""
    sources = [s for _n, s in pending]
    workers = worker_count(len(sources), jobs, PARALLEL_MIN)
    if workers > 1 and not trees:
        sent = run_chunked(_parse_record, sources, jobs=workers, min_items=PARALLEL_MIN)
        return [
            (item, decode(item[1], blob), blob) if is_record else (item, unpack(blob), None)
            for item, (is_record, blob) in zip(pending, sent, strict=True)
        ]
    if workers > 1:
        blobs = run_chunked(_parse, sources, jobs=workers, min_items=PARALLEL_MIN)
        return [(item, unpack(blob), None) for item, blob in zip(pending, blobs, strict=True)]
    return [(item, assemble_safely(item[1]), None) for item in pending]


def _parse(source: SourceFile) -> bytes:
    """Parse one file into the packed form both the cache and worker results use."""
    return pack(assemble_safely(source))


def _parse_record(source: SourceFile) -> tuple[bool, bytes]:
    """Parse one file into its record, or the packed whole result when a record cannot
    carry it exactly (`parsecache.encode` checks by decoding it again)."""
    parsed = assemble_safely(source)
    record = encode(source, parsed)
    return (True, record) if record is not None else (False, pack(parsed))


def assemble_safely(source: SourceFile) -> Parsed:
    """`assemble`, with a failure inside mindlex reported against the file, not raised:
    one article that trips a bug must not stop the rest of the glossary from building."""
    try:
        return assemble(source)
    except Exception as exc:  # a bug in a parser stage; the message names it for the report
        log.exception("mindlex failed while reading %s", source.path)
        message = f"mindlex failed while reading this file ({type(exc).__name__}: {exc})"
        hint = "this is a bug in mindlex; please report it with the file attached"
        return None, [Diagnostic("PARSE099", message, Span(source.path), hint=hint)]
