"""Reference formatting speed: milliseconds per distinct reference for each CSL style.

    python benchmarks/cite_bench.py --refs 300
    python benchmarks/cite_bench.py --corpus /tmp/mindlex-bench/mindlex-1000 --plain

Without `--corpus`, each reference is a different journal article (two authors, volume,
pages); with it, the references of every article of a glossary, in page order, as a
build formats them. The per-process cache of whole entries never hits (every entry is
formatted from scratch); the first entry of each style, which parses the style, is timed
separately. `--plain` adds the same run with citeproc-py as released (no memoised
lookups), and checks that both give the same entries. `--profile` prints the top of a
cProfile of the memoised run.
"""

from __future__ import annotations

import argparse
import cProfile
import json
import pstats
import time
from pathlib import Path

from mindlex.config import load_config
from mindlex.loader import load_glossary
from mindlex.model import Reference
from mindlex.render import cite, cslfast


def references(n: int) -> list[Reference]:
    return [
        Reference.model_validate(
            {
                "id": f"r{i}",
                "type": "article-journal",
                "title": f"Study number {i} of sleep and mood",
                "author": [{"family": f"Author{i}", "given": "Ann B."}, {"family": "Other"}],
                "issued": 2000 + i % 25,
                "container-title": "Journal of Examples",
                "volume": i,
                "issue": 2,
                "page": f"{i}-{i + 9}",
            }
        )
        for i in range(n)
    ]


def corpus_references(root: Path) -> list[Reference]:
    """Each article's numbered source list, as the pages show them (duplicates dropped)."""
    glossary = load_glossary(load_config(root)).glossary
    seen: set[str] = set()
    refs = []
    for article in glossary.articles.values():
        for ref in glossary.references_of(article):
            item = json.dumps(cite.csl_item(ref), sort_keys=True, default=str)
            if item not in seen:
                seen.add(item)
                refs.append(ref)
    return refs


def run(refs: list[Reference], style: str) -> tuple[list[str], float, float, float]:
    """Entries, first-entry seconds, then wall and CPU seconds per entry for the rest."""
    cite._formatted.cache_clear()
    start = time.perf_counter()
    entries = [cite.format_reference(refs[0], style, "en-US")]
    first = time.perf_counter() - start
    start, cpu = time.perf_counter(), time.process_time()
    entries += [cite.format_reference(ref, style, "en-US") for ref in refs[1:]]
    rest = max(1, len(refs) - 1)
    wall = (time.perf_counter() - start) / rest
    return entries, first, wall, (time.process_time() - cpu) / rest


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--refs", type=int, default=300)
    parser.add_argument("--corpus", type=Path, help="a glossary folder (mindlex.toml)")
    parser.add_argument("--style", choices=sorted(cite.STYLES), action="append")
    parser.add_argument("--plain", action="store_true", help="also time citeproc-py as released")
    parser.add_argument("--profile", action="store_true")
    args = parser.parse_args()
    refs = corpus_references(args.corpus) if args.corpus else references(args.refs + 1)
    print(f"{len(refs)} distinct references")
    for style in args.style or list(cite.STYLES):
        profiler = cProfile.Profile() if args.profile else None
        if profiler:
            profiler.enable()
        entries, first, wall, cpu = run(refs, style)
        if profiler:
            profiler.disable()
            pstats.Stats(profiler).sort_stats("tottime").print_stats(15)
        print(
            f"{style}: first entry {first * 1000:.0f} ms, then {wall * 1000:.2f} ms "
            f"a reference ({cpu * 1000:.2f} ms CPU)"
        )
        if args.plain:
            with cslfast.plain():
                plain, first, wall, cpu = run(refs, style)
            same = "same entries" if plain == entries else "DIFFERENT ENTRIES"
            print(
                f"{style}, citeproc-py as released: first entry {first * 1000:.0f} ms, then "
                f"{wall * 1000:.2f} ms a reference ({cpu * 1000:.2f} ms CPU); {same}"
            )
    cite._formatted.cache_clear()


if __name__ == "__main__":
    main()
