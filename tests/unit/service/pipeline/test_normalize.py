"""service.pipeline.normalize: validated model events to public events; duplicates merged."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from grounding.article import ArticleContext
from grounding.text.gazetteer import is_city
from schemas.events import Evidence, Location, MeetingEvent, Participant
from schemas.extraction import LLMEvent, LLMLocation, as_read, event_problems
from schemas.notes import Note
from service.pipeline.normalize import (
    as_answered,
    merge_events,
    merge_same_day,
    normalize_location,
    read_answer,
    split_listed_counterparts,
)
from service.pipeline.step import NoteBook, run_steps
from service.pipeline.steps import ANSWER


def to_meeting_event(event: LLMEvent, article: ArticleContext, warnings: list[str]) -> MeetingEvent:
    """One model event read and put through the answer steps, as the pipeline does."""
    book = NoteBook("read")
    notes: list[Note] = []
    events = read_answer([event], article, book)
    notes += book.notes
    # Listings, topics and outcomes have their own tests.
    steps = [s for s in ANSWER if s.name not in {"listed_counterparts", "people", "topics", "outcomes"}]
    (out,) = run_steps(steps, events, article, notes)
    warnings += [n.message for n in notes]
    return out


def _split(events: list[MeetingEvent], text: str, warnings: list[str]) -> list[MeetingEvent]:
    book = NoteBook("listed_counterparts")
    out = split_listed_counterparts(events, ArticleContext(text), book)
    warnings += [n.message for n in book.notes]
    assert all(n.code == "event_split" and n.span is not None for n in book.notes)
    return out


TEXT = (
    "HÀ NỘI — State President Lương Cường received New Zealand Prime Minister Christopher Luxon "
    "in Hà Nội on Wednesday. The two leaders agreed to expand trade."
)
ARTICLE = ArticleContext(TEXT, dt.date(2025, 2, 26))


def _event(**fields: Any) -> LLMEvent:
    values: dict[str, Any] = {
        "evidence": ["State President Lương Cường received New Zealand Prime Minister Christopher Luxon"],
        "participants": [
            {"name": "President Cuong", "country": "Việt Nam"},
            {"name": "luxon", "country": "NZ"},
        ],
        "host": "Cường",
        "date_text": "on Wednesday",
        "location": {"city": "Hà  Nội", "country": "Vietnamese"},
    }
    values.update(fields)
    return LLMEvent.model_validate(values)


def test_names_countries_dates_and_evidence_are_normalised() -> None:
    warnings: list[str] = []
    event = to_meeting_event(
        _event(outcomes=["agreed to expand trade", "Agreed to expand trade "]), ARTICLE, warnings
    )
    assert [(p.name, p.country) for p in event.participants] == [
        ("Lương Cường", "Vietnam"),
        ("Christopher Luxon", "New Zealand"),
    ]
    assert event.host == "Lương Cường"
    assert (event.date, event.date_text) == (dt.date(2025, 2, 26), "on Wednesday")
    # The article never names Vietnam: a city whose country the article does not name keeps
    # `country` null (evals/GUIDELINES.md).
    assert (event.location.city, event.location.country) == ("Hà Nội", None)
    assert event.outcomes == ["agreed to expand trade"]
    [evidence] = event.evidence
    assert evidence.grounded and TEXT[evidence.start : evidence.end] == evidence.quote  # type: ignore[index]
    assert warnings == ["location country 'Vietnam' is not where the article places the meeting"]


def test_what_is_corrected_is_warned_about() -> None:
    warnings: list[str] = []
    event = to_meeting_event(
        _event(
            date_text=None,
            evidence=["in Hà Nội on Wednesday", "They played chess on the moon together."],
            participants=[{"name": "Lương Cường", "country": "Atlantis"}, {"name": "Luxon"}],
            format="phone",
            mode="visit",
        ),
        ARTICLE,
        warnings,
    )
    assert event.date_text == "on Wednesday" and event.date == dt.date(2025, 2, 26)  # from the evidence
    assert event.mode == "phone" and event.host is None  # a call is never a visit
    # The quotes name neither person: the sentence that tells their meeting joins the evidence first.
    assert [e.grounded for e in event.evidence] == [True, True, False]
    assert event.evidence[2].match == "none" and event.evidence[2].start is None
    assert warnings == [
        "unrecognised country 'Atlantis' for 'Lương Cường'; left null",
        "ungrounded evidence: 'They played chess on the moon together.' was not found in the article",
        "the sentence that tells the meeting of Lương Cường and Christopher Luxon joins its evidence "
        "(the answer cited none that names them)",
        "date phrase 'on Wednesday' taken from the event's evidence",
        "a call has no location: the parties are in different places",
        "mode 'visit' -> 'phone': the meeting is a call",
        "host 'Lương Cường' dropped: only a visit has a host",
    ]


def test_a_date_phrase_missing_from_the_article_is_dropped() -> None:
    warnings: list[str] = []
    event = to_meeting_event(
        _event(date_text="on 3 March 2025", evidence=["The two leaders agreed"]), ARTICLE, warnings
    )
    # The invented phrase goes; the sentence that tells the meeting (the quote names neither
    # leader, so it joins the evidence) dates it instead.
    assert (event.date, event.date_text) == (dt.date(2025, 2, 26), "on Wednesday")
    assert warnings == [
        "date phrase 'on 3 March 2025' is not in the article; date left null",
        "the sentence that tells the meeting of Lương Cường and Christopher Luxon joins its evidence "
        "(the answer cited none that names them)",
        "date phrase 'on Wednesday' taken from the event's evidence",
        "location country 'Vietnam' is not where the article places the meeting",
    ]


READOUT = (
    "Meeting with Prime Minister of India Manmohan Singh\n\nMarch 26, 2013, Durban\n\n"
    "Vladimir Putin met with Prime Minister of India Manmohan Singh. They will meet again.\n\n"
    "Putin said relations were good."
)


def _readout_event(**fields: Any) -> LLMEvent:
    values: dict[str, Any] = {
        "evidence": ["Vladimir Putin met with Prime Minister of India Manmohan Singh."],
        "participants": [{"name": "Vladimir Putin"}, {"name": "Manmohan Singh"}],
        "location": {"city": "India"},
    }
    values.update(fields)
    return LLMEvent.model_validate(values)


def test_an_undated_meeting_takes_the_dateline_and_a_country_is_not_a_city() -> None:
    warnings: list[str] = []
    article = ArticleContext(READOUT, dt.date(2013, 3, 26))
    event = to_meeting_event(_readout_event(), article, warnings)
    assert (event.date, event.date_text) == (dt.date(2013, 3, 26), "March 26, 2013")
    # "India" is no city; nor is it where they met ("Prime Minister of India" is an office): the
    # article names India only as a country of a participant.
    assert (event.location.city, event.location.country) == (None, None)
    assert warnings == ["date phrase 'March 26, 2013' taken from the article's headline or dateline"]
    # A planned meeting is not dated by the day the article was written.
    planned = to_meeting_event(_readout_event(status="planned"), article, [])
    assert (planned.date, planned.date_text) == (None, None)


def test_an_opening_paragraph_s_day_to_come_dates_only_a_meeting_it_names() -> None:
    """A story with no headline: its opening lines' day to come is another meeting's unless the
    sentence names one of the event's people."""
    text = (
        "Minister Ann Lee has arrived in Bali to attend a G20 meeting.\n\n"
        "The meeting is scheduled to take place from 7 - 8 July 2022.\n\n"
        "Her visit follows her engagement in Singapore with Foreign Minister Bo Kim.\n"
    )
    article = ArticleContext(text, dt.date(2022, 7, 6))
    values = {
        "evidence": ["Her visit follows her engagement in Singapore with Foreign Minister Bo Kim."],
        "participants": [{"name": "Ann Lee"}, {"name": "Bo Kim"}],
    }
    event = to_meeting_event(LLMEvent.model_validate(values), article, [])
    assert (event.date, event.date_text) == (None, None)
    named = text.replace("The meeting is scheduled", "Lee's meeting with Kim is scheduled")
    event = to_meeting_event(LLMEvent.model_validate(values), ArticleContext(named, dt.date(2022, 7, 6)), [])
    assert event.date_text is not None and event.date_text.endswith("July 2022")


def test_a_call_has_no_location() -> None:
    article = ArticleContext(READOUT, dt.date(2013, 3, 26))
    event = to_meeting_event(
        _readout_event(format="phone", location={"city": "Durban", "country": "South Africa"}), article, []
    )
    assert (event.location.city, event.location.country, event.location.venue) == (None, None, None)


def _public(names: list[str], date: str | None, start: int, topics: list[str]) -> MeetingEvent:
    return MeetingEvent(
        participants=[Participant(name=n) for n in names],
        date=dt.date.fromisoformat(date) if date else None,
        format="in_person",
        status="occurred",
        mode="visit",
        topics=topics,  # type: ignore[arg-type]
        outcomes=[f"outcome at {start}"],
        evidence=[Evidence(quote="q", start=start, end=start + 1, match="exact", grounded=True)],
    )


def test_merge_events_joins_one_meeting_seen_twice_and_orders_by_evidence() -> None:
    later = _public(["Ann Lee", "Bo Kim"], "2025-01-02", 50, ["trade"])
    earlier = _public(["Cy Park", "Di Moss"], "2025-01-02", 10, [])
    again = _public(["Ann Lee", "Bo Kim"], "2025-01-02", 80, ["energy", "trade"])
    other_day = _public(["Ann Lee", "Bo Kim"], "2025-01-09", 90, [])
    merged = merge_events([later, earlier, again, other_day])
    assert [[p.name for p in e.participants] for e in merged] == [
        ["Cy Park", "Di Moss"],
        ["Ann Lee", "Bo Kim"],
        ["Ann Lee", "Bo Kim"],
    ]
    joined = merged[1]
    assert [e.start for e in joined.evidence] == [50, 80]
    assert joined.topics == ["trade", "energy"]
    assert joined.outcomes == ["outcome at 50", "outcome at 80"]
    assert merged[2].date == dt.date(2025, 1, 9)


def test_a_rule_s_meeting_told_again_under_another_form_of_a_name_is_merged() -> None:
    answered = _public(["Condoleezza Rice", "Sergei Lavrov"], "2008-12-16", 10, ["security"])
    added = _public(["Rice", "Lavrov"], "2008-12-16", 50, ["energy"])
    planned = _public(["Rice", "Lavrov"], "2008-12-16", 70, []).model_copy(update={"status": "planned"})
    undated = [_public(["Rice", "Lavrov"], None, 90, []), _public(["Rice", "Lavrov"], None, 95, [])]
    namesake = _public(["Condoleezza Rice", "Tom Lavrov"], "2008-12-16", 99, [])
    book = NoteBook("same_day")
    kept = merge_same_day([answered, added, planned, *undated, namesake], ArticleContext("x"), book)
    # One meeting of the pair that day; the planned one, the undated ones and a namesake stay.
    assert [(e.evidence[0].start, e.status) for e in kept] == [
        (10, "occurred"),
        (70, "planned"),
        (90, "occurred"),
        (95, "occurred"),
        (99, "occurred"),
    ]
    assert [p.name for p in kept[0].participants] == ["Condoleezza Rice", "Sergei Lavrov"]
    assert [e.start for e in kept[0].evidence] == [10, 50] and kept[0].topics == ["security", "energy"]
    assert [n.code for n in book.notes] == ["events_merged"]


def test_a_call_the_model_called_in_person_is_a_call() -> None:
    text = (
        "PM call with President Erdoğan of Türkiye: 28 May 2023\n"
        "Prime Minister Rishi Sunak spoke to President Recep Tayyip Erdoğan to congratulate him.\n"
        "Rishi Sunak met King Charles in London on Monday."
    )
    article = ArticleContext(text, dt.date(2023, 5, 29))
    call = LLMEvent.model_validate(
        {
            "evidence": [
                "Prime Minister Rishi Sunak spoke to President Recep Tayyip Erdoğan to congratulate him."
            ],
            "participants": [{"name": "Rishi Sunak"}, {"name": "Recep Tayyip Erdoğan"}],
            "location": {"city": "London"},
            "format": "in_person",
            "mode": "visit",
        }
    )
    warnings: list[str] = []
    event = to_meeting_event(call, article, warnings)
    # The headline names Erdoğan and says "call": a call, with no location.
    assert (event.format, event.mode, event.location.city) == ("phone", "phone", None)
    assert any(w.startswith("format 'phone': the article reports a call") for w in warnings)
    meeting = call.model_copy(
        update={
            "evidence": ["Rishi Sunak met King Charles in London on Monday."],
            "participants": [
                call.participants[0],
                call.participants[0].model_copy(update={"name": "King Charles"}),
            ],
        }
    )
    # The headline names neither Sunak's other counterpart nor a call in this paragraph.
    assert to_meeting_event(meeting, article, []).format == "in_person"


def _listed(text: str, quote: str, names: list[str], **fields: Any) -> MeetingEvent:
    start = text.index(quote)
    event = LLMEvent.model_validate(
        {"evidence": [quote], "participants": [{"name": n} for n in names], "mode": "multilateral", **fields}
    )
    public = to_meeting_event(event, ArticleContext(text, dt.date(2019, 1, 25)), [])
    assert any(e.start == start for e in public.evidence)
    return public


def test_a_listing_of_counterparts_becomes_one_meeting_each() -> None:
    text = (
        "Warsaw\nMinister Field met Deputy Foreign Minister Maciej Lang, Slawomir Mazurek and Piotr Naimski."
    )
    quote = text.split("\n")[1]
    event = _listed(text, quote, ["Maciej Lang", "Mark Field", "Slawomir Mazurek", "Piotr Naimski"])
    warnings: list[str] = []
    split = _split([event], text, warnings)
    assert [[p.name for p in e.participants] for e in split] == [
        ["Mark Field", "Maciej Lang"],
        ["Mark Field", "Slawomir Mazurek"],
        ["Mark Field", "Piotr Naimski"],
    ]
    assert all(e.mode == "visit" and e.evidence == event.evidence for e in split)
    assert warnings == [
        "event 1 split into 3 meetings of Mark Field: its evidence lists counterparts without saying "
        "they met together"
    ]


def test_a_joint_meeting_a_call_and_a_pair_are_not_split() -> None:
    text = "London\nJames Cleverly held a trilateral meeting with Zbigniew Rau and Dmytro Kuleba."
    quote = text.split("\n")[1]
    joint = _listed(text, quote, ["James Cleverly", "Zbigniew Rau", "Dmytro Kuleba"])
    assert _split([joint], text, []) == [joint]
    call_text = (
        "Moscow\nVladimir Putin had a telephone conversation with Angela Merkel and Francois Hollande."
    )
    call = _listed(
        call_text, call_text.split("\n")[1], ["Vladimir Putin", "Angela Merkel", "Francois Hollande"]
    )
    assert call.format == "phone" and _split([call], call_text, []) == [call]
    pair = _listed(text, quote, ["James Cleverly", "Zbigniew Rau"])
    assert _split([pair], text, []) == [pair]
    # People who open the sentence as its subject, before "will hold a meeting", meet together.
    group_text = (
        "Hawaii\nGen. Tom Reed, South Korean air force Gen. Park Ji-hoon, and Japanese navy Adm. "
        "Kenji Sato will hold a meeting at Camp Smith."
    )
    group = _listed(group_text, group_text.split("\n")[1], ["Tom Reed", "Park Ji-hoon", "Kenji Sato"])
    assert _split([group], group_text, []) == [group]


def test_a_listing_cited_only_by_its_headline_is_split_by_the_paragraph_naming_them() -> None:
    text = "Minister visits Poland\nMinister Field met Maciej Lang, Slawomir Mazurek and Piotr Naimski."
    event = _listed(text, "Minister visits Poland", ["Maciej Lang", "Mark Field", "Slawomir Mazurek"])
    split = _split([event], text, [])
    assert [[p.name for p in e.participants] for e in split] == [
        ["Mark Field", "Maciej Lang"],
        ["Mark Field", "Slawomir Mazurek"],
    ]


def test_the_location_country_is_the_city_s_when_the_article_names_it() -> None:
    text = "Blinken met Kacer of Slovakia in Bucharest, Romania on Monday to discuss trade."
    article = ArticleContext(text, dt.date(2021, 3, 23))

    def location(**where: Any) -> tuple[str | None, str | None, str | None]:
        raw = {
            "evidence": [text],
            "participants": [{"name": "Blinken"}, {"name": "Kacer"}],
            "location": where,
        }
        loc = to_meeting_event(LLMEvent.model_validate(raw), article, []).location
        return loc.city, loc.country, loc.venue

    # A participant's country given as the meeting's: the city's country, which the article names.
    assert location(city="Bucharest", country="Slovakia") == ("Bucharest", "Romania", None)
    unnamed = ArticleContext(text.replace(", Romania", ""), dt.date(2021, 3, 23))
    raw = {"evidence": [unnamed.text], "participants": [{"name": "Blinken"}, {"name": "Kacer"}]}
    event = LLMEvent.model_validate({**raw, "location": {"city": "Bucharest", "country": "Slovakia"}})
    assert to_meeting_event(event, unnamed, []).location.country is None
    # No city: the sentence's own city is read, and its country where the article names it; a
    # participant's country given as the meeting's goes.
    assert location(country="Slovakia") == ("Bucharest", "Romania", None)
    assert location(country="Romania") == ("Bucharest", "Romania", None)
    # Without a city in the sentence, a country stays only where the article names it as a place,
    # and the one the meeting's own sentence places it in wins over a participant's.
    cityless = ArticleContext("Blinken met Kacer of Slovakia in Romania on Monday.", dt.date(2021, 3, 23))
    raw = {"evidence": [cityless.text], "participants": [{"name": "Blinken"}, {"name": "Kacer"}]}
    for given, kept in (("Slovakia", "Romania"), ("Romania", "Romania")):
        event = LLMEvent.model_validate({**raw, "location": {"country": given}})
        assert to_meeting_event(event, cityless, []).location.country == kept
    in_text = ArticleContext("Blinken met Kacer in Slovakia on Monday.", dt.date(2021, 3, 23))
    raw = {"evidence": [in_text.text], "participants": [{"name": "Blinken"}, {"name": "Kacer"}]}
    event = LLMEvent.model_validate({**raw, "location": {"country": "Slovakia"}})
    assert to_meeting_event(event, in_text, []).location.country == "Slovakia"


def test_the_city_the_meeting_s_own_sentence_places_it_in_wins() -> None:
    text = (
        "In Perth, Secretary Lee will hold a hometown visit with Foreign Minister Ed Smith.\n"
        "In Auckland, Secretary Lee will meet with Prime Minister Bo Clark."
    )
    article = ArticleContext(text, dt.date(2025, 7, 17))
    auckland = text.split("\n")[1]
    raw = {
        "evidence": [auckland],
        "participants": [{"name": "Ann Lee"}, {"name": "Bo Clark"}],
        "location": {"city": "Perth", "country": "Australia"},
        "status": "planned",
    }
    warnings: list[str] = []
    event = to_meeting_event(LLMEvent.model_validate(raw), article, warnings)
    assert (event.location.city, event.location.country) == ("Auckland", None)  # New Zealand unwritten
    source = event.provenance["location.city"]
    assert (source.origin, source.step) == ("article", "places")
    assert source.span is not None and text[source.span.start : source.span.end] == auckland
    assert "city 'Perth' -> 'Auckland': the meeting's own sentence places it there" in warnings
    # A sentence that places the meeting nowhere, or in the model's city, leaves it alone.
    for evidence, city in ((auckland.replace("In Auckland, ", ""), "Perth"), (auckland, "Auckland")):
        same = LLMEvent.model_validate({**raw, "evidence": [evidence], "location": {"city": city}})
        kept = to_meeting_event(same, article, [])
        assert kept.location.city == city and "location.city" not in kept.provenance


def test_a_place_the_gazetteer_knows_no_city_of_is_the_venue() -> None:
    text = "The Prime Minister Rishi Sunak met Joe Biden at Downing Street today."
    raw = {
        "evidence": [text],
        "participants": [{"name": "Rishi Sunak"}, {"name": "Joe Biden"}],
        "location": {"city": "Downing Street"},
    }
    warnings: list[str] = []
    loc = to_meeting_event(LLMEvent.model_validate(raw), ArticleContext(text), warnings).location
    assert (loc.city, loc.venue) == (None, "Downing Street")
    assert any("no city the gazetteer knows" in w for w in warnings)


def test_a_building_is_the_venue_even_where_a_town_bears_its_name() -> None:
    assert is_city("White House")  # a town in Tennessee
    where = LLMLocation(city="White House")
    assert normalize_location(
        where, "in_person", ArticleContext("Biden met Starmer at the White House.")
    ) == Location(venue="White House")
    assert (
        normalize_location(
            LLMLocation(city="Mexico City"), "in_person", ArticleContext("In Mexico City.")
        ).city
        == "Mexico City"
    )


def test_a_dateline_in_capitals_places_the_city_in_its_country() -> None:
    """ "DUSHANBE, Tajikistan, October 9." names the country beside the city, whatever its case."""
    text = "DUSHANBE, Tajikistan, October 9. President Vladimir Putin met Emomali Rahmon in Dushanbe."
    where = normalize_location(LLMLocation(city="Dushanbe"), "in_person", ArticleContext(text))
    assert (where.city, where.country) == ("Dushanbe", "Tajikistan")
    # Without the country beside it (or "in Tajikistan"), the city keeps no country.
    bare = "DUSHANBE, October 9. President Vladimir Putin met Emomali Rahmon of Tajikistan."
    assert normalize_location(LLMLocation(city="Dushanbe"), "in_person", ArticleContext(bare)).country is None


def test_reading_an_answer_notes_what_validation_only_checked() -> None:
    line = "The Prime Minister spoke to President Recep Tayyip Erdoğan of Türkiye today."
    text = f"Downing Street statement: 22 July 2025\n{line} Erdoğan thanked the UK."
    article = ArticleContext(text, dt.date(2025, 7, 22))
    event = LLMEvent.model_validate(
        {"evidence": [line], "participants": [{"name": "Recep Tayyip Erdoğan"}, {"name": "Erdoğan"}]}
    )
    book = NoteBook("read")
    [read] = as_answered([event], article, book)
    assert [p.name for p in read.participants] == ["Keir Starmer", "Recep Tayyip Erdoğan"]
    assert [n.code for n in book.notes] == ["participant_merged", "principal_added"]
    assert "'Recep Tayyip Erdoğan' and 'Erdoğan' are one person" in book.notes[0].message
    assert [p.name for p in event.participants] == ["Recep Tayyip Erdoğan", "Erdoğan"]  # left as it came


def test_only_people_are_participants_and_offices_are_no_part_of_their_names() -> None:
    """A body, an office and the reporter are dropped; office words before a name are cut."""
    text = (
        "By Karen Parrish\nPARIS, June 1 - Secretary Ann Lee met United Nations Secretary-General "
        "Ban Ki-moon, the High Representative and the Southern Naval Command on Friday."
    )
    quote = text.split("\n")[1]
    article = ArticleContext(text, dt.date(2013, 6, 1))
    listed = ["Ann Lee", "Secretary-General Ban Ki-moon", "Southern Naval Command", "Karen Parrish"]
    event = LLMEvent.model_validate({"evidence": [quote], "participants": [{"name": n} for n in listed]})
    book = NoteBook("read")
    [read] = as_answered([event], article, book)
    assert [p.name for p in read.participants] == ["Ann Lee", "Ban Ki-moon"]
    assert [n.code for n in book.notes] == ["participant_renamed", *["participant_not_a_person"] * 2]
    reasons = " | ".join(n.message for n in book.notes)
    assert "an office before the name" in reasons and "a body" in reasons and "byline" in reasons
    # Validation sees the same form: with the body and the reporter alone, one person is left.
    alone = LLMEvent.model_validate(
        {"evidence": [quote], "participants": [{"name": "Ann Lee"}, {"name": "Karen Parrish"}]}
    )
    assert any("one person" in p for p in event_problems(as_read(alone, article), article)[0])


@pytest.mark.parametrize(
    ("text", "country"),
    [
        # Named beside the city, or as where someone goes: the city's country.
        ("The Secretary will continue to Seoul, Republic of Korea on April 16.", "South Korea"),
        ("Biden met Sisi in Cairo. He had flown to Egypt on Friday.", "Egypt"),
        # Named only as someone's ("the Egyptian President", "Egypt's economy"): nothing of the city.
        ("Biden met the Egyptian President in Cairo and discussed Egypt's economy.", None),
    ],
)
def test_a_city_s_country_only_where_the_article_names_it_as_a_place(text: str, country: str | None) -> None:
    city = "Seoul" if "Seoul" in text else "Cairo"
    loc = normalize_location(LLMLocation(city=city), "in_person", ArticleContext(text))
    assert (loc.city, loc.country) == (city, country)


def test_a_city_and_its_country_ending_a_sentence_and_a_listed_destination() -> None:
    """ "in Podgorica, Montenegro." names the country beside the city though a full stop follows;
    a country in a list after "visit to" is named as a place as much as the first one."""
    text = (
        "She will start a visit to North Macedonia, Kosovo, Montenegro, Serbia, and Bosnia and "
        "Herzegovina on Sunday. On Tuesday, she will be in Podgorica, Montenegro. Then she goes to Belgrade."
    )
    article = ArticleContext(text)
    assert normalize_location(LLMLocation(city="Podgorica"), "in_person", article).country == "Montenegro"
    assert normalize_location(LLMLocation(city="Belgrade"), "in_person", article).country == "Serbia"
    # A country named only as somebody's is no place.
    other = ArticleContext("The President of Serbia met her in Belgrade.")
    assert normalize_location(LLMLocation(city="Belgrade"), "in_person", other).country is None


UNDATED = (
    "Talks on the border (2008)\n"
    "Foreign Minister Ann Lee met Foreign Minister Bo Kim in Seoul on July 24. "
    "They had first met in 1999."
)


def _undated_event(date_text: str) -> LLMEvent:
    return LLMEvent.model_validate(
        {
            "evidence": ["Foreign Minister Ann Lee met Foreign Minister Bo Kim in Seoul on July 24."],
            "participants": [{"name": "Ann Lee"}, {"name": "Bo Kim"}],
            "date_text": date_text,
            "format": "in_person",
            "status": "occurred",
        }
    )


def test_without_a_publication_date_a_day_takes_the_year_written_before_it() -> None:
    """No publication date: "July 24" is dated by the year the article writes before it (its
    headline's 2008), not by a year written after it (1999), and the note points at that year."""
    warnings: list[str] = []
    event = to_meeting_event(_undated_event("July 24"), ArticleContext(UNDATED, None), warnings)
    assert event.date == dt.date(2008, 7, 24)
    assert any("writes 2008 before it" in w for w in warnings)
    # With a publication date the year is the publication's, as before.
    dated = to_meeting_event(_undated_event("July 24"), ArticleContext(UNDATED, dt.date(2010, 8, 1)), [])
    assert dated.date == dt.date(2010, 7, 24)
    # A weekday has no year to take: without a publication date it stays undated.
    weekday = to_meeting_event(
        _undated_event("Monday"), ArticleContext(UNDATED.replace("July 24", "Monday"), None), []
    )
    assert weekday.date is None


def test_a_city_state_is_city_and_country_alike() -> None:
    """ "Singapore" answered as the city or as the country is both (places.yaml `city_states`);
    "Japan" answered as the city stays a country."""
    text = "Lee met Kim in Singapore on Monday."
    for where in (LLMLocation(city="SINGAPORE"), LLMLocation(country="Singapore")):
        assert normalize_location(where, "in_person", ArticleContext(text)) == Location(
            city="Singapore", country="Singapore"
        )
    book = NoteBook("places")
    normalize_location(LLMLocation(country="Singapore"), "in_person", ArticleContext(text), book)
    assert [n.code for n in book.notes] == ["city_of_a_city_state"]
    japan = normalize_location(
        LLMLocation(city="Japan"), "in_person", ArticleContext("Lee met Kim in Japan.")
    )
    assert (japan.city, japan.country) == (None, "Japan")


def test_a_country_only_an_invitation_names_is_no_place_of_the_meeting() -> None:
    """ "invited Lee to return to Vietnam": a visit asked for; the meeting is not placed there."""
    text = "Lee met Prime Minister Bo Kim on Monday. Kim invited Lee to return to Vietnam."
    where = normalize_location(LLMLocation(country="Vietnam"), "in_person", ArticleContext(text))
    assert where.country is None
    # The country stays where the article puts someone there.
    placed = text + " Lee was in Vietnam in May."
    assert normalize_location(
        LLMLocation(country="Vietnam"), "in_person", ArticleContext(placed)
    ).country == ("Vietnam")


def test_the_principal_is_added_from_a_sentence_naming_the_other_not_from_its_paragraph() -> None:
    # The headline cited: a sentence naming the other party beside the bare office says who met
    # them; the office in another sentence of that paragraph does not.
    text = (
        "UK Lord Speaker meets with German Ambassador\n"
        "The German Ambassador, Ann Lee, met the Lord Speaker. Lee spoke of reform. The Lord Speaker "
        "hopes for progress in conversations with the Prime Minister.\n"
        "Visit of President Bo Kim\n"
        "The Prime Minister will receive President Bo Kim on Monday.\n"
    )
    article = ArticleContext(text, dt.date(2025, 7, 22))
    headline = text.split("\n")[0]
    lone = LLMEvent.model_validate(
        {"evidence": [headline], "participants": [{"name": "Ann Lee"}, {"name": "Lee"}]}
    )
    kim = LLMEvent.model_validate(
        {"evidence": ["Visit of President Bo Kim"], "participants": [{"name": "Bo Kim"}, {"name": "Kim"}]}
    )
    book = NoteBook("read")
    lee_event, kim_event = as_answered([lone, kim], article, book)
    assert [p.name for p in lee_event.participants] == ["Ann Lee"]
    assert [p.name for p in kim_event.participants] == ["Keir Starmer", "Bo Kim"]
