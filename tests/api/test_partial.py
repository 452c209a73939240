"""Partial answers: once the re-asks are spent, the valid events are kept (unless `strict`)."""

from __future__ import annotations

import copy
import json
from typing import Any

import httpx
import respx
from fastapi.testclient import TestClient

from tests.conftest import completion, gold_as_llm_output, seed

STEM = "000_992ab47ca5ee5213"
STRANGER = "participant 'Boris Johnson' is not named in the article"


def _good() -> dict[str, Any]:
    event: dict[str, Any] = gold_as_llm_output(STEM)["events"][0]
    return event


def _stranger() -> dict[str, Any]:
    """The gold event with a participant the article never names."""
    event = copy.deepcopy(_good())
    event["participants"][1] = {"name": "Boris Johnson", "title": "PM", "country": "UK"}
    return event


def _body(**extra: Any) -> dict[str, Any]:
    text, published = seed(STEM)
    return {"text": text, "published": published, **extra}


def _answers(*payloads: Any) -> list[httpx.Response]:
    return [
        httpx.Response(200, json=completion(p if isinstance(p, str) else {"events": p})) for p in payloads
    ]


def test_invalid_events_are_dropped_once_the_reasks_are_spent(
    client_factory: Any, llm: respx.MockRouter
) -> None:
    client = client_factory(llm_max_retries=1)
    route = llm.post("/chat/completions").mock(
        side_effect=_answers([_good(), _stranger()], [_good(), _stranger()])
    )
    r = client.post("/v1/extract", json=_body())
    assert r.status_code == 200, r.text
    body = r.json()
    assert route.call_count == 2
    assert [p["name"] for p in body["events"][0]["participants"]] == ["Lương Cường", "Emomali Rahmon"]
    assert len(body["events"]) == 1
    assert body["meta"]["dropped_events"] == 1
    assert body["meta"]["attempts"] == 2
    assert body["meta"]["usage"]["total_tokens"] == 240  # both answers' tokens
    assert [w for w in body["warnings"] if w.startswith("dropped")] == [f"dropped event 2: {STRANGER}"]
    assert "extract_dropped_events_total 1.0" in client.get("/metrics").text


def test_strict_fails_the_whole_article(client_factory: Any, llm: respx.MockRouter) -> None:
    client = client_factory(llm_max_retries=1)
    llm.post("/chat/completions").mock(side_effect=_answers([_good(), _stranger()], [_good(), _stranger()]))
    r = client.post("/v1/extract", json=_body(strict=True))
    assert r.status_code == 502
    body = r.json()
    assert body["code"] == "invalid_output"
    assert "after 2 attempts" in body["detail"]
    assert any(STRANGER in e["msg"] for e in body["errors"])


def test_nothing_valid_in_any_attempt_is_no_event_unless_strict(
    client_factory: Any, llm: respx.MockRouter
) -> None:
    """Well-formed answers whose every event fails the article checks: no meeting the model could
    support is an answer (200, no event, each dropped event named), not an upstream failure."""
    client = client_factory(llm_max_retries=1, service_rule_recall=False)
    unknown_evidence = {**_good(), "evidence": ["The two presidents played chess on the moon."]}
    llm.post("/chat/completions").mock(
        side_effect=_answers([_stranger(), unknown_evidence], [_stranger(), unknown_evidence])
    )
    r = client.post("/v1/extract", json=_body())
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["events"] == [] and body["meta"]["dropped_events"] == 2
    assert any(w.startswith("dropped event 2: evidence") for w in body["warnings"])
    llm.post("/chat/completions").mock(
        side_effect=_answers([_stranger(), unknown_evidence], [_stranger(), unknown_evidence])
    )
    r = client.post("/v1/extract", json={**_body(), "strict": True})
    assert r.status_code == 502
    assert r.json()["code"] == "invalid_output"


def test_only_the_duplicate_is_dropped(client_factory: Any, llm: respx.MockRouter) -> None:
    client = client_factory(llm_max_retries=0)
    llm.post("/chat/completions").mock(side_effect=_answers([_good(), _good()]))
    r = client.post("/v1/extract", json=_body())
    assert r.status_code == 200, r.text
    body = r.json()
    assert len(body["events"]) == 1 and body["meta"]["dropped_events"] == 1
    assert "dropped event 2: duplicates an earlier event; report each meeting once" in body["warnings"]


def test_the_attempt_that_keeps_most_is_used_even_when_the_last_is_not_json(
    client_factory: Any, llm: respx.MockRouter
) -> None:
    client = client_factory(llm_max_retries=1)
    llm.post("/chat/completions").mock(side_effect=_answers([_stranger(), _good()], "{not json"))
    r = client.post("/v1/extract", json=_body())
    assert r.status_code == 200, r.text
    assert len(r.json()["events"]) == 1
    assert r.json()["meta"]["dropped_events"] == 1
    assert f"dropped event 1: {STRANGER}" in r.json()["warnings"]


def test_batch_items_choose_strict_on_their_own(client: Any, llm: respx.MockRouter) -> None:
    llm.post("/chat/completions").mock(
        return_value=httpx.Response(200, json=completion({"events": [_good(), _stranger()]}))
    )
    r = client.post("/v1/extract/batch", json={"items": [_body(strict=True), _body()]})
    assert r.status_code == 200, r.text
    strict, lenient = r.json()["results"]
    assert strict["status"] == "error" and strict["http_status"] == 502
    assert strict["error"]["code"] == "invalid_output"
    assert lenient["status"] == "ok"
    assert len(lenient["result"]["events"]) == 1
    assert lenient["result"]["meta"]["dropped_events"] == 1


def _cut_off_after(events: list[dict[str, Any]]) -> httpx.Response:
    """An answer cut off at max_tokens in the middle of the event after `events`."""
    done = json.dumps({"events": events}, ensure_ascii=False)[:-2]  # drop the closing "]}"
    text = done + ', {"evidence": ["State President Lương Cường aff'
    return httpx.Response(200, json=completion(text, finish_reason="length"))


def test_an_answer_cut_off_at_max_tokens_keeps_its_complete_events(
    client_factory: Any, llm: respx.MockRouter
) -> None:
    client = client_factory(llm_max_tokens=700)
    route = llm.post("/chat/completions").mock(side_effect=[_cut_off_after([_good(), _stranger()])])
    r = client.post("/v1/extract", json=_body())
    assert r.status_code == 200, r.text
    body = r.json()
    assert route.call_count == 1  # a cut-off answer is not re-asked: the next would be cut off too
    assert [p["name"] for p in body["events"][0]["participants"]] == ["Lương Cường", "Emomali Rahmon"]
    assert body["meta"]["dropped_events"] == 1
    assert f"dropped event 2: {STRANGER}" in body["warnings"]
    assert any("cut off at max_tokens=700" in w for w in body["warnings"])


def test_a_cut_off_answer_with_no_complete_valid_event_is_output_truncated(
    client_factory: Any, llm: respx.MockRouter
) -> None:
    client = client_factory(service_rule_recall=False)
    llm.post("/chat/completions").mock(side_effect=[_cut_off_after([_stranger()])])
    r = client.post("/v1/extract", json=_body())
    assert r.status_code == 502
    assert r.json()["code"] == "output_truncated"


def test_strict_fails_a_cut_off_answer(client: TestClient, llm: respx.MockRouter) -> None:
    llm.post("/chat/completions").mock(side_effect=[_cut_off_after([_good()])])
    r = client.post("/v1/extract", json=_body(strict=True))
    assert r.status_code == 502
    assert r.json()["code"] == "output_truncated"


CONDOLENCES = (
    "Vladimir Putin sent his deep condolences to President of the United States Barack Obama "
    "following the tragedy.\nThe message expressed sympathy to the families."
)


def _condolence_event() -> dict[str, Any]:
    return {
        "participants": [
            {"name": "Vladimir Putin", "title": "President", "country": "Russia"},
            {"name": "Barack Obama", "title": "President", "country": "United States"},
        ],
        "evidence": [CONDOLENCES.split("\n")[0]],
    }


def test_an_event_whose_evidence_reports_no_meeting_is_dropped(
    client_factory: Any, llm: respx.MockRouter
) -> None:
    client = client_factory()
    route = llm.post("/chat/completions").mock(side_effect=_answers([_condolence_event()]))
    r = client.post("/v1/extract", json={"text": CONDOLENCES, "published": "2012-12-15"})
    assert r.status_code == 200, r.text
    body = r.json()
    assert route.call_count == 1  # a filter, not a re-ask
    assert body["events"] == []
    assert body["meta"]["dropped_events"] == 1
    assert [n["message"] for n in body["notes"] if n["step"] == "meeting_cue"] == [
        "dropped event 1: its evidence reports no meeting, call or talks "
        "('Vladimir Putin sent his deep condolences to President of the United States Barac')"
    ]
    # The article never names Russia, but it names Vladimir Putin in full on a day he holds Russia's
    # presidency (grounding/lexicon/offices.yaml): the model's country for him stands, unremarked.
    assert [n["code"] for n in body["notes"] if n["step"] == "people"] == []


def test_the_meeting_cue_filter_can_be_turned_off(client_factory: Any, llm: respx.MockRouter) -> None:
    client = client_factory(service_require_meeting_cue=False)
    llm.post("/chat/completions").mock(side_effect=_answers([_condolence_event()]))
    r = client.post("/v1/extract", json={"text": CONDOLENCES, "published": "2012-12-15"})
    assert r.status_code == 200, r.text
    assert [p["name"] for p in r.json()["events"][0]["participants"]] == ["Vladimir Putin", "Barack Obama"]
    assert r.json()["meta"]["dropped_events"] == 0
