"""The Ask box in chromium: same triage as the server, quoted answers, crisis first, a11y clean."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Page, Request, Route

from mindlex.ask.triage import triage
from tests.ask.test_triage import every_labelled
from tests.browser.conftest import SiteServer
from tests.browser.test_axe import describe, run_axe

pytestmark = pytest.mark.browser


def open_ask(page: Page, site: SiteServer, outside: list[str], asked: list[str]) -> None:
    origin = urlsplit(site.origin)

    def guard(route: Route, request: Request) -> None:
        parts = urlsplit(request.url)
        if (parts.scheme, parts.netloc) != (origin.scheme, origin.netloc):
            outside.append(request.url)
            route.abort()
            return
        if parts.path == "/api/ask":
            asked.append(request.method)
        route.continue_()

    page.context.route("**/*", guard)
    page.goto(site.url("/search/"))
    page.wait_for_selector("#ask-form[data-ready='true']", timeout=15000)


def ask(page: Page, question: str) -> None:
    page.fill("#ask-q", question)
    page.click("#ask-form button")


def test_static_and_server_triage_agree_on_every_labelled_message(
    page: Page, site: SiteServer
) -> None:
    open_ask(page, site, [], [])
    messages = [m for _, m in every_labelled()]
    outcomes = page.evaluate("ms => ms.map(m => window.mindlexTriage(m))", messages)
    disagreements = [
        (m, js, triage(m).outcome)
        for m, js in zip(messages, outcomes, strict=True)
        if js != triage(m).outcome
    ]
    assert disagreements == []


def test_a_question_gets_reviewed_quotes_with_sources(
    page: Page, site: SiteServer, axe_source: str
) -> None:
    outside: list[str] = []
    asked: list[str] = []
    open_ask(page, site, outside, asked)
    ask(page, "can therapy change the brain?")
    page.wait_for_selector("#ask-result[data-answer]", timeout=15000)
    assert page.get_attribute("#ask-result", "data-answer") == "answered"
    quotes = page.locator("#ask-result .ask-quote")
    assert 1 <= quotes.count() <= 3
    captions = [quotes.nth(i).locator("figcaption").inner_text() for i in range(quotes.count())]
    assert all("Reviewed by" in caption for caption in captions)
    assert any("Sources: [" in caption for caption in captions)
    assert page.locator("#ask-crisis").is_hidden()
    assert "988" in page.locator("#ask-result .ask-help").inner_text()
    violations = run_axe(page, axe_source)
    assert not violations, describe(violations)
    assert asked == ["POST"] and outside == []


def test_a_crisis_message_shows_only_help_and_never_reaches_the_server(
    page: Page, site: SiteServer, axe_source: str
) -> None:
    outside: list[str] = []
    asked: list[str] = []
    open_ask(page, site, outside, asked)
    ask(page, "my friend says she wants to kill herself")
    page.wait_for_selector("#ask-crisis:not([hidden])")
    assert "988" in page.locator("#ask-crisis").inner_text()
    assert page.locator("#ask-result .ask-quote").count() == 0
    assert page.get_attribute("#ask-result", "data-outcome") == "crisis"
    violations = run_axe(page, axe_source)
    assert not violations, describe(violations)
    assert asked == [] and outside == []


def test_without_a_server_the_box_offers_triage_and_search(page: Page, site: SiteServer) -> None:
    page.context.route("**/api/ask", lambda route: route.fulfill(status=404, body="not found"))
    page.goto(site.url("/search/"))
    page.wait_for_selector("#ask-form[data-ready='true']", timeout=15000)
    ask(page, "I feel hopeless")
    page.wait_for_selector("#ask-result[data-answer='offline']", timeout=15000)
    assert page.locator("#ask-crisis").is_visible()
    assert "/search/?q=" in (page.locator("#ask-result a").first.get_attribute("href") or "")
