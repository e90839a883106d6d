"""Everything works from the keyboard: skip link, visible focus, search and term previews."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import PAGES, SiteServer, wait_for_results

pytestmark = pytest.mark.browser


def focused(page: Page, prop: str) -> str:
    return str(page.evaluate(f"() => document.activeElement.{prop}"))


def tab_to(page: Page, element_id: str, limit: int = 15) -> None:
    for _ in range(limit):
        page.keyboard.press("Tab")
        if focused(page, "id") == element_id:
            return
    pytest.fail(f"#{element_id} is not reachable with {limit} presses of Tab")


def outline_of_focused(page: Page) -> tuple[str, float]:
    style, width = page.evaluate(
        "() => { const s = getComputedStyle(document.activeElement);"
        " return [s.outlineStyle, parseFloat(s.outlineWidth)]; }"
    )
    return str(style), float(width)


@pytest.mark.parametrize("name", ["home", "article", "a-z"])
def test_skip_link_is_first_and_moves_focus_to_main(
    page: Page, site: SiteServer, name: str
) -> None:
    page.goto(site.url(PAGES[name]))
    page.keyboard.press("Tab")
    skip = page.locator(".skip-link")
    expect(skip).to_be_focused()
    expect(skip).to_be_in_viewport()
    page.keyboard.press("Enter")
    assert focused(page, "id") == "main"


def test_every_tab_stop_shows_a_visible_focus_indicator(page: Page, site: SiteServer) -> None:
    page.goto(site.url(PAGES["article"]))
    seen = 0
    for _ in range(40):
        page.keyboard.press("Tab")
        if focused(page, "tagName") == "BODY":
            break
        style, width = outline_of_focused(page)
        assert style != "none" and width >= 2, (
            f"no visible focus on {focused(page, 'outerHTML')[:120]}"
        )
        seen += 1
    assert seen >= 10


def test_search_from_the_header_by_keyboard(page: Page, site: SiteServer) -> None:
    page.goto(site.url(PAGES["article"]))
    tab_to(page, "site-search-q")
    page.keyboard.type("brain plasticity")
    page.keyboard.press("Enter")
    page.wait_for_url("**/search/?q=brain+plasticity")
    wait_for_results(page)
    first = page.locator("#search-results li a").first
    expect(first).to_have_attribute("href", "/neuroplasticity/")
    tab_to(page, "search-page-q")
    page.keyboard.press("Control+A")
    page.keyboard.type("ssri")
    page.keyboard.press("Enter")
    expect(first).to_have_attribute("href", "/ssris/")
    assert "q=ssri" in page.url
    first.focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**/ssris/")


def test_term_preview_opens_on_focus_and_closes_on_escape(page: Page, site: SiteServer) -> None:
    page.goto(site.url(PAGES["article"]))
    link = page.locator(".term-link").first
    tip = page.locator(".term-tip").first
    expect(tip).to_be_hidden()
    link.focus()
    expect(tip).to_be_visible()
    described = link.get_attribute("aria-describedby")
    assert described and tip.get_attribute("id") == described
    page.keyboard.press("Escape")
    expect(tip).to_be_hidden()
    expect(link).to_be_focused()
    link.hover()
    expect(tip).to_be_visible()
    tip.hover()
    expect(tip).to_be_visible()
