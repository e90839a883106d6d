"""Browser-test fixtures: the sample site built once, served by the preview app, and chromium.

Missing tools are failures, not skips: `scripts/install-test-deps.sh` installs them all.
"""

from __future__ import annotations

import shutil
import socket
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
import uvicorn
from playwright.sync_api import Browser, BrowserContext, Page, Playwright, sync_playwright

from mindlex.config import load_config
from mindlex.publish.pipeline import BuildOptions, build
from mindlex.server.app import create_app
from mindlex.server.state import ServeState

REPO = Path(__file__).resolve().parents[2]
EXAMPLES = REPO / "examples" / "glossary"
ARTIFACTS = REPO / "test-artifacts"
CHROMIUM = Path("/usr/bin/chromium")
AXE = REPO / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
INSTALL_HINT = "run scripts/install-test-deps.sh to install the browser-test tools"

PAGES = {
    "home": "/",
    "a-z": "/a-z/",
    "category": "/categories/neuroscience/",
    "article": "/neuroplasticity/",
    "search": "/search/?q=brain+plasticity",
    "404": "/no-such-page/",
}
"""One page of every type the site has, by name."""


def require(tool: Path | str | None, what: str) -> None:
    """Fail (never skip) when a tool the browser tests need is missing."""
    if tool is None or (isinstance(tool, Path) and not tool.exists()):
        pytest.fail(f"{what} is missing; {INSTALL_HINT}", pytrace=False)


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample glossary built once with drafts published, Pagefind included."""
    out = tmp_path_factory.mktemp("browser") / "site"
    result = build(load_config(EXAMPLES), BuildOptions(out, draft=True, cache=False))
    assert result.written, [d.render() for d in result.errors]
    return out


@dataclass(frozen=True)
class SiteServer:
    origin: str
    root: Path

    def url(self, path: str) -> str:
        return self.origin + path


@pytest.fixture(scope="session")
def site(built_site: Path) -> Iterator[SiteServer]:
    """The built folder behind the preview server's app (static files, 404 page, /api/search)."""
    state = ServeState(site_dir=built_site, root=EXAMPLES)
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    config = uvicorn.Config(
        create_app(state),
        host="127.0.0.1",
        port=port,
        log_level="warning",
        lifespan="off",
        ws="none",
        http="h11",
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, name="browser-site", daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            pytest.fail("the test site server did not start", pytrace=False)
        time.sleep(0.02)
    yield SiteServer(f"http://127.0.0.1:{port}", built_site)
    server.should_exit = True
    thread.join(timeout=5)


@pytest.fixture(scope="session")
def playwright_instance() -> Iterator[Playwright]:
    with sync_playwright() as pw:
        yield pw


@pytest.fixture(scope="session")
def browser(playwright_instance: Playwright) -> Iterator[Browser]:
    require(CHROMIUM, "chromium (/usr/bin/chromium)")
    launched = playwright_instance.chromium.launch(
        executable_path=str(CHROMIUM), args=CHROMIUM_ARGS
    )
    yield launched
    launched.close()


@pytest.fixture
def context(browser: Browser) -> Iterator[BrowserContext]:
    ctx = browser.new_context(viewport={"width": 1280, "height": 900})
    yield ctx
    ctx.close()


@pytest.fixture
def page(context: BrowserContext) -> Page:
    return context.new_page()


@pytest.fixture(scope="session")
def axe_source() -> str:
    require(AXE, f"axe-core ({AXE.relative_to(REPO)}; `npm ci` installs it)")
    return AXE.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def java() -> str:
    found = shutil.which("java")
    require(found, "Java (default-jre-headless), needed by the Nu HTML checker")
    assert found is not None
    return found


@pytest.fixture(scope="session")
def artifacts() -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS


def wait_for_results(page: Page) -> None:
    """Wait until the search page has finished (results, no results or unavailable)."""
    page.wait_for_function(
        "() => { const s = document.getElementById('search-status');"
        " return s && s.dataset.state && s.dataset.state !== 'busy'; }",
        timeout=15000,
    )
