"""Whose each participant is, through /v1/extract: an office only one government has says the
country ("the Tánaiste", "Secretary of the Navy"), and a meeting of one country's people among
themselves is no meeting between parties (step `domestic`)."""

from __future__ import annotations

from typing import Any

import httpx
import respx

from tests.conftest import completion

# Written for these tests.
OFFICE_TEXT = (
    "Secretary meets Tánaiste in Dublin\n\n"
    "The Secretary of State for Northern Ireland, Tom Reed, met with the Tánaiste, Minister for "
    "Foreign Affairs and Minister for Defence, Ana Silva, this evening at Iveagh House, Dublin.\n"
)
DOMESTIC_TEXT = (
    "Working meeting with acting governors\n\n"
    "Russian President Ivan Orlov held a working meeting with Russian Deputy Prime Minister Jan Novak.\n"
    "Later, Russian President Ivan Orlov spoke by telephone with French President Leo Berg.\n"
)


def _event(names: list[str], evidence: str, countries: list[str | None] | None = None) -> dict[str, Any]:
    return {
        "evidence": [evidence],
        "participants": [
            {"name": n, "title": None, "country": c}
            for n, c in zip(names, countries or [None] * len(names), strict=True)
        ],
        "date_text": None,
        "location": {"city": None, "country": None, "venue": None},
        "format": "in_person",
        "status": "occurred",
        "topics": [],
        "outcomes": [],
    }


def _extract(
    client_factory: Any, llm: respx.MockRouter, text: str, answer: dict[str, Any], **env: Any
) -> Any:
    client = client_factory(llm_max_retries=0, **env)
    llm.post("/chat/completions").mock(side_effect=[httpx.Response(200, json=completion(answer))])
    r = client.post("/v1/extract", json={"text": text, "published": "2025-02-27"})
    assert r.status_code == 200, r.text
    return r.json()


def test_an_office_only_one_government_has_gives_the_country_with_its_span(
    client_factory: Any, llm: respx.MockRouter
) -> None:
    meeting = OFFICE_TEXT.split("\n")[2]
    # The model guesses a country the article never writes for Silva.
    body = _extract(
        client_factory,
        llm,
        OFFICE_TEXT,
        {"events": [_event(["Tom Reed", "Ana Silva"], meeting, [None, "Spain"])]},
    )
    (event,) = body["events"]
    assert [(p["name"], p["country"]) for p in event["participants"]] == [
        ("Tom Reed", "United Kingdom"),
        ("Ana Silva", "Ireland"),
    ]
    source = event["provenance"]["participants.1.country"]
    assert (source["origin"], source["step"]) == ("derived", "people")
    assert OFFICE_TEXT[source["span"]["start"] : source["span"]["end"]] == "Tánaiste"
    codes = [n["code"] for n in body["notes"]]
    assert codes.count("country_from_title") == 2


def test_a_meeting_of_one_country_s_people_is_dropped_with_a_note(
    client_factory: Any, llm: respx.MockRouter
) -> None:
    working, call = DOMESTIC_TEXT.split("\n")[2:4]
    answer = {
        "events": [_event(["Ivan Orlov", "Jan Novak"], working), _event(["Ivan Orlov", "Leo Berg"], call)]
    }
    body = _extract(client_factory, llm, DOMESTIC_TEXT, answer)
    assert [[p["name"] for p in e["participants"]] for e in body["events"]] == [["Ivan Orlov", "Leo Berg"]]
    (dropped,) = [n for n in body["notes"] if n["code"] == "event_dropped_domestic"]
    assert dropped["step"] == "domestic" and "all of Russia" in dropped["message"]
    assert DOMESTIC_TEXT[dropped["span"]["start"] : dropped["span"]["end"]] == working
    assert body["meta"]["dropped_events"] == 1
    # Switched off, the working meeting stays.
    body = _extract(client_factory, llm, DOMESTIC_TEXT, answer, service_skip_steps=frozenset({"domestic"}))
    assert len(body["events"]) == 2


def test_a_participant_whose_country_the_article_never_writes_keeps_the_meeting(
    client_factory: Any, llm: respx.MockRouter
) -> None:
    text = "Talks\n\nRussian President Ivan Orlov held talks with Jan Novak, head of the delegation.\n"
    body = _extract(
        client_factory, llm, text, {"events": [_event(["Ivan Orlov", "Jan Novak"], text.split("\n")[2])]}
    )
    assert len(body["events"]) == 1
    assert "event_dropped_domestic" not in [n["code"] for n in body["notes"]]
