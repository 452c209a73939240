"""The outermost ASGI middleware: request IDs, cheap input rejection, one structured log line per request.

Written as plain ASGI (not BaseHTTPMiddleware) because it wraps every request: it adds well under a
millisecond, and it can refuse a body while it streams in, before anything parses it.
"""

from __future__ import annotations

import logging
import time
import uuid
from typing import Any

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from service.core.config import Settings
from service.core.errors import InputInvalid, InputTooLarge, ServiceError, UnsupportedMediaType, error_body

access_log = logging.getLogger("service.access")

MAX_JSON_DEPTH = 32


def json_depth_exceeds(body: bytes, limit: int = MAX_JSON_DEPTH) -> bool:
    """Tell whether a JSON document nests deeper than `limit` (strings are skipped).

    Args:
        body: the raw JSON bytes.
        limit: the deepest nesting allowed.

    Returns:
        True when some array/object nests deeper than the limit.
    """
    if body.count(b"[") + body.count(b"{") <= limit:
        return False  # cannot be deeper than the number of openers: skip the scan
    depth = 0
    in_string = escaped = False
    for byte in body:
        if in_string:
            if escaped:
                escaped = False
            elif byte == 0x5C:  # backslash
                escaped = True
            elif byte == 0x22:  # quote
                in_string = False
        elif byte == 0x22:
            in_string = True
        elif byte in (0x5B, 0x7B):
            depth += 1
            if depth > limit:
                return True
        elif byte in (0x5D, 0x7D):
            depth -= 1
    return False


def _request_id(headers: dict[bytes, bytes]) -> str:
    given = headers.get(b"x-request-id", b"").decode("latin-1")
    if given and len(given) <= 128 and given.isprintable():
        return given
    return uuid.uuid4().hex


class GuardMiddleware:
    """ASGI middleware: request ID, 413/415/422 before parsing, and the access log."""

    def __init__(self, app: ASGIApp, settings: Settings):
        self.app = app
        self.max_body = settings.service_max_body_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        headers = dict(scope["headers"])
        request_id = _request_id(headers)
        state: dict[str, Any] = scope.setdefault("state", {})
        state["request_id"] = request_id
        status = {"code": 500}
        rid = request_id.encode("latin-1")

        async def send_with_id(message: Message) -> None:
            if message["type"] == "http.response.start":
                status["code"] = message["status"]
                message["headers"] = [*message.get("headers", []), (b"x-request-id", rid)]
            await send(message)

        try:
            if scope["method"] == "POST":
                rejection, receive = await self._check_body(headers, receive)
                if rejection is not None:
                    state["outcome"] = rejection.code
                    await _send_error(send_with_id, rejection, request_id)
                    return
            await self.app(scope, receive, send_with_id)
        finally:
            self._log(scope, state, status["code"], started)

    async def _check_body(
        self, headers: dict[bytes, bytes], receive: Receive
    ) -> tuple[ServiceError | None, Receive]:
        media = headers.get(b"content-type", b"").split(b";")[0].strip().lower()
        if media != b"application/json":
            return UnsupportedMediaType("send the body as application/json"), receive
        length = headers.get(b"content-length")
        if length is not None and length.isdigit() and int(length) > self.max_body:
            return InputTooLarge(f"body is {int(length)} bytes; the limit is {self.max_body}"), receive
        chunks: list[bytes] = []
        size = 0
        while True:
            message = await receive()
            if message["type"] != "http.request":
                break
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > self.max_body:  # a chunked body without (or lying about) its length
                return InputTooLarge(f"body exceeds the limit of {self.max_body} bytes"), receive
            chunks.append(chunk)
            if not message.get("more_body", False):
                break
        body = b"".join(chunks)
        try:
            body.decode("utf-8")
        except UnicodeDecodeError:
            return InputInvalid("body is not valid UTF-8"), receive
        if json_depth_exceeds(body):
            return InputInvalid(f"JSON nests deeper than {MAX_JSON_DEPTH} levels"), receive
        replayed = False

        async def replay() -> Message:
            nonlocal replayed
            if not replayed:
                replayed = True
                return {"type": "http.request", "body": body, "more_body": False}
            return await receive()

        return None, replay

    @staticmethod
    def _log(scope: Scope, state: dict[str, Any], status: int, started: float) -> None:
        if not access_log.isEnabledFor(logging.INFO):
            return
        fields: dict[str, Any] = {
            "request_id": state.get("request_id"),
            "method": scope["method"],
            "path": scope["path"],
            "status": status,
            "latency_ms": round((time.perf_counter() - started) * 1000, 2),
            "outcome": state.get("outcome", "ok" if status < 400 else "error"),
        }
        meta = state.get("extract_meta")
        if meta is not None:
            fields.update(
                attempts=meta.attempts,
                transport_attempts=meta.transport_attempts,
                total_tokens=meta.usage.total_tokens,
                cached=meta.cached,
                model=meta.model,
                prompt_version=meta.prompt_version,
                source_url=meta.source_url,
            )
        access_log.info("request", extra={"fields": fields})


async def _send_error(send: Send, exc: ServiceError, request_id: str) -> None:
    # The same body and code as every other error (service.core.errors), sent before FastAPI runs.
    body = error_body(exc, request_id).model_dump_json(exclude_none=True).encode()
    await send(
        {
            "type": "http.response.start",
            "status": exc.status,
            "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())],
        }
    )
    await send({"type": "http.response.body", "body": body})
