"""Meetings English tells without a plain "X met Y", through /v1/extract: as a noun ("the
conversation between A and B"), by an office ("The Secretary also met ..."), held together ("the
Quad Leaders' meeting with A, B and C"); and a day that is only when something was said."""

from __future__ import annotations

from typing import Any

import httpx
import respx

from tests.conftest import completion

# Written for these tests.
BETWEEN_TEXT = (
    "Security Council meeting\n\n"
    "President Ivan Orlov held a meeting with permanent members of the Security Council.\n"
    "The situation in the region was discussed, in the context of the telephone conversation "
    "between Ivan Orlov and US President Tom Reed on December 14.\n"
)
OFFICE_TEXT = (
    "Secretary Reed: Travel to Paris\n\n"
    "While in Paris, Secretary Reed met with United Nations Secretary-General Ana Silva.\n"
    "The Secretary also met with Norwegian Foreign Minister Jan Novak.\n"
)
TOGETHER_TEXT = (
    "Statement on the President's travel\n\n"
    "Tomorrow, President Tom Reed will participate in the Quad Leaders' meeting with Prime Minister "
    "Ana Silva of Australia, Prime Minister Jan Novak of Japan, and Prime Minister Leo Berg of India.\n"
)
# Written for these tests: a news day of two meetings, the second told with two people as subject.
PAIR_TEXT = (
    "Busy day in Paris\n\n"
    "President Tom Reed met Prime Minister Ana Silva of Australia in Paris on Monday.\n"
    "Later, Foreign Minister Jan Novak of Japan and Foreign Minister Leo Berg of India held talks in "
    "Paris on Monday.\n"
    "Foreign Minister Jan Novak and Foreign Minister Leo Berg also met with students.\n"
)
SAID_TEXT = (
    "Ministry statement\n\n"
    "The ministry said today that Foreign Minister Ana Silva met Foreign Minister Jan Novak.\n"
)


def _event(names: list[str], evidence: str, date_text: str | None = None) -> dict[str, Any]:
    return {
        "evidence": [evidence],
        "participants": [{"name": n, "title": None, "country": None} for n in names],
        "date_text": date_text,
        "location": {"city": None, "country": None, "venue": None},
        "format": "in_person",
        "status": "occurred",
        "topics": [],
        "outcomes": [],
    }


def _extract(client_factory: Any, llm: respx.MockRouter, text: str, answer: dict[str, Any]) -> Any:
    client = client_factory(llm_max_retries=0)
    llm.post("/chat/completions").mock(side_effect=[httpx.Response(200, json=completion(answer))])
    r = client.post("/v1/extract", json={"text": text, "published": "2017-12-15"})
    assert r.status_code == 200, r.text
    return r.json()


def _people(body: Any) -> list[list[str]]:
    return [[p["name"] for p in e["participants"]] for e in body["events"]]


def test_a_meeting_told_as_a_noun_is_added_with_its_own_day(
    client_factory: Any, llm: respx.MockRouter
) -> None:
    body = _extract(client_factory, llm, BETWEEN_TEXT, {"events": []})
    assert _people(body) == [["Ivan Orlov", "Tom Reed"]]
    call = body["events"][0]
    assert (call["format"], call["date"]) == ("phone", "2017-12-14")
    assert call["participants"][1]["country"] == "United States"
    assert call["provenance"]["participants.1.name"]["step"] == "principal_meetings"
    (added,) = [n for n in body["notes"] if n["code"] == "event_added_principal_meeting"]
    assert "conversation between Ivan Orlov" in BETWEEN_TEXT[added["span"]["start"] : added["span"]["end"]]


def test_the_secretary_is_the_article_s_one_secretary(client_factory: Any, llm: respx.MockRouter) -> None:
    meeting = "While in Paris, Secretary Reed met with United Nations Secretary-General Ana Silva."
    # The answer names Silva twice, so she is the principal; "The Secretary" is still Reed.
    answer = {"events": [_event(["Ana Silva", "Reed"], meeting), _event(["Ana Silva", "Reed"], meeting)]}
    body = _extract(client_factory, llm, OFFICE_TEXT, answer)
    assert ["Reed", "Jan Novak"] in _people(body)
    assert not any("Ana Silva" in p and "Jan Novak" in p for p in _people(body))


def test_a_group_s_named_meeting_is_one_meeting_with_everyone(
    client_factory: Any, llm: respx.MockRouter
) -> None:
    sentence = TOGETHER_TEXT.splitlines()[2]
    # The model lists two of the three counterparts and leaves out who meets them.
    body = _extract(
        client_factory, llm, TOGETHER_TEXT, {"events": [_event(["Ana Silva", "Jan Novak"], sentence)]}
    )
    assert _people(body) == [["Tom Reed", "Ana Silva", "Jan Novak", "Leo Berg"]]
    assert body["events"][0]["mode"] == "multilateral"
    # "will participate in the Quad Leaders' meeting": to come, whatever the answer said.
    assert body["events"][0]["status"] == "planned"
    assert [n["code"] for n in body["notes"] if n["step"] == "missing_subjects"][:2] == [
        "subject_added",
        "participant_completed",
    ]


def test_two_people_who_held_talks_are_a_meeting_the_answer_left_out(
    client_factory: Any, llm: respx.MockRouter
) -> None:
    first = PAIR_TEXT.splitlines()[2]
    body = _extract(client_factory, llm, PAIR_TEXT, {"events": [_event(["Tom Reed", "Ana Silva"], first)]})
    # The students' meeting is one side's, not a meeting of Novak and Berg again.
    assert _people(body) == [["Tom Reed", "Ana Silva"], ["Jan Novak", "Leo Berg"]]
    added = body["events"][1]
    assert (added["date"], added["location"]["city"]) == ("2017-12-11", "Paris")
    assert [p["country"] for p in added["participants"]] == ["Japan", "India"]
    assert added["provenance"]["participants.1.name"]["step"] == "principal_meetings"
    (note,) = [n for n in body["notes"] if n["code"] == "event_added_principal_meeting"]
    assert PAIR_TEXT[note["span"]["start"] : note["span"]["end"]].startswith(
        "Later, Foreign Minister Jan Novak"
    )


def test_the_day_something_was_said_is_not_the_meeting_s(client_factory: Any, llm: respx.MockRouter) -> None:
    sentence = SAID_TEXT.splitlines()[2]
    body = _extract(
        client_factory, llm, SAID_TEXT, {"events": [_event(["Ana Silva", "Jan Novak"], sentence)]}
    )
    assert _people(body) == [["Ana Silva", "Jan Novak"]]
    assert (body["events"][0]["date_text"], body["events"][0]["date"]) == (None, None)


def test_an_event_citing_its_dateline_is_read_from_the_sentence_that_tells_it(
    client_factory: Any, llm: respx.MockRouter
) -> None:
    text = (
        "Statement on the President's travel\n\n"
        "December 15, 2017\n\n"
        "Tomorrow, President Tom Reed will hold talks with Prime Minister Ana Silva of Australia.\n"
    )
    # The model cites the dateline, which names neither person, and calls the meeting done.
    body = _extract(
        client_factory, llm, text, {"events": [_event(["Tom Reed", "Ana Silva"], "December 15, 2017")]}
    )
    (event,) = body["events"]
    assert event["evidence"][0]["quote"].startswith("Tomorrow, President Tom Reed will hold talks")
    assert (event["status"], event["date_text"], event["date"]) == ("planned", "Tomorrow", "2017-12-16")
    (added,) = [n for n in body["notes"] if n["step"] == "telling_sentence"]
    assert added["code"] == "evidence_added"
