"""Opening the extractor with everything it needs: shared by the app's lifespan, the CLI and the evals."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from service.cache import CachingExtractor
from service.config import Settings
from service.embedded import EmbeddedServer
from service.extractor import LLMExtractor
from service.llm import build_clients
from service.metrics import Metrics
from service.prompts import PromptRegistry
from service.protocol import Extractor

DEFAULT_REMOTE_MODEL = "gpt-4o-mini"


def load_prompts(settings: Settings) -> PromptRegistry:
    """Load and validate the configured prompt family."""
    return PromptRegistry.load(
        settings.service_prompts_dir, settings.service_prompt_name, settings.service_default_prompt
    )


@asynccontextmanager
async def open_extractor(
    settings: Settings, prompts: PromptRegistry | None = None, metrics: Metrics | None = None
) -> AsyncIterator[Extractor]:
    """Start the embedded model if needed, build the clients once, and yield the extractor.

    Args:
        settings: configuration; no `llm_base_url` means the embedded llama.cpp server.
        prompts: the prompt registry (loaded from settings when None).
        metrics: where upstream calls and cache lookups are counted.

    Yields:
        The extractor (behind the result cache when enabled); on exit the clients are closed and
        the embedded server stopped.
    """
    prompts = prompts or load_prompts(settings)
    server: EmbeddedServer | None = None
    if settings.embedded:
        server = EmbeddedServer(settings)
        await server.start()
        base_url, model = server.base_url, server.info.name
    else:
        base_url, model = str(settings.llm_base_url), settings.llm_model or DEFAULT_REMOTE_MODEL
    try:
        clients = build_clients(settings, base_url, model, metrics)
        llm = LLMExtractor(clients, prompts, settings)
        cache: CachingExtractor | None = None
        if settings.service_cache_enabled:
            cache = CachingExtractor(
                llm, settings.service_cache_dir, settings.service_cache_ttl_s, clients.metrics
            )
        try:
            yield cache or llm
        finally:
            if cache is not None:
                cache.close()
            await clients.aclose()
    finally:
        if server is not None:
            await server.stop()
