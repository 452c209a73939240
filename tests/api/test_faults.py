"""Transport faults scripted with respx side effects: retries, waits (clock patched), final status."""

from __future__ import annotations

from typing import Any

import httpx
import pytest
import respx
from fastapi.testclient import TestClient

from tests.conftest import completion, gold_as_llm_output, seed

STEM = "000_992ab47ca5ee5213"
OK = httpx.Response(200, json=completion(gold_as_llm_output(STEM)))


def _post(client: TestClient) -> httpx.Response:
    text, published = seed(STEM)
    return client.post("/v1/extract", json={"text": text, "published": published})


@pytest.mark.parametrize(
    "fault",
    [
        httpx.Response(500, json={"error": {"message": "boom"}}),
        httpx.Response(502, text="bad gateway"),
        httpx.Response(503, json={"error": {"message": "overloaded"}}),
        httpx.Response(504, text="gateway timeout"),
        httpx.Response(429, json={"error": {"message": "slow down"}}),
        httpx.ConnectError("refused"),
        httpx.ReadTimeout("timed out"),
    ],
)
def test_fail_fail_succeed(
    fault: Any, client_factory: Any, llm: respx.MockRouter, waits: list[float]
) -> None:
    client = client_factory(llm_transport_retries=3, llm_retry_base_wait_s=0.5, llm_retry_max_wait_s=8)
    route = llm.post("/chat/completions").mock(side_effect=[fault, fault, OK])
    r = _post(client)
    assert r.status_code == 200, r.text
    meta = r.json()["meta"]
    assert route.call_count == 3
    assert meta["transport_attempts"] == 3 and meta["attempts"] == 1
    assert len(waits) == 2
    assert 0 <= waits[0] <= 0.5 and 0 <= waits[1] <= 1.0  # jittered exponential: [0, base * 2^n]
    assert meta["transport_waits_s"] == pytest.approx(sum(waits), abs=1e-3)


@pytest.mark.parametrize(
    ("fault", "status", "code"),
    [
        (httpx.Response(500, json={"error": {"message": "boom"}}), 502, "upstream_error"),
        (httpx.Response(503, json={"error": {"message": "down"}}), 503, "upstream_unavailable"),
        (httpx.Response(429, json={"error": {"message": "slow"}}), 429, "upstream_rate_limited"),
        (httpx.ConnectError("refused"), 503, "upstream_unavailable"),
        (httpx.ReadTimeout("timed out"), 504, "upstream_timeout"),
    ],
)
def test_fail_forever(
    fault: Any, status: int, code: str, client_factory: Any, llm: respx.MockRouter, waits: list[float]
) -> None:
    client = client_factory(llm_transport_retries=2)
    route = llm.post("/chat/completions").mock(side_effect=fault)
    r = _post(client)
    assert (r.status_code, r.json()["code"]) == (status, code)
    assert route.call_count == 3  # first try + 2 retries
    assert len(waits) == 2


@pytest.mark.parametrize("status", [400, 401, 403, 404])
def test_client_errors_are_not_retried(
    status: int, client: TestClient, llm: respx.MockRouter, waits: list[float]
) -> None:
    route = llm.post("/chat/completions").mock(
        side_effect=httpx.Response(status, json={"error": {"message": "no"}})
    )
    r = _post(client)
    assert (r.status_code, r.json()["code"]) == (502, "upstream_error")
    assert route.call_count == 1 and waits == []
    assert f"HTTP {status}" in r.json()["detail"]


def test_retry_after_is_honoured(client_factory: Any, llm: respx.MockRouter, waits: list[float]) -> None:
    client = client_factory(llm_transport_retries=3)
    limited = httpx.Response(429, json={"error": {"message": "slow"}}, headers={"retry-after": "2"})
    llm.post("/chat/completions").mock(side_effect=[limited, OK])
    r = _post(client)
    assert r.status_code == 200
    assert waits == [2.0]


def test_time_budget_gives_504(client_factory: Any, llm: respx.MockRouter, waits: list[float]) -> None:
    client = client_factory(llm_transport_retries=5, service_request_budget_s=5)
    limited = httpx.Response(429, json={"error": {"message": "slow"}}, headers={"retry-after": "20"})
    route = llm.post("/chat/completions").mock(side_effect=[limited, OK])
    r = _post(client)
    assert (r.status_code, r.json()["code"]) == (504, "upstream_timeout")
    assert "time budget" in r.json()["detail"]
    assert route.call_count == 1 and waits == []


@pytest.mark.parametrize(
    ("body", "code"),
    [
        ({"choices": []}, "upstream_empty_response"),
        ({"refusal": "I can't help with that."}, "model_refusal"),
    ],
)
def test_empty_and_refused_answers(
    body: dict[str, Any], code: str, client: TestClient, llm: respx.MockRouter
) -> None:
    answer = completion({"events": []})
    if "choices" in body:
        answer["choices"] = []
    else:
        answer["choices"][0]["message"]["refusal"] = body["refusal"]
    llm.post("/chat/completions").mock(return_value=httpx.Response(200, json=answer))
    r = _post(client)
    assert (r.status_code, r.json()["code"]) == (502, code)


def test_malformed_json_then_valid_is_reasked(
    client: TestClient, llm: respx.MockRouter, waits: list[float]
) -> None:
    route = llm.post("/chat/completions").mock(
        side_effect=[httpx.Response(200, json=completion('{"events": [')), OK]
    )
    r = _post(client)
    assert r.status_code == 200
    assert r.json()["meta"]["attempts"] == 2 and route.call_count == 2 and waits == []
