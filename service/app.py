"""The app factory: `create_app(settings)`, with a lifespan that owns the model server and clients."""

from __future__ import annotations

import logging
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager

from fastapi import FastAPI, Request, Response
from fastapi.responses import JSONResponse

from schemas.api import ErrorBody
from schemas.events import SCHEMA_VERSION
from service.api import router
from service.config import Settings
from service.docs import mount_offline_docs
from service.errors import install_error_handlers
from service.extractor import Extractor
from service.runtime import load_prompts, open_extractor

log = logging.getLogger("service.app")

DESCRIPTION = """
Extracts **meeting events** (who met whom, when, where, about what, with what outcome) from news
articles with an LLM, validates them against the article, and returns grounded JSON: every
evidence quote carries character offsets into the text you sent.

Try it: open **POST /v1/extract**, press *Try it out*, then *Execute*.
"""


def _new_request_id(request: Request) -> str:
    given = request.headers.get("x-request-id", "")
    if given and len(given) <= 128 and given.isprintable():
        return given
    return uuid.uuid4().hex


def create_app(settings: Settings | None = None, extractor: Extractor | None = None) -> FastAPI:
    """Build the FastAPI app.

    Args:
        settings: configuration; read from the environment when None.
        extractor: an extractor to use instead of the LLM one (its lifespan then starts no model).

    Returns:
        The app; its lifespan starts the embedded model (when no base URL is set) and the clients.
    """
    settings = settings or Settings()
    prompts = load_prompts(settings)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        app.state.settings = settings
        app.state.prompts = prompts
        if extractor is not None:
            app.state.extractor = extractor
            yield
            return
        async with open_extractor(settings, prompts) as llm_extractor:
            app.state.extractor = llm_extractor
            yield

    app = FastAPI(
        title="Meeting-event extraction",
        version=SCHEMA_VERSION,
        description=DESCRIPTION,
        lifespan=lifespan,
        docs_url=None,
        redoc_url=None,
    )
    install_error_handlers(app)
    mount_offline_docs(app)

    @app.middleware("http")
    async def request_context(
        request: Request, call_next: Callable[[Request], Awaitable[Response]]
    ) -> Response:
        request_id = _new_request_id(request)
        request.state.request_id = request_id
        if request.method == "POST":
            # Reject oversized bodies before reading them, from the declared length.
            length = request.headers.get("content-length")
            if length is not None and length.isdigit() and int(length) > settings.service_max_body_bytes:
                body = ErrorBody(
                    code="input_too_large",
                    detail=f"body is {length} bytes; the limit is {settings.service_max_body_bytes}",
                    request_id=request_id,
                )
                return JSONResponse(
                    body.model_dump(exclude_none=True), status_code=413, headers={"X-Request-ID": request_id}
                )
        response = await call_next(request)
        response.headers["X-Request-ID"] = request_id
        return response

    app.include_router(router)
    return app
