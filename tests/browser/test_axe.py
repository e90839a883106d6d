"""axe-core finds no WCAG 2.2 AA violation on any page type, in light or dark mode."""

from __future__ import annotations

from typing import Any, Literal

import pytest
from playwright.sync_api import Page

from tests.browser.conftest import PAGES, SiteServer, wait_for_results

pytestmark = pytest.mark.browser

TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


def run_axe(page: Page, axe_source: str) -> list[dict[str, Any]]:
    page.evaluate(axe_source)
    result: dict[str, Any] = page.evaluate(
        "tags => axe.run(document,"
        " {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})",
        TAGS,
    )
    violations: list[dict[str, Any]] = result["violations"]
    return violations


def describe(violations: list[dict[str, Any]]) -> str:
    lines = []
    for v in violations:
        targets = [" ".join(map(str, n["target"])) for n in v["nodes"][:5]]
        lines.append(f"{v['id']} ({v['impact']}): {v['help']} -> {targets}")
        lines.extend(f"    {n['failureSummary']}" for n in v["nodes"][:2])
    return "\n".join(lines)


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("name", list(PAGES))
def test_no_wcag_violations(
    page: Page, site: SiteServer, axe_source: str, name: str, scheme: Literal["light", "dark"]
) -> None:
    page.emulate_media(color_scheme=scheme)
    page.goto(site.url(PAGES[name]))
    if name == "search":
        wait_for_results(page)
        assert page.locator("#search-results li").count() > 0
    violations = run_axe(page, axe_source)
    assert not violations, f"{name} in {scheme} mode:\n" + describe(violations)


def test_term_preview_open_has_no_violations(page: Page, site: SiteServer, axe_source: str) -> None:
    """With a term preview shown on focus, its colours and role still pass."""
    page.goto(site.url(PAGES["article"]))
    page.locator(".term-link").first.focus()
    assert page.locator(".term-tip").first.is_visible()
    violations = run_axe(page, axe_source)
    assert not violations, describe(violations)


def test_axe_reports_a_planted_violation(page: Page, site: SiteServer, axe_source: str) -> None:
    """The harness itself works: an image without alt text is reported."""
    page.goto(site.url(PAGES["home"]))
    page.evaluate(
        "() => { const img = document.createElement('img'); img.src = 'assets/icon.svg';"
        " document.querySelector('main').appendChild(img); }"
    )
    assert "image-alt" in {v["id"] for v in run_axe(page, axe_source)}
