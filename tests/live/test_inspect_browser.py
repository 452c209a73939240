"""/inspect in headless Chromium: a result opened against its article shows every span and provenance."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.live.serving import launch, require_chromium, served

pytestmark = pytest.mark.browser

ARTICLE = (
    "OSLO, 4 June - Prime Minister Ann Lee met President Bo Kim in Oslo on Tuesday.\n"
    "They signed an agreement on fisheries."
)


def _span(part: str) -> dict[str, int]:
    start = ARTICLE.index(part)
    return {"start": start, "end": start + len(part)}


def _result() -> dict[str, object]:
    """A /v1/extract response for ARTICLE, as the service writes one (offsets into the article)."""
    evidence = ARTICLE.splitlines()[0]
    outcome = ARTICLE.splitlines()[1]
    return {
        "events": [
            {
                "participants": [
                    {"name": "Ann Lee", "title": "Prime Minister", "country": None},
                    {"name": "Bo Kim", "title": "President", "country": None},
                ],
                "host": None,
                "date": "2025-06-03",
                "date_text": "on Tuesday",
                "location": {"city": "Oslo", "country": None, "venue": None},
                "format": "in_person",
                "status": "occurred",
                "mode": "third_party",
                "topics": [],
                "outcomes": [outcome],
                "provenance": {
                    "participants.0.name": {"origin": "model", "step": None, "span": _span("Ann Lee")},
                    "outcomes.0": {"origin": "article", "step": "outcomes", "span": _span(outcome)},
                },
                "evidence": [{"quote": evidence, **_span(evidence), "match": "exact", "grounded": True}],
            }
        ],
        "meta": {"model": "stub", "prompt_version": "v2", "attempts": 1, "latency_ms": 1.0},
        "warnings": ["outcome 'They signed an agreement on fisheries.'"],
        "notes": [
            {
                "code": "outcome_from_article",
                "step": "outcomes",
                "span": _span(outcome),
                "message": "outcome 'They signed an agreement on fisheries.'",
            }
        ],
    }


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    # The page needs no model: a result is opened, not extracted (nothing listens on port 9).
    with served(
        tmp_path_factory.mktemp("serve"),
        {"LLM_BASE_URL": "http://127.0.0.1:9/v1", "LLM_MODEL": "none"},
        "/healthz",
        60,
    ) as base:
        yield base


def test_a_result_opened_in_inspect_highlights_every_span(server: str, tmp_path: Path) -> None:
    require_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = launch(p)
        page = browser.new_page()
        outside: list[str] = []
        page.on("request", lambda r: outside.append(r.url) if not r.url.startswith(server) else None)
        page.goto(f"{server}/inspect")
        page.fill("#text", ARTICLE)
        page.locator("#input details summary").click()
        page.fill("#result", json.dumps(_result()))
        page.get_by_role("button", name="Open result").click()
        page.locator("#summary").wait_for(timeout=10_000)
        page.screenshot(path=str(tmp_path / "inspect.png"), full_page=True)

        def marked(kind: str) -> list[str]:
            return [m.inner_text() for m in page.locator(f"#article mark.{kind}").all()]

        assert "Ann Lee" in marked("participant") and "Bo Kim" in marked("participant")
        assert "on Tuesday" in marked("date")
        assert "Oslo" in marked("place")
        assert "Prime Minister" in marked("title")
        # The outcome sentence is marked (as an outcome or by the note that quoted it).
        assert any("agreement on fisheries" in t for t in marked("outcome") + marked("note"))
        # The evidence sentence is highlighted around the names inside it.
        assert any("met" in t for t in marked("evidence"))
        fields = page.locator("#events").inner_text()
        assert "Event 1: Ann Lee · Bo Kim" in fields
        assert "cited by the model, found at 0–" in fields
        assert "outcome_from_article" in fields
        # The service's provenance where the response has it, the page's own reading elsewhere.
        assert "article by step outcomes at 79–117" in fields
        assert "model at 30–37" in fields
        assert "set by step outcomes" not in fields
        assert page.locator("#prompt option").count() >= 1  # the versions come from this service
        browser.close()
    assert outside == []  # offline: nothing requested from anywhere else
