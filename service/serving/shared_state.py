"""State shared by every replica through Redis (`SERVICE_REDIS_URL`): results, single-flight, rate limits.

Redis is an optimisation and a fence, never a dependency of an answer: when it fails, the caller
falls back (the cache is bypassed, the rate limit is kept in this process), a warning is logged
once per outage, `shared_state_errors_total` counts each failed operation, and Redis is left alone
for `SERVICE_REDIS_RETRY_S` so that a dead server does not cost a timeout on every request.
"""

from __future__ import annotations

import asyncio
import logging
import math
import time
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager, suppress
from typing import Any, TypeVar

import redis.asyncio as aioredis
from redis.asyncio.retry import Retry
from redis.backoff import NoBackoff
from redis.exceptions import RedisError

from service.core.config import Settings
from service.core.metrics import Metrics
from service.serving.security import CallerLimiter, RateLimiter, rate_limited

log = logging.getLogger("service.serving.shared_state")
T = TypeVar("T")
PREFIX = "meeting-extract:"

# A token bucket per caller, updated atomically on the server with the server's clock (replicas'
# clocks may differ). The key expires once the bucket would be full again: idle callers vanish.
_TAKE_TOKEN = """
local rate = tonumber(ARGV[1])
local burst = tonumber(ARGV[2])
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + tonumber(t[2]) / 1000
local state = redis.call('HMGET', KEYS[1], 'tokens', 'ts')
local tokens = tonumber(state[1]) or burst
local ts = tonumber(state[2]) or now
tokens = math.min(burst, tokens + math.max(0, now - ts) * rate)
local wait_ms = 0
if tokens >= 1 then
  tokens = tokens - 1
else
  wait_ms = math.ceil((1 - tokens) / rate)
end
redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'ts', tostring(now))
redis.call('PEXPIRE', KEYS[1], math.ceil((burst - tokens) / rate) + 1000)
return wait_ms
"""
# Release or extend a single-flight lock only while it is still ours (it may have expired and
# been taken by another replica).
_RELEASE = """
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0
"""
_EXTEND = """
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
return 0
"""


class SharedStateDown(Exception):
    """Redis failed (or is being left alone after a failure): the caller falls back."""


class RedisState:
    """One Redis client with short timeouts and a breaker; every operation goes through `call`."""

    def __init__(self, url: str, timeout_s: float, retry_s: float, metrics: Metrics | None = None):
        """Build the client (connections are opened lazily, in the event loop that uses them).

        Args:
            url: `redis://[:password@]host:port/db`.
            timeout_s: connect and command timeout.
            retry_s: after a failure, how long Redis is not tried again.
            metrics: where failed operations are counted.
        """
        # One retry, at once: it reconnects a pooled connection that a Redis restart left stale.
        self.client = aioredis.Redis.from_url(
            url,
            socket_timeout=timeout_s,
            socket_connect_timeout=timeout_s,
            retry=Retry(NoBackoff(), 1),
            decode_responses=True,
        )
        self.retry_s = retry_s
        self._metrics = metrics
        self._down_until = 0.0
        self._down = False

    async def call(self, op: str, action: Callable[[aioredis.Redis], Awaitable[T]]) -> T:
        """Run one Redis operation, or fail fast while Redis is known to be down.

        Args:
            op: a short name for logs and metrics (`get`, `set`, `lock`, `rate_limit`, …).
            action: the operation, given the client.

        Returns:
            What the operation returned.

        Raises:
            SharedStateDown: Redis failed now, or did within the last `retry_s` seconds.
        """
        if self._down and time.monotonic() < self._down_until:
            raise SharedStateDown(f"redis is down; {op} skipped")
        try:
            result = await action(self.client)
        except (RedisError, OSError) as e:
            if self._metrics is not None:
                self._metrics.shared_state_errors.labels(op=op).inc()
            if not self._down:
                log.warning(
                    "redis unavailable: cache bypassed, rate limit kept per process",
                    extra={"op": op, "error": f"{type(e).__name__}: {e}"},
                )
            self._down = True
            self._down_until = time.monotonic() + self.retry_s
            raise SharedStateDown(f"redis failed during {op}: {type(e).__name__}") from e
        if self._down:
            log.warning("redis is back: shared cache and rate limit restored", extra={"op": op})
            self._down = False
        return result

    async def aclose(self) -> None:
        """Close the connection pool."""
        await self.client.aclose()


def connect(settings: Settings, metrics: Metrics | None = None) -> RedisState | None:
    """The shared Redis state, when `service_redis_url` is set.

    Args:
        settings: `service_redis_url`, `service_redis_timeout_s`, `service_redis_retry_s`.
        metrics: where failed operations are counted.

    Returns:
        The client, or None (state stays in this process).
    """
    if settings.service_redis_url is None:
        return None
    return RedisState(
        settings.service_redis_url.get_secret_value(),
        settings.service_redis_timeout_s,
        settings.service_redis_retry_s,
        metrics,
    )


class RedisRateLimiter:
    """The per-caller token bucket on Redis, so N replicas allow one caller its limit once, not N times.

    While Redis is down, this process's own bucket stands in (a limit per replica beats none).
    """

    def __init__(self, state: RedisState, per_minute: float, burst: int):
        """Build the limiter.

        Args:
            state: the Redis client.
            per_minute: tokens returned per minute (> 0).
            burst: bucket size.
        """
        self._state = state
        self._rate_per_ms = per_minute / 60_000.0
        self._burst = burst
        self._script = state.client.register_script(_TAKE_TOKEN)
        self.fallback = RateLimiter(per_minute, burst)

    async def take(self, identity: str) -> None:
        """Take one token for `identity` from its shared bucket.

        Raises:
            RateLimited: the bucket is empty; `Retry-After` says when a token returns.
        """
        key = f"{PREFIX}rate:{identity}"

        async def run(_: aioredis.Redis) -> Any:
            return await self._script(keys=[key], args=[self._rate_per_ms, self._burst])

        try:
            wait_ms = int(await self._state.call("rate_limit", run))
        except SharedStateDown:
            self.fallback.check(identity)
            return
        if wait_ms > 0:
            raise rate_limited(math.ceil(wait_ms / 1000))


class RedisStore:
    """Results on Redis (with their TTL), and a single-flight lock shared by every replica.

    Single-flight: the first replica to miss takes a short-lived lock (`SET NX PX`, renewed while
    it works) and computes; the others poll for its result, and compute themselves when the lock
    disappears without a result (the holder failed or died) or when they have waited `wait_s`.
    """

    def __init__(
        self, state: RedisState, wait_s: float, lock_ttl_s: float = 10.0, poll_s: float = 0.05
    ) -> None:
        """Build the store.

        Args:
            state: the Redis client.
            wait_s: the longest wait on another replica's extraction (the request budget).
            lock_ttl_s: the lock's lifetime; renewed every third of it while the holder works,
                so a crashed holder blocks the others for at most this long.
            poll_s: how often a waiter looks for the result.
        """
        self._state = state
        self.wait_s = wait_s
        self.lock_ttl_ms = int(lock_ttl_s * 1000)
        self.poll_s = poll_s
        self._release = state.client.register_script(_RELEASE)
        self._extend = state.client.register_script(_EXTEND)

    async def get(self, key: str) -> str | None:
        """The stored result, or None (missing, or Redis down)."""
        try:
            value = await self._state.call("get", lambda r: r.get(f"{PREFIX}result:{key}"))
        except SharedStateDown:
            return None
        # decode_responses=True: strings come back as str.
        return value if isinstance(value, str) else None

    async def put(self, key: str, value: str, ttl_s: float) -> None:
        """Store a result for `ttl_s` seconds (dropped silently when Redis is down)."""
        with suppress(SharedStateDown):
            await self._state.call(
                "set", lambda r: r.set(f"{PREFIX}result:{key}", value, px=max(1, int(ttl_s * 1000)))
            )

    @asynccontextmanager
    async def flight(self, key: str) -> AsyncIterator[str | None]:
        """Take part in the cross-replica single-flight for `key`.

        Yields:
            The result another replica produced while this one waited, or None: compute it
            (this replica holds the lock, or Redis is down, or the wait ran out).
        """
        lock = f"{PREFIX}lock:{key}"
        token = uuid.uuid4().hex
        held, found = await self._acquire_or_wait(key, lock, token)
        stop = asyncio.Event()
        renew = asyncio.create_task(self._renew(lock, token, stop)) if held else None
        try:
            yield found
        finally:
            if renew is not None:
                # Stopped between renewals, never cancelled inside one: a redis.asyncio command
                # cancelled in flight can leave its connection hanging, and the unlock below with it.
                stop.set()
                with suppress(asyncio.CancelledError):
                    await renew
            if held:
                with suppress(SharedStateDown):
                    await self._state.call("unlock", lambda r: self._release(keys=[lock], args=[token]))

    async def _acquire_or_wait(self, key: str, lock: str, token: str) -> tuple[bool, str | None]:
        deadline = time.monotonic() + self.wait_s
        try:
            while True:
                took = await self._state.call(
                    "lock", lambda r: r.set(lock, token, nx=True, px=self.lock_ttl_ms)
                )
                # Looked up after the lock attempt too: the holder stores its result and then
                # releases, so a lock just freed usually means the result is there.
                found = await self.get(key)
                if found is not None or took:
                    if took and found is not None:
                        await self._state.call("unlock", lambda r: self._release(keys=[lock], args=[token]))
                        took = False
                    return bool(took), found
                if time.monotonic() >= deadline:
                    log.warning("gave up waiting for another replica's extraction", extra={"key": key[:12]})
                    return False, None
                await asyncio.sleep(self.poll_s)
        except SharedStateDown:
            return False, None

    async def _renew(self, lock: str, token: str, stop: asyncio.Event) -> None:
        interval = self.lock_ttl_ms / 3000
        while True:
            with suppress(TimeoutError):
                await asyncio.wait_for(stop.wait(), interval)
            if stop.is_set():
                return
            with suppress(SharedStateDown):
                await self._state.call(
                    "lock_renew", lambda r: self._extend(keys=[lock], args=[token, self.lock_ttl_ms])
                )

    async def aclose(self) -> None:
        """Close the Redis client."""
        await self._state.aclose()


@asynccontextmanager
async def shared_rate_limiter(
    settings: Settings, metrics: Metrics | None, local: CallerLimiter | None
) -> AsyncIterator[CallerLimiter | None]:
    """The rate limiter to use while the app serves: on Redis when configured, else `local`.

    Args:
        settings: `service_redis_url` and the rate-limit settings.
        metrics: where Redis failures are counted.
        local: the in-process limiter (None: rate limiting is off, and stays off).

    Yields:
        The limiter; a Redis client opened here is closed on exit.
    """
    state = connect(settings, metrics) if local is not None else None
    if state is None:
        yield local
        return
    try:
        yield RedisRateLimiter(
            state, settings.service_rate_limit_per_minute, settings.service_rate_limit_burst
        )
    finally:
        await state.aclose()
