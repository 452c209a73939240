"""Where a meeting is: the city its own sentence places it in, through /v1/extract with the
upstream mocked (steps `places`, `missing_subjects`, `trip_places`)."""

from __future__ import annotations

from typing import Any

import respx

from tests.api.answers import answer_event, extract_answered

# Written for this test.
TRIP_TEXT = (
    "Secretary Lee to Travel to Australia and New Zealand\n\n"
    "Secretary of State Ann Lee will travel to Australia and New Zealand from July 20 to July 27.\n\n"
    "In Perth, Secretary Lee will hold a hometown visit with Foreign Minister Ed Smith.\n\n"
    "In Auckland, Secretary Lee will meet with Prime Minister Bo Clark and Foreign Minister Cy Peters.\n"
)


def test_counterparts_placed_in_another_paragraph_s_city_meet_where_their_sentence_says(
    client_factory: Any, llm: respx.MockRouter
) -> None:
    auckland = TRIP_TEXT.split("\n")[6]
    # The model leaves out whom they meet and gives the Perth paragraph's city and country.
    event = answer_event(["Bo Clark", "Cy Peters"], auckland, status="planned")
    event["location"] = {"city": "Perth", "country": "Australia", "venue": None}
    body = extract_answered(client_factory, llm, TRIP_TEXT, {"events": [event]}, "2025-07-17")
    people = [[p["name"] for p in e["participants"]] for e in body["events"]]
    assert people == [["Ann Lee", "Bo Clark"], ["Ann Lee", "Cy Peters"]]
    for e in body["events"]:
        assert (e["location"]["city"], e["location"]["country"]) == ("Auckland", "New Zealand")
        source = e["provenance"]["location.city"]
        assert source["origin"] == "article"
        assert TRIP_TEXT[source["span"]["start"] : source["span"]["end"]] == auckland
        # Whose the counterparts are follows the place they are met in, not the model's.
        assert e["participants"][1]["country"] == "New Zealand"
    assert "city_from_sentence" in [n["code"] for n in body["notes"]]


def test_a_city_the_model_left_out_is_read_from_the_meeting_s_sentence(
    client_factory: Any, llm: respx.MockRouter
) -> None:
    perth = TRIP_TEXT.split("\n")[4]
    event = answer_event(["Ann Lee", "Ed Smith"], perth, status="planned")
    event["location"] = {"city": None, "country": None, "venue": None}
    body = extract_answered(client_factory, llm, TRIP_TEXT, {"events": [event]}, "2025-07-17")
    (meeting,) = [e for e in body["events"] if e["participants"][1]["name"] == "Ed Smith"]
    assert (meeting["location"]["city"], meeting["location"]["country"]) == ("Perth", "Australia")
    source = meeting["provenance"]["location.city"]
    assert (source["origin"], source["step"]) == ("article", "places")
    assert any(n["code"] == "city_from_sentence" and "None -> 'Perth'" in n["message"] for n in body["notes"])
