"""Rerunnable evaluation of Ask: retrieval per configuration, refusals, and crisis triage.

    PYTHONPATH=src python benchmarks/ask_eval.py [ROOT] [--calibrate | --triage]

ROOT defaults to examples/glossary. Questions whose expected article is not in the glossary
are skipped and counted, so the same file serves a small glossary and a grown one.
"""

from __future__ import annotations

import argparse
import datetime as dt
import math
import sys
from collections import Counter
from pathlib import Path

from mindlex.ask.answer import compose
from mindlex.ask.retrieve import MODES, Mode, coverage, rank
from mindlex.ask.service import Asker, glossary_asker
from mindlex.ask.triage import triage
from mindlex.config import load_config
from mindlex.loader import load_glossary
from mindlex.review.status import review_states

REPO = Path(__file__).resolve().parents[1]
DATA = REPO / "tests" / "ask" / "data"


def rows(name: str) -> list[list[str]]:
    text = (DATA / name).read_text(encoding="utf-8")
    return [line.split("\t") for line in text.splitlines() if line.strip() and line[0] != "#"]


def article_ranking(asker: Asker, question: str, mode: Mode) -> tuple[list[str], list[str]]:
    """Distinct article slugs in rank order, and (slug#anchor) of the passages."""
    ranked = rank(asker.store, asker.model, asker.synonyms, question, mode, limit=50)
    slugs: list[str] = []
    anchors: list[str] = []
    for item in ranked:
        p = asker.store.passages[item.index]
        anchors.append(f"{p.slug}#{p.anchor}")
        if p.slug not in slugs:
            slugs.append(p.slug)
    return slugs, anchors


def refused(asker: Asker, question: str, mode: Mode) -> bool:
    ranked = rank(asker.store, asker.model, asker.synonyms, question, mode)
    extra = asker.synonyms.expand(question) if mode != "bm25" else []
    share = coverage(asker.store, asker.synonyms, question)
    answer = compose(question, ranked, asker.store.passages, asker.related, extra, share)
    return answer.status == "refused"


def retrieval(asker: Asker, present: set[str]) -> None:
    data = rows("retrieval.tsv")
    skipped = Counter(r[0] for r in data if r[1] != "-" and r[1] not in present)
    print(f"retrieval set: {len(data)} questions; skipped (article absent): {dict(skipped)}")
    columns = ("n", "R@1", "R@5", "MRR", "nDCG@10", "sect@5", "refP", "refR", "wrongRef")
    widths = (4, 6, 6, 6, 8, 7, 6, 6, 8)
    print(
        f"{'config':14} {'split':8} "
        + " ".join(f"{c:>{w}}" for c, w in zip(columns, widths, strict=True))
    )
    for mode in MODES:
        unanswerable = [r[3] for r in data if r[0] == "unanswerable"]
        true_ref = sum(refused(asker, q, mode) for q in unanswerable)
        for split in ("dev", "heldout", "all"):
            items = [r for r in data if r[1] in present and (split == "all" or r[0] == split)]
            if not items:
                print(f"{mode:14} {split:8} {0:>4}   (no expected article in this glossary)")
                continue
            r1 = r5 = mrr = ndcg = sect = 0.0
            wrong = 0
            for _, slug, anchor, question in items:
                slugs, anchors = article_ranking(asker, question, mode)
                pos = slugs.index(slug) + 1 if slug in slugs else 0
                r1 += pos == 1
                r5 += 0 < pos <= 5
                mrr += 1 / pos if pos else 0
                ndcg += 1 / math.log2(pos + 1) if 0 < pos <= 10 else 0
                if anchor != "-":
                    sect += f"{slug}#{anchor}" in anchors[:5]
                wrong += refused(asker, question, mode)
            n = len(items)
            with_anchor = sum(1 for r in items if r[2] != "-") or 1
            refusals = true_ref + wrong
            precision = true_ref / refusals if refusals else 1.0
            print(
                f"{mode:14} {split:8} {n:>4} {r1 / n:6.1%} {r5 / n:6.1%} {mrr / n:6.3f} "
                f"{ndcg / n:8.3f} {sect / with_anchor:7.1%} {precision:6.1%} "
                f"{true_ref / len(unanswerable):6.1%} {wrong / n:8.1%}"
            )


TRIAGE_SETS = (
    ("triage.tsv", "tuned on"),
    ("triage-unseen.tsv", "used for analysis, not verbatim tuning"),
    ("triage-blind-dev.tsv", "blind when first measured, then used for development"),
    ("triage-blind-heldout.tsv", "held out"),
)


def triage_report() -> None:
    """One block per labelled file; a file that is not there is named and skipped."""
    for name, role in TRIAGE_SETS:
        if not (DATA / name).exists():
            print(f"triage set {name}: not present")
            continue
        triage_set(name, role)


def triage_set(name: str, role: str) -> None:
    data = rows(name)
    by = Counter(label for label, _ in data)
    outcomes = [(label, triage(m).outcome) for label, m in data]
    hits = Counter(label for label, got in outcomes if got == label)
    shown = sum(1 for label, got in outcomes if label == "crisis" and got != "none")
    flagged = sum(1 for label, got in outcomes if label == "none" and got != "none")
    raised = sum(1 for label, got in outcomes if label == "none" and got == "crisis")
    print(f"triage set {name} ({role}): {len(data)} messages {dict(by)}")
    if by["crisis"]:
        n = by["crisis"]
        print(f"  crisis recall      {hits['crisis'] / n:.1%} ({hits['crisis']} of {n})")
        print(f"  crisis with help   {shown / n:.1%} ({shown} of {n} at least caution)")
    if by["caution"]:
        print(f"  caution recall     {hits['caution'] / by['caution']:.1%}")
    if by["none"]:
        n = by["none"]
        print(
            f"  benign false pos.  {flagged / n:.1%} ({flagged} of {n}; {raised} raised to crisis)"
        )


def calibrate(asker: Asker) -> None:
    """Top-passage cosine and bm25 for answerable and unanswerable questions, to set thresholds."""
    for label, wanted in (
        ("answerable", lambda r: r[1] != "-"),
        ("unanswerable", lambda r: r[1] == "-"),
    ):
        print(label)
        for r in rows("retrieval.tsv"):
            if wanted(r) and (r[1] == "-" or r[1] in {p.slug for p in asker.store.passages}):
                best = rank(asker.store, asker.model, asker.synonyms, r[3], "hybrid")[0]
                print(f"  {best.cosine:.3f} {best.lexical:6.2f}  {r[3]}")


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("root", nargs="?", type=Path, default=REPO / "examples" / "glossary")
    parser.add_argument("--calibrate", action="store_true")
    parser.add_argument("--triage", action="store_true", help="only the triage sets")
    args = parser.parse_args(argv)
    if args.triage:
        triage_report()
        return 0
    glossary = load_glossary(load_config(args.root)).glossary
    asker = glossary_asker(glossary, review_states(glossary, dt.date.today()))
    present = {p.slug for p in asker.store.passages}
    print(
        f"glossary {args.root}: {len(present)} signed articles,",
        f"{len(asker.store.passages)} passages",
    )
    if args.calibrate:
        calibrate(asker)
        return 0
    retrieval(asker, present)
    triage_report()
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
