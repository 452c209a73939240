"""The app factory: `create_app(settings)`, with a lifespan that owns the model server and clients."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware
from prometheus_fastapi_instrumentator import Instrumentator

from schemas.events import SCHEMA_VERSION
from service.api.docs import mount_offline_docs
from service.api.inspect import mount_inspect
from service.api.middleware import GuardMiddleware
from service.api.routes import router
from service.core.config import Settings
from service.core.errors import install_error_handlers
from service.core.metrics import Metrics
from service.pipeline.protocol import Extractor
from service.serving.runtime import load_prompts, open_runtime
from service.serving.security import RateLimiter
from service.serving.shared_state import shared_rate_limiter

DESCRIPTION = """
Extracts **meeting events** (who met whom, when, where, about what, with what outcome) from news
articles with an LLM, validates them against the article, and returns grounded JSON: every
evidence quote carries character offsets into the text you sent.

Try it: open **POST /v1/extract**, press *Try it out*, then *Execute*.
"""


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
    metrics = Metrics()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        # With SERVICE_REDIS_URL the rate limit moves to Redis, opened in the serving event loop.
        async with shared_rate_limiter(settings, metrics, app.state.rate_limiter) as limiter:
            app.state.rate_limiter = limiter
            if extractor is not None:
                app.state.extractor = extractor
                yield
                return
            async with open_runtime(settings, prompts, metrics) as runtime:
                app.state.extractor = runtime.extractor
                app.state.gate = runtime.gate
                app.state.model_supervisor = runtime.model
                yield

    app = FastAPI(
        title="Meeting-event extraction",
        version=SCHEMA_VERSION,
        description=DESCRIPTION,
        lifespan=lifespan,
        docs_url=None,
        redoc_url=None,
    )
    app.state.settings = settings
    app.state.prompts = prompts
    if extractor is not None:
        app.state.extractor = extractor  # usable without running the lifespan
    app.state.metrics = metrics
    app.state.gate = None  # set by the lifespan (None for an injected extractor)
    app.state.model_supervisor = None  # set by the lifespan when it supervises the embedded model
    app.state.rate_limiter = (
        RateLimiter(settings.service_rate_limit_per_minute, settings.service_rate_limit_burst)
        if settings.service_rate_limit_per_minute > 0
        else None
    )
    install_error_handlers(app)
    mount_offline_docs(app)
    mount_inspect(app)
    app.include_router(router)
    Instrumentator(registry=metrics.registry, excluded_handlers=["/metrics"]).instrument(app).expose(
        app, endpoint="/metrics", include_in_schema=False
    )
    if settings.service_cors_origins:
        app.add_middleware(
            CORSMiddleware,
            allow_origins=settings.service_cors_origins,
            allow_methods=["GET", "POST"],
            allow_headers=["Authorization", "Content-Type", "X-API-Key", "X-Request-ID"],
            expose_headers=["X-Request-ID", "Retry-After"],
        )
    # Outermost: request IDs, cheap rejections and the access log wrap everything else.
    app.add_middleware(GuardMiddleware, settings=settings)
    return app
