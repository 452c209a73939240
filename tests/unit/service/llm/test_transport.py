"""service.llm.transport: RetryingCreate retries transient failures and raises the service's errors."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from types import SimpleNamespace
from typing import Any

import httpx
import openai
import pytest

from service.core.errors import EmptyResponse, Refused, UpstreamError, UpstreamRateLimited, UpstreamTimeout
from service.llm.transport import RetryingCreate, RetryPolicy, begin_request

REQUEST = httpx.Request("POST", "http://llm.test/v1/chat/completions")
OK = SimpleNamespace(choices=[SimpleNamespace(message=SimpleNamespace(refusal=None))])


def _status_error(status: int, headers: dict[str, str] | None = None) -> openai.APIStatusError:
    response = httpx.Response(status, headers=headers or {}, request=REQUEST)
    return openai.APIStatusError("no", response=response, body=None)


def _scripted(*outcomes: Any) -> Callable[..., Awaitable[Any]]:
    """A fake `create` that raises or returns each outcome in turn."""
    queue = list(outcomes)

    async def create(**_: Any) -> Any:
        outcome = queue.pop(0)
        if isinstance(outcome, BaseException):
            raise outcome
        return outcome

    return create


def _retrying(create: Callable[..., Awaitable[Any]], **policy: Any) -> tuple[RetryingCreate, list[str]]:
    observed: list[str] = []
    return RetryingCreate(
        create, RetryPolicy(**policy), lambda _s, outcome: observed.append(outcome)
    ), observed


async def test_transient_failures_are_retried_and_counted(waits: list[float]) -> None:
    create = _scripted(openai.APIConnectionError(request=REQUEST), _status_error(502), OK)
    retrying, observed = _retrying(create, retries=3, base_wait_s=0.5, max_wait_s=8)
    stats = begin_request(None)
    assert await retrying(model="m") is OK
    assert stats.http_calls == 3 and stats.waits == waits and len(waits) == 2
    assert observed == ["APIConnectionError", "APIStatusError", "ok"]


async def test_retry_after_is_honoured_up_to_its_cap(waits: list[float]) -> None:
    create = _scripted(
        _status_error(429, {"retry-after": "2"}), _status_error(503, {"retry-after": "99"}), OK
    )
    retrying, _ = _retrying(create, retries=3, max_retry_after_s=30)
    begin_request(None)
    await retrying()
    assert waits == [2.0, 30.0]


async def test_the_last_failure_is_a_service_error_with_the_hint(waits: list[float]) -> None:
    limited = _status_error(429, {"retry-after": "1"})
    retrying, _ = _retrying(_scripted(limited, limited), retries=1)
    begin_request(None)
    with pytest.raises(UpstreamRateLimited) as caught:
        await retrying()
    assert caught.value.headers == {"Retry-After": "1"}
    assert caught.value.__cause__ is limited


async def test_client_errors_are_not_retried(waits: list[float]) -> None:
    retrying, _ = _retrying(_scripted(_status_error(400), OK), retries=3)
    stats = begin_request(None)
    with pytest.raises(UpstreamError, match="HTTP 400"):
        await retrying()
    assert stats.http_calls == 1 and waits == []


async def test_a_wait_past_the_budget_is_a_timeout(waits: list[float]) -> None:
    retrying, _ = _retrying(_scripted(_status_error(429, {"retry-after": "20"}), OK), retries=3)
    stats = begin_request(5.0)
    with pytest.raises(UpstreamTimeout, match="time budget"):
        await retrying()
    assert stats.http_calls == 1 and waits == []


async def test_empty_and_refused_answers_are_not_retried(waits: list[float]) -> None:
    refusal = SimpleNamespace(choices=[SimpleNamespace(message=SimpleNamespace(refusal="I can't"))])
    for answer, kind in ((SimpleNamespace(choices=[]), EmptyResponse), (refusal, Refused)):
        retrying, _ = _retrying(_scripted(answer, OK), retries=3)
        stats = begin_request(None)
        with pytest.raises(kind):
            await retrying()
        assert stats.http_calls == 1
    assert waits == []
