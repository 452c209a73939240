"""Building the upstream clients once, at start-up: HTTP pool, openai SDK, transport retries, instructor."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import httpx
from openai import AsyncOpenAI

from service.core.config import LLMMode, Settings
from service.core.metrics import Metrics
from service.llm.instructor_adapter import InstructorAdapter
from service.llm.transport import RetryingCreate, RetryPolicy


@dataclass
class LLMClients:
    """The clients the app's lifespan owns: the HTTP pool, the openai SDK client, instructor's adapter."""

    http: httpx.AsyncClient
    openai: AsyncOpenAI
    structured: InstructorAdapter
    mode: LLMMode
    model: str
    metrics: Metrics

    async def aclose(self) -> None:
        """Close the shared HTTP connection pool."""
        await self.openai.close()
        await self.http.aclose()


def build_clients(
    settings: Settings,
    base_url: str,
    model: str,
    metrics: Metrics | None = None,
    transport: httpx.AsyncBaseTransport | None = None,
) -> LLMClients:
    """Build the openai and instructor clients for one upstream.

    Args:
        settings: timeouts, retries, key, mode.
        base_url: the OpenAI-compatible base URL (the embedded server's, or LLM_BASE_URL).
        model: the default model name sent upstream.
        metrics: where upstream call latencies are recorded.
        transport: the HTTP transport under the pool (the evals' recorded answers); httpx's default
            when None.

    Returns:
        The clients, to be closed by the lifespan.
    """
    timeout = httpx.Timeout(settings.llm_timeout_s, connect=settings.llm_connect_timeout_s)
    http = httpx.AsyncClient(
        timeout=timeout,
        transport=transport,
        # Never fewer connections than extractions allowed in flight (Settings.max_inflight).
        limits=httpx.Limits(max_connections=max(100, settings.max_inflight), max_keepalive_connections=20),
    )
    client = AsyncOpenAI(
        base_url=base_url,
        api_key=settings.llm_api_key.get_secret_value(),
        timeout=timeout,
        max_retries=0,  # transport retries are ours (service.llm.transport), counted and budgeted
        http_client=http,
    )
    mode = settings.resolved_mode
    metrics = metrics or Metrics()
    policy = RetryPolicy(
        retries=settings.llm_transport_retries,
        base_wait_s=settings.llm_retry_base_wait_s,
        max_wait_s=settings.llm_retry_max_wait_s,
        max_retry_after_s=settings.llm_retry_max_retry_after_s,
    )
    create: Any = RetryingCreate(client.chat.completions.create, policy, metrics.observe_llm_call)
    structured = InstructorAdapter(client, create, mode)
    return LLMClients(
        http=http, openai=client, structured=structured, mode=mode, model=model, metrics=metrics
    )
