"""service.serving.cache: the key, single-flight, expiry, and meta copied (never mutated) on a hit."""

from __future__ import annotations

import asyncio
import datetime as dt
from pathlib import Path

from schemas.api import ExtractRequest, ExtractResponse, Meta
from service.pipeline.prompts import PromptSpec
from service.pipeline.protocol import Resolved
from service.serving.cache import CachingExtractor, DiskStore, cache_key

SPEC = PromptSpec(name="meeting_events", version="v1", description="d", system="s", user="{{ text }}")


class _SlowExtractor:
    """Resolves like the real one (model from the request, else "default") and answers slowly."""

    def __init__(self) -> None:
        self.calls = 0

    async def ready(self) -> bool:
        return True

    def resolve(self, request: ExtractRequest) -> Resolved:
        return Resolved(SPEC, "hash", request.model or "default")

    async def extract(self, request: ExtractRequest, request_id: str) -> ExtractResponse:
        return await self.run(request, self.resolve(request), request_id)

    async def run(self, request: ExtractRequest, resolved: Resolved, request_id: str) -> ExtractResponse:
        self.calls += 1
        await asyncio.sleep(0.05)
        meta = Meta(
            request_id=request_id,
            model=resolved.model,
            prompt_version=resolved.prompt.version,
            attempts=1,
            latency_ms=50,
            source_url=request.source_url,
        )
        return ExtractResponse(events=[], meta=meta)


def test_cache_key_covers_what_determines_the_answer() -> None:
    req = ExtractRequest(text="Ann Lee met Bo Kim.", published=dt.date(2025, 1, 2))
    base = cache_key(req, Resolved(SPEC, "hash", "m"))
    assert base == cache_key(
        req.model_copy(update={"source_url": "https://x.example"}), Resolved(SPEC, "hash", "m")
    )
    assert base != cache_key(req, Resolved(SPEC, "hash", "other-model"))
    assert base != cache_key(req, Resolved(SPEC, "other-hash", "m"))
    assert base != cache_key(req.model_copy(update={"published": None}), Resolved(SPEC, "hash", "m"))
    assert base != cache_key(
        req.model_copy(update={"text": "Ann Lee met Bo Kim!"}), Resolved(SPEC, "hash", "m")
    )
    # strict may fail an article a lenient request answers in part.
    assert base != cache_key(req.model_copy(update={"strict": True}), Resolved(SPEC, "hash", "m"))
    # the meeting-cue filter drops events an unfiltered answer keeps.
    assert base != cache_key(req, Resolved(SPEC, "hash", "m", meeting_cues=False))


async def test_single_flight_merges_concurrent_identical_requests(tmp_path: Path) -> None:
    inner = _SlowExtractor()
    cache = CachingExtractor(inner, DiskStore(tmp_path / "c"), 60)
    try:
        req = ExtractRequest(text="Ann Lee met Bo Kim.")
        results = await asyncio.gather(*(cache.extract(req, f"r{i}") for i in range(10)))
        assert inner.calls == 1
        assert sorted(r.meta.request_id for r in results) == sorted(f"r{i}" for i in range(10))
        assert sum(r.meta.cached for r in results) == 9
    finally:
        await cache.aclose()


async def test_cache_entries_expire(tmp_path: Path) -> None:
    inner = _SlowExtractor()
    cache = CachingExtractor(inner, DiskStore(tmp_path / "c"), 0.2)
    try:
        req = ExtractRequest(text="Ann Lee met Bo Kim.")
        await cache.extract(req, "a")
        assert (await cache.extract(req, "b")).meta.cached is True
        await asyncio.sleep(0.3)  # past the TTL
        assert (await cache.extract(req, "c")).meta.cached is False
        assert inner.calls == 2
    finally:
        await cache.aclose()


async def test_a_named_model_names_the_entry_and_the_answer(tmp_path: Path) -> None:
    inner = _SlowExtractor()
    cache = CachingExtractor(inner, DiskStore(tmp_path / "c"), 60)
    try:
        named = ExtractRequest(text="Ann Lee met Bo Kim.", model="other", source_url="https://a.example")
        first = await cache.extract(named, "a")
        assert first.meta.model == "other" and first.meta.cached is False
        assert await cache.store.get(cache_key(named, Resolved(SPEC, "hash", "other"))) is not None
        default = await cache.extract(named.model_copy(update={"model": None}), "b")
        assert default.meta.model == "default" and default.meta.cached is False  # its own entry
        again = await cache.extract(named.model_copy(update={"source_url": "https://b.example"}), "c")
        assert (again.meta.model, again.meta.cached, again.meta.attempts) == ("other", True, 0)
        assert (again.meta.request_id, again.meta.source_url) == ("c", "https://b.example")
        assert (first.meta.request_id, first.meta.cached) == ("a", False)  # the first answer is untouched
        assert inner.calls == 2
    finally:
        await cache.aclose()
