"""Precision and recall of the prose rules on the annotated real-world corpus.

    python benchmarks/lint_eval.py            # the per-family table
    python benchmarks/lint_eval.py --misses   # also list every miss and false alarm

The corpus (tests/lint/realworld/) is written in the styles of news reports, condition pages,
supplement marketing, glossaries and guidance pages. `sentences.txt` holds one sentence per
line with the families an editor would mark; `pages/` holds short pages whose header lists
the expected findings (`expect: CODE-or-FAMILY [flagged text]`). Sentences are scored per
family (marked or not); pages are scored per expected finding.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT))

from mindlex.diagnostic import Diagnostic  # noqa: E402
from mindlex.lint.page import lint_page  # noqa: E402
from tests.lint.realworld.corpus import (  # noqa: E402
    CORPUS,
    FAMILIES,
    PAGE_LEVEL,
    Page,
    config_for,
    family_of,
    read_pages,
    read_sentences,
)


@dataclass
class Tally:
    tp: Counter[str] = field(default_factory=Counter)
    fp: Counter[str] = field(default_factory=Counter)
    fn: Counter[str] = field(default_factory=Counter)
    notes: list[str] = field(default_factory=list)


def score_sentences(tally: Tally, corpus: Path) -> int:
    config = config_for("en-US")
    count = 0
    for line, families, text in read_sentences(corpus / "sentences.txt"):
        count += 1
        found = {
            family_of(d.code)
            for d in lint_page(text, config)
            if d.code not in PAGE_LEVEL and family_of(d.code) in FAMILIES
        }
        for family in FAMILIES:
            want, got = family in families, family in found
            if want and got:
                tally.tp[family] += 1
            elif got:
                tally.fp[family] += 1
                tally.notes.append(f"false alarm {family} sentences.txt:{line}: {text}")
            elif want:
                tally.fn[family] += 1
                tally.notes.append(f"miss {family} sentences.txt:{line}: {text}")
    return count


def flagged(page: Page, diag: Diagnostic) -> str:
    if page.kind == "html":
        return ""
    lines = page.body.split("\n")
    span = diag.span
    if span.end_line != span.line or not (0 < span.line <= len(lines)):
        return ""
    return lines[span.line - 1][span.col - 1 : (span.end_col or span.col) - 1]


def score_page(page: Page, tally: Tally) -> None:
    diags = [
        d
        for d in lint_page(page.body, config_for(page.locale), kind=page.kind, path=page.path)
        if family_of(d.code) in FAMILIES
    ]
    open_ = list(page.expected)
    for diag in diags:
        text = flagged(page, diag).lower()
        match = next((e for e in open_ if _matches(e, diag, text)), None)
        family = family_of(diag.code)
        if match is not None:
            open_.remove(match)
            tally.tp[family] += 1
        else:
            tally.fp[family] += 1
            tally.notes.append(f"false alarm {page.path.name}: {diag.render()}")
    for want, snippet in open_:
        tally.fn[family_of(want)] += 1
        tally.notes.append(f"miss {page.path.name}: {want} {snippet}")


def _matches(expected: tuple[str, str], diag: Diagnostic, text: str) -> bool:
    want, snippet = expected
    if want[-1].isdigit() or diag.code in PAGE_LEVEL:
        same = diag.code == want
    else:
        same = family_of(diag.code) == want
    if not same:
        return False
    snippet = snippet.lower()
    return not snippet or not text or snippet in text or text in snippet


def table(tally: Tally) -> str:
    rows = [
        "| family | found | missed | false alarms | precision | recall |",
        "|---|---|---|---|---|---|",
    ]
    for family in FAMILIES:
        tp, fp, fn = tally.tp[family], tally.fp[family], tally.fn[family]
        precision = tp / (tp + fp) if tp + fp else 1.0
        recall = tp / (tp + fn) if tp + fn else 1.0
        rows.append(f"| {family} | {tp} | {fn} | {fp} | {precision:.1%} | {recall:.1%} |")
    return "\n".join(rows)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--misses", action="store_true", help="list misses and false alarms")
    parser.add_argument(
        "--corpus", type=Path, default=CORPUS, help="folder with sentences.txt and pages/"
    )
    args = parser.parse_args()
    tally = Tally()
    sentences = score_sentences(tally, args.corpus)
    pages = read_pages(args.corpus / "pages")
    for page in pages:
        score_page(page, tally)
    print(f"{sentences} sentences, {len(pages)} pages")
    print(table(tally))
    if args.misses:
        print("\n".join(tally.notes))


if __name__ == "__main__":
    main()
