"""The peer adapters against a respx-mocked OpenAI chat-completions API."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import httpx
import respx

from evals.cases import Case
from evals.peers import PeerConfig, open_peer
from tests.conftest import LLM_BASE, completion

TEXT = (
    "MOSCOW, May 7. Vladimir Putin held talks with Emomali Rahmon in the Kremlin on Tuesday. "
    "They discussed trade. Putin may visit Dushanbe at a convenient time."
)
CASE = Case("c1", TEXT, dt.date(2024, 5, 7), [], Path("c1.txt"))
CONFIG = PeerConfig(base_url=LLM_BASE, model="peer-model", seed=0, max_tokens=512, max_retries=1)


def _bodies(router: respx.MockRouter) -> list[dict[str, Any]]:
    return [json.loads(call.request.content) for call in router.calls]


async def test_plain_instructor_maps_its_answer_without_the_projects_layers() -> None:
    answer = {
        "events": [
            {
                "evidence": [
                    "Vladimir Putin held talks with Emomali Rahmon in the Kremlin on Tuesday.",
                    "made up",
                ],
                "participants": [
                    {"name": "Vladimir Putin", "title": "President", "country": "Russia"},
                    {"name": "Emomali Rahmon", "country": "Tajikistan"},
                ],
                "date": "Tuesday",  # not ISO: the peer has no date resolution, so it maps to null
                "date_text": "on Tuesday",
                "location": {"city": "Moscow", "country": "Russia", "venue": "Kremlin"},
                "format": "in_person",
                "status": "occurred",
                "mode": "visit",
                "topics": ["trade"],
            },
            {
                "participants": [{"name": "Putin"}, {"name": "Rahmon"}],
                "date": "2024-05-10",
                "status": "planned",
            },
        ]
    }
    with respx.mock(base_url=LLM_BASE) as router:
        router.post("/chat/completions").mock(
            return_value=httpx.Response(200, json=completion(answer, mode="json"))
        )
        events, meta, error = await open_peer("instructor", CONFIG)(CASE)
        [body] = _bodies(router)
    assert error is None and meta is not None
    assert meta["usage"] == {"prompt_tokens": 100, "completion_tokens": 20}
    assert body["model"] == "peer-model" and body["response_format"] == {"type": "json_object"}
    assert body["seed"] == 0 and body["max_tokens"] == 512 and "tools" not in body
    assert "Published: 2024-05-07" in body["messages"][-1]["content"]
    first, second = events
    assert first["date"] is None and first["date_text"] == "on Tuesday"
    assert first["location"] == {"city": "Moscow", "country": "Russia", "venue": "Kremlin"}
    good, bad = first["evidence"]
    assert TEXT[good["start"] : good["end"]] == good["quote"] and good["grounded"]
    assert bad == {"quote": "made up", "start": None, "end": None, "match": None, "grounded": False}
    assert second["date"] == "2024-05-10" and second["status"] == "planned" and second["evidence"] == []
    assert [p["name"] for p in second["participants"]] == ["Putin", "Rahmon"]  # no name restoring


async def test_plain_instructor_reasks_then_reports_a_failure() -> None:
    with respx.mock(base_url=LLM_BASE) as router:
        router.post("/chat/completions").mock(
            return_value=httpx.Response(200, json=completion({"events": [{"status": "maybe"}]}, mode="json"))
        )
        events, _, error = await open_peer("instructor", CONFIG)(CASE)
        calls = len(router.calls)
    assert events == [] and error is not None and error["code"]
    assert calls == 1 + CONFIG.max_retries  # the first try, then instructor's own re-asks
    assert error["code"] == "InstructorRetryException"
    with respx.mock(base_url=LLM_BASE) as router:
        router.post("/chat/completions").mock(return_value=httpx.Response(500, json={"error": "boom"}))
        events, _, error = await open_peer("instructor", CONFIG)(CASE)
    assert events == [] and error is not None and error["code"]


async def test_langextract_extractions_map_to_events() -> None:
    extractions = {
        "extractions": [
            {
                "meeting": "Vladimir Putin held talks with Emomali Rahmon in the Kremlin on Tuesday",
                "meeting_attributes": {
                    "participants": ["Vladimir Putin", "Emomali Rahmon"],
                    "countries": ["Russia", "Tajikistan"],
                    "date": "2024-05-07",
                    "date_text": "on Tuesday",
                    "city": "Moscow",
                    "venue": "Kremlin",
                    "format": "in_person",
                    "status": "occurred",
                    "mode": "summit",  # outside the service's vocabulary: null
                    "topics": ["trade"],
                },
            }
        ]
    }
    with respx.mock(base_url=LLM_BASE) as router:
        router.post("/chat/completions").mock(
            return_value=httpx.Response(200, json=completion(extractions, mode="json"))
        )
        events, meta, error = await open_peer("langextract", CONFIG)(CASE)
        [body] = _bodies(router)
    assert error is None and meta is not None
    assert body["model"] == "peer-model" and body["response_format"] == {"type": "json_object"}
    assert body["temperature"] == 0.0 and body["seed"] == 0 and body["max_tokens"] == 512
    assert "Publication date: 2024-05-07" in body["messages"][-1]["content"]
    [event] = events
    assert event["participants"] == [
        {"name": "Vladimir Putin", "title": None, "country": "Russia"},
        {"name": "Emomali Rahmon", "title": None, "country": "Tajikistan"},
    ]
    assert event["date"] == "2024-05-07" and event["mode"] is None and event["status"] == "occurred"
    assert event["location"] == {"city": "Moscow", "country": None, "venue": "Kremlin"}
    [ev] = event["evidence"]
    assert TEXT[ev["start"] : ev["end"]] == ev["quote"]
    assert ev["quote"] == "Vladimir Putin held talks with Emomali Rahmon in the Kremlin on Tuesday"


async def test_langextract_failure_is_a_scored_error() -> None:
    with respx.mock(base_url=LLM_BASE) as router:
        router.post("/chat/completions").mock(return_value=httpx.Response(400, json={"error": "bad"}))
        events, _, error = await open_peer("langextract", CONFIG)(CASE)
    assert events == [] and error is not None and "InferenceRuntimeError" in error["code"]


async def test_langextract_requests_carry_the_time_left_of_the_case_budget() -> None:
    config = PeerConfig(base_url=LLM_BASE, model="peer-model", max_tokens=512, budget_s=30.0)
    with respx.mock(base_url=LLM_BASE) as router:
        router.post("/chat/completions").mock(
            return_value=httpx.Response(200, json=completion({"extractions": []}, mode="json"))
        )
        events, _, error = await open_peer("langextract", config)(CASE)
        [call] = router.calls
    assert events == [] and error is None
    read_timeout = call.request.extensions["timeout"]["read"]
    assert 0 < read_timeout <= 30.0


async def test_langextract_sends_nothing_once_the_case_budget_is_spent() -> None:
    # The runner cannot cancel the peer's thread, so the thread itself must stop sending chunks.
    config = PeerConfig(base_url=LLM_BASE, model="peer-model", budget_s=0.0)
    with respx.mock(base_url=LLM_BASE, assert_all_called=False) as router:
        route = router.post("/chat/completions").mock(return_value=httpx.Response(500))
        events, _, error = await open_peer("langextract", config)(CASE)
    assert not route.called
    assert events == [] and error is not None and "budget spent" in error["detail"]
