"""Build behaviour on small glossaries: gates, atomic swap, sanitising, data files."""

from __future__ import annotations

import datetime as dt
import json
import re
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path

import pytest
from typer.testing import CliRunner

from mindlex.cli import app
from mindlex.config import load_config
from mindlex.publish.pipeline import BuildOptions, build
from tests.conftest import CONFIG, MakeGlossary

TODAY = dt.date(2026, 3, 1)
# These tests are about the pipeline, not the rules: keep only the two link checks, so the
# fixtures stay small and the tests do not change whenever a rule is added.
PIPELINE_CONFIG = CONFIG + '\n[lint]\nselect = ["CIT001", "LINK001"]\n'

GOOD = """\
---
title: Good Term
summary: A well-formed article used by the build tests.
category: tests
related: [other-term]
references:
  - id: ref1
    evidence: peer_reviewed_article
    title: A fixture study
    issued: 2021
    DOI: 10.5555/fixture.9
---

## Definition

Good term is described here and mentions other term twice: other term [@ref1].

## When to seek help

Talk to a doctor if this worries you.

## Frequently asked questions

### What is a good term?

One that builds.
"""

OTHER = """\
---
title: Other Term
summary: The second article of the build tests.
category: more-tests
---

## Definition

Other term refers back to good term.
"""


def _build(root: Path, out: Path, draft: bool = False):  # type: ignore[no-untyped-def]
    return build(load_config(root), BuildOptions(out, draft=draft, today=TODAY, pagefind=False))


def _jsonld(html: str) -> dict:  # type: ignore[type-arg]
    match = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    assert match, "page has a JSON-LD block"
    return json.loads(match.group(1))  # type: ignore[no-any-return]


def test_failed_build_keeps_the_previous_site(make_glossary: MakeGlossary, tmp_path: Path) -> None:
    root = make_glossary({"good-term.md": GOOD, "other-term.md": OTHER}, config=PIPELINE_CONFIG)
    out = tmp_path / "site"
    assert _build(root, out).written
    before = (out / "good-term" / "index.html").read_text()
    (root / "articles" / "good-term.md").write_text(GOOD.replace("[@ref1]", "[@missing]"))
    result = _build(root, out)
    assert not result.written and [d.code for d in result.errors] == ["CIT001"]
    assert (out / "good-term" / "index.html").read_text() == before
    assert not list(tmp_path.glob(".site.staging-*")), "staging folder cleaned up"


def test_error_raised_while_writing_leaves_previous_site(
    make_glossary: MakeGlossary, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = make_glossary({"good-term.md": GOOD, "other-term.md": OTHER}, config=PIPELINE_CONFIG)
    out = tmp_path / "site"
    _build(root, out)
    from mindlex.publish import site

    def explode(*args: object, **kwargs: object) -> None:
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(site, "_copy_assets", explode)
    with pytest.raises(RuntimeError):
        _build(root, out)
    assert (out / "good-term" / "index.html").exists()
    assert not list(tmp_path.glob(".site.staging-*"))


def test_refuses_to_replace_a_folder_it_did_not_make(
    make_glossary: MakeGlossary, tmp_path: Path
) -> None:
    root = make_glossary({"good-term.md": GOOD, "other-term.md": OTHER}, config=PIPELINE_CONFIG)
    out = tmp_path / "precious"
    out.mkdir()
    (out / "thesis.docx").write_text("years of work")
    with pytest.raises(FileExistsError):
        _build(root, out)
    assert (out / "thesis.docx").read_text() == "years of work"


def test_draft_publishes_errors_with_banner_and_noindex(
    make_glossary: MakeGlossary, tmp_path: Path
) -> None:
    broken = GOOD.replace("[@ref1]", "[@missing]")
    root = make_glossary({"good-term.md": broken, "other-term.md": OTHER}, config=PIPELINE_CONFIG)
    result = _build(root, tmp_path / "site", draft=True)
    assert result.written
    html = (tmp_path / "site" / "good-term" / "index.html").read_text()
    assert 'class="draft-banner"' in html
    assert '<meta name="robots" content="noindex">' in html
    sitemap = (tmp_path / "site" / "sitemap.xml").read_text()
    assert "good-term" not in sitemap


def test_draft_status_is_withheld_without_flag(make_glossary: MakeGlossary, tmp_path: Path) -> None:
    root = make_glossary(
        {
            "good-term.md": GOOD.replace("category: tests", "category: tests\nstatus: draft"),
            "other-term.md": OTHER,
        },
        config=PIPELINE_CONFIG,
    )
    result = _build(root, tmp_path / "site")
    assert "good-term" in result.withheld
    assert not (tmp_path / "site" / "good-term").exists()


HOSTILE = """\
---
title: "<script>alert('title')</script>"
summary: "Summary with <img src=x onerror=alert(1)> markup"
category: tests
aliases: ["\\"><svg onload=alert(2)>"]
---

## Definition

<script>alert(3)</script>
<img src="x" onerror="alert(4)">
<iframe src="https://evil.example"></iframe>
<a href="javascript:alert(5)">click</a>
<div style="background:url(javascript:alert(6))" onclick="alert(7)">styled</div>
[md link](javascript:alert(8)) and <object data="x"></object>
<form action="https://evil.example"><input name="p"></form>

## When to seek help

Talk to a doctor.
"""


def test_hostile_html_cannot_inject_script(make_glossary: MakeGlossary, tmp_path: Path) -> None:
    root = make_glossary({"hostile.md": HOSTILE}, config=PIPELINE_CONFIG)
    _build(root, tmp_path / "site", draft=True)
    html = (tmp_path / "site" / "hostile" / "index.html").read_text()
    elements = _elements(html.split("<main", 1)[1])
    tags = {tag for tag, _ in elements}
    assert not tags & {"script", "iframe", "object", "svg", "form", "input", "style"}
    for tag, attrs in elements:
        for name, value in attrs:
            assert not name.startswith("on"), (tag, name)
            assert name != "style", tag
            assert not (value or "").strip().lower().startswith("javascript:"), (tag, value)
    assert "&lt;script&gt;alert(&#39;title&#39;)&lt;/script&gt;" in html
    scripts = re.findall(r"<script[^>]*>", html)
    assert scripts == [
        '<script src="../assets/site.js" defer>',
        '<script type="application/ld+json">',
    ]
    data = _jsonld(html)
    assert data["@graph"][0]["name"] == "<script>alert('title')</script>"
    assert "</script" not in re.search(r'ld\+json">(.*?)</script>', html, re.S).group(1)  # type: ignore[union-attr]


def _elements(html: str) -> list[tuple[str, list[tuple[str, str | None]]]]:
    found: list[tuple[str, list[tuple[str, str | None]]]] = []

    class Collect(HTMLParser):
        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            found.append((tag, attrs))

    Collect().feed(html)
    return found


def test_structured_data_api_sitemap_and_feed(make_glossary: MakeGlossary, tmp_path: Path) -> None:
    root = make_glossary({"good-term.md": GOOD, "other-term.md": OTHER}, config=PIPELINE_CONFIG)
    out = tmp_path / "site"
    _build(root, out)
    data = _jsonld((out / "good-term" / "index.html").read_text())
    types = [node["@type"] for node in data["@graph"]]
    assert types == ["MedicalWebPage", "DefinedTerm", "FAQPage"]
    page, term, faq = data["@graph"]
    assert page["about"] == {"@id": term["@id"]}
    assert term["inDefinedTermSet"]["@type"] == "DefinedTermSet"
    assert page["citation"][0]["identifier"][0] == {
        "@type": "PropertyValue",
        "propertyID": "DOI",
        "value": "10.5555/fixture.9",
    }
    assert faq["mainEntity"][0]["name"] == "What is a good term?"
    index = json.loads((out / "api" / "articles.json").read_text())
    assert [a["slug"] for a in index["articles"]] == ["good-term", "other-term"]
    full = json.loads((out / "api" / "articles" / "good-term.json").read_text())
    assert full["references"][0]["doi"] == "10.5555/fixture.9"
    assert full["review"]["state"] == "never"
    assert full["faq"][0]["question"] == "What is a good term?"
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    locs = [e.text for e in ET.parse(out / "sitemap.xml").findall(".//s:loc", ns)]
    assert "https://example.org/glossary/" in locs
    feed = ET.parse(out / "feed.xml").getroot()
    assert feed.tag == "{http://www.w3.org/2005/Atom}feed"


def test_term_links_first_mention_only_and_never_self(
    make_glossary: MakeGlossary, tmp_path: Path
) -> None:
    root = make_glossary({"good-term.md": GOOD, "other-term.md": OTHER}, config=PIPELINE_CONFIG)
    _build(root, tmp_path / "site")
    html = (tmp_path / "site" / "good-term" / "index.html").read_text()
    assert html.count('href="../other-term/" aria-describedby') == 1
    assert 'href="../good-term/" aria-describedby' not in html
    assert "<h2" in html and 'term-link" href="../other-term/" aria-describedby="tip-1"' in html


def test_retired_article_redirects(make_glossary: MakeGlossary, tmp_path: Path) -> None:
    retired = (
        "---\ntitle: Old Name\nsummary: Replaced.\ncategory: tests\nstatus: retired\n"
        "replaced-by: good-term\n---\n"
    )
    root = make_glossary(
        {"good-term.md": GOOD, "other-term.md": OTHER, "old-name.md": retired},
        config=PIPELINE_CONFIG,
    )
    out = tmp_path / "site"
    _build(root, out)
    page = (out / "old-name" / "index.html").read_text()
    assert 'http-equiv="refresh" content="0; url=../good-term/"' in page
    assert (out / "_redirects").read_text() == "/glossary/old-name/ /glossary/good-term/ 301\n"
    assert "old-name" not in (out / "sitemap.xml").read_text()
    index = json.loads((out / "api" / "articles.json").read_text())
    assert "old-name" not in [a["slug"] for a in index["articles"]]


def test_cli_build_writes_default_out(make_glossary: MakeGlossary) -> None:
    root = make_glossary({"good-term.md": GOOD, "other-term.md": OTHER}, config=PIPELINE_CONFIG)
    result = CliRunner().invoke(
        app,
        ["build", str(root), "--no-pagefind"]
        if "--no-pagefind" in _build_help()
        else ["build", str(root)],
    )
    assert result.exit_code == 0, result.output
    assert (root / "_site" / "index.html").exists()


def _build_help() -> str:
    return CliRunner().invoke(app, ["build", "--help"]).output


def test_build_lists_a_bounded_number_of_findings(
    make_glossary: MakeGlossary, monkeypatch: pytest.MonkeyPatch
) -> None:
    from mindlex.cli import build as build_cli

    broken = GOOD.replace("[@ref1]", "[@missing1] [@missing2] [@missing3]")
    root = make_glossary({"good-term.md": broken, "other-term.md": OTHER}, config=PIPELINE_CONFIG)
    monkeypatch.setattr(build_cli, "MAX_SHOWN", 2)
    result = CliRunner().invoke(app, ["build", str(root), "--no-pagefind"])
    assert result.exit_code == 1
    assert result.output.count("CIT001") == 2
    assert "… and 1 more finding(s) not shown" in result.output


def test_errors_in_an_unpublished_draft_do_not_stop_the_build(
    make_glossary: MakeGlossary, tmp_path: Path
) -> None:
    draft = GOOD.replace("category: tests", "category: tests\nstatus: draft").replace(
        "[@ref1]", "[@missing]"
    )
    root = make_glossary({"good-term.md": draft, "other-term.md": OTHER}, config=PIPELINE_CONFIG)
    result = _build(root, tmp_path / "site")
    assert [d.code for d in result.errors] == ["CIT001"]
    assert result.blocking == [] and result.written
    assert result.published == ["other-term"]
    html = (tmp_path / "site" / "other-term" / "index.html").read_text()
    assert "../good-term/" not in html, "no link to an article that was not published"


def test_a_retired_stub_needs_no_article_content(make_glossary: MakeGlossary) -> None:
    retired = (
        "---\ntitle: Old Name\nsummary: Replaced.\ncategory: tests\nstatus: retired\n"
        "replaced-by: good-term\n---\n"
    )
    root = make_glossary({"good-term.md": GOOD, "other-term.md": OTHER, "old-name.md": retired})
    config = load_config(root)
    from mindlex.lint.runner import lint_glossary
    from mindlex.loader import load_glossary

    found = lint_glossary(load_glossary(config).glossary, config)
    assert not [d for d in found if d.span.path.name == "old-name.md"]
