"""service.pipeline.domestic: a meeting of people who all represent one country is dropped."""

from __future__ import annotations

from grounding.article import ArticleContext
from schemas.events import Evidence, MeetingEvent, Participant
from service.pipeline.domestic import drop_domestic_meetings
from service.pipeline.step import NoteBook

TEXT = (
    "Vladimir Putin had a working meeting with Governor Oleg Kozhemyako. "
    "Vladimir Putin met President Xi Jinping."
)
ARTICLE = ArticleContext(TEXT)


def _event(quote: str, *people: tuple[str, str | None]) -> MeetingEvent:
    start = TEXT.index(quote)
    return MeetingEvent(
        participants=[Participant(name=n, country=c) for n, c in people],
        format="in_person",
        status="occurred",
        mode="visit",
        evidence=[Evidence(quote=quote, start=start, end=start + len(quote), match="exact", grounded=True)],
    )


def test_a_meeting_within_one_country_goes_with_a_note() -> None:
    domestic = _event(
        "Vladimir Putin had a working meeting with Governor Oleg Kozhemyako.",
        ("Vladimir Putin", "Russia"),
        ("Oleg Kozhemyako", "Russia"),
    )
    foreign = _event(
        "Vladimir Putin met President Xi Jinping.", ("Vladimir Putin", "Russia"), ("Xi Jinping", "China")
    )
    book = NoteBook("domestic")
    assert drop_domestic_meetings([domestic, foreign], ARTICLE, book) == [foreign]
    assert [n.code for n in book.notes] == ["event_dropped_domestic"]
    assert book.notes[0].span is not None and book.notes[0].span.start == 0


def test_a_country_unknown_says_nothing() -> None:
    unknown = _event(
        "Vladimir Putin had a working meeting with Governor Oleg Kozhemyako.",
        ("Vladimir Putin", "Russia"),
        ("Oleg Kozhemyako", None),
    )
    book = NoteBook("domestic")
    assert drop_domestic_meetings([unknown], ARTICLE, book) == [unknown]
    assert book.notes == []
