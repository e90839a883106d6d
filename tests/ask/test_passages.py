"""Passages: only signed articles, with anchors, numbered citations and source lines."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

from mindlex.ask.passages import glossary_passages
from mindlex.config import load_config
from mindlex.glossary import Glossary
from mindlex.loader import load_glossary
from mindlex.review.status import review_states
from tests.ask.conftest import EXAMPLES, TODAY


def test_passages_keep_section_anchor_citations_and_line(sample: Glossary) -> None:
    passages = glossary_passages(sample, review_states(sample, TODAY))
    faq = next(p for p in passages if p.anchor == "faq-is-neuroplasticity-always-a-good-thing")
    assert faq.kind == "faq" and faq.slug == "neuroplasticity" and faq.signed
    assert [n for n, _ in faq.citations] == [4, 5]
    assert faq.citations[0][1].startswith("Synaptic plasticity and depression: new insights")
    assert faq.citations[1][1] == "Synaptic plasticity and addiction (2007)"
    source = (EXAMPLES / faq.path).read_text(encoding="utf-8").splitlines()
    assert source[faq.line - 1] == "### Is neuroplasticity always a good thing?"
    kinds = {p.kind for p in passages}
    assert kinds == {"paragraph", "key_area", "faq"}
    assert not any(p.section == "When to seek help" for p in passages)
    assert all("[@" not in p.text for p in passages)


def test_an_article_changed_since_sign_off_gives_no_eligible_passage(tmp_path: Path) -> None:
    root = tmp_path / "glossary"
    shutil.copytree(EXAMPLES, root)
    article = root / "articles" / "bdnf.md"
    article.write_text(article.read_text(encoding="utf-8") + "\nOne new sentence.\n", "utf-8")
    glossary = load_glossary(load_config(root)).glossary
    reviews = review_states(glossary, TODAY)
    assert reviews["bdnf"].state == "changed"
    signed = glossary_passages(glossary, reviews)
    assert "bdnf" not in {p.slug for p in signed} and signed
    preview = glossary_passages(glossary, reviews, include_unsigned=True)
    unsigned = [p for p in preview if p.slug == "bdnf"]
    assert unsigned and not any(p.signed or p.reviewer for p in unsigned)


def test_an_overdue_review_is_not_current(sample: Glossary) -> None:
    later = TODAY + dt.timedelta(days=800)
    assert glossary_passages(sample, review_states(sample, later)) == []
