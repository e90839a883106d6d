"""Reference formatting speed: milliseconds per distinct reference for each CSL style.

    python benchmarks/cite_bench.py --refs 300

Each reference is a different journal article (two authors, volume, pages), so the
per-process cache never hits; the first entry of each style, which parses the style, is
timed separately.
"""

from __future__ import annotations

import argparse
import time

from mindlex.model import Reference
from mindlex.render.cite import STYLES, format_reference


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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--refs", type=int, default=300)
    args = parser.parse_args()
    refs = references(args.refs + 1)
    for style in STYLES:
        start = time.perf_counter()
        format_reference(refs[0], style, "en-US")
        first = time.perf_counter() - start
        start = time.perf_counter()
        for ref in refs[1:]:
            format_reference(ref, style, "en-US")
        each = (time.perf_counter() - start) / args.refs
        print(f"{style}: first entry {first * 1000:.0f} ms, then {each * 1000:.1f} ms a reference")


if __name__ == "__main__":
    main()
