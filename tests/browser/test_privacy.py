"""No request leaves the site, and the Content-Security-Policy holds with no inline script."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Page, Request, Route

from tests.browser.conftest import PAGES, SiteServer, wait_for_results

pytestmark = pytest.mark.browser

INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)([^>]*)>", re.IGNORECASE)


def test_no_request_leaves_the_site(page: Page, site: SiteServer) -> None:
    origin = urlsplit(site.origin)
    outside: list[str] = []
    inside: list[str] = []

    def guard(route: Route, request: Request) -> None:
        parts = urlsplit(request.url)
        if parts.scheme in ("data", "blob") or (parts.scheme, parts.netloc) == (
            origin.scheme,
            origin.netloc,
        ):
            inside.append(request.url)
            route.continue_()
        else:
            outside.append(request.url)
            route.abort()

    page.context.route("**/*", guard)
    for name, path in PAGES.items():
        page.goto(site.url(path))
        if name == "search":
            wait_for_results(page)
        page.wait_for_load_state("networkidle")
    assert not outside, f"requests left the site: {outside}"
    assert any("/pagefind/" in url for url in inside), "the search page loaded no Pagefind files"
    assert len(inside) >= len(PAGES) * 3


def test_csp_reports_no_violation_on_any_page(page: Page, site: SiteServer) -> None:
    page.add_init_script(
        "window.__cspViolations = [];"
        "document.addEventListener('securitypolicyviolation',"
        " e => window.__cspViolations.push(e.violatedDirective + ' ' + e.blockedURI));"
    )
    for name, path in PAGES.items():
        page.goto(site.url(path))
        if name == "search":
            wait_for_results(page)
            assert page.locator("#search-results li").count() > 0
        assert page.evaluate("() => window.__cspViolations") == [], name


def test_csp_blocks_an_injected_inline_script(page: Page, site: SiteServer) -> None:
    """The policy is really enforced: script injected into a page does not run."""
    page.goto(site.url(PAGES["article"]))
    ran = page.evaluate(
        "() => new Promise(resolve => {"
        " window.__injected = false;"
        " document.addEventListener('securitypolicyviolation', () => resolve(window.__injected));"
        " const s = document.createElement('script'); s.textContent = 'window.__injected = true';"
        " document.body.appendChild(s); setTimeout(() => resolve(window.__injected), 2000); })"
    )
    assert ran is False


def test_built_pages_have_no_inline_scripts(built_site: Path) -> None:
    """Only JSON-LD data blocks may sit inline; every executable script is a file."""
    pages = sorted(built_site.rglob("*.html"))
    assert pages
    for path in pages:
        for match in INLINE_SCRIPT.finditer(path.read_text(encoding="utf-8")):
            assert 'type="application/ld+json"' in match.group(1), (
                f"{path.relative_to(built_site)} has an inline script: {match.group(0)}"
            )
