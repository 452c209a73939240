"""Transport-level retries (tenacity), separate from instructor's validation re-asks.

Each HTTP call instructor makes goes through `RetryingCreate`: 429, 5xx, connection errors and
timeouts are retried with exponential backoff and jitter (a 429's or 503's `Retry-After` is
honoured), within a per-request time budget; 4xx client errors are not retried. What finally
fails is raised as the service's own error (`service.core.errors`). Counts and waits of the current
request live in a context variable, so concurrent requests never mix them.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import Any

import openai
from tenacity import (
    AsyncRetrying,
    RetryCallState,
    retry_if_exception,
    stop_after_attempt,
    wait_random_exponential,
)

from service.core.errors import (
    EmptyResponse,
    Refused,
    UpstreamTimeout,
    map_upstream_error,
    retry_after_header,
)

RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})


@dataclass
class CallStats:
    """What the transport did for one request."""

    deadline: float | None = None
    http_calls: int = 0
    waits: list[float] = field(default_factory=list)


_STATS: ContextVar[CallStats | None] = ContextVar("transport_stats", default=None)


def begin_request(budget_s: float | None) -> CallStats:
    """Start counting for the current request (call in the request's task).

    Args:
        budget_s: total seconds the request may take, or None for no budget.

    Returns:
        The stats object the transport fills in.
    """
    stats = CallStats(deadline=time.monotonic() + budget_s if budget_s else None)
    _STATS.set(stats)
    return stats


def current_stats() -> CallStats:
    """The current request's stats (a throwaway one outside a request)."""
    stats = _STATS.get()
    if stats is None:
        stats = CallStats()
        _STATS.set(stats)
    return stats


def is_retryable(exc: BaseException) -> bool:
    """Retry transient failures only: never a 400/401/403/404 or a bad answer."""
    if isinstance(exc, openai.APITimeoutError | openai.APIConnectionError):
        return True
    if isinstance(exc, openai.APIStatusError):
        return exc.status_code in RETRY_STATUSES
    return False


def retry_after_seconds(exc: BaseException | None) -> float | None:
    """The upstream's `Retry-After` in seconds (numeric form), if it sent one."""
    value = retry_after_header(exc)
    if value is None:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        return None


# Tests replace this to record waits instead of sleeping.
sleep: Callable[[float], Awaitable[None]] = asyncio.sleep


@dataclass
class RetryPolicy:
    """How transport failures are retried."""

    retries: int = 3
    base_wait_s: float = 0.5
    max_wait_s: float = 8.0
    max_retry_after_s: float = 30.0


class RetryingCreate:
    """Wraps `client.chat.completions.create` with transport retries and answer sanity checks."""

    def __init__(
        self, create: Callable[..., Awaitable[Any]], policy: RetryPolicy, observe: Callable[..., None]
    ):
        self._create = create
        self._policy = policy
        self._observe = observe
        self._jitter = wait_random_exponential(multiplier=policy.base_wait_s, max=policy.max_wait_s)

    def _wait(self, state: RetryCallState) -> float:
        exc = state.outcome.exception() if state.outcome else None
        hinted = retry_after_seconds(exc)
        wait = (
            min(hinted, self._policy.max_retry_after_s) if hinted is not None else float(self._jitter(state))
        )
        stats = current_stats()
        if stats.deadline is not None and time.monotonic() + wait >= stats.deadline:
            # Waiting for another retry would overrun the request's time budget.
            raise UpstreamTimeout("the request ran out of its time budget waiting for the LLM") from exc
        stats.waits.append(wait)
        return wait

    async def _once(self, **kwargs: Any) -> Any:
        stats = current_stats()
        stats.http_calls += 1
        started = time.perf_counter()
        outcome = "ok"
        try:
            response = await self._create(**kwargs)
        except Exception as e:
            outcome = type(e).__name__
            raise
        finally:
            self._observe(time.perf_counter() - started, outcome)
        if not getattr(response, "choices", None):
            raise EmptyResponse("the LLM returned an empty answer (no choices)")
        refusal = getattr(response.choices[0].message, "refusal", None)
        if refusal:
            raise Refused(f"the model refused to answer: {str(refusal)[:200]}")
        return response

    async def __call__(self, *args: Any, **kwargs: Any) -> Any:
        """Call the upstream, retrying transient failures (signature of `create`).

        Raises:
            ServiceError: the failure that remained after the retries (an upstream HTTP error,
                timeout or unreachable host, an empty answer, a refusal, the time budget spent).
        """
        retrying = AsyncRetrying(
            retry=retry_if_exception(is_retryable),
            stop=stop_after_attempt(self._policy.retries + 1),
            wait=self._wait,
            sleep=lambda s: sleep(s),
            reraise=True,
        )
        try:
            async for attempt in retrying:
                with attempt:
                    return await self._once(*args, **kwargs)
        except openai.OpenAIError as e:
            raise map_upstream_error(e) from e
        raise AssertionError("unreachable")  # pragma: no cover
