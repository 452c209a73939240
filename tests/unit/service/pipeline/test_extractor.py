"""service.pipeline.extractor: a request resolved once; the pipeline's result and stats; meta built once."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest
import respx

from schemas.api import ExtractRequest
from service.core.errors import InputTooLarge, UnknownPrompt
from service.llm.clients import build_clients
from service.pipeline.extractor import LLMExtractor
from service.serving.runtime import load_prompts
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
    default = extractor.settings.service_default_prompt
    assert (resolved.prompt.version, resolved.model) == (default, "default-model")
    assert resolved.prompt_hash == extractor.prompts.fingerprint(default) != ""
    named = extractor.resolve(ExtractRequest(text="Ann Lee met Bo Kim.", prompt="v1", model="other"))
    assert (named.prompt.version, named.model) == ("v1", "other")
    with pytest.raises(UnknownPrompt):
        extractor.resolve(ExtractRequest(text="x", prompt="v99"))
    with pytest.raises(InputTooLarge, match="limit is 5000"):
        extractor.resolve(ExtractRequest(text="x" * 5001, prompt="v99"))  # size first


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
    default = extractor.settings.service_default_prompt
    assert (meta.request_id, meta.model, meta.prompt_version) == ("rid", "other", default)
    assert (meta.attempts, meta.transport_attempts, meta.chunks, meta.cached) == (1, 2, 1, False)
    assert meta.usage.total_tokens == 120
    assert meta.source_url == "https://a.example/1"
    assert response.events and response.events[0].participants[0].name == "Lương Cường"


_ONE_CALL = (
    "Boris Johnson, the Foreign Secretary, has today met with Rex Tillerson, the US Secretary of State. "
    "The Foreign Secretary and Secretary Tillerson will meet again in Paris tomorrow."
)


def _one_call_answer() -> dict[str, object]:
    return {
        "events": [
            {
                "evidence": [_ONE_CALL[: _ONE_CALL.index(" The Foreign")]],
                "participants": [
                    {"name": "Boris Johnson", "title": "Foreign Secretary", "country": "United Kingdom"},
                    {"name": "Rex Tillerson", "title": "Secretary of State", "country": "United States"},
                ],
                "date_text": "today",
                "status": "occurred",
                "mode": "visit",
            }
        ]
    }


@pytest.mark.parametrize("rule_recall", [True, False])
async def test_another_meeting_of_the_pair_is_added_without_asking_the_model(
    llm: respx.MockRouter, rule_recall: bool
) -> None:
    settings = make_settings(service_rule_recall=rule_recall, llm_retry_max_wait_s=0)
    extractor = LLMExtractor(build_clients(settings, LLM_BASE, "m"), load_prompts(settings), settings)
    route = llm.post("/chat/completions").mock(
        return_value=httpx.Response(200, json=completion(_one_call_answer()))
    )
    request = ExtractRequest(text=_ONE_CALL, published="2017-03-06")
    try:
        response = await extractor.run(request, extractor.resolve(request), "rid")
    finally:
        await extractor.clients.aclose()
    assert route.call_count == 1  # no second question
    if not rule_recall:
        assert (len(response.events), response.meta.added_events) == (1, 0)
        return
    assert response.meta.added_events == 1
    first, later = response.events
    assert (first.status, str(first.date)) == ("occurred", "2017-03-06")
    assert (later.status, str(later.date), later.date_text, later.location.city) == (
        "planned",
        "2017-03-07",
        "tomorrow",
        "Paris",
    )
    assert (
        later.evidence[0].quote
        == "The Foreign Secretary and Secretary Tillerson will meet again in Paris tomorrow."
    )
    assert any("added a planned meeting" in w for w in response.warnings)
