"""Import throughput: generate N saved HTML pages shaped like a glossary page, import them
into an empty glossary, and print pages/s and the total time.

    python benchmarks/import_bench.py --pages 1000

Each page carries site chrome (navigation, sidebar, footer, scripts), a masthead with
category, reading time, date and a review claim, a disclaimer, five sections with a
five-item key-areas list, three FAQ pairs (also as FAQPage JSON-LD), related links and four
typed references, so every reader and recogniser stage does its full work. The import runs
as `mindlex import` does: read, recognise, plan, lint every article in-process, write.
"""

from __future__ import annotations

import argparse
import json
import resource
import tempfile
import time
from pathlib import Path

from mindlex.importer import ImportOptions, import_sources

CONFIG = """[site]
name = "Bench"
base_url = "https://example.org/"
disclaimer = "General information. Only a qualified health professional can diagnose."
content_dir = "articles"

[crisis.en-US]
heading = "If you need help now"
emergency = "911"
"""
WORDS = (
    "signal",
    "pattern",
    "habit",
    "change",
    "body",
    "attention",
    "memory",
    "sleep",
    "mood",
    "stress",
    "energy",
    "focus",
    "routine",
    "support",
    "balance",
    "recovery",
)


def sentence(n: int, k: int) -> str:
    picked = [WORDS[(n * 7 + k * 3 + i) % len(WORDS)] for i in range(12)]
    return "People notice " + " ".join(picked) + " in daily life."


def page(n: int, total: int) -> str:
    term = f"Term {n:05d}"
    faq = [(f"What is question {q} about {term}?", sentence(n, q)) for q in range(3)]
    ld = {
        "@context": "https://schema.org",
        "@type": "FAQPage",
        "mainEntity": [
            {"@type": "Question", "name": q, "acceptedAnswer": {"@type": "Answer", "text": a}}
            for q, a in faq
        ],
    }
    paras = "".join(f"<p>{sentence(n, k)} {sentence(n + 1, k)}</p>" for k in range(3))
    items = "".join(f"<li><strong>Area {k}:</strong> {sentence(n, k)}</li>" for k in range(5))
    related = "".join(
        f'<li><a href="/glossary/term-{(n + d) % total:05d}/">Term {(n + d) % total:05d}</a></li>'
        for d in (1, 2, 3)
    )
    refs = "".join(
        f"<li>A study of {w} number {n} (Journal of {w.title()}, 2021) "
        f"doi:10.1000/bench.{n}.{k} (peer_reviewed_article)</li>"
        for k, w in enumerate(WORDS[:4])
    )
    faq_html = "".join(f"<h3>{q}</h3><p>{a}</p>" for q, a in faq)
    return f"""<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>{term} | Bench Health</title><meta name="description" content="{sentence(n, 9)}">
<script type="application/ld+json">{json.dumps(ld)}</script><script>track()</script></head>
<body><header><nav><ul><li><a href="/">Home</a></li><li><a href="/glossary">Glossary</a></li>
<li><a href="/about">About</a></li></ul></nav></header><main><article>
<p>Glossary · 4 min read</p><h1>{term}: Definition, Clinical Relevance, and Uses</h1>
<p>Last updated: 2025-12-03 · Reviewed by Bench Clinical Team</p>
<p><strong>Medical Disclaimer:</strong> This content is for informational purposes only and is
not a substitute for professional medical advice.</p>
<h2>Definition</h2><p>{term}, also called bench term {n}, is {sentence(n, 0)}</p>{paras}
<h2>Clinical Context</h2>{paras}<h2>Relevance to Practice</h2><p>Key areas include:</p>
<ul>{items}</ul><h2>When to Seek Help</h2><p>{sentence(n, 5)} Talk to a doctor.</p>
<h2>Frequently Asked Questions</h2>{faq_html}<h2>Related Articles</h2><ul>{related}</ul>
<h2>Sources &amp; References</h2><ol>{refs}</ol></article>
<aside><h3>Popular</h3><ul><li><a href="/x">X</a></li></ul></aside></main>
<footer><p>Bench Health</p><a href="/privacy">Privacy</a></footer></body></html>
"""


def _cpu() -> float:
    """User + system seconds of this process and its finished workers; unlike wall time,
    this does not grow when other work shares the machine."""
    own, children = (
        resource.getrusage(resource.RUSAGE_SELF),
        resource.getrusage(resource.RUSAGE_CHILDREN),
    )
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=1000)
    parser.add_argument("--jobs", type=int, default=None)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="mindlex-import-bench-") as scratch:
        base = Path(scratch)
        pages = base / "mirror" / "glossary"
        for n in range(args.pages):
            folder = pages / f"term-{n:05d}"
            folder.mkdir(parents=True)
            (folder / "index.html").write_text(page(n, args.pages), encoding="utf-8")
        root = base / "site"
        (root / "articles").mkdir(parents=True)
        (root / "mindlex.toml").write_text(CONFIG, encoding="utf-8")
        start, cpu = time.perf_counter(), _cpu()
        report = import_sources([base / "mirror"], ImportOptions(root, jobs=args.jobs))
        elapsed, cpu = time.perf_counter() - start, _cpu() - cpu
        created = report.count("create")
        related = sum(len(p.article.related) for p in report.pages if p.article)
    print(
        f"pages: {args.pages}  imported: {created}  skipped: {report.count('skip')}  "
        f"related links resolved: {related}"
    )
    print(
        f"cpu: {cpu:.2f} s of processor time in this process and its workers (on an "
        "otherwise idle machine the wall time is about this or less, plus the disk's time "
        "to sync each written file)"
    )
    stages = "  ".join(f"{k} {v:.2f}" for k, v in report.timings.items())
    print(f"import: {elapsed:.2f} s  ({args.pages / elapsed:.0f} pages/s)  stages (s): {stages}")


if __name__ == "__main__":
    main()
