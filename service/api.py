"""HTTP routes. They talk to the `Extractor` interface only; errors are mapped in service.errors."""

from __future__ import annotations

import asyncio
from typing import Annotated, Any

from fastapi import APIRouter, Body, Depends, Request
from fastapi.responses import JSONResponse

from schemas.api import (
    EXAMPLE_ARTICLE,
    BatchItemResult,
    BatchRequest,
    BatchResponse,
    ErrorBody,
    ExtractRequest,
    ExtractResponse,
    Meta,
    PromptInfo,
    PromptList,
)
from schemas.events import SCHEMA_VERSION, MeetingEvent
from service.errors import ServiceError, error_body
from service.extractor import Extractor
from service.metrics import Metrics
from service.prompts import PromptRegistry
from service.security import guard_caller

router = APIRouter()
_CALLER_ERRORS: dict[int | str, dict[str, Any]] = {
    401: {"model": ErrorBody, "description": "Missing or invalid API key (unauthorized)."},
    429: {"model": ErrorBody, "description": "Caller rate-limited (rate_limited)."},
}
v1 = APIRouter(prefix="/v1", dependencies=[Depends(guard_caller)], responses=_CALLER_ERRORS)

_ERRORS: dict[int | str, dict[str, Any]] = {
    status: {"model": ErrorBody, "description": text}
    for status, text in {
        401: "Missing or invalid API key, when keys are configured (unauthorized).",
        413: "Body or text too large (input_too_large).",
        415: "Body is not application/json (unsupported_media_type).",
        422: "Invalid input (invalid_input, unknown_prompt).",
        429: "Caller or upstream LLM rate-limited (rate_limited, upstream_rate_limited).",
        502: "Upstream error or invalid output (upstream_error, invalid_output, output_truncated).",
        503: "Upstream LLM unavailable (upstream_unavailable).",
        504: "Upstream LLM timed out (upstream_timeout).",
    }.items()
}


def record(request: Request, meta: Meta, access_log: bool = True) -> None:
    """Count an extraction in the metrics and hand its meta to the access log."""
    metrics: Metrics = request.app.state.metrics
    metrics.outcomes.labels(outcome="cached" if meta.cached else "ok").inc()
    if not meta.cached:
        metrics.attempts.observe(meta.attempts)
        metrics.transport_attempts.observe(meta.transport_attempts)
        metrics.tokens.labels(kind="prompt").inc(meta.usage.prompt_tokens)
        metrics.tokens.labels(kind="completion").inc(meta.usage.completion_tokens)
    if access_log:
        request.state.extract_meta = meta


def get_extractor(request: Request) -> Extractor:
    """The extractor built by the lifespan."""
    extractor: Extractor = request.app.state.extractor
    return extractor


def get_prompts(request: Request) -> PromptRegistry:
    """The prompt registry built by the lifespan."""
    prompts: PromptRegistry = request.app.state.prompts
    return prompts


ExtractorDep = Annotated[Extractor, Depends(get_extractor)]


@v1.post(
    "/extract",
    response_model=ExtractResponse,
    responses=_ERRORS,
    tags=["extraction"],
    summary="Extract meeting events from one article",
)
async def extract(
    request: Request,
    extractor: ExtractorDep,
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
    response = await extractor.extract(body, request.state.request_id)
    record(request, response.meta)
    return response


@v1.post(
    "/extract/batch",
    response_model=BatchResponse,
    responses=_ERRORS,
    tags=["extraction"],
    summary="Extract meeting events from many articles",
)
async def extract_batch(request: Request, extractor: ExtractorDep, body: BatchRequest) -> BatchResponse:
    """Extract events from many articles concurrently; one result or error per item, in order."""
    limit = asyncio.Semaphore(request.app.state.settings.service_batch_concurrency)
    base_id: str = request.state.request_id

    async def one(index: int, item: ExtractRequest) -> BatchItemResult:
        item_id = f"{base_id}-{index}"
        async with limit:
            try:
                result = await extractor.extract(item, item_id)
                record(request, result.meta, access_log=False)
            except ServiceError as e:
                request.app.state.metrics.outcomes.labels(outcome=e.code).inc()
                return BatchItemResult(
                    index=index, status="error", http_status=e.status, error=error_body(e, item_id)
                )
        return BatchItemResult(index=index, status="ok", http_status=200, result=result)

    results = await asyncio.gather(*(one(i, item) for i, item in enumerate(body.items)))
    return BatchResponse(results=list(results))


@v1.get("/schema", tags=["reference"], summary="JSON Schema of the response")
async def schema() -> JSONResponse:
    """The versioned JSON Schema of the extract response and of one meeting event."""
    return JSONResponse(
        {
            "schema_version": SCHEMA_VERSION,
            "response": ExtractResponse.model_json_schema(),
            "event": MeetingEvent.model_json_schema(),
        }
    )


@v1.get("/prompts", response_model=PromptList, tags=["reference"], summary="Available prompt versions")
async def prompts(registry: Annotated[PromptRegistry, Depends(get_prompts)]) -> PromptList:
    """The prompt versions a request may choose, and which one is the default."""
    return PromptList(
        prompts=[
            PromptInfo(
                name=p.name,
                version=p.version,
                description=p.description,
                default=p.version == registry.default,
                examples=len(p.examples),
            )
            for p in registry.all()
        ]
    )


@router.get("/healthz", tags=["ops"], summary="Liveness")
async def healthz() -> dict[str, str]:
    """The process is alive."""
    return {"status": "ok"}


@router.get("/readyz", tags=["ops"], summary="Readiness", responses={503: {"model": ErrorBody}})
async def readyz(extractor: ExtractorDep) -> JSONResponse:
    """The upstream LLM answers."""
    if await extractor.ready():
        return JSONResponse({"status": "ready"})
    return JSONResponse(
        {"code": "upstream_unavailable", "detail": "the LLM does not answer"}, status_code=503
    )


router.include_router(v1)
