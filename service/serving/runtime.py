"""Opening the extractor with everything it needs: shared by the app's lifespan, the CLI and the evals."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass

import httpx

from grounding.lexicon import check_lexicon
from service.core.config import Settings
from service.core.metrics import Metrics
from service.llm.clients import build_clients
from service.llm.embedded import EmbeddedServer
from service.llm.supervisor import ModelSupervisor
from service.pipeline.extractor import LLMExtractor
from service.pipeline.prompts import PromptRegistry
from service.pipeline.protocol import Extractor
from service.serving.admission import AdmittingExtractor, InflightGate
from service.serving.cache import CachingExtractor, open_result_store

DEFAULT_REMOTE_MODEL = "gpt-4o-mini"


def load_prompts(settings: Settings) -> PromptRegistry:
    """Load and validate the configured prompt family."""
    return PromptRegistry.load(
        settings.service_prompts_dir, settings.service_prompt_name, settings.service_default_prompt
    )


@dataclass
class Runtime:
    """What the lifespan owns: the extractor routes use, the in-flight gate, the model's supervisor."""

    extractor: Extractor
    gate: InflightGate
    model: ModelSupervisor | None  # None: a remote upstream (LLM_BASE_URL)


@asynccontextmanager
async def open_runtime(
    settings: Settings,
    prompts: PromptRegistry | None = None,
    metrics: Metrics | None = None,
    *,
    queue: bool = False,
    transport: httpx.AsyncBaseTransport | None = None,
) -> AsyncIterator[Runtime]:
    """Start (and supervise) the embedded model if needed, build the clients once, yield the runtime.

    Args:
        settings: configuration; no `llm_base_url` means the embedded llama.cpp server.
        prompts: the prompt registry (loaded from settings when None).
        metrics: where upstream calls and cache lookups are counted.
        queue: extractions beyond the in-flight bound wait for a slot instead of being refused
            after `service_inflight_wait_s` (for in-process callers that bound their own concurrency).
        transport: the upstream HTTP transport (the evals' recorded answers); httpx's default when None.

    Yields:
        The runtime: the extractor is the cache (when enabled) around the admission gate around
        the pipeline; on exit the clients are closed and the embedded server stopped.

    Raises:
        EmbeddedModelError: the embedded model did not start.
    """
    prompts = prompts or load_prompts(settings)
    check_lexicon()  # a broken pattern file fails at start-up, not on the article that reaches it
    supervisor: ModelSupervisor | None = None
    if settings.embedded:
        server = EmbeddedServer(settings)
        supervisor = ModelSupervisor(
            server,
            backoff_s=settings.llm_embedded_restart_backoff_s,
            max_backoff_s=settings.llm_embedded_restart_max_backoff_s,
            max_failures=settings.llm_embedded_max_restart_failures,
        )
        await supervisor.start()
        base_url, model = server.base_url, server.info.name
    else:
        base_url, model = str(settings.llm_base_url), settings.llm_model or DEFAULT_REMOTE_MODEL
    try:
        clients = build_clients(settings, base_url, model, metrics, transport)
        gate = InflightGate(settings.max_inflight, None if queue else settings.service_inflight_wait_s)
        admitted = AdmittingExtractor(LLMExtractor(clients, prompts, settings), gate, supervisor)
        cache: CachingExtractor | None = None
        if settings.service_cache_enabled:
            store = open_result_store(settings, clients.metrics)
            cache = CachingExtractor(admitted, store, settings.service_cache_ttl_s, clients.metrics)
        try:
            yield Runtime(cache or admitted, gate, supervisor)
        finally:
            if cache is not None:
                await cache.aclose()
            await clients.aclose()
    finally:
        if supervisor is not None:
            await supervisor.stop()


@asynccontextmanager
async def open_extractor(
    settings: Settings,
    prompts: PromptRegistry | None = None,
    metrics: Metrics | None = None,
    transport: httpx.AsyncBaseTransport | None = None,
) -> AsyncIterator[Extractor]:
    """The runtime's extractor alone, queueing beyond the in-flight bound (for the CLI and the evals).

    Args:
        settings: configuration.
        prompts: the prompt registry (loaded from settings when None).
        metrics: where upstream calls are counted.
        transport: the upstream HTTP transport (see `open_runtime`).

    Yields:
        The extractor; on exit the clients are closed and the embedded server stopped.
    """
    async with open_runtime(settings, prompts, metrics, queue=True, transport=transport) as runtime:
        yield runtime.extractor
