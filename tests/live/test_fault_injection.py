"""Fault injection against real processes: the service on loopback in front of a failing stub.

Under steady load, with a share f of upstream calls failing transiently (429/500/503/timeouts) and
R transport retries, a request fails only when all R+1 calls fail: success rate ≈ 1 - f^(R+1).
"""

from __future__ import annotations

import asyncio
from pathlib import Path

import httpx
import pytest

from benchmarks.load import load, seed_body
from benchmarks.procs import service, stub

pytestmark = pytest.mark.live

FAIL_RATE = 0.4
RETRIES = 2
N = 200


def test_success_rate_matches_the_retry_budget(tmp_path: Path) -> None:
    expected = 1 - FAIL_RATE ** (RETRIES + 1)  # 0.936
    env = {
        "LLM_MODE": "tools",
        "LLM_MODEL": "stub",
        "LLM_TRANSPORT_RETRIES": str(RETRIES),
        "LLM_RETRY_BASE_WAIT_S": "0.01",
        "LLM_RETRY_MAX_WAIT_S": "0.05",
        "LLM_RETRY_MAX_RETRY_AFTER_S": "0.05",
        "LLM_TIMEOUT_S": "0.5",
        "SERVICE_REQUEST_BUDGET_S": "10",
        "SERVICE_CACHE_ENABLED": "false",
    }
    with (
        stub(
            fail_rate=FAIL_RATE, faults="429,500,503,timeout", timeout_s=2.0, log=tmp_path / "stub.log"
        ) as up,
        service({**env, "LLM_BASE_URL": up}, log=tmp_path / "service.log") as (url, proc),
    ):
        # The stub answers with seed 000's events, so the service gets seed 000 to check them against.
        result = asyncio.run(asyncio.wait_for(load(f"{url}/v1/extract", seed_body(), N, 16), timeout=120))
        assert proc.poll() is None, "the service crashed"
        assert httpx.get(f"{url}/healthz").status_code == 200
        stats = httpx.get(up.removesuffix("/v1") + "/stats").json()
    transport_errors = {k: v for k, v in result["errors"].items() if not k.isdigit()}
    assert not transport_errors, f"hung or dropped requests: {transport_errors}"
    assert set(result["errors"]) <= {"429", "502", "503", "504"}, result["errors"]
    failed = sum(result["errors"].values())
    success = 1 - failed / N
    # Binomial spread for N=200 around 0.936 is about ±0.017; allow three sigma.
    assert abs(success - expected) <= 0.06, (success, expected, result["errors"])
    assert stats["faults"] > 0.3 * stats["calls"]
