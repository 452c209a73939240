"""The extraction pipeline: prompt -> instructor (validate, re-ask) -> ground and normalise -> response."""

from __future__ import annotations

import asyncio
import json
import logging
import time
from typing import Any, Protocol

import openai
from instructor.core.exceptions import IncompleteOutputException, InstructorRetryException
from instructor.core.hooks import Hooks
from pydantic import ValidationError

from schemas.api import ExtractRequest, ExtractResponse, Meta, Usage
from schemas.events import MeetingEvent
from schemas.extraction import ArticleContext, LLMExtraction, validating_against
from service.chunking import Chunk, split_text
from service.config import Settings
from service.errors import (
    EmptyResponse,
    InputTooLarge,
    InvalidOutput,
    Refused,
    ServiceError,
    TruncatedOutput,
    UpstreamError,
    UpstreamRateLimited,
    UpstreamTimeout,
    UpstreamUnavailable,
)
from service.llm import InstructorExtraction, LLMClients, request_extras
from service.normalize import merge_events, to_meeting_event
from service.prompts import PromptRegistry
from service.transport import BudgetExhausted, EmptyCompletion, ModelRefusal, begin_request

log = logging.getLogger("service.extractor")


class Extractor(Protocol):
    """What the routes need from the pipeline."""

    async def extract(self, request: ExtractRequest, request_id: str) -> ExtractResponse: ...

    async def ready(self) -> bool: ...


class _ChunkResult:
    def __init__(self, extraction: LLMExtraction, attempts: int, usage: Usage):
        self.extraction = extraction
        self.attempts = attempts
        self.usage = usage


def _usage_of(obj: Any) -> Usage:
    if obj is None:
        return Usage()
    return Usage(
        prompt_tokens=int(getattr(obj, "prompt_tokens", 0) or 0),
        completion_tokens=int(getattr(obj, "completion_tokens", 0) or 0),
        total_tokens=int(getattr(obj, "total_tokens", 0) or 0),
    )


def _raw_output(completion: Any) -> str | None:
    """The text a completion carried (content, or tool-call arguments), for the logs."""
    try:
        message = completion.choices[0].message
    except (AttributeError, IndexError, TypeError):
        return None
    if getattr(message, "tool_calls", None):
        return str(message.tool_calls[0].function.arguments)
    return str(message.content) if message.content is not None else None


def validation_summary(exc: BaseException) -> list[dict[str, Any]]:
    """Flatten a validation failure into `{loc, msg}` items a client can read.

    Args:
        exc: the last parse/validation error instructor saw.

    Returns:
        One item per problem (our article checks are split into one item each).
    """
    if isinstance(exc, ValidationError):
        items: list[dict[str, Any]] = []
        for err in exc.errors(include_url=False):
            loc = [str(x) for x in err.get("loc", ())]
            msg = str(err.get("msg", "")).removeprefix("Value error, ")
            for part in msg.split("\n") if not loc else [msg]:
                items.append({"loc": loc, "msg": part})
        return items
    return [{"loc": [], "msg": str(exc)[:500]}]


def map_upstream_error(exc: BaseException) -> ServiceError:
    """Translate an openai SDK error into the service's error type (never leaking the API key).

    Args:
        exc: what the openai client raised.

    Returns:
        The service error to raise (`from exc`).
    """
    if isinstance(exc, BudgetExhausted | TimeoutError):
        return UpstreamTimeout("the request ran out of its time budget waiting for the LLM")
    if isinstance(exc, EmptyCompletion):
        return EmptyResponse("the LLM returned an empty answer (no choices)")
    if isinstance(exc, ModelRefusal):
        return Refused(f"the model refused to answer: {exc.refusal[:200]}")
    if isinstance(exc, openai.APITimeoutError):
        return UpstreamTimeout("the LLM did not answer in time")
    if isinstance(exc, openai.APIConnectionError):
        return UpstreamUnavailable("cannot reach the LLM")
    if isinstance(exc, openai.APIStatusError):
        # Pass the upstream's own back-off hint on to our caller.
        retry_after = exc.response.headers.get("retry-after")
        headers = {"Retry-After": retry_after} if retry_after else {}
        if exc.status_code == 429:
            return UpstreamRateLimited("the LLM is rate-limiting requests; retry later", headers=headers)
        if exc.status_code == 503:
            return UpstreamUnavailable("the LLM is unavailable; retry later", headers=headers)
        return UpstreamError(f"the LLM answered HTTP {exc.status_code}")
    if isinstance(exc, json.JSONDecodeError | ValidationError):
        return InvalidOutput("the LLM's output was invalid", errors=validation_summary(exc))
    return UpstreamError(f"unexpected upstream failure: {type(exc).__name__}")


class LLMExtractor:
    """The production extractor: one instance per app, sharing the injected clients."""

    def __init__(self, clients: LLMClients, prompts: PromptRegistry, settings: Settings):
        self.clients = clients
        self.prompts = prompts
        self.settings = settings

    async def ready(self) -> bool:
        """True when the upstream lists models (a cheap call that proves it answers)."""
        try:
            await self.clients.openai.with_options(max_retries=0, timeout=5.0).models.list()
        except openai.OpenAIError:
            return False
        return True

    async def extract(self, request: ExtractRequest, request_id: str) -> ExtractResponse:
        """Extract, validate, ground and normalise the meeting events of one article.

        Args:
            request: the article and options.
            request_id: for the logs and the response's meta.

        Returns:
            The response body.

        Raises:
            ServiceError: a subclass naming the failure (upstream, invalid output, input too large).
        """
        started = time.perf_counter()
        budget = self.settings.service_request_budget_s
        stats = begin_request(budget)
        try:
            async with asyncio.timeout(budget):
                response = await self._extract(request, request_id, started)
        except TimeoutError as e:
            raise map_upstream_error(e) from e
        response.meta.transport_attempts = stats.http_calls
        response.meta.transport_waits_s = round(sum(stats.waits), 3)
        return response

    async def _extract(self, request: ExtractRequest, request_id: str, started: float) -> ExtractResponse:
        if len(request.text) > self.settings.service_max_text_chars:
            limit = self.settings.service_max_text_chars
            raise InputTooLarge(f"text has {len(request.text)} characters; the limit is {limit}")
        prompt = self.prompts.get(request.prompt)
        model = request.model or self.clients.model
        article = ArticleContext(request.text, request.published)
        chunks = split_text(
            request.text, self.settings.service_chunk_chars, self.settings.service_chunk_overlap_chars
        )
        results: list[_ChunkResult] = []
        for chunk in chunks:
            # Sequential on purpose: one upstream serves chunks no faster in parallel on small
            # hosts, and a failure stops the remaining calls.
            results.append(await self._extract_chunk(chunk, request, prompt.version, model, request_id))

        warnings: list[str] = []
        events: list[MeetingEvent] = []
        for res in results:
            for ev in res.extraction.events:
                events.append(to_meeting_event(ev, article, warnings))
        merged = merge_events(events)
        usage = sum((r.usage for r in results), Usage())
        meta = Meta(
            request_id=request_id,
            model=model,
            prompt_version=prompt.version,
            attempts=sum(r.attempts for r in results),
            chunks=len(chunks),
            usage=usage,
            latency_ms=round((time.perf_counter() - started) * 1000, 2),
        )
        log.debug(  # the access log already carries these at INFO
            "extracted",
            extra={
                "request_id": request_id,
                "events": len(merged),
                "attempts": meta.attempts,
                "total_tokens": usage.total_tokens,
                "latency_ms": meta.latency_ms,
            },
        )
        return ExtractResponse(events=merged, meta=meta, warnings=list(dict.fromkeys(warnings)))

    async def _extract_chunk(
        self,
        chunk: Chunk,
        request: ExtractRequest,
        prompt_version: str,
        model: str,
        request_id: str,
    ) -> _ChunkResult:
        prompt = self.prompts.get(prompt_version)
        messages = prompt.render(chunk.text, request.published)
        context = ArticleContext(chunk.text, request.published, instructions=messages[0]["content"])
        attempts = 0

        def count(*_: Any, **__: Any) -> None:
            nonlocal attempts
            attempts += 1

        hooks = Hooks()
        hooks.on("completion:kwargs", count)
        s = self.settings
        kwargs: dict[str, Any] = {
            "model": model,
            "messages": messages,
            "temperature": s.llm_temperature,
            "max_tokens": s.llm_max_tokens,
            **request_extras(self.clients.mode, chunk.text, s.llm_grounded_grammar),
        }
        if s.llm_seed is not None:
            kwargs["seed"] = s.llm_seed
        try:
            # No `context=` for instructor: it would render the messages (the article!) as Jinja.
            with validating_against(context):
                parsed, completion = await self.clients.instructor.chat.completions.create_with_completion(
                    response_model=InstructorExtraction,
                    max_retries=s.llm_max_retries,
                    hooks=hooks,
                    **kwargs,
                )
        except IncompleteOutputException as e:
            raise TruncatedOutput(f"the LLM's output was cut off at max_tokens={s.llm_max_tokens}") from e
        except InstructorRetryException as e:
            cause = e.__cause__ or e
            if isinstance(cause, IncompleteOutputException):
                raise TruncatedOutput(f"the LLM's output was cut off at max_tokens={s.llm_max_tokens}") from e
            if isinstance(cause, ValidationError | json.JSONDecodeError):
                errors = validation_summary(cause)
                log.warning(
                    "invalid output after %d attempts",
                    e.n_attempts,
                    extra={
                        "request_id": request_id,
                        "errors": errors,
                        "raw_output": _raw_output(e.last_completion),
                    },
                )
                raise InvalidOutput(
                    f"the LLM's output failed validation after {e.n_attempts} attempts: "
                    + "; ".join(item["msg"] for item in errors[:5]),
                    errors=errors,
                ) from e
            raise map_upstream_error(cause) from e
        except (openai.OpenAIError, BudgetExhausted, EmptyCompletion, ModelRefusal) as e:
            raise map_upstream_error(e) from e
        total = getattr(parsed, "_total_usage", None) or getattr(completion, "usage", None)
        return _ChunkResult(parsed, max(attempts, 1), _usage_of(total))
