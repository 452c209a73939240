"""service.serving.shared_state against a real redis-server: shared buckets, single-flight, outages."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Iterator

import pytest

from benchmarks.procs import redis_server
from schemas.api import ExtractRequest
from service.core.errors import RateLimited
from service.core.metrics import Metrics
from service.serving.cache import CachingExtractor
from service.serving.shared_state import RedisRateLimiter, RedisState, RedisStore
from tests.unit.service.serving.test_cache import _SlowExtractor


@pytest.fixture(scope="module")
def redis_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with redis_server(tmp_path_factory.mktemp("redis")) as url:
        yield url


def _dead_url() -> str:
    from service.llm.embedded import free_port

    return f"redis://127.0.0.1:{free_port()}/0"  # nothing listens there


async def test_replicas_share_one_bucket_per_caller(redis_url: str) -> None:
    a, b = RedisState(redis_url, 1.0, 5.0), RedisState(redis_url, 1.0, 5.0)
    try:
        # One token a minute: nothing refills during the test.
        one, other = RedisRateLimiter(a, 1, 3), RedisRateLimiter(b, 1, 3)
        caller = f"key:{time.monotonic_ns()}"
        for limiter in (one, other, one):
            await limiter.take(caller)
        with pytest.raises(RateLimited) as refused:
            await other.take(caller)
        assert 1 <= int(refused.value.headers["Retry-After"]) <= 60
        await one.take(caller + "-someone-else")  # its own bucket
        # The bucket's key expires once it would be full again: idle callers leave nothing behind.
        ttl_ms = await a.client.pttl(f"meeting-extract:rate:{caller}")
        assert 0 < ttl_ms <= 3 * 60_000 + 1000
    finally:
        await a.aclose()
        await b.aclose()


async def test_single_flight_holds_across_replicas(redis_url: str) -> None:
    inners = [_SlowExtractor(), _SlowExtractor()]
    states = [RedisState(redis_url, 1.0, 5.0) for _ in inners]
    caches = [
        CachingExtractor(inner, RedisStore(state, wait_s=10, poll_s=0.01), 60)
        for inner, state in zip(inners, states, strict=True)
    ]
    try:
        req = ExtractRequest(text=f"Ann Lee met Bo Kim ({time.monotonic_ns()}).")
        results = await asyncio.gather(*(caches[i % 2].extract(req, f"r{i}") for i in range(8)))
        assert sum(inner.calls for inner in inners) == 1
        assert sum(not r.meta.cached for r in results) == 1
        assert sorted(r.meta.request_id for r in results) == sorted(f"r{i}" for i in range(8))
        # A later request to either replica is a hit.
        assert (await caches[1].extract(req, "later")).meta.cached is True
    finally:
        for cache in caches:
            await cache.aclose()


async def test_a_failed_holder_lets_a_waiter_compute(redis_url: str) -> None:
    state = RedisState(redis_url, 1.0, 5.0)
    store = RedisStore(state, wait_s=10, lock_ttl_s=0.3, poll_s=0.01)
    try:
        # A lock left by a replica that died: it expires, and the waiter computes itself.
        await state.client.set("meeting-extract:lock:k1", "dead-replica", px=300)
        async with store.flight("k1") as produced:
            assert produced is None
            assert await state.client.get("meeting-extract:lock:k1") != "dead-replica"
        assert await state.client.get("meeting-extract:lock:k1") is None  # released
    finally:
        await state.aclose()


async def test_redis_down_bypasses_and_counts() -> None:
    metrics = Metrics()
    state = RedisState(_dead_url(), 0.5, 60.0, metrics)
    try:
        limiter = RedisRateLimiter(state, 1, 2)
        await limiter.take("k")
        await limiter.take("k")
        with pytest.raises(RateLimited):  # the per-process bucket stood in
            await limiter.take("k")
        inner = _SlowExtractor()
        cache = CachingExtractor(inner, RedisStore(state, wait_s=10), 60, metrics)
        req = ExtractRequest(text="Ann Lee met Bo Kim.")
        first, second = await cache.extract(req, "a"), await cache.extract(req, "b")
        assert (first.meta.cached, second.meta.cached, inner.calls) == (False, False, 2)
        failed = metrics.registry.get_sample_value("shared_state_errors_total", {"op": "rate_limit"})
        assert failed == 1  # then Redis was left alone: no timeout paid per request
        assert metrics.registry.get_sample_value("extract_cache_total", {"result": "miss"}) == 2
    finally:
        await state.aclose()
