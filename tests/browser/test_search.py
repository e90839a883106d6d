"""Searching "brain plasticity" lists Neuroplasticity first: Pagefind in chromium and the API."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, Route, expect

from tests.browser.conftest import SiteServer, wait_for_results

pytestmark = pytest.mark.browser


def result_links(page: Page) -> list[str]:
    return [str(a.get_attribute("href")) for a in page.locator("#search-results li h2 a").all()]


def block(page: Page, pattern: str) -> list[str]:
    blocked: list[str] = []

    def abort(route: Route) -> None:
        blocked.append(route.request.url)
        route.abort()

    page.route(pattern, abort)
    return blocked


def test_pagefind_in_the_browser_lists_neuroplasticity_first(page: Page, site: SiteServer) -> None:
    api_calls = block(page, "**/api/search*")
    page.goto(site.url("/search/?q=brain+plasticity"))
    wait_for_results(page)
    links = result_links(page)
    assert links[0] == "/neuroplasticity/", links
    assert len(links) == len(set(links)), "a page is listed twice"
    assert api_calls == [], "the static search fell back to the API"
    expect(page.locator("#search-status")).to_contain_text("for \u201cbrain plasticity\u201d")


def test_api_search_lists_neuroplasticity_first(page: Page, site: SiteServer) -> None:
    response = page.request.get(site.url("/api/search?q=brain%20plasticity"))
    assert response.status == 200
    body = response.json()
    assert body["results"][0]["slug"] == "neuroplasticity"


def test_search_page_falls_back_to_the_api_without_pagefind(page: Page, site: SiteServer) -> None:
    blocked = block(page, "**/pagefind/**")
    page.goto(site.url("/search/?q=brain+plasticity"))
    wait_for_results(page)
    assert blocked, "the page never tried Pagefind"
    assert result_links(page)[0].endswith("/neuroplasticity/")
    assert page.locator("#search-results mark").count() > 0


def test_no_results_and_hostile_queries_are_announced(page: Page, site: SiteServer) -> None:
    for query in ["zzqxv", '"NEAR(a b)" OR *', "<img src=x onerror=alert(1)>"]:
        page.goto(site.url("/search/"))
        page.fill("#search-page-q", query)
        page.press("#search-page-q", "Enter")
        wait_for_results(page)
        status = page.locator("#search-status")
        assert status.get_attribute("role") == "status"
        assert page.locator("#search-results img").count() == 0
        assert page.evaluate("() => document.querySelectorAll('[onerror]').length") == 0
