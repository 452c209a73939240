"""Load generation shared by the benchmarks and the fault-injection test: bodies, timing, percentiles."""

from __future__ import annotations

import asyncio
import time
from typing import Any

import httpx

from benchmarks.procs import ROOT
from service.cli.articles import read_article

SEED = ROOT / "seeds" / "000_992ab47ca5ee5213.txt"


def seed_body() -> dict[str, Any]:
    """The request body for seed 000 (the article the stub's canned answer belongs to)."""
    text, published = read_article(SEED)
    return {"text": text, "published": published.isoformat() if published else None}


def pct(values: list[float], q: float) -> float:
    """The q-th percentile (0-100), nearest-rank."""
    ordered = sorted(values)
    k = max(0, min(len(ordered) - 1, round(q / 100 * len(ordered)) - 1))
    return ordered[k]


async def _timed(client: httpx.AsyncClient, url: str, body: dict[str, Any]) -> tuple[float, int]:
    t = time.perf_counter()
    r = await client.post(url, json=body)
    return time.perf_counter() - t, r.status_code


async def sequential(url: str, body: dict[str, Any], n: int) -> list[float]:
    """Latencies of n one-at-a-time requests (after 10 warm-up requests)."""
    async with httpx.AsyncClient(timeout=60) as client:
        for _ in range(10):
            await client.post(url, json=body)
        out = []
        for _ in range(n):
            dt, status = await _timed(client, url, body)
            if status != 200:
                raise RuntimeError(f"{url} answered {status}")
            out.append(dt)
        return out


async def load(
    url: str, body: dict[str, Any], n: int, concurrency: int, vary: bool = False
) -> dict[str, Any]:
    """n requests, `concurrency` in flight: wall time, throughput, errors, latencies.

    With `vary`, each request's text gets a distinct last line, so none is a cache hit.
    """
    limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)
    async with httpx.AsyncClient(timeout=120, limits=limits) as client:
        queue = iter(range(n))
        lat: list[float] = []
        errors: dict[str, int] = {}

        async def worker() -> None:
            for i in queue:
                sent = {**body, "text": f"{body['text']}\n\n(request {i})"} if vary else body
                try:
                    dt, status = await _timed(client, url, sent)
                except httpx.HTTPError as e:
                    errors[type(e).__name__] = errors.get(type(e).__name__, 0) + 1
                    continue
                lat.append(dt)
                if status != 200:
                    errors[str(status)] = errors.get(str(status), 0) + 1

        t = time.perf_counter()
        await asyncio.gather(*(worker() for _ in range(concurrency)))
        wall = time.perf_counter() - t
    return {
        "n": n,
        "wall_s": wall,
        "rps": n / wall,
        "errors": errors,
        "p50_ms": pct(lat, 50) * 1000,
        "p99_ms": pct(lat, 99) * 1000,
    }
