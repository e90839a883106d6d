"""Lint throughput: generate N synthetic articles, lint them, print articles/s and peak memory.

    python benchmarks/lint_bench.py --articles 2000 --jobs 2
    python benchmarks/lint_bench.py --root /tmp/c1k --jobs 1   # a corpus from corpus.py

Articles are about 800 words in the sections mindlex expects, with references, citations,
related links and, in one article of ten, wording the default rules report. Parsing (the
loader) and linting (the rules) are timed separately; peak memory is the largest resident set
of this process and its worker processes.
"""

from __future__ import annotations

import argparse
import random
import resource
import sys
import tempfile
import time
from pathlib import Path

from mindlex.config.load import load_config
from mindlex.lint.readability import warm_up
from mindlex.lint.runner import lint_glossary
from mindlex.loader import load_glossary

CONFIG = """[site]
name = "Bench"
base_url = "https://example.org/"
disclaimer = "General information. Only a qualified health professional can diagnose."
content_dir = "articles"

[[crisis.en-US.resources]]
name = "988 Suicide & Crisis Lifeline"
contact = "Call or text 988"
"""
WORDS = tuple(
    [
        "memory",
        "attention",
        "mood",
        "sleep",
        "stress",
        "learning",
        "recovery",
        "therapy",
        "symptom",
        "clinician",
        "habit",
        "emotion",
        "reward",
        "fear",
        "routine",
        "support",
        "energy",
        "focus",
        "thought",
        "feeling",
        "pattern",
        "response",
        "signal",
        "network",
        "region",
        "treatment",
        "session",
        "practice",
        "skill",
        "exercise",
        "coping",
        "worry",
        "daily",
        "small",
        "large",
        "common",
        "people",
        "adults",
        "families",
        "researchers",
        "studies",
        "often",
        "usually",
        "may",
        "can",
        "helps",
        "shows",
        "changes",
        "affects",
        "supports",
        "reduces",
        "shapes",
        "links",
        "early",
        "later",
        "gradual",
        "steady",
        "brief",
        "careful",
        "concentration",
        "motivation",
        "resilience",
        "wellbeing",
        "rhythm",
        "judgement",
        "understanding",
    ]
)
FLAWS = (
    "Addicts often relapse after treatment.",
    "Studies show that sleep improves mood.",
    "About 20% of adults are affected each year.",
    "She suffers from anxiety most days.",
)


def sentence(rng: random.Random, cite: str | None = None) -> str:
    words = [rng.choice(WORDS) for _ in range(rng.randint(8, 22))]
    text = " ".join(words).capitalize()
    return f"{text} [@{cite}]." if cite else f"{text}."


def paragraph(rng: random.Random, size: int, refs: list[str]) -> str:
    return " ".join(sentence(rng, rng.choice(refs) if i == 0 else None) for i in range(size))


def article(index: int, total: int, rng: random.Random) -> str:
    refs = [f"ref{index}x{k}" for k in range(4)]
    related = sorted({f"term-{rng.randrange(total)}" for _ in range(3)} - {f"term-{index}"})
    references = "".join(
        f"  - id: {ref}\n    type: article-journal\n    evidence: peer_reviewed_review\n"
        f"    title: A review number {k}\n    issued: {2015 + k}\n    DOI: 10.1000/b{index}.{k}\n"
        for k, ref in enumerate(refs)
    )
    flaw = f"\n\n{FLAWS[index % len(FLAWS)]}" if index % 10 == 0 else ""
    sections = [
        ("Definition", paragraph(rng, 3, refs)),
        ("Clinical context", paragraph(rng, 8, refs) + "\n\n" + paragraph(rng, 7, refs) + flaw),
        ("Relevance to practice", "\n".join(f"- {sentence(rng)}" for _ in range(5))),
        ("Causes", paragraph(rng, 7, refs)),
        ("Treatment", paragraph(rng, 7, refs)),
        ("When to seek help", "If it affects your life, see a doctor. Call 911 in danger."),
        (
            "Frequently asked questions",
            "\n\n".join(f"### Question {q}?\n\n{paragraph(rng, 2, refs)}" for q in range(3)),
        ),
    ]
    body = "\n\n".join(f"## {title}\n\n{text}" for title, text in sections)
    return (
        f"---\ntitle: Term {index}\nsummary: A plain summary of term {index} for the lint "
        f"benchmark corpus.\ncategory: bench\nrelated: [{', '.join(related)}]\n"
        f"references:\n{references}---\n\n{body}\n"
    )


def generate(root: Path, count: int, seed: int) -> None:
    rng = random.Random(seed)
    (root / "articles").mkdir(parents=True)
    (root / "mindlex.toml").write_text(CONFIG, encoding="utf-8")
    for index in range(count):
        path = root / "articles" / f"term-{index}.md"
        path.write_text(article(index, count, rng), encoding="utf-8")


def peak_mb() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    scale = 1024 * 1024 if sys.platform == "darwin" else 1024
    return max(own, children) / scale


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", "-n", type=int, default=1000)
    parser.add_argument("--jobs", "-j", type=int, default=None, help="worker processes")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--root", type=Path, help="lint this glossary instead of a new one")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root = args.root or Path(tmp)
        if args.root is None:
            generate(root, args.articles, args.seed)
        config = load_config(root)
        ready, ready_cpu = time.perf_counter(), time.process_time()
        warm_up()
        print(
            f"startup (pronouncing dictionary): {time.perf_counter() - ready:.2f}s, "
            f"CPU {time.process_time() - ready_cpu:.2f}s"
        )
        start, start_cpu = time.perf_counter(), time.process_time()
        loaded = load_glossary(config, jobs=args.jobs)
        parsed, parsed_cpu = time.perf_counter(), time.process_time()
        found = lint_glossary(loaded.glossary, config, jobs=args.jobs)
        done, done_cpu = time.perf_counter(), time.process_time()
    words = sum(a.word_count for a in loaded.glossary.articles.values())
    n = len(loaded.glossary.articles)
    print(f"articles: {n} (~{words // max(n, 1)} words each), findings: {len(found)}")
    print(
        f"parse: {parsed - start:.2f}s ({n / (parsed - start):,.0f} articles/s), "
        f"CPU of this process {parsed_cpu - start_cpu:.2f}s"
    )
    print(
        f"lint:  {done - parsed:.2f}s ({n / (done - parsed):,.0f} articles/s, "
        f"jobs={args.jobs or 'auto'}), CPU of this process {done_cpu - parsed_cpu:.2f}s"
    )
    print(f"total: {done - start:.2f}s ({n / (done - start):,.0f} articles/s)")
    print(f"peak memory: {peak_mb():.0f} MB")


if __name__ == "__main__":
    main()
