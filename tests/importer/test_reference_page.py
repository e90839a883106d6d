"""The plain-text shape of the reference glossary page imports with every element in place,
and `mindlex build --draft` publishes it as awaiting clinical review."""

from __future__ import annotations

from pathlib import Path

import pytest

from mindlex.config import load_config
from mindlex.importer.model import Imported
from mindlex.model.article import SectionKind
from mindlex.publish.pipeline import BuildOptions, build
from tests.importer.support import TODAY, import_fixtures, make_root


@pytest.fixture(scope="module")
def imported(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Imported, str]:
    root = make_root(tmp_path_factory.mktemp("ref"))
    report = import_fixtures(root, ["glossary-page.txt"])
    (page,) = report.pages
    assert page.planned is not None and page.action == "create"
    return root, page.planned.article, page.planned.path.read_text(encoding="utf-8")


def test_masthead(imported: tuple[Path, Imported, str]) -> None:
    _, art, _ = imported
    assert art.title == "Interoception"
    assert art.headline.startswith("Interoception: Definition, Clinical Relevance")
    assert art.summary.startswith("Interoception is the sense")
    assert (art.category, art.reading_minutes, art.updated) == ("glossary", 4, "2025-11-20")
    assert art.aliases == ["internal body sensing", "visceral awareness"]


def test_review_claim_is_recorded_never_signed(imported: tuple[Path, Imported, str]) -> None:
    _, art, text = imported
    assert art.reviewed_by == "Northfield Wellbeing Clinical Team"
    front = text.split("\n---\n", 1)[0]
    assert "# Unverified claim on the source page: “Reviewed by Northfield" in front
    assert "status: draft" in front
    assert any("not a sign-off" in t for t in art.todo)


def test_disclaimer_left_out_of_body(imported: tuple[Path, Imported, str]) -> None:
    _, art, text = imported
    assert art.disclaimer.startswith("Medical Disclaimer:")
    assert "substitute for professional" not in text


def test_sections_key_areas_faq_references(imported: tuple[Path, Imported, str]) -> None:
    _, art, text = imported
    titles = [s.title for s in art.sections]
    assert titles == [
        "Definition",
        "Clinical Context",
        "Relevance to Mental Health Practice",
        "When to seek help",
        "Frequently asked questions",
    ]
    assert "- **Anxiety:** A racing heart" in text
    assert len(art.faq) == 3 and art.faq[0][0] == "Is interoception the same as mindfulness?"
    refs = {r["id"]: r for r in art.references}
    assert [r["evidence"] for r in art.references] == [
        "peer_reviewed_review",
        "peer_reviewed_review",
        "clinical_reference",
        "peer_reviewed_article",
        "primary_clinical",
    ]
    assert refs["neural"]["container-title"] == "Nature Reviews Neuroscience"
    assert refs["diagnostic"]["title-short"] == "DSM-5-TR"
    assert refs["panic"]["publisher"] == "National Health Body"
    assert sum("no DOI, PMID" in t for t in art.todo) == 5


def test_build_publishes_it_awaiting_review(
    imported: tuple[Path, Imported, str], tmp_path: Path
) -> None:
    root, _, _ = imported
    config = load_config(root)
    result = build(
        config,
        BuildOptions(tmp_path / "site", draft=True, today=TODAY, pagefind=False, cache=False),
    )
    article = load_config(root).content_root / "interoception.md"
    assert article.exists()
    page = (tmp_path / "site" / "interoception" / "index.html").read_text(encoding="utf-8")
    assert "awaiting clinical review" in page
    assert "Northfield" not in page
    assert "internal body sensing" in page
    assert result.ok and result.glossary is not None
    assert "interoception" in result.published
    kinds = {s.kind for s in result.glossary.articles["interoception"].sections}
    assert {SectionKind.DEFINITION, SectionKind.WHEN_TO_SEEK_HELP, SectionKind.FAQ} <= kinds
    assert len(result.glossary.articles["interoception"].key_areas) == 5
