"""Responsive from 320 px to desktop, dark mode, and a print stylesheet; screenshots saved."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

import pytest
from playwright.sync_api import Browser, Page

from tests.browser.conftest import PAGES, SiteServer, wait_for_results

pytestmark = pytest.mark.browser

WIDTHS = [320, 768, 1280]


def overflow(page: Page) -> int:
    """How many CSS pixels the page is wider than the viewport (0 when nothing scrolls sideways)."""
    return int(
        page.evaluate(
            "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
    )


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", WIDTHS)
def test_pages_fit_the_viewport_and_are_captured(
    browser: Browser,
    site: SiteServer,
    artifacts: Path,
    width: int,
    scheme: Literal["light", "dark"],
) -> None:
    context = browser.new_context(viewport={"width": width, "height": 900}, color_scheme=scheme)
    try:
        page = context.new_page()
        for name, path in PAGES.items():
            page.goto(site.url(path))
            if name == "search":
                wait_for_results(page)
            assert overflow(page) == 0, f"{name} scrolls sideways at {width}px"
            page.screenshot(path=artifacts / f"{name}-{width}-{scheme}.png", full_page=True)
    finally:
        context.close()


def test_term_preview_stays_inside_a_narrow_screen(browser: Browser, site: SiteServer) -> None:
    context = browser.new_context(viewport={"width": 320, "height": 700})
    try:
        page = context.new_page()
        page.goto(site.url(PAGES["article"]))
        for link in page.locator(".term-link").all()[:6]:
            link.focus()
            box = page.locator(".term:focus-within .term-tip").bounding_box()
            assert box is not None
            assert box["x"] >= 0 and box["x"] + box["width"] <= 320, box
    finally:
        context.close()


def test_dark_mode_changes_the_palette(browser: Browser, site: SiteServer) -> None:
    colours = {}
    for scheme in ("light", "dark"):
        context = browser.new_context(color_scheme=scheme)
        page = context.new_page()
        page.goto(site.url(PAGES["article"]))
        colours[scheme] = page.evaluate("() => getComputedStyle(document.body).backgroundColor")
        context.close()
    assert colours["light"] != colours["dark"]


def test_print_shows_the_article_and_its_references(
    page: Page, site: SiteServer, artifacts: Path
) -> None:
    page.goto(site.url(PAGES["article"]))
    page.emulate_media(media="print")
    for hidden in (".site-header", ".site-footer", ".toc", ".skip-link"):
        assert not page.locator(hidden).is_visible(), f"{hidden} is printed"
    for shown in ("h1", ".disclaimer", ".references", ".section-when_to_seek_help"):
        assert page.locator(shown).first.is_visible(), f"{shown} is not printed"
    after = page.evaluate(
        "() => getComputedStyle(document.querySelector('.references a[href^=\"http\"]'),"
        " '::after').content"
    )
    assert "http" in after, "printed references do not show their addresses"
    page.pdf(path=str(artifacts / "article-print.pdf"), format="A4")
    assert (artifacts / "article-print.pdf").stat().st_size > 10_000


@pytest.mark.parametrize("width", WIDTHS)
def test_reference_identifiers_break_only_at_sensible_points(
    browser: Browser, site: SiteServer, width: int
) -> None:
    """A DOI wraps, if at all, after a `/` or `.`, never inside a run of letters or digits."""
    context = browser.new_context(viewport={"width": width, "height": 900})
    try:
        page = context.new_page()
        for path in ("/bdnf/", "/neuroplasticity/"):
            page.goto(site.url(path))
            assert overflow(page) == 0, f"{path} scrolls sideways at {width}px"
            breaks = page.evaluate(
                """() => [...document.querySelectorAll('.ref-links a')].flatMap(a => {
                    const out = [], range = document.createRange();
                    const walk = document.createTreeWalker(a, NodeFilter.SHOW_TEXT);
                    let top = null, seen = '';
                    for (let text = walk.nextNode(); text; text = walk.nextNode()) {
                        for (let i = 0; i < text.length; i++) {
                            range.setStart(text, i); range.setEnd(text, i + 1);
                            const r = range.getClientRects()[0];
                            if (r && top !== null && r.top > top + 2) out.push(seen);
                            if (r) top = r.top;
                            seen += text.data[i];
                        }
                    }
                    return out;
                })"""
            )
            for before in breaks:
                assert before[-1] in "/.-:", f"{path} at {width}px breaks after {before!r}"
            if width >= 768:
                assert breaks == [], f"{path} wraps an identifier at {width}px: {breaks}"
    finally:
        context.close()
