"""The review workspace in headless chromium: sign-off end to end, by mouse and by keyboard
alone, changes marked in the page, foreign requests refused, and axe-core clean in light and
dark. It lives with the other browser tests to share their one chromium; the workspace's own
fixtures are in tests/workspace/conftest.py."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any, Literal

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect
from typer.testing import CliRunner

from mindlex.cli import app
from tests.browser.test_axe import describe, run_axe
from tests.workspace.conftest import TODAY, LiveWorkspace, copy_sample, serve_live

pytestmark = pytest.mark.browser

ARTICLE = "neuroplasticity"
EDIT = (
    "Neuroplasticity is the nervous system's ability",
    "Neuroplasticity is the nervous system's capacity",
)


@pytest.fixture
def live(tmp_path: Path) -> Iterator[LiveWorkspace]:
    yield from serve_live(copy_sample(tmp_path))


@pytest.fixture
def context(browser: Browser) -> Iterator[BrowserContext]:
    ctx = browser.new_context(viewport={"width": 1280, "height": 900})
    yield ctx
    ctx.close()


@pytest.fixture
def page(context: BrowserContext, live: LiveWorkspace) -> Page:
    tab = context.new_page()
    tab.goto(live.login)
    expect(tab.locator("h1")).to_have_text("Review queue")
    return tab


def edit(root: Path) -> None:
    path = root / "articles" / f"{ARTICLE}.md"
    path.write_text(path.read_text(encoding="utf-8").replace(*EDIT, 1), encoding="utf-8")


def state(root: Path) -> str:
    result = CliRunner().invoke(
        app, ["review", "status", str(root), "--format", "json", "--today", TODAY.isoformat()]
    )
    rows: list[dict[str, Any]] = json.loads(result.stdout)["articles"]
    return str(next(r["state"] for r in rows if r["slug"] == ARTICLE))


def ledger(live: LiveWorkspace) -> str:
    return (live.ws.root / "review" / f"{ARTICLE}.json").read_text(encoding="utf-8")


def test_a_reviewer_signs_an_edited_article(page: Page, live: LiveWorkspace) -> None:
    edit(live.ws.root)
    page.goto(live.url("/"))
    page.get_by_role("link", name="Neuroplasticity", exact=True).click()
    expect(page.locator("article.reader del").first).to_have_text("ability")
    expect(page.locator("article.reader ins").first).to_have_text("capacity")
    assert state(live.ws.root) == "changed"
    page.locator("#sign-reviewer").select_option("example-reviewer")
    page.get_by_label("I have reviewed this content").check()
    page.get_by_role("button", name="Sign off this version").click()
    expect(page.get_by_role("status")).to_contain_text("Signed")
    assert state(live.ws.root) == "current"
    expect(page.locator("article.reader ins")).to_have_count(0)


def focused_id(page: Page) -> str:
    return str(page.evaluate("() => document.activeElement.id"))


def tab_to(page: Page, element_id: str, limit: int = 400) -> None:
    for _ in range(limit):
        page.keyboard.press("Tab")
        if focused_id(page) == element_id:
            return
    pytest.fail(f"#{element_id} is not reachable with the Tab key")


def test_keyboard_only_sign_off(page: Page, live: LiveWorkspace) -> None:
    edit(live.ws.root)
    page.goto(live.url(f"/article/{ARTICLE}"))
    tab_to(page, "attest")
    page.keyboard.press("Space")
    assert page.locator("#attest").is_checked()
    tab_to(page, "note")
    page.keyboard.type("Checked from the keyboard")
    page.keyboard.press("Enter")
    expect(page.get_by_role("status")).to_contain_text("Signed")
    assert state(live.ws.root) == "current"
    assert "Checked from the keyboard" in ledger(live)


def test_without_the_token_the_workspace_is_closed(browser: Browser, live: LiveWorkspace) -> None:
    ctx = browser.new_context()
    tab = ctx.new_page()
    response = tab.goto(live.url("/"))
    assert response is not None and response.status == 403
    expect(tab.locator("h1")).to_have_text("Not allowed")
    ctx.close()


def test_a_form_from_another_origin_is_refused(page: Page, live: LiveWorkspace) -> None:
    before = ledger(live)
    target = live.url(f"/article/{ARTICLE}/request")
    page.route(
        "http://attacker.test/",
        lambda route: route.fulfill(
            content_type="text/html",
            body=(
                f'<form method="post" action="{target}"><input name="text" value="x">'
                '<input name="reviewer" value="example-reviewer"><button>go</button></form>'
            ),
        ),
    )
    page.goto("http://attacker.test/")
    with page.expect_navigation() as sent:
        page.get_by_role("button", name="go").click()
    response = sent.value
    assert response is not None and response.status == 403
    assert ledger(live) == before


def test_a_wrong_csrf_token_is_refused(page: Page, live: LiveWorkspace) -> None:
    before = ledger(live)
    page.goto(live.url(f"/article/{ARTICLE}"))
    page.evaluate("() => document.querySelector('form.request input[name=csrf]').value = 'x'")
    page.get_by_label("What needs to change").fill("Please cite a newer review.")
    with page.expect_navigation() as sent:
        page.get_by_role("button", name="Save change request").click()
    response = sent.value
    assert response is not None and response.status == 403
    assert ledger(live) == before


PAGES = {
    "queue": "/",
    "article": f"/article/{ARTICLE}",
    "signed": f"/article/{ARTICLE}/signed",
    "dashboard": "/dashboard",
    "refused": f"/article/{ARTICLE}?unused=1",
}


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_every_workspace_page_passes_axe(
    page: Page, live: LiveWorkspace, axe_source: str, scheme: Literal["light", "dark"]
) -> None:
    edit(live.ws.root)
    page.emulate_media(color_scheme=scheme)
    failures = []
    for name, path in PAGES.items():
        page.goto(live.url(path))
        if name == "refused":
            # the page as shown after a refused sign-off: the text changed while reading
            page.get_by_label("I have reviewed this content").check()
            path = live.ws.root / "articles" / f"{ARTICLE}.md"
            path.write_text(path.read_text().replace("system's capacity", "system's power"))
            page.get_by_role("button", name="Sign off this version").click()
            expect(page.get_by_role("alert")).to_contain_text("changed while you were reading")
        violations = run_axe(page, axe_source)
        if violations:
            failures.append(f"{name} ({scheme}):\n{describe(violations)}")
    outsider = page.context.browser.new_context()  # type: ignore[union-attr]
    closed = outsider.new_page()
    closed.emulate_media(color_scheme=scheme)
    closed.goto(live.url("/"))
    violations = run_axe(closed, axe_source)
    if violations:
        failures.append(f"not allowed ({scheme}):\n{describe(violations)}")
    outsider.close()
    assert not failures, "\n".join(failures)
