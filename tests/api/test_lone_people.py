"""A one-person event the re-asks could not fix: completed from the sentence it cites, or dropped."""

from __future__ import annotations

from typing import Any

import httpx
import respx
from fastapi.testclient import TestClient

from tests.conftest import completion

# Written for this test: one meeting, reported in one sentence with both names.
TEXT = (
    "Chinh and Albanese hold talks in Hanoi\n\n"
    "HANOI, March 3 - Vietnamese Prime Minister Pham Minh Chinh held talks with Australian Prime "
    "Minister Anthony Albanese in Hanoi on Monday. The two leaders discussed trade and education.\n"
)
SENTENCE = (
    "HANOI, March 3 - Vietnamese Prime Minister Pham Minh Chinh held talks with Australian Prime "
    "Minister Anthony Albanese in Hanoi on Monday."
)


def _lone(name: str, evidence: str, twice: bool) -> dict[str, Any]:
    person = {"name": name, "title": None, "country": None}
    return {
        "evidence": [evidence],
        "participants": [person, person] if twice else [person],
        "date_text": "on Monday",
        "location": {"city": "Hanoi", "country": "Vietnam", "venue": None},
        "format": "in_person",
        "status": "occurred",
        "topics": [],
        "outcomes": [],
    }


def _answers(event: dict[str, Any], n: int) -> list[httpx.Response]:
    return [httpx.Response(200, json=completion({"events": [event]})) for _ in range(n)]


def _extract(client: TestClient) -> dict[str, Any]:
    r = client.post("/v1/extract", json={"text": TEXT, "published": "2025-03-04"})
    assert r.status_code == 200, r.text
    body: dict[str, Any] = r.json()
    return body


def test_a_person_listed_alone_is_joined_by_who_the_cited_sentence_says_they_met(
    client_factory: Any, llm: respx.MockRouter
) -> None:
    for twice in (True, False):  # the grammar's two entries of one person, or a hosted model's one
        client = client_factory(llm_max_retries=1, service_rule_recall=False)
        llm.post("/chat/completions").mock(side_effect=_answers(_lone("Pham Minh Chinh", SENTENCE, twice), 2))
        body = _extract(client)
        assert [[p["name"] for p in e["participants"]] for e in body["events"]] == [
            ["Pham Minh Chinh", "Anthony Albanese"]
        ]
        assert body["meta"]["dropped_events"] == 0
        notes = [n for n in body["notes"] if n["code"] == "participant_completed"]
        assert len(notes) == 1 and notes[0]["step"] == "lone_people"
        assert TEXT[notes[0]["span"]["start"] : notes[0]["span"]["end"]] == SENTENCE
        assert body["events"][0]["provenance"]["participants.1.name"]["step"] == "lone_people"
        assert body["events"][0]["participants"][1]["country"] == "Australia"


def test_the_person_met_is_joined_by_the_subject_of_the_sentence(
    client_factory: Any, llm: respx.MockRouter
) -> None:
    client = client_factory(llm_max_retries=1, service_rule_recall=False)
    llm.post("/chat/completions").mock(side_effect=_answers(_lone("Anthony Albanese", SENTENCE, True), 2))
    body = _extract(client)
    assert [[p["name"] for p in e["participants"]] for e in body["events"]] == [
        ["Pham Minh Chinh", "Anthony Albanese"]
    ]


def test_a_sentence_naming_no_one_else_leaves_the_event_dropped(
    client_factory: Any, llm: respx.MockRouter
) -> None:
    client = client_factory(llm_max_retries=1, service_rule_recall=False)
    other = "The two leaders discussed trade and education."
    llm.post("/chat/completions").mock(side_effect=_answers(_lone("Pham Minh Chinh", other, True), 2))
    body = _extract(client)
    assert body["events"] == []
    assert body["meta"]["dropped_events"] == 1
    assert [n["code"] for n in body["notes"] if n["step"] in ("ask", "lone_people")] == ["event_invalid"]


def test_lone_people_can_be_switched_off(client_factory: Any, llm: respx.MockRouter) -> None:
    client = client_factory(llm_max_retries=1, service_rule_recall=False, service_skip_steps={"lone_people"})
    llm.post("/chat/completions").mock(side_effect=_answers(_lone("Pham Minh Chinh", SENTENCE, True), 2))
    assert _extract(client)["events"] == []
