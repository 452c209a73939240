"""Caller authentication (optional API keys) and per-caller rate limiting."""

from __future__ import annotations

import hashlib
import hmac
import math
import time
from dataclasses import dataclass
from typing import Protocol, runtime_checkable

from fastapi import Request

from service.core.config import Settings
from service.core.errors import RateLimited, Unauthorized


def _presented_key(request: Request) -> str | None:
    auth = request.headers.get("authorization", "")
    if auth[:7].lower() == "bearer ":
        return auth[7:].strip()
    return request.headers.get("x-api-key")


def identify(request: Request, settings: Settings) -> str:
    """Authenticate the caller and name it for rate limiting.

    Args:
        request: the incoming request.
        settings: `service_api_keys` (empty: no authentication).

    Returns:
        A stable caller identity: a short hash of its key, or its address when keys are off.

    Raises:
        Unauthorized: keys are configured and the request carries no valid one.
    """
    keys = settings.service_api_keys
    if not keys:
        return f"ip:{request.client.host if request.client else 'unknown'}"
    presented = _presented_key(request)
    if not presented:
        raise Unauthorized("missing API key (Authorization: Bearer <key> or X-API-Key)")
    given = presented.encode()
    match = False
    for key in keys:
        # Compare against every key, without stopping early, so timing reveals nothing.
        match |= hmac.compare_digest(given, key.get_secret_value().encode())
    if not match:
        raise Unauthorized("invalid API key")
    return "key:" + hashlib.sha256(given).hexdigest()[:12]


@runtime_checkable
class CallerLimiter(Protocol):
    """What the routes need from a rate limiter: take one token for a caller, or refuse."""

    async def take(self, identity: str) -> None: ...


@dataclass
class _Bucket:
    tokens: float
    updated: float


class RateLimiter:
    """Token bucket per caller, in this process: `per_minute` sustained, bursts up to `burst`.

    A bucket left alone long enough to refill completely is indistinguishable from a new one, so
    such idle buckets are evicted (memory stays bounded by the callers of the last few minutes).
    """

    def __init__(self, per_minute: float, burst: int):
        """Build the limiter.

        Args:
            per_minute: tokens returned per minute (must be > 0).
            burst: bucket size: requests a fresh caller may make at once.
        """
        self.rate = per_minute / 60.0
        self.burst = float(burst)
        # Time for an empty bucket to fill up: past it, an idle bucket is a fresh one.
        self.idle_s = self.burst / self.rate if self.rate > 0 else math.inf
        self._buckets: dict[str, _Bucket] = {}
        self._swept = 0.0

    def __len__(self) -> int:
        return len(self._buckets)

    def _evict_idle(self, now: float) -> None:
        # At most one sweep per idle period: amortised O(1) per check.
        if now - self._swept < self.idle_s:
            return
        self._swept = now
        for identity in [k for k, b in self._buckets.items() if now - b.updated >= self.idle_s]:
            del self._buckets[identity]

    def check(self, identity: str, now: float | None = None) -> None:
        """Take one token for `identity`.

        Args:
            identity: the caller.
            now: the monotonic clock (tests pass their own).

        Raises:
            RateLimited: the bucket is empty; `Retry-After` says when a token returns.
        """
        now = time.monotonic() if now is None else now
        self._evict_idle(now)
        bucket = self._buckets.get(identity)
        if bucket is None:
            bucket = self._buckets[identity] = _Bucket(self.burst, now)
        bucket.tokens = min(self.burst, bucket.tokens + (now - bucket.updated) * self.rate)
        bucket.updated = now
        if bucket.tokens >= 1.0:
            bucket.tokens -= 1.0
            return
        raise rate_limited(math.ceil((1.0 - bucket.tokens) / self.rate) if self.rate > 0 else 60)

    async def take(self, identity: str) -> None:
        """`check`, as the `CallerLimiter` protocol's coroutine.

        Raises:
            RateLimited: the bucket is empty.
        """
        self.check(identity)


def rate_limited(wait_s: int) -> RateLimited:
    """The caller's refusal, with `Retry-After` (whole seconds, at least 1)."""
    return RateLimited("too many requests for this caller", headers={"Retry-After": str(max(1, wait_s))})
