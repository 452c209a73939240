"""service.pipeline.trips: a meeting on a trip is held where the trip has taken its traveller."""

from __future__ import annotations

import datetime as dt
from typing import Any

from grounding.article import ArticleContext
from schemas.events import Location, MeetingEvent
from schemas.extraction import LLMEvent
from service.pipeline.normalize import read_answer
from service.pipeline.provenance import with_provenance
from service.pipeline.step import NoteBook
from service.pipeline.trips import trip_places

TEXT = (
    "Foreign Minister Ann Lee will travel to Berlin, Germany, on May 3. She will meet "
    "Chancellor Bo Kim there.\n"
    "Ann Lee will then continue to Seoul. She will meet with President Cy Ode.\n"
    "Ann Lee will also speak by phone with President Ed Go.\n"
    "On Friday Ann Lee will head to Sharm el-Sheikh, Egypt. There she will meet President Fa Ro."
)
ARTICLE = ArticleContext(TEXT, dt.date(2025, 5, 1))
PAST_TRIP = ArticleContext(
    "Ann Lee paid a state visit to Japan in 2023. On Friday she will meet Prime Minister Di Fu.\n"
    "Di Fu began a three-day visit to Chile on Monday. He met President Ann Lee.",
    dt.date(2025, 5, 1),
)


def _event(evidence: str, other: str, article: ArticleContext = ARTICLE, **extra: Any) -> MeetingEvent:
    answer = {
        "evidence": [evidence],
        "participants": [{"name": "Ann Lee"}, {"name": other}],
        "status": "planned",
        **extra,
    }
    [event] = read_answer([LLMEvent.model_validate(answer)], article, NoteBook("read"))
    return event


def test_a_meeting_with_no_place_takes_the_traveller_s_destination() -> None:
    book = NoteBook("trip_places")
    [event] = trip_places([_event("She will meet Chancellor Bo Kim there.", "Bo Kim")], ARTICLE, book)
    assert (event.location.city, event.location.country) == ("Berlin", "Germany")
    [note] = book.notes
    assert note.code == "place_of_the_trip" and note.span is not None
    assert TEXT[note.span.start : note.span.end].startswith("Foreign Minister Ann Lee will travel to Berlin")
    # Provenance points at the sentence the place was read from, and outlives the last writer.
    [described] = with_provenance([event], ARTICLE, [note])
    source = described.provenance["location.city"]
    assert (source.origin, source.step) == ("article", "trip_places")
    assert source.span is not None and source.span.start == note.span.start


def test_a_place_written_with_its_country_is_a_city_though_the_gazetteer_lacks_it() -> None:
    [event] = trip_places([_event("There she will meet President Fa Ro.", "Fa Ro")], ARTICLE, NoteBook("t"))
    assert event.location == Location(city="Sharm el-Sheikh", country="Egypt")


def test_what_the_step_does_not_touch() -> None:
    book = NoteBook("trip_places")
    placed = _event("She will meet Chancellor Bo Kim there.", "Bo Kim", location={"city": "Bonn"})
    # "continue to" is no travel verb (it continues work as often as journeys): the latest leg
    # before the meeting is still Berlin.
    onward = _event("She will meet with President Cy Ode.", "Cy Ode")
    call = _event("Ann Lee will also speak by phone with President Ed Go.", "Ed Go", format="phone")
    out = trip_places([placed, onward, call], ARTICLE, book)
    assert out[0].location.city == "Bonn"  # the answer's own place stands
    assert (out[1].location.city, out[1].location.country) == ("Berlin", "Germany")
    assert out[2].location.city is None  # a call is held nowhere
    assert [n.code for n in book.notes] == ["place_of_the_trip"]


def test_a_trip_told_in_another_tense_places_nothing() -> None:
    book = NoteBook("trip_places")
    planned = _event("On Friday she will meet Prime Minister Di Fu.", "Di Fu", PAST_TRIP)
    [out] = trip_places([planned], PAST_TRIP, book)
    assert out.location.country is None and not book.notes
    # "began a three-day visit to Chile": a trip told as done places a meeting that was held.
    held = _event("He met President Ann Lee.", "Di Fu", PAST_TRIP, status="occurred")
    [out] = trip_places([held], PAST_TRIP, book)
    assert out.location.country == "Chile"


DATELINED = ArticleContext(
    "Leaders meet in France\nPARIS, May 6 (Reuters) - President Ann Lee met Prime Minister Bo Kim on "
    "Monday. Lee will meet Chancellor Di Park on Friday. Lee also spoke by phone with President Ed Go.",
    dt.date(2025, 5, 6),
)


def test_a_held_meeting_with_no_place_is_in_the_dateline_s_city() -> None:
    book = NoteBook("trip_places")
    held = _event(
        "PARIS, May 6 (Reuters) - President Ann Lee met Prime Minister Bo Kim on Monday.",
        "Bo Kim",
        DATELINED,
        status="occurred",
    )
    [out] = trip_places([held], DATELINED, book)
    assert out.location.city == "Paris"
    [note] = book.notes
    assert note.code == "place_of_the_dateline" and note.span is not None
    assert DATELINED.text[note.span.start : note.span.end] == "PARIS"
    assert (out.provenance["location.city"].origin, out.provenance["location.city"].step) == (
        "article",
        "trip_places",
    )
    # Not a planned meeting (it may be held elsewhere), a call, or a meeting the answer placed.
    planned = _event("Lee will meet Chancellor Di Park on Friday.", "Di Park", DATELINED)
    call = _event(
        "Lee also spoke by phone with President Ed Go.", "Ed Go", DATELINED, status="occurred", format="phone"
    )
    placed = _event(
        "President Ann Lee met Prime Minister Bo Kim on Monday.",
        "Bo Kim",
        DATELINED,
        status="occurred",
        location={"city": "Lyon"},
    )
    book = NoteBook("trip_places")
    out = trip_places([planned, call, placed], DATELINED, book)
    assert [e.location.city for e in out] == [None, None, "Lyon"] and not book.notes


def test_the_one_met_on_the_trip_represents_the_country_visited() -> None:
    """Placed by the trip, the titled person the traveller meets there is that country's (note
    `country_from_place`), as when the answer itself placed the meeting."""
    answer = {
        "evidence": ["She will meet Chancellor Bo Kim there."],
        "participants": [{"name": "Ann Lee"}, {"name": "Bo Kim", "title": "Chancellor"}],
        "status": "planned",
    }
    [event] = read_answer([LLMEvent.model_validate(answer)], ARTICLE, NoteBook("read"))
    book = NoteBook("trip_places")
    [placed] = trip_places([event], ARTICLE, book)
    assert [(p.name, p.country) for p in placed.participants] == [("Ann Lee", None), ("Bo Kim", "Germany")]
    assert [n.code for n in book.notes] == ["place_of_the_trip", "country_from_place"]
    # A call has no place and no one received.
    assert [
        p.country for p in trip_places([_event(TEXT.splitlines()[2], "Ed Go")], ARTICLE, book)[0].participants
    ] == [
        None,
        None,
    ]


def test_the_one_met_in_a_city_the_trip_reached_represents_its_country() -> None:
    """A trip that reaches a city the article names without its country ("On Saturday, she was in
    Nairobi"): the titled person met there is of the city's country."""
    text = (
        "Secretary Ann Lee is in Malawi on her tour of Africa.\n"
        "On Saturday, she was in Nairobi where she urged leaders to hold fair elections.\n"
        "She met with President Bo Kim, who is barred by law from seeking a third term."
    )
    article = ArticleContext(text, dt.date(2012, 8, 5))
    answer = {
        "evidence": ["She met with President Bo Kim, who is barred by law from seeking a third term."],
        "participants": [{"name": "Ann Lee"}, {"name": "Bo Kim", "title": "President"}],
        "status": "occurred",
    }
    [event] = read_answer([LLMEvent.model_validate(answer)], article, NoteBook("read"))
    book = NoteBook("trip_places")
    [placed] = trip_places([event], article, book)
    assert placed.location.city == "Nairobi"
    assert [(p.name, p.country) for p in placed.participants] == [("Ann Lee", None), ("Bo Kim", "Kenya")]
    assert [n.code for n in book.notes] == ["place_of_the_trip", "country_from_place"]


def test_an_ambassador_met_where_posted_is_not_of_that_country() -> None:
    """An ambassador the traveller meets in the country they are posted to is not that country's."""
    answer = {
        "evidence": ["She will meet Chancellor Bo Kim there."],
        "participants": [{"name": "Ann Lee"}, {"name": "Bo Kim", "title": "Ambassador"}],
        "status": "planned",
    }
    [event] = read_answer([LLMEvent.model_validate(answer)], ARTICLE, NoteBook("read"))
    [placed] = trip_places([event], ARTICLE, NoteBook("trip_places"))
    assert placed.location.city == "Berlin"
    assert [p.country for p in placed.participants] == [None, None]


def test_a_meeting_placed_only_in_the_dateline_s_country_is_in_its_city() -> None:
    """ "ISLAMABAD, Pakistan (June 4, 2008) – ... met ... here yesterday", answered "in Pakistan":
    the dateline's city; a meeting placed in another country keeps its country alone."""
    article = ArticleContext(
        "Lee meets Pakistani leaders\nISLAMABAD, Pakistan (June 4, 2008) – Admiral Ann Lee met his Pakistani "
        "counterparts here yesterday. Lee met with General Bo Kim.\n",
        dt.date(2008, 6, 4),
    )
    book = NoteBook("trip_places")
    held = _event(
        "Lee met with General Bo Kim.", "Bo Kim", article, status="occurred", location={"country": "Pakistan"}
    )
    [out] = trip_places([held], article, book)
    assert (out.location.city, out.location.country) == ("Islamabad", "Pakistan")
    assert [n.code for n in book.notes] == ["place_of_the_dateline"]
    elsewhere = _event(
        "Lee met with General Bo Kim.", "Bo Kim", article, status="occurred", location={"country": "India"}
    )
    if elsewhere.location.country is not None:
        [kept] = trip_places([elsewhere], article, NoteBook("trip_places"))
        assert kept.location.city is None


def test_where_a_pronoun_s_person_is_places_their_next_meeting() -> None:
    # "she was in Nairobi": being somewhere, told of the person named before by a pronoun, places
    # the meeting told next; "was in talks" names no place, and someone else's whereabouts do not.
    article = ArticleContext(
        "Foreign Minister Ann Lee of Chile is touring Africa.\n"
        "On Saturday, she was in Nairobi, where she urged voters to keep the peace.\n"
        "She met with President Bo Kim.\n"
        "Prime Minister Cy Ode was in talks all day. Ann Lee also met Cy Ode.",
        dt.date(2025, 5, 4),
    )
    met = [
        _event("She met with President Bo Kim.", "Bo Kim", article, status="occurred"),
        _event("Ann Lee also met Cy Ode.", "Cy Ode", article, status="occurred"),
    ]
    book = NoteBook("trip_places")
    out = trip_places(met, article, book)
    assert [e.location.city for e in out] == ["Nairobi", "Nairobi"]
    assert book.notes[0].code == "place_of_the_trip"
    assert book.notes[0].span is not None
    assert article.text[book.notes[0].span.start :].startswith("On Saturday, she was in Nairobi")
    # Someone else's whereabouts, or no pronoun to read, place nothing.
    other = ArticleContext(
        "Prime Minister Cy Ode was in Nairobi on Friday. Ann Lee met Bo Kim.", dt.date(2025, 5, 4)
    )
    [alone] = trip_places([_event("Ann Lee met Bo Kim.", "Bo Kim", other, status="occurred")], other, book)
    assert alone.location.city is None


def test_the_dateline_s_sentence_saying_where_they_met_wins_over_the_dateline() -> None:
    article = ArticleContext(
        "Lee Meets Leaders\n"
        "WASHINGTON, May 30, 2015 - Secretary Ann Lee met with several leaders today in Singapore.\n"
        "Lee also met with Prime Minister Bo Kim.\n",
        dt.date(2015, 5, 30),
    )
    book = NoteBook("trip_places")
    held = _event("Lee also met with Prime Minister Bo Kim.", "Bo Kim", article, status="occurred")
    [out] = trip_places([held], article, book)
    assert out.location.city == "Singapore"
    [note] = book.notes
    assert note.code == "place_of_the_dateline" and note.span is not None
    assert article.text[note.span.start : note.span.end].startswith("WASHINGTON, May 30")


def test_a_meeting_placed_in_a_country_alone_takes_the_leg_s_city_there() -> None:
    article = ArticleContext(
        "Foreign Minister Ann Lee of Chile arrived in Vietnam on Monday.\n"
        "On Tuesday, she was in Hanoi, where she opened a fair.\n"
        "She met with Prime Minister Bo Kim.\n",
        dt.date(2025, 5, 7),
    )
    met = _event(
        "She met with Prime Minister Bo Kim.",
        "Bo Kim",
        article,
        status="occurred",
        location={"country": "Vietnam"},
    )
    book = NoteBook("trip_places")
    [out] = trip_places([met], article, book)
    assert (out.location.city, out.location.country) == ("Hanoi", "Vietnam")
    assert [n.code for n in book.notes] == ["place_of_the_trip"]
    # A leg in another country leaves the country as it is.
    elsewhere = _event(
        "She met with Prime Minister Bo Kim.",
        "Bo Kim",
        article,
        status="occurred",
        location={"country": "Laos"},
    )
    assert trip_places([elsewhere], article, NoteBook("t"))[0].location.city is None
