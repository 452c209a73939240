"""Whose each participant is, through /v1/extract: an office only one government has says the
country ("the Tánaiste", "Secretary of the Navy"), and a meeting of one country's people among
themselves is no meeting between parties (step `domestic`)."""

from __future__ import annotations

from functools import partial
from typing import Any

import respx

from tests.api.answers import answer_event, extract_answered

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


_event = answer_event


_extract = partial(extract_answered, published="2025-02-27")


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
