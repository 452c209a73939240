"""Building the openai and instructor clients (once, at start-up) and the per-mode request form."""

from __future__ import annotations

import weakref
from dataclasses import dataclass
from typing import Any

import httpx
import instructor
from instructor.v2.core.function_calls import ResponseSchema
from instructor.v2.core.patch import patch_v2
from instructor.v2.core.providers import Provider
from instructor.v2.core.registry import normalize_mode
from instructor.v2.validation import async_validators as _async_validators
from openai import AsyncOpenAI

from schemas.extraction import LLMExtraction
from service.config import LLMMode, Settings
from service.constrain import constrained_schema
from service.metrics import Metrics
from service.transport import RetryingCreate, RetryPolicy


class InstructorExtraction(LLMExtraction, ResponseSchema):
    """LLMExtraction as instructor's response model, built once.

    instructor wraps a plain model in a new ResponseSchema subclass on every call (and then
    regenerates its JSON Schema): a quarter of the service's CPU per request. A model that already
    is a ResponseSchema is used as is.
    """


InstructorExtraction.__name__ = "LLMExtraction"  # the tool name the model sees
InstructorExtraction.__qualname__ = "LLMExtraction"


def _memoize_async_validator_check() -> None:
    """Make instructor's per-call walk of the response model's class happen once per class.

    instructor 1.17 re-walks the class (fields, nested models) up to seven times per call to
    refuse async validators; a class does not change, so the answer is cached. Only passing
    classes are remembered: a rejected class still raises every time.
    """
    original = _async_validators.reject_async_validators
    if getattr(original, "_memoized", False):
        return
    checked: weakref.WeakSet[type] = weakref.WeakSet()

    def reject_once(response_model: Any) -> None:
        if isinstance(response_model, type) and response_model in checked:
            return
        original(response_model)
        if isinstance(response_model, type):
            checked.add(response_model)

    reject_once._memoized = True  # type: ignore[attr-defined]
    _async_validators.reject_async_validators = reject_once


_memoize_async_validator_check()

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
    metrics: Metrics

    async def aclose(self) -> None:
        """Close the shared HTTP connection pool."""
        await self.openai.close()
        await self.http.aclose()


def build_clients(
    settings: Settings, base_url: str, model: str, metrics: Metrics | None = None
) -> LLMClients:
    """Build the openai and instructor clients for one upstream.

    Args:
        settings: timeouts, retries, key, mode.
        base_url: the OpenAI-compatible base URL (the embedded server's, or LLM_BASE_URL).
        model: the default model name sent upstream.
        metrics: where upstream call latencies are recorded.

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
        max_retries=0,  # transport retries are ours (service.transport), counted and budgeted
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
    retrying = RetryingCreate(client.chat.completions.create, policy, metrics.observe_llm_call)

    async def create(*args: Any, **kwargs: Any) -> Any:
        # A plain coroutine function: instructor picks its async path by inspecting `create`.
        return await retrying(*args, **kwargs)

    # Like instructor.from_openai, but instructor's validation loop calls our retrying `create`.
    instructor_mode = normalize_mode(Provider.OPENAI, _INSTRUCTOR_MODE[mode])
    patched = instructor.AsyncInstructor(
        client=client,
        create=patch_v2(func=create, provider=Provider.OPENAI, mode=instructor_mode),
        provider=Provider.OPENAI,
        mode=instructor_mode,
    )
    return LLMClients(http=http, openai=client, instructor=patched, mode=mode, model=model, metrics=metrics)


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
