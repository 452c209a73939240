"""Backpressure and cancellation, end to end: the service as a process in front of the stub upstream."""

from __future__ import annotations

import asyncio
import json
import socket
import time
from pathlib import Path
from typing import Any

import httpx

from benchmarks.load import seed_body
from benchmarks.procs import service, stub

BOUND = 2
# Long enough that, even on a loaded machine, the whole burst arrives while the first calls run.
STUB_LATENCY_S = 5.0


def _env(upstream: str, **extra: str) -> dict[str, str]:
    return {
        "LLM_BASE_URL": upstream,
        "LLM_MODE": "tools",
        "LLM_MODEL": "stub",
        "LLM_TRANSPORT_RETRIES": "0",
        "SERVICE_CACHE_ENABLED": "false",
        **extra,
    }


def _stats(upstream: str) -> dict[str, int]:
    stats: dict[str, int] = httpx.get(upstream.removesuffix("/v1") + "/stats").json()
    return stats


async def _burst(url: str, n: int) -> list[httpx.Response]:
    body = seed_body()
    limits = httpx.Limits(max_connections=n)
    async with httpx.AsyncClient(timeout=60, limits=limits) as client:
        return await asyncio.gather(*(client.post(f"{url}/v1/extract", json=body) for _ in range(n)))


def test_a_burst_beyond_the_bound_gets_fast_503s_and_the_rest_succeed(tmp_path: Path) -> None:
    env = _env(
        "", SERVICE_MAX_INFLIGHT=str(BOUND), SERVICE_INFLIGHT_WAIT_S="0.2", SERVICE_REQUEST_BUDGET_S="30"
    )
    with stub(latency=STUB_LATENCY_S, log=tmp_path / "stub.log") as upstream:
        env["LLM_BASE_URL"] = upstream
        with service(env, log=tmp_path / "service.log") as (url, proc):
            responses = asyncio.run(_burst(url, 3 * BOUND))
            assert proc.poll() is None
        stats = _stats(upstream)
    statuses = sorted(r.status_code for r in responses)
    assert statuses == [200] * BOUND + [503] * (2 * BOUND), [r.text[:200] for r in responses]
    for r in responses:
        if r.status_code == 503:
            assert r.json()["code"] == "overloaded"
            assert int(r.headers["retry-after"]) >= 1
        else:
            assert r.json()["events"]
    # Only the admitted requests reached the upstream; nothing was queued behind them.
    assert stats["calls"] == BOUND


def test_a_client_that_disconnects_cancels_the_upstream_call(tmp_path: Path) -> None:
    with (
        stub(latency=STUB_LATENCY_S, log=tmp_path / "stub.log") as upstream,
        service(_env(upstream), log=tmp_path / "service.log") as (url, _),
    ):
        # A raw connection, closed only once the upstream has the call in hand: a client-side
        # timeout would race the service on a loaded machine.
        parsed = httpx.URL(url)
        body = json.dumps(seed_body()).encode()
        head = (
            f"POST /v1/extract HTTP/1.1\r\nHost: {parsed.host}\r\ncontent-type: application/json\r\n"
            f"content-length: {len(body)}\r\n\r\n"
        ).encode()
        with socket.create_connection((parsed.host, parsed.port)) as conn:
            conn.sendall(head + body)
            started = _wait_for(upstream, lambda s: s["calls"] >= 1)
            assert started["calls"] == 1 and started["answered"] == 0, started
        stats = _wait_for(upstream, lambda s: s["answered"] + s["abandoned"] >= 1)
        after = httpx.post(f"{url}/v1/extract", json=seed_body(), timeout=30)
    # The stub found its caller (the service) gone when its answer was ready: the call was cancelled.
    assert stats["calls"] == 1 and stats["abandoned"] == 1 and stats["answered"] == 0, stats
    assert after.status_code == 200  # the service is none the worse for it


def _wait_for(upstream: str, done: Any, timeout_s: float = 30.0) -> dict[str, int]:
    deadline = time.monotonic() + timeout_s
    while True:
        stats = _stats(upstream)
        if done(stats) or time.monotonic() > deadline:
            return stats
        time.sleep(0.1)
