"""Metrics and the structured access log."""

from __future__ import annotations

import json
import logging

import pytest
import respx
from fastapi.testclient import TestClient

from service.core.logs import JsonFormatter
from tests.conftest import gold_route, seed_body

STEM = "000_992ab47ca5ee5213"


def test_metrics_and_structured_access_log(
    client: TestClient, llm: respx.MockRouter, caplog: pytest.LogCaptureFixture
) -> None:
    gold_route(llm)
    caplog.set_level(logging.INFO, logger="service.access")
    r = client.post(
        "/v1/extract",
        json={**seed_body(), "source_url": "https://news.example/a/1"},
        headers={"X-Request-ID": "req-42"},
    )
    assert r.json()["meta"]["source_url"] == "https://news.example/a/1"
    assert r.headers["x-request-id"] == "req-42"
    [record] = [rec for rec in caplog.records if rec.name == "service.access"]
    line = json.loads(JsonFormatter().format(record))
    assert line["request_id"] == "req-42" and line["status"] == 200 and line["path"] == "/v1/extract"
    assert line["attempts"] == 1 and line["total_tokens"] == 120 and line["cached"] is False
    assert line["latency_ms"] >= 0 and line["outcome"] == "ok"
    assert line["source_url"] == "https://news.example/a/1"
    metrics = client.get("/metrics").text
    assert 'handler="/v1/extract"' in metrics
    assert "llm_call_seconds_bucket" in metrics
    assert 'llm_tokens_total{kind="prompt"} 100.0' in metrics
    assert "extract_attempts_count 1.0" in metrics
