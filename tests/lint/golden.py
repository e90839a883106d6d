"""Every finding of the whole rule set over fixed inputs, as JSON, to catch any drift.

Speed work on the linter (matchers, caches, fewer passes) must not change a single finding.
`collect()` lints the sample glossary, a generated benchmark corpus, the annotated real-world
sentences placed in articles, and the real-world pages, and returns each finding with its
place, message, hint and fix. The expected list is `tests/lint/data/golden-findings.json`;
regenerate it on purpose (after a rule change whose new findings were read) with

    PYTHONPATH=src python -m tests.lint.golden --write
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib.util
import json
import sys
from pathlib import Path
from types import ModuleType

from mindlex.diagnostic import Diagnostic
from mindlex.lint.check import Options, run
from mindlex.lint.page import lint_page
from tests.lint.realworld.corpus import CORPUS, config_for, read_pages, read_sentences

ROOT = Path(__file__).resolve().parents[2]
GOLDEN = Path(__file__).parent / "data" / "golden-findings.json"
TODAY = dt.date(2026, 6, 1)
CORPUS_ARTICLES = 40
"""Benchmark-corpus articles to lint: enough for every kind of article it generates."""
SENTENCES_PER_ARTICLE = 12
SECTIONS = ("Definition", "Clinical context", "Causes", "Treatment")
SEEK_HELP = "If it affects your daily life, talk to a doctor. In an emergency, call 911."


def _bench_corpus() -> ModuleType:
    spec = importlib.util.spec_from_file_location("bench_corpus", ROOT / "benchmarks/corpus.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("bench_corpus", module)
    spec.loader.exec_module(module)
    return module


def sentence_glossary(root: Path) -> Path:
    """The annotated real-world sentences, a dozen to an article, one paragraph each."""
    texts = [text for _, _, text in read_sentences(CORPUS / "sentences.txt")]
    texts += [text for _, _, text in read_sentences(CORPUS / "heldout" / "sentences.txt")]
    (root / "articles").mkdir(parents=True)
    (root / "mindlex.toml").write_text(
        (ROOT / "examples/glossary/mindlex.toml").read_text(encoding="utf-8"), encoding="utf-8"
    )
    for number, first in enumerate(range(0, len(texts), SENTENCES_PER_ARTICLE)):
        chunk = texts[first : first + SENTENCES_PER_ARTICLE]
        per = -(-len(chunk) // len(SECTIONS))
        parts = [
            f"## {title}\n\n" + "\n\n".join(chunk[k * per : (k + 1) * per])
            for k, title in enumerate(SECTIONS)
        ]
        parts.append(f"## When to seek help\n\n{SEEK_HELP}")
        front = (
            f"---\ntitle: Sentences {number}\nsummary: Annotated sentences from the "
            f"real-world corpus, part {number}.\ncategory: evaluation\n---\n\n"
        )
        path = root / "articles" / f"sentences-{number}.md"
        path.write_text(front + "\n\n".join(parts) + "\n", encoding="utf-8")
    return root


def _record(found: Diagnostic, base: Path | None) -> dict[str, object]:
    span = found.span
    path = span.path.as_posix()
    if base is not None:
        path = span.path.resolve().relative_to(base.resolve()).as_posix()
    fix = found.fix
    return {
        "code": found.code,
        "severity": found.severity.value,
        "place": [path, span.line, span.col, span.end_line, span.end_col],
        "message": found.message,
        "hint": found.hint,
        "fix": None
        if fix is None
        else {
            "safe": fix.safe,
            "description": fix.description,
            "edits": [[e.start, e.end, e.text] for e in fix.edits],
        },
    }


def collect(work: Path) -> dict[str, list[dict[str, object]]]:
    """Findings by input set; `work` is an empty folder for the generated glossaries."""
    options = Options(today=TODAY, jobs=1)
    results: dict[str, list[dict[str, object]]] = {}
    sample = ROOT / "examples" / "glossary"
    results["sample glossary"] = [_record(d, sample) for d in run([sample], options).diagnostics]
    corpus = _bench_corpus().generate(CORPUS_ARTICLES, "mindlex", work / "corpus")
    results["benchmark corpus"] = [_record(d, corpus) for d in run([corpus], options).diagnostics]
    sentences = sentence_glossary(work / "sentences")
    results["real-world sentences"] = [
        _record(d, sentences) for d in run([sentences], options).diagnostics
    ]
    for folder in (CORPUS / "pages", CORPUS / "heldout" / "pages"):
        for page in read_pages(folder):
            name = page.path.relative_to(CORPUS).as_posix()
            found = lint_page(page.body, config_for(page.locale), kind=page.kind, today=TODAY)
            results[f"page {name}"] = [_record(d, None) for d in found]
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--write", action="store_true", help=f"rewrite {GOLDEN.name}")
    args = parser.parse_args()
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        results = collect(Path(tmp))
    text = json.dumps(results, indent=1, ensure_ascii=False) + "\n"
    if args.write:
        GOLDEN.write_text(text, encoding="utf-8")
        print(f"wrote {sum(len(v) for v in results.values())} findings to {GOLDEN}")
    else:
        sys.stdout.write(text)


if __name__ == "__main__":
    main()
