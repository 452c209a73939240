"""Canned model answers for the API tests that drive one extraction through the pipeline."""

from __future__ import annotations

from typing import Any

import httpx
import respx

from tests.conftest import completion


def answer_event(
    names: list[str], evidence: str, countries: list[str | None] | None = None, status: str = "occurred"
) -> dict[str, Any]:
    """One event as the model answers it: the people (with a country each, if given), one cited
    sentence, an in-person meeting with nothing else filled."""
    return {
        "evidence": [evidence],
        "participants": [
            {"name": n, "title": None, "country": c}
            for n, c in zip(names, countries or [None] * len(names), strict=True)
        ],
        "date_text": None,
        "location": {"city": None, "country": None, "venue": None},
        "format": "in_person",
        "status": status,
        "topics": [],
        "outcomes": [],
    }


def extract_answered(
    client_factory: Any,
    llm: respx.MockRouter,
    text: str,
    answer: dict[str, Any],
    published: str,
    **env: Any,
) -> Any:
    """POST /v1/extract with the upstream answering `answer` once; the response body (asserted 200)."""
    client = client_factory(llm_max_retries=0, **env)
    llm.post("/chat/completions").mock(side_effect=[httpx.Response(200, json=completion(answer))])
    r = client.post("/v1/extract", json={"text": text, "published": published})
    assert r.status_code == 200, r.text
    return r.json()
