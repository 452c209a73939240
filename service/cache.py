"""A content-addressed result cache with single-flight, wrapped around a resolving extractor."""

from __future__ import annotations

import asyncio
import hashlib
import json
import time
from pathlib import Path

import diskcache

from schemas.api import ExtractRequest, ExtractResponse
from schemas.events import SCHEMA_VERSION
from service.metrics import Metrics
from service.protocol import Resolved, ResolvingExtractor


def cache_key(request: ExtractRequest, resolved: Resolved) -> str:
    """sha256 of everything that determines the answer: text, date, prompt, model, schema version.

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
            "prompt": resolved.prompt.version,
            "prompt_sha": resolved.prompt_hash,
            "model": resolved.model,
            "schema": SCHEMA_VERSION,
        },
        ensure_ascii=False,
        sort_keys=True,
    )
    return hashlib.sha256(material.encode("utf-8")).hexdigest()


class CachingExtractor:
    """Serves repeated requests from disk (SQLite via diskcache) and merges concurrent duplicates.

    A hit makes no LLM call. Concurrent identical requests share one in-flight extraction
    (single-flight), so a burst of the same article costs one LLM call. Errors are never cached.
    The request is resolved once, by the wrapped extractor; the same resolution names the entry
    and produces the answer.
    """

    def __init__(
        self, inner: ResolvingExtractor, directory: Path, ttl_s: float, metrics: Metrics | None = None
    ):
        """Wrap an extractor.

        Args:
            inner: the extractor that resolves requests and does the work on a miss.
            directory: where the SQLite cache lives.
            ttl_s: how long an entry is served.
            metrics: where hits and misses are counted.
        """
        self.inner = inner
        self.ttl_s = ttl_s
        self._metrics = metrics
        self._cache = diskcache.Cache(str(directory))
        self._inflight: dict[str, asyncio.Future[ExtractResponse]] = {}

    async def ready(self) -> bool:
        """Ready when the wrapped extractor is."""
        return await self.inner.ready()

    def close(self) -> None:
        """Close the SQLite handle."""
        self._cache.close()

    def _count(self, result: str) -> None:
        if self._metrics is not None:
            self._metrics.cache.labels(result=result).inc()

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
        # diskcache is synchronous SQLite: keep it off the event loop.
        stored = await asyncio.to_thread(self._cache.get, key)
        if stored is not None:
            self._count("hit")
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
        pending = self._inflight.get(key)
        if pending is not None:
            self._count("shared")
            shared = await asyncio.shield(pending)
            meta = shared.meta.model_copy(
                update={"request_id": request_id, "source_url": request.source_url, "cached": True}, deep=True
            )
            return shared.model_copy(deep=True, update={"meta": meta})
        self._count("miss")
        future: asyncio.Future[ExtractResponse] = asyncio.get_running_loop().create_future()
        self._inflight[key] = future
        try:
            response = await self.inner.run(request, resolved, request_id)
        except BaseException as e:
            future.set_exception(e)
            future.exception()  # mark retrieved: waiters (if any) re-raise it themselves
            raise
        finally:
            self._inflight.pop(key, None)
        future.set_result(response)
        await asyncio.to_thread(self._cache.set, key, response.model_dump_json(), expire=self.ttl_s)
        return response
