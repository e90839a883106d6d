"""In-process latency of `Asker.ask` on a large generated glossary (target: p95 < 50 ms).

    PYTHONPATH=src python benchmarks/ask_latency.py [-n 10000] [--dir /tmp/ask-bench]

The corpus comes from benchmarks/corpus.py. Its articles carry no sign-off, so the index is
built with unsigned passages included (the same code path and size as a signed site).
Questions are the retrieval set's plus questions in the corpus's own vocabulary.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import generate

from mindlex.ask.service import glossary_asker
from mindlex.config import load_config
from mindlex.loader import load_glossary

DATA = Path(__file__).resolve().parents[1] / "tests" / "ask" / "data" / "retrieval.tsv"
CORPUS_QUESTIONS = [
    "how does stress affect sleep and memory",
    "does therapy help with worry and rumination",
    "what is the link between reward and motivation",
    "can exercise improve mood and energy",
    "why does avoidance make fear worse",
    "how do routines support recovery after relapse",
]


def questions() -> list[str]:
    lines = DATA.read_text(encoding="utf-8").splitlines()
    asked = [x.split("\t")[3] for x in lines if x.strip() and not x.startswith("#")]
    return asked + CORPUS_QUESTIONS * 10


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("-n", type=int, default=10_000)
    parser.add_argument("--dir", type=Path, default=Path("/tmp/mindlex-ask-bench"))
    args = parser.parse_args(argv)
    root = args.dir / f"c{args.n}"
    if not (root / "mindlex.toml").is_file():
        start = time.perf_counter()
        generate(args.n, "mindlex", root)
        print(f"generated {args.n} articles in {time.perf_counter() - start:.1f} s")
    start = time.perf_counter()
    glossary = load_glossary(load_config(root)).glossary
    loaded = time.perf_counter()
    asker = glossary_asker(glossary, {}, include_unsigned=True)
    built = time.perf_counter()
    print(
        f"loaded in {loaded - start:.1f} s; indexed {len(asker.store.passages)} passages "
        f"in {built - loaded:.1f} s"
    )
    asked = questions()
    for question in asked[:20]:
        asker.ask(question)
    timings = []
    for question in asked:
        start = time.perf_counter()
        asker.ask(question)
        timings.append((time.perf_counter() - start) * 1000)
    timings.sort()
    p95 = timings[int(0.95 * (len(timings) - 1))]
    print(
        f"ask over {len(asked)} questions: p50 {statistics.median(timings):.1f} ms, "
        f"p95 {p95:.1f} ms, max {timings[-1]:.1f} ms (target p95 < 50 ms: "
        f"{'reached' if p95 < 50 else 'not reached'})"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
