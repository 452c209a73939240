"""Single-flight when the leading request's client disconnects (service.serving.cancellation cancels it)."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from schemas.api import ExtractRequest
from service.serving.cache import CachingExtractor, DiskStore
from tests.unit.service.serving.test_cache import _SlowExtractor


async def test_a_waiter_outlives_a_cancelled_leader(tmp_path: Path) -> None:
    inner = _SlowExtractor()
    cache = CachingExtractor(inner, DiskStore(tmp_path / "c"), 60)
    request = ExtractRequest(text="Ann Lee met Bo Kim in Hanoi.")
    leader = asyncio.create_task(cache.extract(request, "leader"))
    await asyncio.sleep(0.01)  # the leader is extracting
    waiter = asyncio.create_task(cache.extract(request, "waiter"))
    await asyncio.sleep(0.01)  # the waiter shares the leader's flight
    leader.cancel()
    with pytest.raises(asyncio.CancelledError):
        await leader
    answer = await waiter  # not cancelled with the leader: it extracted for itself
    assert answer.meta.request_id == "waiter"
    assert inner.calls == 2
    await cache.aclose()


async def test_a_cancelled_waiter_stays_cancelled(tmp_path: Path) -> None:
    inner = _SlowExtractor()
    cache = CachingExtractor(inner, DiskStore(tmp_path / "c"), 60)
    request = ExtractRequest(text="Ann Lee met Bo Kim in Hanoi.")
    leader = asyncio.create_task(cache.extract(request, "leader"))
    await asyncio.sleep(0.01)
    waiter = asyncio.create_task(cache.extract(request, "waiter"))
    await asyncio.sleep(0.01)
    waiter.cancel()
    with pytest.raises(asyncio.CancelledError):
        await waiter
    assert (await leader).meta.request_id == "leader"
    assert inner.calls == 1
    await cache.aclose()
