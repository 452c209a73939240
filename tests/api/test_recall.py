"""Recall questions (SERVICE_RECALL_PASSES): paragraphs the first answer missed are asked about again."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import httpx
import respx
from fastapi.testclient import TestClient

from tests.conftest import completion
from tests.unit.grounding.rules.test_missed_paragraphs import TEXT

BODY = {"text": TEXT, "published": "2012-12-24"}
SINGH = "Vladimir Putin and Prime Minister of India Manmohan Singh held talks."
MUKHERJEE = "The Russian leader also met with President of India Pranab Mukherjee."
SWARAJ = "Later in the day, Vladimir Putin met with opposition leader Sushma Swaraj."


def _answer(quote: str, other: str, **how: Any) -> httpx.Response:
    event = {"evidence": [quote], "participants": [{"name": "Vladimir Putin"}, {"name": other}]}
    return httpx.Response(200, json=completion({"events": [event]}, **how))


def _article_sent(call: Any) -> str:
    return str(json.loads(call.request.content)["messages"][-1]["content"])


def _names_offered(call: Any) -> list[str]:
    """The participant names the request's JSON Schema (the grammar) allows."""

    def find(node: Any) -> list[str]:
        if isinstance(node, dict):
            if "LLMParticipant" in node:
                return list(node["LLMParticipant"]["properties"]["name"]["enum"])
            return [n for v in node.values() for n in find(v)]
        if isinstance(node, list):
            return [n for v in node for n in find(v)]
        return []

    return find(json.loads(call.request.content))


def _pairs(body: dict[str, Any]) -> list[list[str]]:
    return [[p["name"] for p in e["participants"]] for e in body["events"]]


def test_each_missed_paragraph_is_asked_about_on_its_own(
    client_factory: Callable[..., TestClient], llm: respx.MockRouter
) -> None:
    client = client_factory(service_rule_recall=False, service_recall_passes=4)
    route = llm.post("/chat/completions").mock(
        side_effect=[
            _answer(SINGH, "Manmohan Singh"),
            _answer(MUKHERJEE, "Pranab Mukherjee"),
            _answer(SWARAJ, "Sushma Swaraj"),
        ]
    )
    r = client.post("/v1/extract", json=BODY)
    assert r.status_code == 200, r.text
    body = r.json()
    assert _pairs(body) == [
        ["Vladimir Putin", "Manmohan Singh"],
        ["Vladimir Putin", "Pranab Mukherjee"],
        ["Vladimir Putin", "Sushma Swaraj"],
    ]
    assert body["meta"]["recall_questions"] == 2 and route.call_count == 3
    # A short article is asked about again whole (an upstream's prompt cache reuses it): only what
    # the answer must be about differs.
    assert _article_sent(route.calls[1]) == _article_sent(route.calls[0])
    for event in body["events"]:
        [ev] = event["evidence"]
        assert TEXT[ev["start"] : ev["end"]] == ev["quote"]
        assert event["date"] == "2012-12-24"


def test_in_a_long_article_the_question_reads_the_lead_and_the_paragraph(
    client_factory: Callable[..., TestClient], llm: respx.MockRouter
) -> None:
    client = client_factory(service_rule_recall=False, service_recall_passes=1, service_chunk_chars=500)
    long_text = TEXT + "\n" + "\n".join(f"Paragraph {n} about the weather in the capital." for n in range(10))
    route = llm.post("/chat/completions").mock(
        side_effect=[
            _answer(SINGH, "Manmohan Singh"),
            *[httpx.Response(200, json=completion({"events": []}))] * 3,  # the other chunks
            _answer(MUKHERJEE, "Pranab Mukherjee"),
        ]
    )
    r = client.post("/v1/extract", json={**BODY, "text": long_text})
    assert r.json()["meta"]["chunks"] == 4
    assert r.status_code == 200, r.text
    assert _pairs(r.json())[-1] == ["Vladimir Putin", "Pranab Mukherjee"]
    second = _article_sent(route.calls[-1])
    assert "December 24, 2012, New Delhi" in second and SINGH in second and MUKHERJEE in second
    assert SWARAJ not in second and "weather" not in second


def test_off_by_default_one_question_per_article(client: TestClient, llm: respx.MockRouter) -> None:
    route = llm.post("/chat/completions").mock(return_value=_answer(SINGH, "Manmohan Singh"))
    r = client.post("/v1/extract", json=BODY)
    assert r.status_code == 200 and r.json()["meta"]["recall_questions"] == 0
    assert route.call_count == 1
    # Without a question, the meetings the text states plainly are still added (SERVICE_RULE_RECALL).
    assert r.json()["meta"]["added_events"] == len(r.json()["events"]) - 1 == 2
    assert [p[1] for p in _pairs(r.json())] == [
        "Manmohan Singh",
        "Pranab Mukherjee",
        "Sushma Swaraj",
    ]


def test_an_answer_to_a_recall_question_that_cites_other_paragraphs_is_not_taken(
    client_factory: Callable[..., TestClient], llm: respx.MockRouter
) -> None:
    client = client_factory(service_rule_recall=False, service_recall_passes=1, llm_max_retries=1)
    # Asked about Mukherjee's paragraph, the model answers the meeting of the paragraph before,
    # and is told to cite the paragraph asked about.
    route = llm.post("/chat/completions").mock(
        side_effect=[
            _answer(SINGH, "Manmohan Singh"),
            _answer(SINGH, "Manmohan Singh"),
            _answer(SINGH, "Manmohan Singh"),
        ]
    )
    r = client.post("/v1/extract", json=BODY)
    assert r.status_code == 200 and _pairs(r.json()) == [["Vladimir Putin", "Manmohan Singh"]]
    reask = json.loads(route.calls[2].request.content)["messages"]
    assert any("cite the paragraph asked about" in str(m.get("content")) for m in reask)


def test_an_upstream_failure_during_recall_keeps_the_first_answer(
    client_factory: Callable[..., TestClient], llm: respx.MockRouter
) -> None:
    client = client_factory(service_rule_recall=False, service_recall_passes=2)
    llm.post("/chat/completions").mock(
        side_effect=[_answer(SINGH, "Manmohan Singh"), httpx.Response(429, json={"error": "slow down"})]
    )
    r = client.post("/v1/extract", json=BODY)
    assert r.status_code == 200 and _pairs(r.json()) == [["Vladimir Putin", "Manmohan Singh"]]
    assert any("recall question failed (upstream_rate_limited)" in w for w in r.json()["warnings"])


def test_a_failed_recall_question_keeps_the_first_answer(
    client_factory: Callable[..., TestClient], llm: respx.MockRouter
) -> None:
    client = client_factory(service_rule_recall=False, service_recall_passes=1, llm_max_retries=0)
    bad = httpx.Response(200, json=completion("not json at all"))
    llm.post("/chat/completions").mock(side_effect=[_answer(SINGH, "Manmohan Singh"), bad])
    r = client.post("/v1/extract", json=BODY)
    assert r.status_code == 200, r.text
    assert _pairs(r.json()) == [["Vladimir Putin", "Manmohan Singh"]]
    assert r.json()["meta"]["recall_questions"] == 1


def test_a_failed_first_answer_is_rescued_paragraph_by_paragraph_unless_strict(
    client_factory: Callable[..., TestClient], llm: respx.MockRouter
) -> None:
    client = client_factory(service_rule_recall=False, service_recall_passes=2, llm_max_retries=0)
    bad = httpx.Response(200, json=completion("not json at all"))
    llm.post("/chat/completions").mock(
        side_effect=[bad, _answer(SINGH, "Manmohan Singh"), _answer(MUKHERJEE, "Pranab Mukherjee")]
    )
    r = client.post("/v1/extract", json=BODY)
    assert r.status_code == 200, r.text
    assert _pairs(r.json()) == [["Vladimir Putin", "Manmohan Singh"], ["Vladimir Putin", "Pranab Mukherjee"]]
    assert any("failed (invalid_output)" in w for w in r.json()["warnings"])

    llm.post("/chat/completions").mock(side_effect=[bad])
    strict = client.post("/v1/extract", json={**BODY, "strict": True})
    assert strict.status_code == 502 and strict.json()["code"] == "invalid_output"


def test_nothing_found_anywhere_keeps_the_first_error(
    client_factory: Callable[..., TestClient], llm: respx.MockRouter
) -> None:
    client = client_factory(service_rule_recall=False, service_recall_passes=2, llm_max_retries=0)
    bad = httpx.Response(200, json=completion("not json at all"))
    llm.post("/chat/completions").mock(side_effect=[bad, bad, bad])
    r = client.post("/v1/extract", json=BODY)
    assert r.status_code == 502 and r.json()["code"] == "invalid_output"


def test_a_recall_question_offers_the_paragraphs_people_and_who_meets_them(
    client_factory: Callable[..., TestClient], llm: respx.MockRouter
) -> None:
    """With a grammar (llama.cpp's json_schema), the question about Mukherjee's paragraph lets the
    model list only the people it names and who may be meeting them (the people found before),
    not everyone the article names."""
    client = client_factory(service_rule_recall=False, service_recall_passes=2, llm_mode="json_object_schema")
    people = [(SINGH, "Manmohan Singh"), (MUKHERJEE, "Pranab Mukherjee"), (SWARAJ, "Sushma Swaraj")]
    route = llm.post("/chat/completions").mock(side_effect=[_answer(*p, mode="json") for p in people])
    assert client.post("/v1/extract", json=BODY).status_code == 200
    everyone, mukherjee, swaraj = (_names_offered(call) for call in route.calls)
    assert {"Pranab Mukherjee", "Sushma Swaraj", "Vladimir Putin"} <= set(everyone)
    assert {"Pranab Mukherjee", "Vladimir Putin"} <= set(mukherjee) and "Sushma Swaraj" not in mukherjee
    assert "Sushma Swaraj" in swaraj and "Pranab Mukherjee" in swaraj  # found by the question before


def test_a_recall_answer_its_sentence_does_not_state_is_not_added(
    client_factory: Callable[..., TestClient], llm: respx.MockRouter
) -> None:
    """Asked about Mukherjee's paragraph, a model that pairs Mukherjee with Singh (met earlier) cites
    a sentence where "The Russian leader" is Putin: no event, a `recall_unstated` note."""
    client = client_factory(service_rule_recall=False, service_recall_passes=1)
    pair = [{"name": "Manmohan Singh"}, {"name": "Pranab Mukherjee"}]
    event = {"evidence": [MUKHERJEE], "participants": pair}
    wrong = httpx.Response(200, json=completion({"events": [event]}))
    llm.post("/chat/completions").mock(side_effect=[_answer(SINGH, "Manmohan Singh"), wrong, wrong, wrong])
    r = client.post("/v1/extract", json=BODY)
    assert r.status_code == 200, r.text
    body = r.json()
    assert _pairs(body) == [["Vladimir Putin", "Manmohan Singh"]]
    assert body["meta"]["recall_questions"] == 1
    [note] = [n for n in body["notes"] if n["code"] == "recall_unstated"]
    assert note["step"] == "recall" and TEXT[note["span"]["start"] : note["span"]["end"]] == MUKHERJEE
