"""One exception type per failure, each with a stable code, mapped to HTTP in one place."""

from __future__ import annotations

import logging
from typing import Any, ClassVar

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from schemas.api import ErrorBody

log = logging.getLogger("service.errors")


class ServiceError(Exception):
    """Base of every failure the API reports; `code` and `status` are stable contract."""

    code: ClassVar[str] = "internal_error"
    status: ClassVar[int] = 500

    def __init__(
        self, detail: str, *, errors: list[Any] | None = None, headers: dict[str, str] | None = None
    ):
        super().__init__(detail)
        self.detail = detail
        self.errors = errors
        self.headers = headers or {}


class InputInvalid(ServiceError):
    code = "invalid_input"
    status = 422


class UnknownPrompt(ServiceError):
    code = "unknown_prompt"
    status = 422


class InputTooLarge(ServiceError):
    code = "input_too_large"
    status = 413


class UpstreamRateLimited(ServiceError):
    code = "upstream_rate_limited"
    status = 429


class UpstreamUnavailable(ServiceError):
    code = "upstream_unavailable"
    status = 503


class UpstreamError(ServiceError):
    code = "upstream_error"
    status = 502


class UpstreamTimeout(ServiceError):
    code = "upstream_timeout"
    status = 504


class InvalidOutput(ServiceError):
    """The model's answers failed validation on every attempt."""

    code = "invalid_output"
    status = 502


class TruncatedOutput(ServiceError):
    code = "output_truncated"
    status = 502


class EmptyResponse(ServiceError):
    code = "upstream_empty_response"
    status = 502


class Refused(ServiceError):
    code = "model_refusal"
    status = 502


class Unauthorized(ServiceError):
    code = "unauthorized"
    status = 401


class RateLimited(ServiceError):
    """The caller exceeded its own request rate (not the upstream's)."""

    code = "rate_limited"
    status = 429


class UnsupportedMediaType(ServiceError):
    code = "unsupported_media_type"
    status = 415


def error_body(exc: ServiceError, request_id: str | None) -> ErrorBody:
    """The JSON body for a service error (also used per item in batch responses)."""
    return ErrorBody(code=exc.code, detail=exc.detail, request_id=request_id, errors=exc.errors)


def _request_id(request: Request) -> str | None:
    return getattr(request.state, "request_id", None)


def install_error_handlers(app: FastAPI) -> None:
    """Map every failure to a JSON body with a stable code; nothing escapes as a bare 500."""

    @app.exception_handler(ServiceError)
    async def _service_error(request: Request, exc: ServiceError) -> JSONResponse:
        request.state.outcome = exc.code
        metrics = getattr(request.app.state, "metrics", None)
        if metrics is not None:
            metrics.outcomes.labels(outcome=exc.code).inc()
        body = error_body(exc, _request_id(request))
        return JSONResponse(body.model_dump(exclude_none=True), status_code=exc.status, headers=exc.headers)

    @app.exception_handler(RequestValidationError)
    async def _validation_error(request: Request, exc: RequestValidationError) -> JSONResponse:
        request.state.outcome = "invalid_input"
        errors = [
            {"loc": list(e.get("loc", ())), "msg": str(e.get("msg", "")), "type": str(e.get("type", ""))}
            for e in exc.errors()
        ]
        body = ErrorBody(
            code="invalid_input",
            detail="request body is invalid",
            request_id=_request_id(request),
            errors=errors,
        )
        return JSONResponse(body.model_dump(exclude_none=True), status_code=422)

    @app.exception_handler(StarletteHTTPException)
    async def _http_error(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        codes = {
            404: "not_found",
            405: "method_not_allowed",
            413: "input_too_large",
            415: "unsupported_media_type",
        }
        body = ErrorBody(
            code=codes.get(exc.status_code, "http_error"),
            detail=str(exc.detail),
            request_id=_request_id(request),
        )
        return JSONResponse(body.model_dump(exclude_none=True), status_code=exc.status_code)

    @app.exception_handler(Exception)
    async def _unexpected(request: Request, exc: Exception) -> JSONResponse:
        log.exception("unexpected error", extra={"request_id": _request_id(request)})
        body = ErrorBody(code="internal_error", detail="internal error", request_id=_request_id(request))
        return JSONResponse(body.model_dump(exclude_none=True), status_code=500)
