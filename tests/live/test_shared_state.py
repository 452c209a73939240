"""Two real service processes sharing one real redis-server (SERVICE_REDIS_URL), in front of the stub.

Each process has its own cache folder, so whatever they share goes through Redis: results, the
single-flight lock and the per-caller rate limit. Redis going away costs no request.
"""

from __future__ import annotations

import asyncio
import contextlib
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest

from benchmarks.procs import redis_server, service, stub

pytestmark = pytest.mark.live

KEYS = ("k-cache", "k-flight", "k-limit", "k-restart")
BURST = 12


@dataclass
class Replicas:
    urls: list[str]
    upstream: str
    redis_dir: Path
    redis_port: int
    logs: list[Path]

    def upstream_calls(self) -> int:
        calls: int = httpx.get(self.upstream.removesuffix("/v1") + "/stats").json()["calls"]
        return calls


@pytest.fixture(scope="module")
def replicas(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Replicas]:
    tmp = tmp_path_factory.mktemp("shared")
    with contextlib.ExitStack() as stack:
        redis_url = stack.enter_context(redis_server(tmp))
        up = stack.enter_context(stub(latency=1.0, log=tmp / "stub.log"))
        urls, logs = [], []
        for name in ("a", "b"):
            env = {
                "LLM_BASE_URL": up,
                "LLM_MODE": "tools",
                "LLM_MODEL": "stub",
                "LLM_TRANSPORT_RETRIES": "0",
                "SERVICE_REDIS_URL": redis_url,
                "SERVICE_REDIS_RETRY_S": "0.5",
                "SERVICE_CACHE_DIR": str(tmp / f"cache-{name}"),
                "SERVICE_API_KEYS": ",".join(KEYS),
                "SERVICE_RATE_LIMIT_PER_MINUTE": "1",  # nothing refills during the test
                "SERVICE_RATE_LIMIT_BURST": str(BURST),
            }
            logs.append(tmp / f"service-{name}.log")
            url, _ = stack.enter_context(service(env, log=logs[-1]))
            urls.append(url)
        port = int(redis_url.rsplit(":", 1)[1].split("/")[0])
        # The redis_server context stays on the stack; the restart test stops and restarts it itself.
        yield Replicas(urls, up, tmp, port, logs)


def _article(tag: str) -> dict[str, Any]:
    from benchmarks.load import seed_body

    body: dict[str, Any] = seed_body()
    # Same events (the stub answers seed 000's), distinct text: its own cache entry.
    body["text"] = body["text"] + f"\n\n(Reprinted, {tag}.)"
    return body


def _post(url: str, body: dict[str, Any], key: str) -> httpx.Response:
    return httpx.post(f"{url}/v1/extract", json=body, headers={"X-API-Key": key}, timeout=30)


def test_a_result_computed_by_one_replica_is_a_hit_on_the_other(replicas: Replicas) -> None:
    body = _article("hit")
    before = replicas.upstream_calls()
    first = _post(replicas.urls[0], body, "k-cache")
    second = _post(replicas.urls[1], body, "k-cache")
    assert (first.status_code, second.status_code) == (200, 200), (first.text, second.text)
    assert (first.json()["meta"]["cached"], second.json()["meta"]["cached"]) == (False, True)
    assert second.json()["events"] == first.json()["events"]
    assert replicas.upstream_calls() - before == 1
    assert not any((replicas.redis_dir / f"cache-{n}").exists() for n in "ab")  # nothing on disk


def test_concurrent_identical_requests_over_both_replicas_make_one_upstream_call(
    replicas: Replicas,
) -> None:
    body = _article("flight")
    before = replicas.upstream_calls()

    async def burst() -> list[httpx.Response]:
        async with httpx.AsyncClient(timeout=30, headers={"X-API-Key": "k-flight"}) as client:
            return await asyncio.gather(
                *(client.post(f"{replicas.urls[i % 2]}/v1/extract", json=body) for i in range(8))
            )

    responses = asyncio.run(burst())
    assert [r.status_code for r in responses] == [200] * 8
    assert sum(not r.json()["meta"]["cached"] for r in responses) == 1
    assert replicas.upstream_calls() - before == 1


def test_the_rate_limit_holds_across_replicas(replicas: Replicas) -> None:
    statuses = [
        httpx.get(f"{replicas.urls[i % 2]}/v1/prompts", headers={"X-API-Key": "k-limit"}).status_code
        for i in range(BURST + 4)
    ]
    assert statuses == [200] * BURST + [429] * 4


def test_a_redis_restart_costs_no_request(replicas: Replicas) -> None:
    # Stop the fixture's Redis: a second server on the same port stands in for the restarted one.
    stopped = _kill_redis(replicas.redis_port)
    assert stopped
    body = _article("restart")
    before = replicas.upstream_calls()
    during = [_post(replicas.urls[i % 2], body, "k-restart") for i in range(3)]
    assert [r.status_code for r in during] == [200] * 3, [r.text for r in during]
    assert not any(r.json()["meta"]["cached"] for r in during)  # the cache is bypassed
    assert replicas.upstream_calls() - before == 3
    metrics = httpx.get(f"{replicas.urls[0]}/metrics").text
    assert re.search(r'^shared_state_errors_total\{op="[a-z_]+"\} [1-9]', metrics, re.M), metrics
    assert "redis unavailable" in replicas.logs[0].read_text(encoding="utf-8")

    with redis_server(replicas.redis_dir, port=replicas.redis_port):
        asyncio.run(asyncio.sleep(0.6))  # past SERVICE_REDIS_RETRY_S: Redis is tried again
        first = _post(replicas.urls[0], body, "k-restart")
        second = _post(replicas.urls[1], body, "k-restart")
        assert (first.status_code, second.status_code) == (200, 200)
        assert (first.json()["meta"]["cached"], second.json()["meta"]["cached"]) == (False, True)


def _kill_redis(port: int) -> bool:
    """Stop the redis-server listening on `port` (SHUTDOWN NOSAVE: it exits at once)."""
    import redis

    with contextlib.suppress(redis.ConnectionError):
        redis.Redis(port=port).shutdown(nosave=True)
    with contextlib.suppress(redis.ConnectionError):
        redis.Redis(port=port).ping()
        return False
    return True
