"""Numbered citations end to end: the model cites sentence numbers, the answer carries exact quotes."""

from __future__ import annotations

import json
from typing import Any

import httpx
import respx
from fastapi.testclient import TestClient

from grounding.text.sentences import numbered
from schemas.api import ExtractResponse
from tests.conftest import completion, gold_as_llm_output, seed

STEM = "000_992ab47ca5ee5213"


def _numbers_for(quotes: list[str], cited: tuple[str, ...]) -> list[int]:
    """The number of the sentence holding each gold quote (gold quotes may be part of one)."""
    return [next(n for n, s in enumerate(cited, start=1) if q in s) for q in quotes]


def _as_numbered_answer(text: str) -> dict[str, Any]:
    """The seed's gold answer with each evidence quote replaced by its sentence number."""
    answer = gold_as_llm_output(STEM)
    _, cited = numbered(text)
    for event in answer["events"]:
        event["evidence"] = _numbers_for(event["evidence"], cited)
    return answer


def test_cited_numbers_come_back_as_exact_quotes(client: TestClient, llm: respx.MockRouter) -> None:
    text, published = seed(STEM)
    route = llm.post("/chat/completions").mock(
        return_value=httpx.Response(200, json=completion(_as_numbered_answer(text)))
    )
    r = client.post("/v1/extract", json={"text": text, "published": published, "prompt": "v4"})
    assert r.status_code == 200, r.text
    body = ExtractResponse.model_validate(r.json())
    assert body.meta.prompt_version == "v4" and body.events
    _, cited = numbered(text)
    gold_quotes = [q for e in gold_as_llm_output(STEM)["events"] for q in e["evidence"]]
    got_quotes = [ev.quote for e in body.events for ev in e.evidence]
    assert got_quotes == [cited[n - 1] for n in _numbers_for(gold_quotes, cited)]
    assert all(g in q for g, q in zip(gold_quotes, got_quotes, strict=True))
    for event in body.events:
        for ev in event.evidence:
            assert ev.grounded and ev.match == "exact" and text[ev.start : ev.end] == ev.quote
    # The model read the article with its sentences numbered, not the bare text.
    sent = json.loads(route.calls[0].request.content)
    assert numbered(text)[0] in sent["messages"][-1]["content"]


def test_a_number_past_the_last_sentence_is_reasked_with_the_range(
    client: TestClient, llm: respx.MockRouter
) -> None:
    text, published = seed(STEM)
    good = _as_numbered_answer(text)
    bad = json.loads(json.dumps(good))
    bad["events"][0]["evidence"] = [999]
    route = llm.post("/chat/completions").mock(
        side_effect=[
            httpx.Response(200, json=completion(bad)),
            httpx.Response(200, json=completion(good)),
        ]
    )
    r = client.post("/v1/extract", json={"text": text, "published": published, "prompt": "v4"})
    assert r.status_code == 200, r.text
    assert r.json()["meta"]["attempts"] == 2
    reask = json.loads(route.calls[1].request.content)["messages"]
    count = len(numbered(text)[1])
    assert any("sentence [999], which does not exist" in str(m.get("content")) for m in reask)
    assert any(f"1 to {count}" in str(m.get("content")) for m in reask)


def test_the_article_grammar_offers_sentence_numbers(client_factory: Any, llm: respx.MockRouter) -> None:
    client = client_factory(llm_mode="json_object_schema", llm_grounded_grammar=True)
    text, published = seed(STEM)
    route = llm.post("/chat/completions").mock(
        return_value=httpx.Response(200, json=completion(_as_numbered_answer(text), mode="json"))
    )
    r = client.post("/v1/extract", json={"text": text, "published": published, "prompt": "v4"})
    assert r.status_code == 200, r.text
    schema = json.loads(route.calls[0].request.content)["response_format"]["schema"]
    items = schema["$defs"]["LLMEvent"]["properties"]["evidence"]["items"]
    assert items == {"type": "integer", "enum": list(range(1, len(numbered(text)[1]) + 1))}
