"""Profile one incremental CLI build after a one-word body edit, in-process.

    .venv/bin/python benchmarks/edit_profile.py ROOT [--title] [--top 40] [--out edit.prof]

ROOT is a corpus from `benchmarks/corpus.py` that has been built once with the cache (so
the build cache is warm). The middle article gets one word added to its Definition, as
`benchmarks/run.py`'s "edit one body" row does (with `--title`, the eighth article's title
gets a suffix, as its "edit one title" row does); then `build()` runs under cProfile with
the options that row uses (`--draft --no-pagefind`, date 2026-01-15). Prints the wall
time, the stage timings, how much was parsed, rendered and reused, how many articles had
their token trees parsed (the others came from their records), and the top functions by
cumulative time.
"""

from __future__ import annotations

import argparse
import cProfile
import datetime as dt
import pstats
import time
from pathlib import Path

from mindlex.config import load_config
from mindlex.parsecache import thawed
from mindlex.publish.pipeline import BuildOptions, build

TODAY = dt.date(2026, 1, 15)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("root", type=Path)
    parser.add_argument("--top", type=int, default=40)
    parser.add_argument("--out", type=Path, default=Path("edit.prof"))
    parser.add_argument("--title", action="store_true", help="edit a title, not a body")
    args = parser.parse_args()
    articles = sorted((args.root / "articles").glob("*.md"))
    if args.title:
        path = articles[7]
        text = path.read_text(encoding="utf-8")
        title = text.split("\ntitle: ", 1)[1].split("\n", 1)[0]
        path.write_text(text.replace(f"title: {title}", f"title: {title} v{time.time_ns()}", 1))
    else:
        path = articles[len(articles) // 2]
        text = path.read_text(encoding="utf-8")
        path.write_text(
            text.replace("## Definition\n\n", f"## Definition\n\nEdit {time.time_ns()}. ", 1)
        )
    config = load_config(args.root)
    options = BuildOptions(out=args.root / "_site", draft=True, today=TODAY, pagefind=False)
    profile = cProfile.Profile()
    start, cpu = time.perf_counter(), time.process_time()
    profile.enable()
    result = build(config, options)
    profile.disable()
    wall, cpu = time.perf_counter() - start, time.process_time() - cpu
    stages = ", ".join(f"{name} {seconds:.2f}" for name, seconds in result.timings.items())
    print(f"wall {wall:.2f} s, cpu {cpu:.2f} s (profiled); {stages}")
    print(f"parsed {result.parsed}, rendered {result.rendered}, reused {result.reused}")
    if result.glossary is not None:
        trees = sum(1 for a in result.glossary.articles.values() if thawed(a))
        print(f"token trees in memory: {trees} of {len(result.glossary.articles)} articles")
    profile.dump_stats(args.out)
    pstats.Stats(str(args.out)).sort_stats("cumulative").print_stats(args.top)


if __name__ == "__main__":
    main()
