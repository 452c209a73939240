"""service.llm.instructor_adapter: instructor's client, response model, context channel and errors."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
import respx
from instructor.v2.core import patch as instructor_patch
from pydantic import ValidationError

from grounding.article import ArticleContext
from schemas.extraction import LLMExtraction
from service.core.errors import InvalidOutput, TruncatedOutput, UpstreamRateLimited
from service.llm import instructor_adapter
from service.llm.clients import build_clients
from service.llm.instructor_adapter import (
    InstructorExtraction,
    request_extras,
    validating_against,
)
from tests.conftest import LLM_BASE, completion, gold_as_llm_output, make_settings, seed

STEM = "000_992ab47ca5ee5213"


@pytest.fixture
def llm() -> Iterator[respx.MockRouter]:
    with respx.mock(base_url=LLM_BASE, assert_all_called=False) as router:
        yield router


async def _extract(strict: bool = False, **settings: Any) -> Any:
    text, _ = seed(STEM)
    config = make_settings(llm_max_tokens=64, **settings)
    clients = build_clients(config, LLM_BASE, "test-model")
    try:
        messages = [{"role": "system", "content": "Find meetings."}, {"role": "user", "content": text}]
        article = ArticleContext(text, None, instructions="Find meetings.")
        return await clients.structured.extract(messages, article, "test-model", config, "rid", strict=strict)
    finally:
        await clients.aclose()


async def test_answers_are_validated_against_the_article_and_counted(llm: respx.MockRouter) -> None:
    bad = gold_as_llm_output(STEM)
    bad["events"][0]["evidence"] = ["Nothing like this is in the article at all."]
    route = llm.post("/chat/completions").mock(
        side_effect=[
            httpx.Response(200, json=completion(bad)),
            httpx.Response(200, json=completion(gold_as_llm_output(STEM))),
        ]
    )
    answer = await _extract()
    assert answer.attempts == 2 and route.call_count == 2
    assert answer.usage.total_tokens == 240  # both answers' tokens
    assert isinstance(answer.extraction, LLMExtraction) and answer.extraction.events
    reask = json.loads(route.calls[1].request.content)["messages"]
    assert any("is not in the article" in str(m.get("content")) for m in reask)


async def test_failures_become_service_errors(llm: respx.MockRouter) -> None:
    route = llm.post("/chat/completions")
    route.mock(return_value=httpx.Response(200, json=completion('{"events": [', finish_reason="length")))
    with pytest.raises(TruncatedOutput, match="max_tokens=64"):
        await _extract()
    route.mock(return_value=httpx.Response(200, json=completion({"events": "none"})))
    with pytest.raises(InvalidOutput) as invalid:
        await _extract()
    assert invalid.value.errors and "after 3 attempts" in invalid.value.detail
    route.mock(return_value=httpx.Response(200, json=completion("{not json")))
    with pytest.raises(InvalidOutput):
        await _extract()
    # Well-formed answers whose every event fails (one person, no evidence): no meeting, not garbage.
    route.mock(return_value=httpx.Response(200, json=completion({"events": [{"evidence": ["x"]}]})))
    empty = await _extract()
    assert empty.extraction.events == [] and empty.attempts == 3
    assert [d.number for d in empty.dropped] == [1] and "participants" in empty.dropped[0].problem
    with pytest.raises(InvalidOutput):
        await _extract(strict=True)
    route.mock(return_value=httpx.Response(429, json={}, headers={"retry-after": "4"}))
    with pytest.raises(UpstreamRateLimited) as limited:
        await _extract()
    assert limited.value.headers == {"Retry-After": "4"}


async def test_spent_reasks_keep_each_attempts_valid_events_unless_strict(llm: respx.MockRouter) -> None:
    answer = gold_as_llm_output(STEM)
    stranger = json.loads(json.dumps(answer["events"][0]))
    stranger["participants"][0] = {"name": "Boris Johnson"}
    answer["events"].insert(0, stranger)
    route = llm.post("/chat/completions").mock(
        side_effect=[
            httpx.Response(200, json=completion(answer)),
            httpx.Response(200, json=completion({"events": [stranger]})),
            httpx.Response(200, json=completion("{not json")),
        ]
    )
    partial = await _extract()
    assert route.call_count == 3 and partial.attempts == 3
    assert partial.usage.total_tokens == 360
    assert [p.name for p in partial.extraction.events[0].participants] == ["Lương Cường", "Emomali Rahmon"]
    assert [(d.number, d.problem) for d in partial.dropped] == [
        (1, "participant 'Boris Johnson' is not named in the article")
    ]
    route.mock(return_value=httpx.Response(200, json=completion(answer)))
    with pytest.raises(InvalidOutput, match="after 3 attempts"):
        await _extract(strict=True)


async def test_the_async_validator_walk_happens_once_per_class(
    llm: respx.MockRouter, monkeypatch: pytest.MonkeyPatch
) -> None:
    walked: list[Any] = []
    walk = instructor_adapter._walk_class

    def counting_walk(response_model: Any) -> None:
        if isinstance(response_model, type):
            walked.append(response_model)
        walk(response_model)

    monkeypatch.setattr(instructor_adapter, "_walk_class", counting_walk)
    monkeypatch.setattr(instructor_adapter, "_CHECKED", instructor_adapter._CHECKED.__class__())
    # Both instructor modules that call the check see the memoized one.
    assert instructor_patch.reject_async_validators is instructor_adapter._reject_async_validators_once
    llm.post("/chat/completions").mock(return_value=httpx.Response(200, json=completion({"events": []})))
    for _ in range(3):
        await _extract()
    assert walked == [InstructorExtraction]


def test_the_schema_is_computed_once_and_handed_out_as_a_copy() -> None:
    first = InstructorExtraction.model_json_schema()
    misses = instructor_adapter._schema_of.cache_info().misses
    first["properties"].clear()
    second = InstructorExtraction.model_json_schema()
    plain = LLMExtraction.model_json_schema()
    assert (second["title"], second["properties"], second["$defs"]) == (
        "LLMExtraction",
        plain["properties"],
        plain["$defs"],
    )
    assert instructor_adapter._schema_of.cache_info().misses == misses


def test_the_article_reaches_the_validators_only_inside_the_block() -> None:
    answer = json.dumps(
        {"events": [{"evidence": ["made up"], "participants": [{"name": "A Lee"}, {"name": "B Kim"}]}]}
    )
    assert InstructorExtraction.model_validate_json(answer).events  # no article: nothing to check against
    with (
        validating_against(ArticleContext("A Lee met B Kim.")),
        pytest.raises(ValidationError, match="not in"),
    ):
        InstructorExtraction.model_validate_json(answer)
    assert InstructorExtraction.model_validate_json(answer).events


def test_request_extras_per_mode() -> None:
    text, _ = seed("003_ee914f4da08c8a1e")
    assert request_extras("tools", ArticleContext(text), grounded_grammar=True) == {}
    grounded = request_extras("json_object_schema", ArticleContext(text), grounded_grammar=True)[
        "extra_body"
    ]["response_format"]
    plain = request_extras("json_object_schema", ArticleContext(text), grounded_grammar=False)["extra_body"][
        "response_format"
    ]
    assert grounded["type"] == plain["type"] == "json_object"
    assert "Christopher Luxon" in json.dumps(grounded["schema"], ensure_ascii=False)
    assert plain["schema"] == LLMExtraction.model_json_schema()
