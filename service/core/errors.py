"""The service's one error hierarchy: every failure a class with a stable code, status and meaning.

Everything that fails raises one of these (the transport included); this module also turns the
upstream's exceptions into them, builds every error body, and generates the documented error
table (OpenAPI responses, README) from the classes themselves.
"""

from __future__ import annotations

import json
import logging
from typing import Any, ClassVar

import openai
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import ValidationError
from starlette.exceptions import HTTPException as StarletteHTTPException

from schemas.api import ErrorBody

log = logging.getLogger("service.core.errors")


class ServiceError(Exception):
    """Base of every failure the API reports; `code` and `status` are stable contract.

    `when` says when a client gets it, for the documented error table; an empty `when` keeps a
    class out of the table (failures no client request is meant to cause).
    """

    code: ClassVar[str] = "internal_error"
    status: ClassVar[int] = 500
    when: ClassVar[str] = ""

    def __init__(
        self, detail: str, *, errors: list[Any] | None = None, headers: dict[str, str] | None = None
    ):
        super().__init__(detail)
        self.detail = detail
        self.errors = errors
        self.headers = headers or {}


class Unauthorized(ServiceError):
    code = "unauthorized"
    status = 401
    when = "`SERVICE_API_KEYS` is set and the request has no valid key"


class InputTooLarge(ServiceError):
    code = "input_too_large"
    status = 413
    when = (
        "body over `SERVICE_MAX_BODY_BYTES` (refused from its length or while it streams in, before "
        "parsing) or text over `SERVICE_MAX_TEXT_CHARS`"
    )


class UnsupportedMediaType(ServiceError):
    code = "unsupported_media_type"
    status = 415
    when = "a POST body that is not `application/json`"


class InputInvalid(ServiceError):
    code = "invalid_input"
    status = 422
    when = (
        "empty/whitespace text, bad date, unknown field, malformed JSON, non-UTF-8 bytes, JSON nested "
        "deeper than 32 levels"
    )


class UnknownPrompt(ServiceError):
    code = "unknown_prompt"
    status = 422
    when = "`prompt` names no version"


class RateLimited(ServiceError):
    """The caller exceeded its own request rate (not the upstream's)."""

    code = "rate_limited"
    status = 429
    when = "this caller exceeded `SERVICE_RATE_LIMIT_PER_MINUTE` (`Retry-After` says when to come back)"


class UpstreamRateLimited(ServiceError):
    code = "upstream_rate_limited"
    status = 429
    when = "the LLM kept answering 429 after the transport retries (its `Retry-After` is passed on)"


class UpstreamUnavailable(ServiceError):
    code = "upstream_unavailable"
    status = 503
    when = (
        "the LLM kept answering 503, or cannot be reached, or the embedded model is restarting "
        "(`Retry-After` says when to come back)"
    )


class Overloaded(ServiceError):
    """Backpressure: every extraction slot stayed busy for `SERVICE_INFLIGHT_WAIT_S`."""

    code = "overloaded"
    status = 503
    when = (
        "`SERVICE_MAX_INFLIGHT` extractions are already running and none finished within "
        "`SERVICE_INFLIGHT_WAIT_S` (answered at once, with `Retry-After`)"
    )


class ClientClosedRequest(ServiceError):
    """The client went away before the answer; the extraction was cancelled (nginx's 499)."""

    code = "client_closed_request"
    status = 499


class UpstreamError(ServiceError):
    code = "upstream_error"
    status = 502
    when = "any other upstream HTTP error (400/401/403/404 are not retried)"


class UpstreamTimeout(ServiceError):
    code = "upstream_timeout"
    status = 504
    when = (
        "the LLM did not answer within `LLM_TIMEOUT_S`, or the request's `SERVICE_REQUEST_BUDGET_S` ran out"
    )


class InvalidOutput(ServiceError):
    """No answer of the model was usable on any attempt (garbage), or `strict` and an event failed."""

    code = "invalid_output"
    status = 502
    when = (
        "no answer of the model was a JSON object with an `events` list, on any attempt (garbage); "
        "with `strict`, also: any event still invalid when the re-asks are spent; `errors` lists the "
        "problems"
    )


class TruncatedOutput(ServiceError):
    code = "output_truncated"
    status = 502
    when = (
        "the answer was cut off at `LLM_MAX_TOKENS` (`finish_reason: length`) before completing a "
        "valid event (with `strict`: at all)"
    )


class EmptyResponse(ServiceError):
    code = "upstream_empty_response"
    status = 502
    when = "the LLM answered with no choices"


class Refused(ServiceError):
    code = "model_refusal"
    status = 502
    when = "the model refused (`message.refusal`)"


class NotFound(ServiceError):
    code = "not_found"
    status = 404


class MethodNotAllowed(ServiceError):
    code = "method_not_allowed"
    status = 405


class HTTPError(ServiceError):
    """Any other HTTP-level refusal by the framework; its status is the framework's."""

    code = "http_error"


# The documented errors, in the order of the README's table.
DOCUMENTED: tuple[type[ServiceError], ...] = (
    Unauthorized,
    InputTooLarge,
    UnsupportedMediaType,
    InputInvalid,
    UnknownPrompt,
    RateLimited,
    UpstreamRateLimited,
    UpstreamUnavailable,
    Overloaded,
    UpstreamError,
    UpstreamTimeout,
    InvalidOutput,
    TruncatedOutput,
    EmptyResponse,
    Refused,
)
_BY_HTTP_STATUS: dict[int, type[ServiceError]] = {
    404: NotFound,
    405: MethodNotAllowed,
    413: InputTooLarge,
    415: UnsupportedMediaType,
}


def error_table_markdown() -> str:
    """The README's error table (status, code, when), generated from the classes."""
    rows = ["| status | code | when |", "|---|---|---|"]
    rows += [f"| {cls.status} | `{cls.code}` | {cls.when} |" for cls in DOCUMENTED]
    return "\n".join(rows)


def openapi_responses(*classes: type[ServiceError]) -> dict[int | str, dict[str, Any]]:
    """The OpenAPI `responses` entries for the errors a route can give, one per status.

    Args:
        classes: the error classes (documented ones: each carries its `when`).

    Returns:
        `{status: {"model": ErrorBody, "description": ...}}`, each description listing the codes
        of that status and when they happen.
    """
    by_status: dict[int, list[type[ServiceError]]] = {}
    for cls in classes:
        by_status.setdefault(cls.status, []).append(cls)
    return {
        status: {
            "model": ErrorBody,
            "description": "\n\n".join(f"`{cls.code}`: {cls.when}" for cls in group),
        }
        for status, group in sorted(by_status.items())
    }


def error_body(exc: ServiceError, request_id: str | None) -> ErrorBody:
    """The body of every error response (single requests, batch items, /readyz, early rejections).

    Args:
        exc: the failure.
        request_id: the request's identifier, echoed for the logs.

    Returns:
        `{code, detail, request_id, errors?}`.
    """
    return ErrorBody(code=exc.code, detail=exc.detail, request_id=request_id, errors=exc.errors)


def error_response(exc: ServiceError, request_id: str | None, status: int | None = None) -> JSONResponse:
    """An error as a JSON response: `error_body`, the class's status (unless given) and its headers."""
    body = error_body(exc, request_id).model_dump(exclude_none=True)
    return JSONResponse(body, status_code=status or exc.status, headers=exc.headers)


def retry_after_header(exc: BaseException | None) -> str | None:
    """The `Retry-After` header of an upstream HTTP error, as sent (the one place it is read)."""
    if not isinstance(exc, openai.APIStatusError):
        return None
    value = exc.response.headers.get("retry-after")
    return str(value) if value is not None else None


def validation_summary(exc: BaseException) -> list[dict[str, Any]]:
    """Flatten a validation failure into `{loc, msg}` items a client can read.

    Args:
        exc: the last parse/validation error seen.

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
    """Translate a failure of the upstream call into the service's error (never leaking the API key).

    Args:
        exc: what the openai client (or the request's time budget) raised.

    Returns:
        The service error to raise (`from exc`).
    """
    if isinstance(exc, TimeoutError):
        return UpstreamTimeout("the request ran out of its time budget waiting for the LLM")
    if isinstance(exc, openai.APITimeoutError):
        return UpstreamTimeout("the LLM did not answer in time")
    if isinstance(exc, openai.APIConnectionError):
        return UpstreamUnavailable("cannot reach the LLM")
    if isinstance(exc, openai.APIStatusError):
        # Pass the upstream's own back-off hint on to our caller.
        retry_after = retry_after_header(exc)
        headers = {"Retry-After": retry_after} if retry_after else {}
        if exc.status_code == 429:
            return UpstreamRateLimited("the LLM is rate-limiting requests; retry later", headers=headers)
        if exc.status_code == 503:
            return UpstreamUnavailable("the LLM is unavailable; retry later", headers=headers)
        return UpstreamError(f"the LLM answered HTTP {exc.status_code}")
    if isinstance(exc, json.JSONDecodeError | ValidationError):
        return InvalidOutput("the LLM's output was invalid", errors=validation_summary(exc))
    return UpstreamError(f"unexpected upstream failure: {type(exc).__name__}")


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
        return error_response(exc, _request_id(request))

    @app.exception_handler(RequestValidationError)
    async def _validation_error(request: Request, exc: RequestValidationError) -> JSONResponse:
        errors = [
            {"loc": list(e.get("loc", ())), "msg": str(e.get("msg", "")), "type": str(e.get("type", ""))}
            for e in exc.errors()
        ]
        error = InputInvalid("request body is invalid", errors=errors)
        request.state.outcome = error.code
        return error_response(error, _request_id(request))

    @app.exception_handler(StarletteHTTPException)
    async def _http_error(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        error = _BY_HTTP_STATUS.get(exc.status_code, HTTPError)(str(exc.detail))
        return error_response(error, _request_id(request), status=exc.status_code)

    @app.exception_handler(Exception)
    async def _unexpected(request: Request, exc: Exception) -> JSONResponse:
        log.exception("unexpected error", extra={"request_id": _request_id(request)})
        return error_response(ServiceError("internal error"), _request_id(request))
