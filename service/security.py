"""Caller authentication (optional API keys) and per-caller rate limiting."""

from __future__ import annotations

import hashlib
import hmac
import math
import time
from dataclasses import dataclass

from fastapi import Request

from service.config import Settings
from service.errors import RateLimited, Unauthorized


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


@dataclass
class _Bucket:
    tokens: float
    updated: float


class RateLimiter:
    """Token bucket per caller: `per_minute` sustained, bursts up to `burst`."""

    def __init__(self, per_minute: float, burst: int):
        self.rate = per_minute / 60.0
        self.burst = float(burst)
        self._buckets: dict[str, _Bucket] = {}

    def check(self, identity: str, now: float | None = None) -> None:
        """Take one token for `identity`.

        Raises:
            RateLimited: the bucket is empty; `Retry-After` says when a token returns.
        """
        now = time.monotonic() if now is None else now
        bucket = self._buckets.get(identity)
        if bucket is None:
            bucket = self._buckets[identity] = _Bucket(self.burst, now)
        bucket.tokens = min(self.burst, bucket.tokens + (now - bucket.updated) * self.rate)
        bucket.updated = now
        if bucket.tokens >= 1.0:
            bucket.tokens -= 1.0
            return
        wait = math.ceil((1.0 - bucket.tokens) / self.rate) if self.rate > 0 else 60
        raise RateLimited("too many requests for this caller", headers={"Retry-After": str(wait)})
