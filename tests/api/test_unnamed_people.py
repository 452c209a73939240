"""An answer's meeting of people its sentences never name, and that no paragraph names together
with a meeting, goes (step `unnamed_people`), through /v1/extract with the upstream mocked."""

from __future__ import annotations

from functools import partial
from typing import Any

import respx

from tests.api.answers import answer_event, extract_answered

# Written for these tests.
TRIP_TEXT = (
    "Secretary Lee to Travel to Australia and New Zealand\n\n"
    "Secretary of State Ann Lee will travel to Australia and New Zealand on July 20.\n\n"
    "In Perth, Secretary Lee will hold a hometown visit with Foreign Minister Ed Smith.\n\n"
    "In Auckland, Secretary Lee will meet with Prime Minister Bo Clark, Foreign Minister Cy Peters, "
    "and Opposition Leader Di Keyes.\n"
)
HEADLINE = TRIP_TEXT.split("\n")[0]
LIST_TEXT = (
    "PM meetings with foreign leaders: 17 September 2022\n\n"
    "The Prime Minister carried out a number of engagements with world leaders this weekend.\n\n"
    "Saturday 17th September at No 10 Downing Street:\n"
    "- Prime Minister Ann Lee of Australia [in person]\n"
    "- President Bo Kim of Korea [phone call]\n\n"
    "President Cy Park of Chile wrote to the Prime Minister on Friday.\n"
)
PASSING_TEXT = (
    "PM meeting with President Bo Kim: 10 July 2023\n\n"
    "Prime Minister Ann Lee welcomed President Bo Kim to Downing Street this morning.\n\n"
    "Since Prime Minister Lee and President Kim’s last meeting in Seoul, work has begun on a new "
    "minerals agreement.\n"
)


def _event(names: list[str], evidence: str) -> dict[str, Any]:
    return answer_event(names, evidence, status="planned")


_extract = partial(extract_answered, published="2022-09-18")


def test_counterparts_grouped_without_whom_they_meet_are_dropped_with_a_note(
    client_factory: Any, llm: respx.MockRouter
) -> None:
    # The model groups three counterparts of two paragraphs into one meeting citing the headline.
    answer = {"events": [_event(["Ed Smith", "Bo Clark", "Cy Peters"], HEADLINE)]}
    body = _extract(client_factory, llm, TRIP_TEXT, answer, service_rule_recall=False)
    assert body["events"] == []
    (dropped,) = [n for n in body["notes"] if n["code"] == "event_dropped_unnamed"]
    assert dropped["step"] == "unnamed_people"
    assert "Ed Smith, Bo Clark, Cy Peters" in dropped["message"]
    assert TRIP_TEXT[dropped["span"]["start"] : dropped["span"]["end"]] == HEADLINE
    assert body["meta"]["dropped_events"] == 1
    # Switched off, the answer's grouping stays.
    body = _extract(
        client_factory,
        llm,
        TRIP_TEXT,
        answer,
        service_rule_recall=False,
        service_skip_steps=frozenset({"unnamed_people"}),
    )
    assert [len(e["participants"]) for e in body["events"]] == [3]
    assert "event_dropped_unnamed" not in [n["code"] for n in body["notes"]]


def test_a_meeting_a_paragraph_tells_stays_though_its_event_cites_the_headline(
    client_factory: Any, llm: respx.MockRouter
) -> None:
    answer = {"events": [_event(["Ann Lee", "Bo Clark"], HEADLINE)]}
    body = _extract(client_factory, llm, TRIP_TEXT, answer, service_rule_recall=False)
    assert [[p["name"] for p in e["participants"]] for e in body["events"]] == [["Ann Lee", "Bo Clark"]]
    assert "event_dropped_unnamed" not in [n["code"] for n in body["notes"]]


def test_a_listed_engagement_of_the_issuing_principal_stays(
    client_factory: Any, llm: respx.MockRouter
) -> None:
    # The Prime Minister of a Downing Street list, written by office alone, is that day's holder:
    # the list item names the counterpart, and the principal needs no name written.
    headline = LIST_TEXT.split("\n")[0]
    answer = {"events": [_event(["Liz Truss", "Ann Lee"], headline)]}
    body = _extract(client_factory, llm, LIST_TEXT, answer, service_rule_recall=False)
    assert "event_dropped_unnamed" not in [n["code"] for n in body["notes"]]
    # Someone the article names elsewhere, in no meeting, is no engagement of hers.
    answer = {"events": [_event(["Liz Truss", "Cy Park"], headline)]}
    body = _extract(client_factory, llm, LIST_TEXT, answer, service_rule_recall=False)
    assert "event_dropped_unnamed" in [n["code"] for n in body["notes"]]


def test_a_meeting_named_through_a_possessive_is_named(client_factory: Any, llm: respx.MockRouter) -> None:
    recalled = PASSING_TEXT.split("\n")[4]
    answer = {"events": [_event(["Ann Lee", "Bo Kim"], recalled)]}
    body = _extract(client_factory, llm, PASSING_TEXT, answer, service_rule_recall=False)
    assert "event_dropped_unnamed" not in [n["code"] for n in body["notes"]]
