"""A compact answer (`PromptSpec.derived`): the model is not asked for what the service reads itself.

The schema the model answers leaves the derived fields out (llama.cpp's grammar and a hosted tool
alike); the response still carries them, read from the article by the pipeline's steps.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import httpx
import pytest
import respx

from grounding.article import ArticleContext
from schemas.api import ExtractRequest, ExtractResponse
from schemas.events import Evidence, Location, MeetingEvent, Participant
from service.llm.clients import build_clients
from service.llm.grammar import constrained_schema, without_derived
from service.llm.instructor_adapter import InstructorExtraction, request_extras, response_model
from service.pipeline.extractor import LLMExtractor
from service.pipeline.modes import fill_hosts, meeting_mode
from service.pipeline.normalize import date_context, date_spans, resolve_dates
from service.pipeline.prompts import PromptRegistry, PromptSpec
from service.pipeline.step import NoteBook
from service.serving.runtime import load_prompts
from tests.conftest import LLM_BASE, completion, make_settings

ALL = frozenset({"participant_title", "participant_country", "host", "mode", "outcomes"})
TEXT = (
    "French President Emmanuel Macron received German Chancellor Olaf Scholz in Paris on Monday. "
    "They signed an agreement on energy cooperation."
)


def _properties(schema: dict[str, Any]) -> dict[str, set[str]]:
    return {name: set(d.get("properties", {})) for name, d in schema["$defs"].items()}


def test_the_schema_leaves_the_derived_fields_out() -> None:
    grammar = constrained_schema(ArticleContext(TEXT))
    props = _properties(without_derived(grammar, ALL))
    assert props["LLMParticipant"] == {"name"}
    asked = {"evidence", "participants", "date_text", "location", "format", "status", "topics"}
    assert props["LLMEvent"] == asked
    assert _properties(grammar)["LLMParticipant"] == {"name", "title", "country"}  # the input is untouched
    assert without_derived(grammar, ()) is grammar
    only_outcomes = _properties(without_derived(grammar, {"outcomes"}))
    assert "outcomes" not in only_outcomes["LLMEvent"] and "mode" in only_outcomes["LLMEvent"]


def test_each_mode_sends_the_compact_schema() -> None:
    article = ArticleContext(TEXT)
    for grounded in (True, False):
        body = request_extras("json_object_schema", article, grounded, ALL)["extra_body"]
        assert _properties(body["response_format"]["schema"])["LLMParticipant"] == {"name"}
    # A hosted model answers through instructor's response model: its schema is compact too, and
    # the tool keeps its name and description.
    model = response_model(ALL)
    assert model is response_model(ALL) and response_model(frozenset()) is InstructorExtraction
    schema = model.model_json_schema()
    assert _properties(schema)["LLMEvent"] == {
        "evidence",
        "participants",
        "date_text",
        "location",
        "format",
        "status",
        "topics",
    }
    assert model.__name__ == "LLMExtraction" and model.__doc__ == InstructorExtraction.__doc__
    assert "host" in _properties(InstructorExtraction.model_json_schema())["LLMEvent"]


def test_a_prompt_example_may_not_show_a_derived_field(tmp_path: Path) -> None:
    registry = PromptRegistry.load(Path(__file__).parents[4] / "prompts", "meeting_events", "v2")
    compact = registry.get("v5")
    assert set(compact.derived) == ALL and compact.citations == "sentence_numbers"
    raw = compact.model_dump()
    raw["examples"][0]["output"]["events"][0]["host"] = "Anna Weber"
    with pytest.raises(ValueError, match=r"example shows fields the prompt derives: \['host'\]"):
        PromptSpec.model_validate(raw)
    raw = compact.model_dump()
    raw["examples"][0]["output"]["events"][0]["participants"][0]["country"] = "Germany"
    with pytest.raises(ValueError, match="participant_country"):
        PromptSpec.model_validate(raw)


@pytest.mark.parametrize(
    ("fmt", "city", "country", "people", "quote", "expected"),
    [
        ("phone", None, None, ["France", "Germany"], "spoke by phone", ("phone", None)),
        ("in_person", "Paris", "France", ["France", "Germany"], "received", ("visit", "A")),
        ("in_person", "Madrid", None, ["France", "Germany"], "met on the sidelines", ("third_party", None)),
        ("in_person", "Madrid", None, ["Spain", "Germany"], "met", ("visit", "A")),
        ("in_person", "Berlin", "Germany", ["France", "Germany", "Chile"], "met", ("multilateral", None)),
        ("in_person", None, None, [None, None], "met", ("visit", None)),
        ("in_person", "Madrid", "Spain", ["France", "Germany"], "visited Madrid", ("visit", None)),
    ],
)
def test_the_mode_follows_format_place_people_and_words(
    fmt: str,
    city: str | None,
    country: str | None,
    people: list[str | None],
    quote: str,
    expected: tuple[str, str | None],
) -> None:
    participants = [Participant(name=n, country=c) for n, c in zip("ABC", people, strict=False)]
    assert meeting_mode(fmt, Location(city=city, country=country), participants, quote) == expected


async def test_a_compact_answer_comes_back_whole_with_notes() -> None:
    """End to end over HTTP: the model answers names and sentence numbers only; the response has
    titles, countries, mode, host and outcomes read from the article, each change noted."""
    settings = make_settings(service_rule_recall=False, llm_mode="json_object_schema")
    extractor = LLMExtractor(build_clients(settings, LLM_BASE, "m"), load_prompts(settings), settings)
    answer = {
        "events": [
            {
                "evidence": [1],
                "participants": [{"name": "Emmanuel Macron"}, {"name": "Olaf Scholz"}],
                "date_text": "on Monday",
                "location": {"city": "Paris", "country": "France", "venue": None},
                "format": "in_person",
                "status": "occurred",
                "topics": ["energy"],
            }
        ]
    }
    with respx.mock(base_url=LLM_BASE, assert_all_called=True) as llm:
        route = llm.post("/chat/completions").mock(
            return_value=httpx.Response(200, json=completion(answer, mode="json"))
        )
        try:
            response = await extractor.extract(ExtractRequest(text=TEXT, prompt="v5"), "rid")
        finally:
            await extractor.clients.aclose()
    sent = json.loads(route.calls[0].request.content)
    schema = sent["response_format"]["schema"]
    assert _properties(schema)["LLMParticipant"] == {"name"}
    (event,) = response.events
    people = [(p.name, p.title, p.country) for p in event.participants]
    assert people == [("Emmanuel Macron", "President", "France"), ("Olaf Scholz", "Chancellor", "Germany")]
    assert (event.mode, event.host) == ("visit", "Emmanuel Macron")
    assert event.outcomes == ["They signed an agreement on energy cooperation."]
    codes = {n.code for n in response.notes}
    assert {"mode_derived", "title_from_article", "country_from_article", "outcome_from_article"} <= codes
    assert response.meta.prompt_version == "v5"


def test_a_seat_of_government_places_the_visit_and_its_host() -> None:
    people = [Participant(name="A", country="United Kingdom"), Participant(name="B", country="United States")]
    assert meeting_mode("in_person", Location(venue="White House"), people, "met") == ("visit", "B")
    assert meeting_mode("in_person", Location(venue="Downing Street"), people, "met") == ("visit", "A")
    # A palace of that name stands in many countries: it places nothing.
    assert meeting_mode("in_person", Location(venue="Presidential Palace"), people, "met") == ("visit", None)


def test_the_sentences_name_the_host_before_the_countries_do() -> None:
    from grounding.rules.hosts import Roles

    people = [Participant(name="A", country="France"), Participant(name="B", country=None)]
    where = Location(city="Paris", country="France")
    # B is said to receive A: B hosts, though A's country is where it is held.
    roles = Roles(hosts=frozenset({"B"}))
    assert meeting_mode("in_person", where, people, "received", roles=roles) == ("visit", "B")
    # A travels: the other person of a two-person meeting hosts.
    assert meeting_mode(
        "in_person", Location(), people, "visited", roles=Roles(visitors=frozenset({"A"}))
    ) == (
        "visit",
        "B",
    )
    # With three people a traveller names no host.
    three = [*people, Participant(name="C")]
    assert meeting_mode(
        "in_person", Location(), three, "visited", roles=Roles(visitors=frozenset({"A"}))
    ) == (
        "visit",
        None,
    )


async def test_the_traveller_keeps_no_country_of_the_place_they_visit() -> None:
    """End to end: the model gives the visitor the visited country; the service drops it (note
    `country_of_the_visited_place`), gives it to the one visited and names them host. (Invented
    names: a holder of an office of offices.yaml has that office's country anyway.)"""
    text = (
        "Foreign Minister Taro Ando will visit the United States from May 1. "
        "He will hold talks with Secretary of State Carla Reed in Washington."
    )
    event = {
        "evidence": [
            "Foreign Minister Taro Ando will visit the United States from May 1.",
            "He will hold talks with Secretary of State Carla Reed in Washington.",
        ],
        "participants": [
            {"name": "Taro Ando", "title": "Foreign Minister", "country": "United States"},
            {"name": "Carla Reed", "title": "Secretary of State", "country": None},
        ],
        "date_text": "from May 1",
        "location": {"city": "Washington", "country": "United States", "venue": None},
        "format": "in_person",
        "status": "planned",
        "topics": [],
    }
    response = await _extract_v6(text, event)
    (event,) = response.events
    # The place goes to the one Ando travels to meet (`country_from_place`).
    assert [(p.name, p.country) for p in event.participants] == [
        ("Taro Ando", None),
        ("Carla Reed", "United States"),
    ]
    assert (event.mode, event.host) == ("visit", "Carla Reed")
    assert {"country_of_the_visited_place", "country_from_place"} <= {n.code for n in response.notes}


@pytest.mark.parametrize(
    ("text", "known", "other"),
    [
        (
            "Deputy Secretary Wendy Sherman met today with Turkish Deputy Foreign Minister Sedat "
            "Önal as part of the 2021 U.S.-Turkey High-Level Political Dialogue.",
            ("Sedat Önal", "Deputy Foreign Minister", "Turkey"),
            ("Wendy Sherman", "Deputy Secretary", "United States"),
        ),
        # "and" after "between" joins a pair as the hyphen does.
        (
            "Energy Secretary Steven Chu met today with Canadian Minister of Natural Resources Christian "
            "Paradis for talks on relations between Canada and the United States.",
            ("Christian Paradis", "Minister of Natural Resources", "Canada"),
            ("Steven Chu", "Energy Secretary", "United States"),
        ),
    ],
)
async def test_the_other_side_of_a_written_pair_of_countries(
    text: str, known: tuple[str, str, str], other: tuple[str, str, str]
) -> None:
    """One participant's country read, the other's not written: "U.S.-Turkey" or "between Canada and
    the United States" gives the other side (note `country_from_pair`, provenance derived from that
    sentence)."""
    response = await _extract_v6(
        text,
        _met_today(
            text,
            [
                {"name": other[0], "title": other[1], "country": None},
                {"name": known[0], "title": known[1], "country": known[2]},
            ],
        ),
    )
    (event,) = response.events
    assert [(p.name, p.country) for p in event.participants] == [(other[0], other[2]), (known[0], known[2])]
    assert "country_from_pair" in {n.code for n in response.notes}
    source = event.provenance["participants.0.country"]
    assert (source.origin, source.step) == ("derived", "people")
    assert source.span is not None and text[source.span.start : source.span.end] == text


async def test_the_one_a_traveller_visits_represents_the_place() -> None:
    """In "Clinton will visit Tokyo, Japan ... will meet with Prime Minister Naoto Kanda" the receiver,
    whose country the article never writes, is Japan's (note `country_from_place`, provenance
    derived); the traveller gets nothing from the place."""
    text = (
        "Secretary Hilda Clinton will visit Tokyo, Japan, on April 17. "
        "While there, Secretary Clinton will meet with Prime Minister Naoto Kanda."
    )
    event = {
        "evidence": ["While there, Secretary Clinton will meet with Prime Minister Naoto Kanda."],
        "participants": [
            {"name": "Hilda Clinton", "title": "Secretary", "country": None},
            {"name": "Naoto Kanda", "title": "Prime Minister", "country": None},
        ],
        "date_text": "on April 17",
        "location": {"city": "Tokyo", "country": "Japan", "venue": None},
        "format": "in_person",
        "status": "planned",
        "topics": [],
    }
    response = await _extract_v6(text, event)
    (found,) = response.events
    assert [(p.name, p.country) for p in found.participants] == [
        ("Hilda Clinton", None),
        ("Naoto Kanda", "Japan"),
    ]
    assert "country_from_place" in {n.code for n in response.notes}
    assert (found.provenance["participants.1.country"].origin, found.mode, found.host) == (
        "derived",
        "visit",
        "Naoto Kanda",
    )
    # A country the article places the meeting in, no city given: one whose country it writes, and
    # not that one, is away from home there; the other receives.
    abroad = "U.S. President Barry Oban met Friday in Saudi Arabia with King Abdul Rahim."
    visit = {
        **event,
        "evidence": [abroad],
        "participants": [
            {"name": "Barry Oban", "title": "President", "country": "United States"},
            {"name": "Abdul Rahim", "title": "King", "country": None},
        ],
        "date_text": "Friday",
        "location": {"city": None, "country": "Saudi Arabia", "venue": None},
        "status": "occurred",
    }
    response = await _extract_v6(abroad, visit)
    assert [p.country for p in response.events[0].participants] == ["United States", "Saudi Arabia"]
    # At a summit the place says nothing of who is met there.
    summit = text.replace("on April 17.", "on April 17 for the G20 summit.")
    event["evidence"] = [summit.split(". ")[1]]
    response = await _extract_v6(summit, event)
    assert [p.country for p in response.events[0].participants] == [None, None]
    # A gathering at the next stop, in another country, is no part of the meeting in Tokyo.
    onward = text + (
        " During these consultations, the Secretary will address a broad range of topics."
        " She will then arrive in Apia, Samoa for a lunch with Pacific Islands Forum states."
    )
    event["evidence"] = ["While there, Secretary Clinton will meet with Prime Minister Naoto Kanda."]
    response = await _extract_v6(onward, event)
    assert [p.country for p in response.events[0].participants] == [None, "Japan"]


async def test_one_whose_country_is_not_the_meeting_city_s_is_the_traveller() -> None:
    """No sentence says who travels, but the article gives one side a country other than that of
    the city they meet in: that side is away, and the titled one received there is the place's
    (`country_from_place`). An office of a body above governments serves no country."""
    text = "U.S. Secretary Hilda Clinton met Foreign Minister Winston Peaters in Wellington on Monday."
    event = {
        "evidence": [text],
        "participants": [
            {"name": "Hilda Clinton", "title": "Secretary", "country": None},
            {"name": "Winston Peaters", "title": "Foreign Minister", "country": None},
        ],
        "date_text": "on Monday",
        "location": {"city": "Wellington", "country": None, "venue": None},
        "format": "in_person",
        "status": "occurred",
        "topics": [],
    }
    response = await _extract_v6(text, event)
    assert [(p.name, p.country) for p in response.events[0].participants] == [
        ("Hilda Clinton", "United States"),
        ("Winston Peaters", "New Zealand"),
    ]
    assert "country_from_place" in {n.code for n in response.notes}
    body = text.replace("Foreign Minister", "President of the Pacific Islands Council")
    event["evidence"] = [body]
    response = await _extract_v6(body, event)
    assert [p.country for p in response.events[0].participants] == ["United States", None]


async def test_a_venue_the_article_does_not_write_as_a_place_is_dropped() -> None:
    """The model's venue "Under" (of "Under Secretary") goes, with a note; "Chevening" stays."""
    text = (
        "Deputy Secretary Wendy Sherman met Deputy Foreign Minister Sedat Önal at Chevening on Monday. "
        "Under Secretary Victoria Nuland joined them."
    )
    event = {
        "evidence": [text.split(". ")[0] + "."],
        "participants": [
            {"name": "Wendy Sherman", "title": "Deputy Secretary", "country": None},
            {"name": "Sedat Önal", "title": "Deputy Foreign Minister", "country": None},
        ],
        "date_text": "on Monday",
        "location": {"city": None, "country": None, "venue": "Under"},
        "format": "in_person",
        "status": "occurred",
        "topics": [],
    }
    response = await _extract_v6(text, event)
    assert response.events[0].location.venue is None
    assert "venue_not_a_place" in {n.code for n in response.notes}
    event["location"] = {"city": None, "country": None, "venue": "Chevening"}
    response = await _extract_v6(text, event)
    assert response.events[0].location.venue == "Chevening"


def test_a_visit_without_a_host_is_hosted_by_the_one_whose_country_it_is_in() -> None:
    """Step `hosts` (last, so that the meetings the rules add are hosted too): a visit with no host
    gets the participant whose country it is held in (note `host_derived`); a given host stays."""
    text = "Foreign Minister Bo Sten of Norway met President Ann Lee of Kenya in Nairobi, Kenya, on Monday."
    event = MeetingEvent(
        participants=[
            Participant(name="Bo Sten", title="Foreign Minister", country="Norway"),
            Participant(name="Ann Lee", title="President", country="Kenya"),
        ],
        location=Location(city="Nairobi", country="Kenya"),
        format="in_person",
        status="occurred",
        mode="visit",
        evidence=[Evidence(quote=text, start=0, end=len(text), match="exact", grounded=True)],
    )
    notes = NoteBook("hosts")
    (hosted,) = fill_hosts([event], ArticleContext(text), notes)
    assert hosted.host == "Ann Lee" and [n.code for n in notes.notes] == ["host_derived"]
    given = event.model_copy(update={"host": "Bo Sten"})
    assert fill_hosts([given], ArticleContext(text), NoteBook("hosts"))[0].host == "Bo Sten"


def _local_event(sentence: str, names: list[tuple[str, str]]) -> dict[str, Any]:
    return {
        "evidence": [sentence],
        "participants": [{"name": n, "title": t, "country": None} for n, t in names],
        "date_text": "on Monday",
        "location": {"city": "Cape Town", "country": None, "venue": None},
        "format": "in_person",
        "status": "occurred",
        "topics": [],
    }


async def test_local_news_people_are_of_the_one_country_the_article_writes() -> None:
    """An article whose one country is written by the place it names ("in Cape Town"): ministers it
    gives no country are that country's (note `country_of_the_article`, provenance derived), and
    their meeting is the government's own business (`event_dropped_domestic`)."""
    sentence = "Housing Minister Ann Sisulu met with Police Minister Bo Cele in Cape Town on Monday."
    names = [("Ann Sisulu", "Housing Minister"), ("Bo Cele", "Police Minister")]
    response = await _extract_v6(sentence, _local_event(sentence, names))
    assert response.events == []
    codes = [n.code for n in response.notes]
    assert codes.count("country_of_the_article") == 2 and "event_dropped_domestic" in codes
    # A traveller comes from somewhere the article does not say: the one who receives them is the
    # place's (`country_from_place`), the traveller stays without, and the event stays.
    text = "Minister Bo Cele travelled to Cape Town on Monday to meet Housing Minister Ann Sisulu."
    response = await _extract_v6(text, _local_event(text, [("Bo Cele", "Minister"), names[0]]))
    (event,) = response.events
    assert [p.country for p in event.participants] == [None, "South Africa"]
    assert "country_of_the_article" not in {n.code for n in response.notes}
    # Offices that face other countries say nothing of whose the people are.
    text = "President Ann Sisulu met with Prime Minister Bo Cele in Cape Town on Monday."
    response = await _extract_v6(
        text, _local_event(text, [("Ann Sisulu", "President"), ("Bo Cele", "Prime Minister")])
    )
    assert len(response.events) == 1
    assert "country_of_the_article" not in {n.code for n in response.notes}
    # A second country written anywhere: the people's countries stay unread.
    text = sentence + " Cele later flew to Lagos, Nigeria."
    response = await _extract_v6(text, _local_event(sentence, names))
    assert len(response.events) == 1
    assert "country_of_the_article" not in {n.code for n in response.notes}


async def test_a_city_in_another_country_than_the_meeting_s_sentence_places_it_goes() -> None:
    """ "travel to Turkey to meet with X" answered in Kyiv (a later stop's city): the meeting's own
    sentence places it in Turkey (note `country_from_sentence`, provenance article), and the host,
    received there, is Turkey's rather than the answer's city's country."""
    text = (
        "On Aug. 23, Secretary Jim Matts is scheduled to travel to Turkey to meet with Defense Minister "
        "Nuri Canik. Matts concludes his trip Aug. 24 in Kyiv, Ukraine."
    )
    sentence = text.split(". Matts")[0] + "."
    event = {
        "evidence": [sentence],
        "participants": [
            {"name": "Jim Matts", "title": "Secretary", "country": None},
            {"name": "Nuri Canik", "title": "Defense Minister", "country": None},
        ],
        "date_text": "On Aug. 23",
        "location": {"city": "Kyiv", "country": None, "venue": None},
        "format": "in_person",
        "status": "planned",
        "topics": [],
    }
    response = await _extract_v6(text, event)
    (found,) = response.events
    assert (found.location.city, found.location.country) == (None, "Turkey")
    assert "country_from_sentence" in {n.code for n in response.notes}
    assert found.provenance["location.country"].origin == "article"
    assert [p.country for p in found.participants] == [None, "Turkey"]
    # A sentence that places the meeting in the city's own country leaves the city.
    event["evidence"] = ["Matts concludes his trip Aug. 24 in Kyiv, Ukraine."]
    response = await _extract_v6(text, event)
    assert "country_from_sentence" not in {n.code for n in response.notes}
    # With no city, a country the answer gave that the meeting's own sentence does not place it in
    # gives way too ("met in Turkey ..." answered in Ukraine, the next day's).
    event["evidence"] = [sentence]
    event["location"] = {"city": None, "country": "Ukraine", "venue": None}
    response = await _extract_v6(text, event)
    (found,) = response.events
    assert found.location.country == "Turkey"
    assert "country_from_sentence" in {n.code for n in response.notes}


def _met_today(text: str, participants: list[dict[str, Any]]) -> dict[str, Any]:
    """A v6 answer's event: the people met in person today, citing the whole text."""
    return {
        "evidence": [text],
        "participants": participants,
        "date_text": "today",
        "location": {"city": None, "country": None, "venue": None},
        "format": "in_person",
        "status": "occurred",
        "topics": [],
    }


async def _extract_v6(text: str, event: dict[str, Any] | list[dict[str, Any]]) -> ExtractResponse:
    """The v6 answer holding the event (or events), through the service's pipeline (rule recall off)."""
    settings = make_settings(service_rule_recall=False, llm_mode="json_object_schema")
    extractor = LLMExtractor(build_clients(settings, LLM_BASE, "m"), load_prompts(settings), settings)
    answer = {"events": event if isinstance(event, list) else [event]}
    with respx.mock(base_url=LLM_BASE, assert_all_called=True) as llm:
        llm.post("/chat/completions").mock(
            return_value=httpx.Response(200, json=completion(answer, mode="json"))
        )
        try:
            return await extractor.extract(ExtractRequest(text=text, prompt="v6"), "rid")
        finally:
            await extractor.clients.aclose()


def _cited(text: str, quote: str) -> Evidence:
    """The evidence of `quote`, found in `text`."""
    start = text.index(quote)
    return Evidence(quote=quote, start=start, end=start + len(quote), match="exact", grounded=True)


def _planned(text: str, names: list[str], date_text: str, date: dt.date) -> MeetingEvent:
    """A planned meeting of `names` on `date_text`, citing the whole text."""
    return MeetingEvent(
        participants=[Participant(name=n) for n in names],
        date_text=date_text,
        date=date,
        format="in_person",
        status="planned",
        mode="visit",
        evidence=[Evidence(quote=text, start=0, end=len(text), match="exact", grounded=True)],
    )


def test_the_first_day_of_a_span_is_the_span_with_no_single_date() -> None:
    """Step `date_spans`: "July 9" where the article writes "from July 9-13" has no one day."""
    text = "President Ann Lee will travel to Oslo from July 9-13. She will meet King Harald V."
    event = _planned(text, ["Ann Lee", "Harald V"], "July 9", dt.date(2023, 7, 9))
    notes = NoteBook("date_spans")
    (spanned,) = date_spans([event], ArticleContext(text), notes)
    assert (spanned.date_text, spanned.date) == ("July 9-13", None)
    assert [n.code for n in notes.notes] == ["date_range"]
    # A phrase the article also writes alone is one day; an hour range is no span of days.
    for other in ("She arrives on July 9. She stays from July 9-13.", "On July 9 from 10 to 2 p.m."):
        single = event.model_copy(update={"evidence": [], "date_text": "July 9"})
        assert date_spans([single], ArticleContext(other), NoteBook("date_spans"))[0].date is not None


def test_the_last_day_of_a_span_written_day_first_is_the_span() -> None:
    """Step `date_spans`: "7 February" where the article writes "from 5 - 7 February" (or "9 to 13
    July") is no single day either; "7 February" written alone is one."""
    for text, phrase, span in (
        (
            "Minister Ann Lee travelled to Oslo from 5 - 7 February. She met King Harald V.",
            "7 February",
            "5 - 7 February",
        ),
        ("Minister Ann Lee was in Oslo from 9 to 13 July. She met King Harald V.", "13 July", "9 to 13 July"),
    ):
        event = _planned(text, ["Ann Lee", "Harald V"], phrase, dt.date(2023, 7, 9))
        notes = NoteBook("date_spans")
        (spanned,) = date_spans([event], ArticleContext(text), notes)
        assert (spanned.date_text, spanned.date) == (span, None)
        assert [n.code for n in notes.notes] == ["date_range"]
    alone = "Minister Ann Lee met King Harald V in Oslo on 7 February, 15 years after 1998."
    event = _planned(alone, ["Ann Lee", "Harald V"], "7 February", dt.date(2023, 2, 7))
    assert date_spans([event], ArticleContext(alone), NoteBook("date_spans"))[0].date is not None


def test_a_date_taken_from_context_keeps_its_span_of_days() -> None:
    """Step `date_context`: an undated event cited from a paragraph that dates a trip "Nov. 15–22"
    takes the span, not its first day, even where the article writes that day alone elsewhere."""
    text = (
        "Secretary Ann Lee traveled to Greece and India Nov. 15–22 to meet partners. She met "
        "Admiral Raj Rao in New Delhi.\nIn Greece, on Nov. 15, she met Vice Adm. Petros Drymousis."
    )
    cited = _cited(text, "She met Admiral Raj Rao in New Delhi.")
    event = _planned(text, ["Ann Lee", "Raj Rao"], "", dt.date(2022, 11, 15)).model_copy(
        update={
            "status": "occurred",
            "date_text": None,
            "date": None,
            "evidence": [cited],
        }
    )
    article = ArticleContext(text, published=dt.date(2022, 11, 23))
    notes = NoteBook("date_context")
    (dated,) = resolve_dates(date_context([event], article, notes), article, NoteBook("dates"))
    assert (dated.date_text, dated.date) == ("Nov. 15–22", None)
    assert [n.code for n in notes.notes] == ["date_from_context"]


def test_with_no_publication_date_a_day_takes_the_year_of_the_headline_before_its_sentence() -> None:
    """Step `dates`: no publication date; "August 22" of the sentence before the event's takes the
    year the headline writes ("August 22-September 5, 2016"), where the headline's own "August 22"
    stands before any year."""
    text = (
        "Travel to Kenya and Nigeria, August 22-September 5, 2016\n\n"
        "Secretary Ann Lee traveled to Nairobi on August 22 to meet President Cy Park. "
        "Lee also met Foreign Minister Bo Kim."
    )
    cited = _cited(text, "Lee also met Foreign Minister Bo Kim.")
    event = _planned(text, ["Ann Lee", "Bo Kim"], "August 22", dt.date(2016, 8, 22)).model_copy(
        update={"status": "occurred", "date": None, "evidence": [cited]}
    )
    article = ArticleContext(text, published=None)
    notes = NoteBook("dates")
    (dated,) = resolve_dates([event], article, notes)
    assert dated.date == dt.date(2016, 8, 22)
    assert [n.code for n in notes.notes] == ["date_year_from_article"]


def test_the_day_something_was_said_is_not_the_meeting_s() -> None:
    """Step `date_context`: "the ministry said today" dates the statement; the meeting is the day
    the sentence gives it, and with none, the event stays undated rather than "today"."""
    text = (
        "Ministry statement\n\n"
        "The ministry said today that Ann Lee met Cy Park.\n\n"
        "Officials gave no details.\n\n"
        "The ministry said today that Ann Lee met Bo Kim on Monday in Seoul."
    )
    events = []
    for line in (text.split("\n\n")[3], text.split("\n\n")[1]):
        start = text.index(line)
        cited = Evidence(quote=line, start=start, end=start + len(line), match="exact", grounded=True)
        event = _planned(text, ["Ann Lee", "Bo Kim"], "", dt.date(2024, 5, 6)).model_copy(
            update={"status": "occurred", "date_text": None, "date": None, "evidence": [cited]}
        )
        events.append(event)
    article = ArticleContext(text, published=dt.date(2024, 5, 8))
    first, second = resolve_dates(
        date_context(events, article, NoteBook("date_context")), article, NoteBook("dates")
    )
    # The headline and the lines after it date nothing but the statement either.
    assert (first.date_text, first.date) == ("on Monday", dt.date(2024, 5, 6))
    assert (second.date_text, second.date) == (None, None)


def test_a_model_s_date_of_a_statement_is_dropped_where_it_cannot_date_the_meeting() -> None:
    """Step `date_context`: a date phrase the model gave that the article writes for a statement
    ("officials announced today") does not date a planned meeting, nor a meeting whose sentences
    do not hold it (note `date_of_a_statement`); "talks were held ..., the office said on
    Thursday" still dates the talks it reports."""
    text = (
        "Secretary Ann Lee will travel to Ankara tomorrow, defense officials announced today. "
        "On Aug. 23, Lee will meet Minister Bo Kim in Ankara."
    )
    cited = _cited(text, "On Aug. 23, Lee will meet Minister Bo Kim in Ankara.")
    event = _planned(text, ["Ann Lee", "Bo Kim"], "today", dt.date(2017, 8, 18)).model_copy(
        update={"evidence": [cited]}
    )
    article = ArticleContext(text, published=dt.date(2017, 8, 18))
    notes = NoteBook("date_context")
    (dated,) = resolve_dates(date_context([event], article, notes), article, NoteBook("dates"))
    assert (dated.date_text, dated.date) == ("Aug. 23", dt.date(2017, 8, 23))
    assert [n.code for n in notes.notes] == ["date_of_a_statement", "date_from_context"]
    # A meeting that occurred, told in the sentence that the statement's day ends: kept.
    text = "Talks were held with President Bo Kim, the presidential press office said on Thursday."
    event = _planned(text, ["Ann Lee", "Bo Kim"], "on Thursday", dt.date(2021, 5, 20)).model_copy(
        update={"status": "occurred"}
    )
    article = ArticleContext(text, published=dt.date(2021, 5, 21))
    (dated,) = resolve_dates(date_context([event], article, NoteBook("c")), article, NoteBook("dates"))
    assert (dated.date_text, dated.date) == ("on Thursday", dt.date(2021, 5, 20))


def test_a_span_whose_first_day_carries_its_weekday_is_a_span() -> None:
    """ "from April 28 (Sat) to May 6 (Sun)": the weekday in brackets does not end the span."""
    text = "Mr. Taro Aso will visit Russia from April 28 (Sat) to May 6 (Sun). He will meet Minister Lavrov."
    event = _planned(text, ["Taro Aso", "Lavrov"], "April 28", dt.date(2007, 4, 28))
    (spanned,) = date_spans([event], ArticleContext(text), NoteBook("date_spans"))
    assert spanned.date is None


def test_the_next_day_of_a_narrative_is_the_day_after_the_one_set_before() -> None:
    """Steps `date_context` and `dates`: "She met X the next day" after "arrived on Sunday" (another
    paragraph) is the Monday (notes `date_from_context`, `date_moved_on`)."""
    text = "President Ann Lee arrived in Tokyo on Sunday.\nShe met Prime Minister Bo Kim the next day."
    cited = _cited(text, "She met Prime Minister Bo Kim the next day.")
    event = _planned(text, ["Ann Lee", "Bo Kim"], "", dt.date(2024, 5, 6)).model_copy(
        update={"status": "occurred", "date_text": None, "date": None, "evidence": [cited]}
    )
    article = ArticleContext(text, published=dt.date(2024, 5, 8))
    notes, days = NoteBook("date_context"), NoteBook("dates")
    (dated,) = resolve_dates(date_context([event], article, notes), article, days)
    assert (dated.date_text, dated.date) == ("the next day", dt.date(2024, 5, 6))
    assert [n.code for n in notes.notes] == ["date_from_context"]
    assert [n.code for n in days.notes] == ["date_moved_on"]


@pytest.mark.parametrize(
    ("text", "title"),
    [
        (
            "Foreign Minister Wang Yi met his Russian counterpart Sergei Lavrov in Jakarta today.",
            "Foreign Minister",
        ),
        # A president's counterpart may hold another office: "his UK counterpart" was a prime minister.
        ("President George Bush met today with his UK counterpart Gordon Brown in Washington.", None),
        # One government's own name for the portfolio: the counterpart's is not written.
        ("External Affairs Minister Ann Lee met today with her Iranian counterpart Bo Kim in Tehran.", None),
    ],
)
async def test_a_minister_s_counterpart_holds_the_same_portfolio(text: str, title: str | None) -> None:
    """An untitled person the article calls a minister's counterpart has the minister's portfolio
    (note `title_from_counterpart`, provenance derived from the words "his ... counterpart X")."""
    first, second = next(
        (a, b)
        for a, b in (("Wang Yi", "Sergei Lavrov"), ("George Bush", "Gordon Brown"), ("Ann Lee", "Bo Kim"))
        if a in text
    )
    response = await _extract_v6(
        text,
        _met_today(text, [{"name": first, "title": None, "country": None}, {"name": second, "title": None}]),
    )
    (event,) = response.events
    assert event.participants[1].title == title
    assert ("title_from_counterpart" in {n.code for n in response.notes}) == (title is not None)
    if title is not None:
        origin = event.provenance["participants.1.title"]
        assert origin.origin == "derived" and origin.span is not None
        assert text[origin.span.start : origin.span.end].startswith("his Russian counterpart")


async def test_a_counterpart_s_portfolio_holds_in_their_other_meetings() -> None:
    """Titled as a minister's counterpart in one meeting, untitled in the next: the same portfolio
    there too, with the same derived provenance."""
    text = (
        "Foreign Minister Sergei Lavrov met his Turkish counterpart Hakan Fidan in Moscow today. "
        "Fidan was later received by President Vladimir Putin."
    )
    first, second = text.split(". ")
    event = _met_today(text, [{"name": "Sergei Lavrov"}, {"name": "Hakan Fidan"}])
    later = _met_today(text, [{"name": "Hakan Fidan"}, {"name": "Vladimir Putin"}])
    event["evidence"], later["evidence"] = [first + "."], [second]
    response = await _extract_v6(text, [event, later])
    met_putin = [e for e in response.events if "Vladimir Putin" in {p.name for p in e.participants}]
    assert len(met_putin) == 1
    fidan = next(p for p in met_putin[0].participants if p.name == "Hakan Fidan")
    assert fidan.title == "Foreign Minister"
    index = [p.name for p in met_putin[0].participants].index("Hakan Fidan")
    origin = met_putin[0].provenance[f"participants.{index}.title"]
    assert origin.origin == "derived" and origin.span is not None
    assert text[origin.span.start : origin.span.end].startswith("his Turkish counterpart")
