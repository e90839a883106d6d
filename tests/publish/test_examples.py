"""Build the bundled sample glossary and check the reference page's elements."""

from __future__ import annotations

import datetime as dt
import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from mindlex.config import load_config
from mindlex.publish.pipeline import BuildOptions, BuildResult, build
from tests.conftest import EXAMPLES, sample_signed_on

TODAY = sample_signed_on()


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, BuildResult]:
    out = tmp_path_factory.mktemp("sample") / "site"
    result = build(
        load_config(EXAMPLES), BuildOptions(out, today=TODAY, pagefind=False, cache=False)
    )
    return out, result


def test_sample_builds_without_errors(sample: tuple[Path, BuildResult]) -> None:
    _, result = sample
    assert result.errors == [], "\n".join(d.render() for d in result.errors)
    assert result.written and result.withheld == {}
    assert len(result.published) >= 12


def test_neuroplasticity_page_has_every_reference_element(
    sample: tuple[Path, BuildResult],
) -> None:
    out, _ = sample
    html = (out / "neuroplasticity" / "index.html").read_text(encoding="utf-8")
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))
    assert re.search(r"Glossary · \d+ min read", text)
    assert "<h1" in html and "Neuroplasticity: Definition, Clinical Relevance" in html
    assert "Last updated" in text
    assert re.search(
        r"Reviewed by Example Reviewer \(demo reviewer, not a clinician\), \w+ \d+, \d{4}"
        r" Demo sign-off, not a clinical review\.",
        text,
    )
    assert "Medical disclaimer." in text
    assert "Also called neural plasticity or brain plasticity." in text
    for heading in (
        "Definition",
        "When to seek help",
        "Frequently asked questions",
        "Related articles",
        "Sources &amp; references",
    ):
        assert re.search(rf"<h2 id=\"[a-z-]+\">{heading}</h2>", html), heading
    assert re.search(r'<section class="prose section-other"[^>]*>.*?<ul>\s*<li>', html, re.S)
    assert html.count('class="faq-item"') >= 3
    assert html.count('<li class="card">') >= 3
    labels = re.findall(r'<span class="evidence [^"]+">([^<]+)</span>', html)
    assert labels and set(labels) <= {
        "Peer-reviewed review",
        "Peer-reviewed article",
        "Clinical reference",
        "Clinical guideline",
        "Primary clinical source",
        "Government source",
        "Textbook",
    }
    assert 'href="https://doi.org/10.' in html
    assert re.search(r"\d+ sources: ", text)
    assert 'class="crisis"' in html


def test_jsonld_types_and_review(sample: tuple[Path, BuildResult]) -> None:
    out, _ = sample
    html = (out / "neuroplasticity" / "index.html").read_text(encoding="utf-8")
    block = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    assert block
    graph = json.loads(block.group(1))["@graph"]
    page = graph[0]
    assert [n["@type"] for n in graph] == ["MedicalWebPage", "DefinedTerm", "FAQPage"]
    # A demo sign-off is labelled on the page but never claimed in structured data.
    assert "reviewedBy" not in page and "lastReviewed" not in page
    assert len(page["citation"]) >= 3
    assert graph[1]["alternateName"] == ["neural plasticity", "brain plasticity"]


def test_sitemap_and_api_list_every_article(sample: tuple[Path, BuildResult]) -> None:
    out, result = sample
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    locs = {e.text for e in ET.parse(out / "sitemap.xml").findall(".//s:loc", ns)}
    index = json.loads((out / "api" / "articles.json").read_text(encoding="utf-8"))
    slugs = {a["slug"] for a in index["articles"]}
    assert slugs == set(result.published)
    for slug in slugs:
        assert f"https://glossary.example.org/{slug}/" in locs
        full = json.loads((out / "api" / "articles" / f"{slug}.json").read_text("utf-8"))
        assert full["review"]["state"] == "current"
        assert 3 <= len(full["references"]) <= 6
        assert full["faq"] and full["when_to_seek_help"]


def test_related_links_resolve(sample: tuple[Path, BuildResult]) -> None:
    out, result = sample
    for slug in result.published:
        html = (out / slug / "index.html").read_text(encoding="utf-8")
        for target in re.findall(r'href="\.\./([a-z0-9-]+)/"', html):
            assert (out / target / "index.html").exists(), f"{slug} links to missing {target}"


def test_every_article_links_out_and_is_linked_twice(
    sample: tuple[Path, BuildResult],
) -> None:
    """No sample page is a dead end or an orphan: related cards and term links together give
    each at least two ways out and two ways in, so a reader can always move on."""
    out, result = sample
    published = set(result.published)
    outgoing: dict[str, set[str]] = {}
    for slug in published:
        html = (out / slug / "index.html").read_text(encoding="utf-8")
        hrefs = set(re.findall(r'href="\.\./([a-z0-9-]+)/"', html))
        outgoing[slug] = (hrefs & published) - {slug}
    incoming = {
        slug: {s for s, targets in outgoing.items() if slug in targets} for slug in published
    }
    few_out = sorted(s for s, targets in outgoing.items() if len(targets) < 2)
    few_in = sorted(s for s, sources in incoming.items() if len(sources) < 2)
    assert few_out == [], f"link to fewer than two articles: {few_out}"
    assert few_in == [], f"linked from fewer than two articles: {few_in}"


def test_overdue_review_is_said_plainly(tmp_path: Path) -> None:
    later = dt.date(2028, 1, 10)
    result = build(
        load_config(EXAMPLES),
        BuildOptions(tmp_path / "site", today=later, pagefind=False, cache=False),
    )
    html = (tmp_path / "site" / "neuroplasticity" / "index.html").read_text(encoding="utf-8")
    assert "a new review is overdue" in html
    assert "Reviewed by" not in html
    assert '<meta name="robots" content="noindex">' in html
    assert result.written
