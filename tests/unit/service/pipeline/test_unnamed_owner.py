"""service.pipeline.unnamed: a person written only as the owner of someone else; a headline that
does not name a person."""

from __future__ import annotations

import datetime as dt

import pytest

from grounding.article import ArticleContext
from schemas.events import Evidence, MeetingEvent, Participant
from service.pipeline.step import NoteBook
from service.pipeline.unnamed import drop_unnamed_meetings, only_as_owner


@pytest.mark.parametrize(
    ("sentence", "name", "owner"),
    [
        ("President Ann Lee met Prime Minister Bo Kim's predecessor on Monday.", "Bo Kim", True),
        ("President Ann Lee met Prime Minister Bo Kim's former foreign minister.", "Bo Kim", True),
        ("President Ann Lee's envoy met Prime Minister Bo Kim in Paris.", "Ann Lee", True),
        # The owner's own meeting or visit, or a plain mention beside: the person met.
        ("Prime Minister Bo Kim's first meeting with President Ann Lee was in Paris.", "Bo Kim", False),
        ("Prime Minister Bo Kim's visit to Paris ended after she met Lee.", "Bo Kim", False),
        ("Kim met President Ann Lee and praised Lee's envoy.", "Ann Lee", False),
    ],
)
def test_a_person_written_only_as_someone_else_s_owner_did_not_meet(
    sentence: str, name: str, owner: bool
) -> None:
    article = ArticleContext(f"News\n\n{sentence}\n", dt.date(2024, 5, 6))
    assert only_as_owner(name, [sentence], article) is owner


def _headline_event(text: str, names: list[str]) -> MeetingEvent:
    headline = text.split("\n")[0]
    return MeetingEvent(
        participants=[Participant(name=n) for n in names],
        format="in_person",
        status="occurred",
        mode="visit",
        evidence=[Evidence(quote=headline, start=0, end=len(headline), match="exact", grounded=True)],
    )


def test_a_person_only_a_headline_cites_and_does_not_name_goes_with_its_event() -> None:
    """ "Lee, Spanish King Discuss Trade" cited for Lee and a prince the body names elsewhere: nothing
    says they met, so the event goes; one the body tells, or the issuing principal, stays."""
    text = (
        "Lee, Spanish King Discuss Trade\n\n"
        "President Ann Lee met King Felipe VI in Madrid on Friday.\n\n"
        "The king named his grandson, Prince Leo Borbon, an envoy last year.\n"
    )
    article = ArticleContext(text, dt.date(2024, 5, 6))
    notes = NoteBook("unnamed_people")
    kept = drop_unnamed_meetings(
        [_headline_event(text, ["Ann Lee", "Leo Borbon"]), _headline_event(text, ["Ann Lee", "Felipe VI"])],
        article,
        notes,
    )
    assert [[p.name for p in e.participants] for e in kept] == [["Ann Lee", "Felipe VI"]]
    assert [n.code for n in notes.notes] == ["event_dropped_unnamed"]
    assert "the headline, does not name Leo Borbon" in notes.notes[0].message
    # The issuing government's principal, written by office alone, is not the one unnamed.
    readout = (
        "PM meeting with President Ann Lee: 6 May 2024\n\n"
        "The Prime Minister welcomed President Lee to Downing Street.\n"
    )
    principal = ArticleContext(readout, dt.date(2024, 5, 6))
    assert principal.is_principal("Rishi Sunak")
    event = _headline_event(readout, ["Rishi Sunak", "Ann Lee"])
    assert drop_unnamed_meetings([event], principal, NoteBook("unnamed_people")) == [event]


def test_the_source_of_a_report_is_no_party_to_the_meeting_it_reports() -> None:
    """ "China, US Defense Chiefs to Meet" cited for the ministry official the body quotes: the
    paragraph names both, but the official only tells of General Liang's meeting with Gates."""
    text = (
        "China, US Defense Chiefs to Meet\n\n"
        "Defense Ministry official Guan Youfei is quoted by Xinhua as saying General Liang Guanglie "
        "will meet with Robert Gates in Hanoi.\n"
    )
    article = ArticleContext(text, dt.date(2010, 10, 5))
    notes = NoteBook("unnamed_people")
    source = _headline_event(text, ["Guan Youfei", "Robert Gates"])
    party = _headline_event(text, ["Liang Guanglie", "Robert Gates"])
    kept = drop_unnamed_meetings([source, party], article, notes)
    assert [[p.name for p in e.participants] for e in kept] == [["Liang Guanglie", "Robert Gates"]]
    assert [n.code for n in notes.notes] == ["event_dropped_unnamed"]


def test_a_paragraph_tells_a_meeting_only_in_a_sentence_naming_one_of_them() -> None:
    """A paragraph naming both, whose meeting word is in a sentence naming neither, tells nothing
    of their meeting: the event citing the headline goes."""
    text = (
        "Council of Legislators in session\n\n"
        "Ann Lee opened the session. A few days ago I had a meeting on the plan. Bo Kim was also there.\n"
    )
    article = ArticleContext(text, dt.date(2024, 5, 6))
    notes = NoteBook("unnamed_people")
    assert drop_unnamed_meetings([_headline_event(text, ["Ann Lee", "Bo Kim"])], article, notes) == []
    told = "Council of Legislators in session\n\nAnn Lee spoke. She met Bo Kim on the plan.\n"
    kept = _headline_event(told, ["Ann Lee", "Bo Kim"])
    assert drop_unnamed_meetings([kept], ArticleContext(told, dt.date(2024, 5, 6)), notes) == [kept]


def test_a_meeting_the_article_says_was_postponed_tells_no_meeting_a_headline_stands_for() -> None:
    """ "Lee Returns to Israel for Peace Talks" cited for Lee and a prime minister whose meeting with
    her "was postponed": no sentence tells their meeting, so the event goes."""
    text = (
        "Lee Returns to Israel for Peace Talks\n\n"
        "Secretary Ann Lee headed back to the Middle East on Thursday.\n\n"
        "Lee's scheduled meeting with Prime Minister Bo Kim in Jerusalem was postponed due to the "
        "snowstorm.\n"
    )
    article = ArticleContext(text, dt.date(2013, 12, 12))
    notes = NoteBook("unnamed_people")
    assert drop_unnamed_meetings([_headline_event(text, ["Ann Lee", "Bo Kim"])], article, notes) == []
    assert [n.code for n in notes.notes] == ["event_dropped_unnamed"]
    # Told as held, the meeting stands.
    held = text.replace(" was postponed due to the snowstorm", " went ahead despite the snowstorm")
    event = _headline_event(held, ["Ann Lee", "Bo Kim"])
    assert drop_unnamed_meetings([event], ArticleContext(held, dt.date(2013, 12, 12)), NoteBook("u")) == [
        event
    ]
