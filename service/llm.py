"""Building the openai and instructor clients (once, at start-up) and the per-mode request form."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import httpx
import instructor
from openai import AsyncOpenAI

from schemas.extraction import LLMExtraction
from service.config import LLMMode, Settings
from service.constrain import constrained_schema

_INSTRUCTOR_MODE: dict[LLMMode, instructor.Mode] = {
    "tools": instructor.Mode.TOOLS,
    "json_schema": instructor.Mode.JSON_SCHEMA,
    "json": instructor.Mode.JSON,
    # instructor's JSON_SCHEMA handler adds nothing to the prompt; we replace the response_format
    # it sends with the {"type": "json_object", "schema": ...} form llama.cpp compiles to a grammar.
    "json_object_schema": instructor.Mode.JSON_SCHEMA,
}


@dataclass
class LLMClients:
    """The clients the app's lifespan owns: the HTTP client, the openai SDK client and instructor's."""

    http: httpx.AsyncClient
    openai: AsyncOpenAI
    instructor: instructor.AsyncInstructor
    mode: LLMMode
    model: str

    async def aclose(self) -> None:
        """Close the shared HTTP connection pool."""
        await self.openai.close()
        await self.http.aclose()


def build_clients(settings: Settings, base_url: str, model: str) -> LLMClients:
    """Build the openai and instructor clients for one upstream.

    Args:
        settings: timeouts, retries, key, mode.
        base_url: the OpenAI-compatible base URL (the embedded server's, or LLM_BASE_URL).
        model: the default model name sent upstream.

    Returns:
        The clients, to be closed by the lifespan.
    """
    timeout = httpx.Timeout(settings.llm_timeout_s, connect=settings.llm_connect_timeout_s)
    http = httpx.AsyncClient(
        timeout=timeout, limits=httpx.Limits(max_connections=100, max_keepalive_connections=20)
    )
    client = AsyncOpenAI(
        base_url=base_url,
        api_key=settings.llm_api_key.get_secret_value(),
        timeout=timeout,
        max_retries=settings.llm_transport_retries,
        http_client=http,
    )
    mode = settings.resolved_mode
    patched = instructor.from_openai(client, mode=_INSTRUCTOR_MODE[mode])
    return LLMClients(http=http, openai=client, instructor=patched, mode=mode, model=model)


def request_extras(mode: LLMMode, text: str, grounded_grammar: bool) -> dict[str, Any]:
    """Extra request fields a mode needs beyond what instructor sends.

    Args:
        mode: the resolved request form.
        text: the article (or chunk) being extracted, for the article-specific grammar.
        grounded_grammar: narrow the schema to the article's sentences, names and dates.

    Returns:
        Keyword arguments for `chat.completions.create` (e.g. `extra_body`).
    """
    if mode == "json_object_schema":
        schema = constrained_schema(text) if grounded_grammar else LLMExtraction.model_json_schema()
        # extra_body is merged last into the JSON body, so it replaces instructor's response_format.
        return {"extra_body": {"response_format": {"type": "json_object", "schema": schema}}}
    return {}
