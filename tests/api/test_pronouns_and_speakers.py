"""Who "she" and "I" are, through /v1/extract: a wrong subject replaced, a speaker's meeting added."""

from __future__ import annotations

from typing import Any

import httpx
import respx

from tests.conftest import completion

# Written for this test: "She" is Silva (the sentence before names her first), not Reed.
PRONOUN_TEXT = (
    "Silva in Geneva\n\n"
    "Foreign Minister Ana Silva had her first meeting in Geneva with Secretary of State Tom Reed on Monday.\n"
    "She also met Foreign Minister Jan Novak and Foreign Minister Leo Berg on Tuesday.\n"
)
SHE = "She also met Foreign Minister Jan Novak and Foreign Minister Leo Berg on Tuesday."

# Written for this test: a parliamentary answer; "I" is the speaker its speaker line names.
SPEAKER_TEXT = (
    "Official Engagements\n"
    "Tom Reed (Dublin North, Labour)\n"
    "12. To ask the Minister the number of times he has met his British counterpart.\n"
    "Ann Lee (Cork East, Fine Gael)\n"
    "I have met my British counterpart twice this year.\n"
    "I met bilaterally with Foreign Secretary Leo Berg in London in June 2024.\n"
)


def _event(names: list[str], evidence: str) -> dict[str, Any]:
    return {
        "evidence": [evidence],
        "participants": [{"name": n, "title": None, "country": None} for n in names],
        "date_text": "on Tuesday",
        "location": {"city": None, "country": None, "venue": None},
        "format": "in_person",
        "status": "occurred",
        "topics": [],
        "outcomes": [],
    }


def test_a_person_the_cited_sentence_never_names_is_replaced_by_whom_she_refers_to(
    client_factory: Any, llm: respx.MockRouter
) -> None:
    client = client_factory(llm_max_retries=0)
    answer = {"events": [_event(["Tom Reed", "Jan Novak", "Leo Berg"], SHE)]}
    llm.post("/chat/completions").mock(side_effect=[httpx.Response(200, json=completion(answer))])
    r = client.post("/v1/extract", json={"text": PRONOUN_TEXT, "published": "2024-03-06"})
    assert r.status_code == 200, r.text
    body = r.json()
    pairs = [[p["name"] for p in e["participants"]] for e in body["events"]]
    assert ["Ana Silva", "Jan Novak"] in pairs and ["Ana Silva", "Leo Berg"] in pairs
    assert not any("Tom Reed" in p and "Jan Novak" in p for p in pairs)
    replaced = [n for n in body["notes"] if n["code"] == "subject_replaced"]
    assert len(replaced) == 1 and replaced[0]["step"] == "missing_subjects"
    assert PRONOUN_TEXT[replaced[0]["span"]["start"] : replaced[0]["span"]["end"]] == SHE
    novak = next(
        e for e in body["events"] if [p["name"] for p in e["participants"]] == ["Ana Silva", "Jan Novak"]
    )
    assert novak["provenance"]["participants.0.name"]["step"] == "missing_subjects"


def test_the_speaker_s_meeting_is_added_where_the_answer_has_none(
    client_factory: Any, llm: respx.MockRouter
) -> None:
    client = client_factory(llm_max_retries=0)
    llm.post("/chat/completions").mock(side_effect=[httpx.Response(200, json=completion({"events": []}))])
    r = client.post("/v1/extract", json={"text": SPEAKER_TEXT, "published": "2024-06-27"})
    assert r.status_code == 200, r.text
    body = r.json()
    assert [[p["name"] for p in e["participants"]] for e in body["events"]] == [["Ann Lee", "Leo Berg"]]
    event = body["events"][0]
    assert event["participants"][1]["title"] == "Foreign Secretary"
    added = [n for n in body["notes"] if n["code"] == "event_added_principal_meeting"]
    assert len(added) == 1 and added[0]["step"] == "principal_meetings"
    assert event["provenance"]["participants.1.name"]["step"] == "principal_meetings"
