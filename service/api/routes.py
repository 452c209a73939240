"""HTTP routes. They see the `Extractor` protocol and typed dependencies only (service.api.deps)."""

from __future__ import annotations

import asyncio
import dataclasses
from typing import Annotated

from fastapi import APIRouter, Body, Depends, Request
from fastapi.responses import JSONResponse

from schemas.api import (
    EXAMPLE_ARTICLE,
    BatchItem,
    BatchItemResult,
    BatchRequest,
    BatchResponse,
    ExtractRequest,
    ExtractResponse,
    InvalidItem,
    PromptInfo,
    PromptList,
)
from schemas.events import SCHEMA_VERSION, MeetingEvent
from service.api.deps import (
    CallerDep,
    ExtractorDep,
    GateDep,
    MetricsDep,
    ModelHealthDep,
    PromptsDep,
    RateLimiterDep,
    SettingsDep,
    guard_caller,
)
from service.core.errors import (
    DOCUMENTED,
    InputInvalid,
    RateLimited,
    ServiceError,
    Unauthorized,
    UpstreamUnavailable,
    error_body,
    error_response,
    openapi_responses,
)
from service.core.metrics import Metrics
from service.serving.admission import patient_admission
from service.serving.cancellation import cancel_on_disconnect
from service.serving.security import CallerLimiter

router = APIRouter()
v1 = APIRouter(
    prefix="/v1",
    dependencies=[Depends(guard_caller)],
    responses=openapi_responses(Unauthorized, RateLimited),
)
_EXTRACT_ERRORS = openapi_responses(*DOCUMENTED)


def record(request: Request, metrics: Metrics, response: ExtractResponse, access_log: bool = True) -> None:
    """Count an extraction (and its notes, by code and step) in the metrics and hand its meta to the
    access log."""
    meta = response.meta
    metrics.outcomes.labels(outcome="cached" if meta.cached else "ok").inc()
    if not meta.cached:
        for note in response.notes:
            metrics.notes.labels(code=note.code, step=note.step).inc()
        metrics.attempts.observe(meta.attempts)
        metrics.transport_attempts.observe(meta.transport_attempts)
        metrics.dropped_events.inc(meta.dropped_events)
        metrics.tokens.labels(kind="prompt").inc(meta.usage.prompt_tokens)
        metrics.tokens.labels(kind="completion").inc(meta.usage.completion_tokens)
    if access_log:
        request.state.extract_meta = meta


@v1.post(
    "/extract",
    operation_id="extract",
    response_model=ExtractResponse,
    responses=_EXTRACT_ERRORS,
    tags=["extraction"],
    summary="Extract meeting events from one article",
)
async def extract(
    request: Request,
    extractor: ExtractorDep,
    metrics: MetricsDep,
    body: Annotated[
        ExtractRequest,
        Body(
            openapi_examples={
                "meeting": {
                    "summary": "A short meeting article",
                    "value": {"text": EXAMPLE_ARTICLE, "published": "2025-03-06"},
                }
            }
        ),
    ],
) -> ExtractResponse:
    """Extract the meeting events of one news article as grounded, validated JSON."""
    response = await cancel_on_disconnect(request, extractor.extract(body, request.state.request_id))
    record(request, metrics, response)
    return response


@v1.post(
    "/extract/batch",
    operation_id="extract_batch",
    response_model=BatchResponse,
    responses=_EXTRACT_ERRORS,
    tags=["extraction"],
    summary="Extract meeting events from many articles",
)
async def extract_batch(
    request: Request,
    extractor: ExtractorDep,
    settings: SettingsDep,
    metrics: MetricsDep,
    body: BatchRequest,
    gate: GateDep,
    caller: CallerDep,
    limiter: RateLimiterDep,
) -> BatchResponse:
    """Extract events from many articles concurrently; one result or error per item, in order."""
    # More concurrent items than the in-flight bound would only queue inside the gate.
    concurrency = settings.service_batch_concurrency
    limit = asyncio.Semaphore(min(concurrency, gate.limit) if gate is not None else concurrency)
    base_id: str = request.state.request_id
    refused = await _refusals(body.items, caller, limiter)

    async def one(index: int, item: BatchItem) -> BatchItemResult:
        item_id = f"{base_id}-{index}"
        refusal = refused.get(index)
        if refusal is not None or not isinstance(item, ExtractRequest):
            error = refusal or InputInvalid("batch item is invalid")
            metrics.outcomes.labels(outcome=error.code).inc()
            return BatchItemResult(
                index=index, status="error", http_status=error.status, error=error_body(error, item_id)
            )
        async with limit:
            try:
                result = await extractor.extract(item, item_id)
                record(request, metrics, result, access_log=False)
            except ServiceError as e:
                metrics.outcomes.labels(outcome=e.code).inc()
                return BatchItemResult(
                    index=index, status="error", http_status=e.status, error=error_body(e, item_id)
                )
        return BatchItemResult(index=index, status="ok", http_status=200, result=result)

    # The batch was admitted as a whole: its items queue for an in-flight slot rather than being
    # refused one by one; a client that disconnects cancels the items still running.
    with patient_admission():
        work = asyncio.gather(*(one(i, item) for i, item in enumerate(body.items)))
        results = await cancel_on_disconnect(request, work)
    return BatchResponse(results=list(results))


async def _refusals(
    items: list[BatchItem], caller: str, limiter: CallerLimiter | None
) -> dict[int, ServiceError]:
    """The batch items that will not run: invalid ones, and those beyond the caller's rate limit.

    Every valid item costs one rate-limit token, like a request of its own; the request itself
    paid for the first one (in `guard_caller`). Items are charged in order, before any runs.
    """
    refused: dict[int, ServiceError] = {}
    first = True
    for index, item in enumerate(items):
        if isinstance(item, InvalidItem):
            refused[index] = InputInvalid("batch item is invalid", errors=item.errors)
            continue
        if first:
            first = False
            continue
        if limiter is not None:
            try:
                await limiter.take(caller)
            except RateLimited as e:
                refused[index] = e
    return refused


@v1.get("/schema", operation_id="schema", tags=["reference"], summary="JSON Schema of the response")
async def schema() -> JSONResponse:
    """The versioned JSON Schema of the extract response and of one meeting event."""
    return JSONResponse(
        {
            "schema_version": SCHEMA_VERSION,
            "response": ExtractResponse.model_json_schema(),
            "event": MeetingEvent.model_json_schema(),
        }
    )


@v1.get(
    "/prompts",
    operation_id="prompts",
    response_model=PromptList,
    tags=["reference"],
    summary="Available prompt versions",
)
async def prompts(registry: PromptsDep) -> PromptList:
    """The prompt versions a request may choose, and which one is the default."""
    return PromptList(
        prompts=[
            PromptInfo(
                name=p.name,
                version=p.version,
                description=p.description,
                default=p.version == registry.default,
                examples=len(p.examples),
                citations=p.citations,
                derived=list(p.derived),
            )
            for p in registry.all()
        ]
    )


@router.get("/healthz", operation_id="healthz", tags=["ops"], summary="Liveness")
async def healthz(model: ModelHealthDep) -> JSONResponse:
    """The process is alive; with the embedded model, its state (503 when restarts keep failing)."""
    if model is None:
        return JSONResponse({"status": "ok"})
    body = {"status": "ok" if model.healthy else "unhealthy", "model": dataclasses.asdict(model)}
    return JSONResponse(body, status_code=200 if model.healthy else 503)


@router.get(
    "/readyz",
    operation_id="readyz",
    tags=["ops"],
    summary="Readiness",
    responses=openapi_responses(UpstreamUnavailable),
)
async def readyz(request: Request, extractor: ExtractorDep) -> JSONResponse:
    """The upstream LLM answers."""
    if await extractor.ready():
        return JSONResponse({"status": "ready"})
    return error_response(UpstreamUnavailable("the LLM does not answer"), request.state.request_id)


router.include_router(v1)
