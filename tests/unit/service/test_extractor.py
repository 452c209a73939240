"""service.extractor: a request resolved once; the pipeline's result and stats; meta built once."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest
import respx

from schemas.api import ExtractRequest
from service.errors import InputTooLarge, UnknownPrompt
from service.extractor import LLMExtractor
from service.llm import build_clients
from service.runtime import load_prompts
from tests.conftest import LLM_BASE, completion, gold_as_llm_output, make_settings, seed

STEM = "000_992ab47ca5ee5213"


@pytest.fixture
def extractor() -> LLMExtractor:
    settings = make_settings(service_max_text_chars=5000, llm_transport_retries=1, llm_retry_max_wait_s=0)
    return LLMExtractor(build_clients(settings, LLM_BASE, "default-model"), load_prompts(settings), settings)


@pytest.fixture
def llm() -> Iterator[respx.MockRouter]:
    with respx.mock(base_url=LLM_BASE, assert_all_called=False) as router:
        yield router


def test_resolve_decides_prompt_and_model_once(extractor: LLMExtractor) -> None:
    resolved = extractor.resolve(ExtractRequest(text="Ann Lee met Bo Kim."))
    assert (resolved.prompt.version, resolved.model) == ("v2", "default-model")
    assert resolved.prompt_hash == extractor.prompts.fingerprint("v2") != ""
    named = extractor.resolve(ExtractRequest(text="Ann Lee met Bo Kim.", prompt="v1", model="other"))
    assert (named.prompt.version, named.model) == ("v1", "other")
    with pytest.raises(UnknownPrompt):
        extractor.resolve(ExtractRequest(text="x", prompt="v9"))
    with pytest.raises(InputTooLarge, match="limit is 5000"):
        extractor.resolve(ExtractRequest(text="x" * 5001, prompt="v9"))  # size first


async def test_meta_reports_what_resolve_decided_and_what_the_run_took(
    extractor: LLMExtractor, llm: respx.MockRouter
) -> None:
    text, published = seed(STEM)
    route = llm.post("/chat/completions").mock(
        side_effect=[
            httpx.Response(503, json={}),
            httpx.Response(200, json=completion(gold_as_llm_output(STEM))),
        ]
    )
    request = ExtractRequest(text=text, published=published, model="other", source_url="https://a.example/1")
    resolved = extractor.resolve(request)
    try:
        response = await extractor.run(request, resolved, "rid")
    finally:
        await extractor.clients.aclose()
    assert route.call_count == 2 and b'"model":"other"' in route.calls[1].request.content
    meta = response.meta
    assert (meta.request_id, meta.model, meta.prompt_version) == ("rid", "other", "v2")
    assert (meta.attempts, meta.transport_attempts, meta.chunks, meta.cached) == (1, 2, 1, False)
    assert meta.usage.total_tokens == 120
    assert meta.source_url == "https://a.example/1"
    assert response.events and response.events[0].participants[0].name == "Lương Cường"
