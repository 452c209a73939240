"""Caller keys, rate limits, CORS, and the upstream key that never leaks."""

from __future__ import annotations

import logging
from typing import Any

import httpx
import pytest
import respx
from fastapi.testclient import TestClient

from tests.conftest import SECRET_KEY, gold_route, seed_body

STEM = "000_992ab47ca5ee5213"


def test_api_keys_are_required_when_configured(client_factory: Any, llm: respx.MockRouter) -> None:
    client = client_factory(service_api_keys="alpha-key,beta-key")
    gold_route(llm)
    assert client.post("/v1/extract", json=seed_body()).json()["code"] == "unauthorized"
    assert client.post("/v1/extract", json=seed_body(), headers={"X-API-Key": "wrong"}).status_code == 401
    assert client.get("/v1/schema").status_code == 401
    r = client.post("/v1/extract", json=seed_body(), headers={"Authorization": "Bearer beta-key"})
    assert r.status_code == 200
    assert client.post("/v1/extract", json=seed_body(), headers={"X-API-Key": "alpha-key"}).status_code == 200
    assert client.get("/healthz").status_code == 200  # probes stay open


def test_rate_limit_per_key(client_factory: Any, llm: respx.MockRouter) -> None:
    client = client_factory(
        service_api_keys="alpha-key,beta-key", service_rate_limit_per_minute=6, service_rate_limit_burst=2
    )
    gold_route(llm)
    a = {"X-API-Key": "alpha-key"}
    assert [client.get("/v1/prompts", headers=a).status_code for _ in range(3)] == [200, 200, 429]
    r = client.get("/v1/prompts", headers=a)
    assert r.json()["code"] == "rate_limited" and int(r.headers["retry-after"]) >= 1
    assert client.get("/v1/prompts", headers={"X-API-Key": "beta-key"}).status_code == 200  # own bucket


def test_cors_off_by_default_and_configurable(client_factory: Any) -> None:
    pre = {"Origin": "https://app.example", "Access-Control-Request-Method": "POST"}
    off = client_factory()
    assert "access-control-allow-origin" not in off.options("/v1/extract", headers=pre).headers
    on = client_factory(service_cors_origins="https://app.example")
    r = on.options("/v1/extract", headers=pre)
    assert r.headers["access-control-allow-origin"] == "https://app.example"


def test_upstream_key_never_leaks(
    client: TestClient, llm: respx.MockRouter, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    llm.post("/chat/completions").mock(
        side_effect=httpx.Response(401, json={"error": {"message": "bad key"}})
    )
    r = client.post("/v1/extract", json=seed_body())
    assert r.status_code == 502
    sent = llm.calls[0].request.headers["authorization"]
    assert sent == f"Bearer {SECRET_KEY}"  # it is used upstream...
    for text in (
        r.text,
        caplog.text,
        client.get("/metrics").text,
        client.get("/docs").text,
        client.get("/openapi.json").text,
        client.get("/v1/schema").text,
        repr(client.app.state.settings),  # type: ignore[attr-defined]
    ):
        assert SECRET_KEY not in text  # ...and nowhere else
