"""Rerunnable evaluation of Ask: retrieval per configuration, refusals, and crisis triage.

    PYTHONPATH=src python benchmarks/ask_eval.py [ROOT] [--calibrate | --triage]

ROOT defaults to examples/glossary. Questions whose expected article is not in the glossary
are skipped and counted, so the same file serves a small glossary and a grown one.
`--calibrate` runs the threshold search of ask_calibrate.py (dev and unanswerable-dev only);
the report puts dev next to unanswerable-dev and heldout next to unanswerable-heldout.
`retrieval-blind.tsv` (written from article titles only by someone who never saw the Ask
code or data) is reported apart, hybrid only.
"""

from __future__ import annotations

import argparse
import datetime as dt
import math
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from ask_calibrate import report as calibrate

from mindlex.ask.answer import Answer, compose
from mindlex.ask.retrieve import MODES, Mode, rank
from mindlex.ask.service import Asker, glossary_asker
from mindlex.ask.support import signals, supported
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


def answer(asker: Asker, question: str, mode: Mode) -> Answer:
    ranked = rank(asker.store, asker.model, asker.synonyms, question, mode)
    extra = asker.synonyms.expand(question) if mode != "bm25" else []
    verdict = supported(signals(asker.store, asker.synonyms, question, ranked, asker.model))
    return compose(
        question, ranked, asker.store.passages, asker.related, extra, verdict, asker.intents
    )


def refused(asker: Asker, question: str, mode: Mode) -> bool:
    return answer(asker, question, mode).status == "refused"


def refusal_reasons(asker: Asker) -> None:
    """Hybrid refusals of each unanswerable split, by the reason the question calls for."""
    data = rows("retrieval.tsv")
    print("hybrid refusals by expected reason (refused / n, with that reason):")
    for split in UNANSWERABLE:
        for kind in ("intent", "unsupported"):
            items = [
                r for r in data if r[0] == split and (r[2] == "unsupported") == (kind != "intent")
            ]
            got = [answer(asker, r[3], "hybrid") for r in items]
            done = sum(a.status == "refused" for a in got)
            right = sum(a.reason == r[2] for a, r in zip(got, items, strict=True))
            label = "diagnosis/dose/decision" if kind == "intent" else "unsupported"
            print(f"  {split:21} {label:24} {done:>3} / {len(items):<3} {right:>3}")


REFUSAL_SPLIT = {"dev": ("unanswerable-dev",), "heldout": ("unanswerable-heldout",)}
"""Each answerable split is reported with the refusals of its unanswerable counterpart."""
UNANSWERABLE = ("unanswerable-dev", "unanswerable-heldout")


def retrieval(asker: Asker, present: set[str]) -> None:
    data = rows("retrieval.tsv")
    skipped = Counter(r[0] for r in data if r[1] != "-" and r[1] not in present)
    print(f"retrieval set: {len(data)} questions; skipped (article absent): {dict(skipped)}")
    print("refP, refR: refusals of unanswerable-dev (dev rows), unanswerable-heldout (heldout")
    print("rows) or both (all rows); wrongRef: answerable questions of the split refused")
    columns = ("n", "R@1", "R@5", "MRR", "nDCG@10", "sect@5", "unans", "refP", "refR", "wrongRef")
    widths = (4, 6, 6, 6, 8, 7, 5, 6, 6, 8)
    print(
        f"{'config':14} {'split':8} "
        + " ".join(f"{c:>{w}}" for c, w in zip(columns, widths, strict=True))
    )
    for mode in MODES:
        refusals = {
            split: [refused(asker, r[3], mode) for r in data if r[0] == split]
            for split in UNANSWERABLE
        }
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
            with_anchor = sum(1 for r in items if r[2] != "-")
            sect_text = f"{sect / with_anchor:7.1%}" if with_anchor else f"{'n/a':>7}"
            flags = [f for u in REFUSAL_SPLIT.get(split, UNANSWERABLE) for f in refusals[u]]
            true_ref = sum(flags)
            precision = true_ref / (true_ref + wrong) if true_ref + wrong else 1.0
            recall = true_ref / len(flags) if flags else 0.0
            print(
                f"{mode:14} {split:8} {n:>4} {r1 / n:6.1%} {r5 / n:6.1%} {mrr / n:6.3f} "
                f"{ndcg / n:8.3f} {sect_text} {len(flags):>5} {precision:6.1%} "
                f"{recall:6.1%} {wrong / n:8.1%}"
            )


TRIAGE_SETS = (
    ("triage.tsv", "tuned on"),
    ("triage-unseen.tsv", "used for analysis, not verbatim tuning"),
    ("triage-blind-dev.tsv", "blind when first measured, then used for development"),
    ("triage-blind-heldout.tsv", "held out"),
)


def blind(asker: Asker, present: set[str]) -> None:
    """Hybrid figures on the questions written blind; never used to choose a threshold."""
    data = rows("retrieval-blind.tsv")
    answerable = [r for r in data if r[0] == "blind-answerable" and r[1] in present]
    unanswerable = [r for r in data if r[0] == "blind-unanswerable"]
    r1 = r5 = wrong = 0
    for _, slug, _, question in answerable:
        slugs, _ = article_ranking(asker, question, "hybrid")
        pos = slugs.index(slug) + 1 if slug in slugs else 0
        r1 += pos == 1
        r5 += 0 < pos <= 5
        wrong += refused(asker, question, "hybrid")
    got = [answer(asker, r[3], "hybrid") for r in unanswerable]
    done = sum(a.status == "refused" for a in got)
    n = len(answerable)
    print(
        f"blind set retrieval-blind.tsv, hybrid: {n} answerable R@1 {r1 / n:.1%} "
        f"R@5 {r5 / n:.1%} wrongRef {wrong / n:.1%}; {len(unanswerable)} unanswerable "
        f"refused {done / len(unanswerable):.1%}"
    )
    for reason in ("unsupported", "diagnosis", "dosing", "personal_decision"):
        mine = [a for a, r in zip(got, unanswerable, strict=True) if r[2] == reason]
        print(f"  {reason:18} {sum(a.status == 'refused' for a in mine):>3} / {len(mine)}")


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
    refusal_reasons(asker)
    blind(asker, present)
    triage_report()
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
