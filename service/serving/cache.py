"""A content-addressed result cache with single-flight, wrapped around a resolving extractor.

The results live in a `ResultStore`: SQLite on local disk (`DiskStore`, the default) or Redis
(`service.serving.shared_state.RedisStore`, with `SERVICE_REDIS_URL`), which every replica shares.
"""

from __future__ import annotations

import asyncio
import hashlib
import json
import time
from collections.abc import AsyncIterator
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from pathlib import Path
from typing import Protocol

import diskcache

from schemas.api import ExtractRequest, ExtractResponse
from schemas.events import SCHEMA_VERSION
from service.core.config import Settings
from service.core.metrics import Metrics
from service.pipeline.protocol import Resolved, ResolvingExtractor
from service.serving.cancellation import current_task_cancelling
from service.serving.shared_state import RedisStore, connect


def cache_key(request: ExtractRequest, resolved: Resolved) -> str:
    """sha256 of everything that determines the answer: text, date, strict, prompt, model, schema version.

    Args:
        request: the article and its publication date.
        resolved: the prompt (version and file hash) and model that answer it.

    Returns:
        The hex digest naming the cache entry.
    """
    material = json.dumps(
        {
            "text": request.text,
            "published": request.published.isoformat() if request.published else None,
            "strict": request.strict,
            "prompt": resolved.prompt.version,
            "prompt_sha": resolved.prompt_hash,
            "model": resolved.model,
            "schema": SCHEMA_VERSION,
            "meeting_cues": resolved.meeting_cues,
            "recall_passes": resolved.recall_passes,
            "rule_recall": resolved.rule_recall,
            "skip_steps": list(resolved.skip_steps),
        },
        ensure_ascii=False,
        sort_keys=True,
    )
    return hashlib.sha256(material.encode("utf-8")).hexdigest()


class ResultStore(Protocol):
    """Where cached results live, and how replicas sharing it avoid computing one result twice."""

    async def get(self, key: str) -> str | None: ...

    async def put(self, key: str, value: str, ttl_s: float) -> None: ...

    def flight(self, key: str) -> AbstractAsyncContextManager[str | None]: ...

    async def aclose(self) -> None: ...


class DiskStore:
    """Results in SQLite on local disk (diskcache): shared by the processes of one machine.

    Single-flight holds within a process only (the cache wraps that); processes sharing the folder
    share hits but may compute one article concurrently.
    """

    def __init__(self, directory: Path):
        """Open (or create) the cache folder."""
        self._cache = diskcache.Cache(str(directory))

    async def get(self, key: str) -> str | None:
        """The stored result, or None."""
        # diskcache is synchronous SQLite: keep it off the event loop.
        value = await asyncio.to_thread(self._cache.get, key)
        return value if isinstance(value, str) else None

    async def put(self, key: str, value: str, ttl_s: float) -> None:
        """Store a result for `ttl_s` seconds."""
        await asyncio.to_thread(self._cache.set, key, value, expire=ttl_s)

    @asynccontextmanager
    async def flight(self, key: str) -> AsyncIterator[str | None]:
        """No cross-process single-flight on disk: always compute."""
        yield None

    async def aclose(self) -> None:
        """Close the SQLite handle."""
        self._cache.close()


def open_result_store(settings: Settings, metrics: Metrics | None = None) -> ResultStore:
    """The configured store: Redis when `service_redis_url` is set, else SQLite in `service_cache_dir`.

    Args:
        settings: the cache and Redis settings.
        metrics: where Redis failures are counted.

    Returns:
        The store (the caller closes it).
    """
    state = connect(settings, metrics)
    if state is None:
        return DiskStore(settings.service_cache_dir)
    return RedisStore(state, wait_s=settings.service_request_budget_s)


class CachingExtractor:
    """Serves repeated requests from the result store and merges concurrent duplicates.

    A hit makes no LLM call. Concurrent identical requests share one in-flight extraction
    (single-flight: in this process by a shared future, across replicas by the store's lock), so
    a burst of the same article costs one LLM call. Errors are never cached. The request is
    resolved once, by the wrapped extractor; the same resolution names the entry and produces the
    answer.
    """

    def __init__(
        self, inner: ResolvingExtractor, store: ResultStore, ttl_s: float, metrics: Metrics | None = None
    ):
        """Wrap an extractor.

        Args:
            inner: the extractor that resolves requests and does the work on a miss.
            store: where results live (`DiskStore` or `RedisStore`); closed by `aclose`.
            ttl_s: how long an entry is served.
            metrics: where hits and misses are counted.
        """
        self.inner = inner
        self.ttl_s = ttl_s
        self._metrics = metrics
        self.store = store
        self._inflight: dict[str, asyncio.Future[ExtractResponse]] = {}

    async def ready(self) -> bool:
        """Ready when the wrapped extractor is."""
        return await self.inner.ready()

    async def aclose(self) -> None:
        """Close the store."""
        await self.store.aclose()

    def _count(self, result: str) -> None:
        if self._metrics is not None:
            self._metrics.cache.labels(result=result).inc()

    @staticmethod
    def _as_hit(stored: str, request: ExtractRequest, request_id: str, started: float) -> ExtractResponse:
        response = ExtractResponse.model_validate_json(stored)
        meta = response.meta.model_copy(
            update={
                "request_id": request_id,
                "source_url": request.source_url,
                "cached": True,
                "attempts": 0,
                "transport_attempts": 0,
                "latency_ms": round((time.perf_counter() - started) * 1000, 3),
            }
        )
        return response.model_copy(update={"meta": meta})

    async def extract(self, request: ExtractRequest, request_id: str) -> ExtractResponse:
        """Answer from the cache when possible; otherwise extract once, store, and share.

        Raises:
            ServiceError: whatever the wrapped extractor raises (never cached).
        """
        resolved = self.inner.resolve(request)
        if not request.use_cache:
            self._count("bypass")
            return await self.inner.run(request, resolved, request_id)
        started = time.perf_counter()
        key = cache_key(request, resolved)
        stored = await self.store.get(key)
        if stored is not None:
            self._count("hit")
            return self._as_hit(stored, request, request_id, started)
        pending = self._inflight.get(key)
        if pending is not None:
            self._count("shared")
            try:
                shared = await asyncio.shield(pending)
            except asyncio.CancelledError:
                if current_task_cancelling():
                    raise
                # The leader's client disconnected and its extraction was cancelled
                # (service.serving.cancellation); this request still wants the answer: lead, or share anew.
                return await self.extract(request, request_id)
            meta = shared.meta.model_copy(
                update={"request_id": request_id, "source_url": request.source_url, "cached": True}, deep=True
            )
            return shared.model_copy(deep=True, update={"meta": meta})
        future: asyncio.Future[ExtractResponse] = asyncio.get_running_loop().create_future()
        self._inflight[key] = future
        try:
            async with self.store.flight(key) as produced:
                if produced is not None:
                    # Another replica extracted it while this one waited.
                    self._count("shared")
                    response = self._as_hit(produced, request, request_id, started)
                else:
                    self._count("miss")
                    response = await self.inner.run(request, resolved, request_id)
                    await self.store.put(key, response.model_dump_json(), self.ttl_s)
        except BaseException as e:
            future.set_exception(e)
            future.exception()  # mark retrieved: waiters (if any) re-raise it themselves
            raise
        finally:
            self._inflight.pop(key, None)
        future.set_result(response)
        return response
