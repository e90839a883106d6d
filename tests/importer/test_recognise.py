"""Recognition details that the fixtures do not all show: reference styles, alias lists,
bold FAQ questions, review claims at the foot of a page."""

from __future__ import annotations

import pytest

from mindlex.importer.blocks import Link
from mindlex.importer.html import read_html
from mindlex.importer.patterns import evidence_of
from mindlex.importer.recognise import recognise, split_names
from mindlex.importer.references import parse_reference
from mindlex.model.reference import Evidence


def test_apa_reference() -> None:
    csl = parse_reference(
        "Ward, A. B., & Lee, C. (2021). Sleep and mood in students. Journal of Sleep Study, "
        "4(2), 10–20. https://doi.org/10.1000/jss.2021.7 (peer_reviewed_article)"
    )
    assert csl["evidence"] == "peer_reviewed_article" and csl["type"] == "article-journal"
    assert csl["author"] == [{"literal": "Ward, A. B."}, {"literal": "Lee, C."}]
    assert (csl["title"], csl["container-title"]) == (
        "Sleep and mood in students",
        "Journal of Sleep Study",
    )
    assert (csl["issued"], csl["DOI"]) == (2021, "10.1000/jss.2021.7")


def test_vancouver_reference_with_pmid_and_link() -> None:
    csl = parse_reference(
        "Park J, Osei K, et al. Walking and low mood. Ment Health Rev. 2018;3:1-9. PMID: 1234567",
        (Link("full text", "https://example.org/paper"),),
    )
    assert csl["author"] == [{"literal": "Park J"}, {"literal": "Osei K"}]
    assert csl["container-title"] == "Ment Health Rev" and csl["issued"] == 2018
    assert (csl["PMID"], csl["URL"]) == ("1234567", "https://example.org/paper")
    assert "evidence" not in csl and csl["type"] == "document"


def test_unparseable_reference_keeps_its_text() -> None:
    csl = parse_reference("Notes from a workshop held by the clinic")
    assert csl["title"] == "Notes from a workshop held by the clinic"


@pytest.mark.parametrize(
    ("tag", "evidence"),
    [
        ("peer_reviewed_review", Evidence.PEER_REVIEWED_REVIEW),
        ("Peer-reviewed article", Evidence.PEER_REVIEWED_ARTICLE),
        ("Clinical guideline", Evidence.CLINICAL_GUIDELINE),
        ("government source", Evidence.GOVERNMENT_SOURCE),
        ("Journal of Things", None),
    ],
)
def test_source_type_tags(tag: str, evidence: Evidence | None) -> None:
    assert evidence_of(tag) is evidence


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("neural plasticity or brain plasticity ", ["neural plasticity", "brain plasticity"]),
        ("A, B or C, describes a long thing that goes on", ["A", "B", "C"]),
        ("BA, is a structured approach that helps people notice things", ["BA"]),
        ("a very long phrase that cannot possibly be a name at all", []),
    ],
)
def test_alias_lists(text: str, names: list[str]) -> None:
    assert split_names(text) == names


PAGE = """<!DOCTYPE html><html><head><title>Panic attack | Site</title></head><body><article>
<h1>Panic attack</h1>
<p>A panic attack is a sudden surge of intense fear with strong physical sensations.</p>
<h2>Definition</h2>
<p>A panic attack is a short period of intense fear that peaks within minutes, often with a
racing heart, breathlessness and shaking.</p>
<h2>Frequently Asked Questions</h2>
<p><strong>Can a panic attack harm me?</strong></p>
<p>The sensations are frightening, but a panic attack itself passes; a doctor can check
other causes of chest symptoms.</p>
<h2>When to Seek Help</h2>
<p>Seek urgent care for chest pain you cannot explain.</p>
<p>Medically reviewed by Dr Example, Clinical Psychologist</p>
</article></body></html>"""


def test_bold_questions_and_review_claim_at_the_foot() -> None:
    (art,) = recognise(read_html("panic.html", PAGE.encode()))
    assert art.faq == [
        (
            "Can a panic attack harm me?",
            "The sensations are frightening, but a panic attack itself passes; a doctor can "
            "check other causes of chest symptoms.",
        )
    ]
    assert art.reviewed_by == "Dr Example, Clinical Psychologist"
    help_section = next(s for s in art.sections if s.kind == "when_to_seek_help")
    assert all("reviewed" not in getattr(b, "text", "") for b in help_section.blocks)


def test_prose_mentioning_review_stays_in_the_body() -> None:
    page = PAGE.replace(
        "<p>Seek urgent care for chest pain you cannot explain.</p>",
        "<p>Seek urgent care for chest pain you cannot explain.</p>"
        "<p>Care plans are reviewed by the whole care team.</p>",
    )
    (art,) = recognise(read_html("panic.html", page.encode()))
    help_section = next(s for s in art.sections if s.kind == "when_to_seek_help")
    assert any(
        "reviewed by the whole care team" in getattr(b, "text", "") for b in help_section.blocks
    )
    assert art.reviewed_by == "Dr Example, Clinical Psychologist"


def test_advice_worded_like_a_disclaimer_stays_in_the_body() -> None:
    advice = "<p>Reading about symptoms does not replace advice from your own doctor.</p>"
    page = PAGE.replace("<p>Seek urgent care", advice + "<p>Seek urgent care")
    (art,) = recognise(read_html("panic.html", page.encode()))
    help_section = next(s for s in art.sections if s.kind == "when_to_seek_help")
    assert any("does not replace advice" in getattr(b, "text", "") for b in help_section.blocks)
    assert art.disclaimer == ""


def test_copied_text_with_a_list_right_under_its_lead_in() -> None:
    from mindlex.importer.blocks import Heading, ListBlock, Para
    from mindlex.importer.text import to_blocks

    blocks = to_blocks(
        "Worry\n\nWorry is thinking ahead to problems.\n\nSigns\n\nCommon signs include:\n"
        "• Restlessness: feeling on edge\n  for much of the day\n- Poor sleep\nThat is all.\n"
    )
    assert blocks[0] == Heading(1, "Worry") and blocks[2] == Heading(2, "Signs")
    assert blocks[3] == Para("Common signs include:")
    assert isinstance(blocks[4], ListBlock)
    assert [i.text for i in blocks[4].items] == [
        "Restlessness: feeling on edge for much of the day",
        "Poor sleep",
    ]
    assert blocks[5] == Para("That is all.")


def test_page_without_title_or_valid_date_still_makes_a_valid_article() -> None:
    from mindlex.importer.markdown import read_markdown

    text = (
        "---\ndate: sometime in spring\n---\n\n## Definition\n\n"
        + "Sleep debt is the gap between the sleep a person needs and the sleep they get. " * 3
    )
    (art,) = recognise(read_markdown("notes/sleep-debt.md", text.encode()))
    assert art.title == "Sleep debt" and art.published == ""
    assert any(t.startswith("check the title") for t in art.todo)
    assert any("not a date" in n for n in art.notes)


def test_docusaurus_and_mkdocs_front_matter() -> None:
    from mindlex.importer.markdown import read_markdown

    body = (
        "import Tabs from '@theme/Tabs';\n\n:::note\n\n## Definition\n\n"
        + "Mood tracking means writing down how you feel each day to notice patterns. " * 3
        + "\n\n:::\n"
    )
    docusaurus = (
        "---\nid: mood-tracking\ntitle: Mood tracking\nsidebar_label: Mood\n"
        "description: Keeping a simple daily record of mood.\n"
        "last_update:\n  date: 2025-03-04\n---\n" + body
    )
    page = read_markdown("docs/mood.mdx", docusaurus.encode())
    (art,) = recognise(page)
    assert (art.title, art.summary, art.updated) == (
        "Mood tracking",
        "Keeping a simple daily record of mood.",
        "2025-03-04",
    )
    assert any("MDX" in n for n in page.notes)
    assert all("import Tabs" not in getattr(b, "text", "") for b in page.blocks)
    mkdocs = "---\ntitle: Mood tracking\nsummary: A daily mood record.\n---\n" + body
    (art,) = recognise(read_markdown("docs/mood.md", mkdocs.encode()))
    assert art.summary == "A daily mood record."
