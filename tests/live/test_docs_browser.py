"""The /docs console in headless Chromium: Try it out -> Execute -> 200 with events, on the real model."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.live.serving import launch, require_chromium, served

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    # The cache off, to exercise the model on every run.
    overrides = {"SERVICE_CACHE_ENABLED": "false"}
    with served(tmp_path_factory.mktemp("serve"), overrides, "/readyz", 180) as base:
        yield base


def test_try_it_out_in_swagger_ui(server: str, tmp_path: Path) -> None:
    require_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = launch(p)
        page = browser.new_page()
        page.goto(f"{server}/docs")
        page.locator("#operations-extraction-extract").click()
        page.get_by_role("button", name="Try it out").click()
        page.get_by_role("button", name="Execute").click()
        status = page.locator(".live-responses-table .response .response-col_status").first
        # The real 0.5B model on 2 cores: up to three attempts of ~15 s each, far more when the
        # machine is busy; the wait is for the answer, not a performance bound.
        status.wait_for(timeout=300_000)
        body = page.locator(".live-responses-table .response-col_description pre").first
        body.wait_for(timeout=10_000)
        page.screenshot(path=str(tmp_path / "docs.png"), full_page=True)
        assert status.inner_text().strip().startswith("200"), body.inner_text()[:500]
        text = body.inner_text()
        assert '"participants"' in text and '"prompt_version"' in text
        browser.close()
