"""The result cache through the API: hits make no LLM call, errors are never cached."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import httpx
import respx

from tests.conftest import completion, gold_as_llm_output, gold_route, seed_body

STEM = "000_992ab47ca5ee5213"


def test_cache_hit_makes_no_llm_call(client_factory: Any, llm: respx.MockRouter, tmp_path: Path) -> None:
    client = client_factory(service_cache_enabled=True, service_cache_dir=tmp_path / "cache")
    route = gold_route(llm)
    first = client.post("/v1/extract", json=seed_body()).json()
    second = client.post("/v1/extract", json=seed_body()).json()
    assert route.call_count == 1
    assert first["meta"]["cached"] is False and second["meta"]["cached"] is True
    assert second["events"] == first["events"]
    assert second["meta"]["request_id"] != first["meta"]["request_id"]
    client.post("/v1/extract", json={**seed_body(), "use_cache": False})
    assert route.call_count == 2
    client.post("/v1/extract", json={**seed_body(), "prompt": "v1"})  # another prompt, another entry
    assert route.call_count == 3
    metrics = client.get("/metrics").text
    assert 'extract_cache_total{result="hit"} 1.0' in metrics


def test_errors_are_not_cached(client_factory: Any, llm: respx.MockRouter, tmp_path: Path) -> None:
    client = client_factory(service_cache_enabled=True, service_cache_dir=tmp_path / "cache")
    route = llm.post("/chat/completions").mock(
        side_effect=[httpx.Response(400, json={"error": {"message": "no"}}), *[_ok_response()] * 2]
    )
    assert client.post("/v1/extract", json=seed_body()).status_code == 502
    assert client.post("/v1/extract", json=seed_body()).status_code == 200
    assert route.call_count == 2


def _ok_response() -> httpx.Response:
    return httpx.Response(200, json=completion(gold_as_llm_output(STEM)))


def test_a_named_model_is_the_one_in_the_cache_key_and_the_response(
    client_factory: Any, llm: respx.MockRouter, tmp_path: Path
) -> None:
    client = client_factory(service_cache_enabled=True, service_cache_dir=tmp_path / "cache")
    route = gold_route(llm)
    named = client.post("/v1/extract", json={**seed_body(), "model": "other"}).json()["meta"]
    assert (named["model"], named["cached"]) == ("other", False)
    assert json.loads(route.calls[0].request.content)["model"] == "other"
    default = client.post("/v1/extract", json=seed_body()).json()["meta"]
    assert (default["model"], default["cached"], route.call_count) == (
        "test-model",
        False,
        2,
    )  # its own entry
    again = client.post("/v1/extract", json={**seed_body(), "model": "other"}).json()["meta"]
    assert (again["model"], again["cached"], route.call_count) == ("other", True, 2)
