"""service.occasions: another meeting of a found pair becomes an event of its own, with its evidence."""

from __future__ import annotations

import datetime as dt

from grounding.article import ArticleContext
from schemas.events import Evidence, Location, MeetingEvent, Participant
from service.occasions import add_other_occasions

TEXT = (
    "The Prime Minister spoke to the President of Türkiye, Recep Tayyip Erdoğan, today by phone. "
    "They discussed food security. "
    "They looked forward to continuing their discussions in Madrid next week."
)


def _call() -> MeetingEvent:
    quote = TEXT[: TEXT.index(" They")]
    return MeetingEvent(
        participants=[
            Participant(name="Boris Johnson", title="Prime Minister", country="United Kingdom"),
            Participant(name="Recep Tayyip Erdoğan", title="President", country="Turkey"),
        ],
        date=dt.date(2022, 6, 20),
        date_text="today",
        location=Location(),
        format="phone",
        status="occurred",
        mode="phone",
        evidence=[Evidence(quote=quote, start=0, end=len(quote), match="exact", grounded=True)],
    )


def test_a_planned_meeting_of_the_pair_is_added_with_its_own_time_place_and_evidence() -> None:
    warnings: list[str] = []
    article = ArticleContext(TEXT, dt.date(2022, 6, 20))
    events, added = add_other_occasions([_call()], article, warnings)
    assert added == 1 and len(events) == 2
    later = events[1]
    assert [p.name for p in later.participants] == ["Boris Johnson", "Recep Tayyip Erdoğan"]
    assert (later.status, later.format, later.date, later.date_text) == (
        "planned",
        "in_person",
        None,
        "next week",
    )
    assert later.location.city == "Madrid" and later.location.country is None  # Spain is not named
    assert later.mode == "third_party"
    ev = later.evidence[0]
    assert (
        ev.grounded
        and TEXT[ev.start : ev.end]
        == "They looked forward to continuing their discussions in Madrid next week."
    )
    assert "added a planned meeting of Boris Johnson and Recep Tayyip Erdoğan" in warnings[0]
    assert events[0] == _call()  # the answer's own event is untouched


def test_nothing_is_added_without_another_occasion() -> None:
    text = TEXT[: TEXT.index(" They looked")]
    events, added = add_other_occasions([_call()], ArticleContext(text, dt.date(2022, 6, 20)), [])
    assert (added, len(events)) == (0, 1)
