"""service.pipeline.steps: one article walked through the named steps, each step's notes checked."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

from grounding.article import ArticleContext
from schemas.events import Evidence, MeetingEvent, Participant
from schemas.extraction import LLMEvent
from schemas.notes import Note
from service.core.config import PROJECT_ROOT
from service.pipeline.normalize import date_context, drop_unreported_meetings, read_answer
from service.pipeline.prompts import PromptRegistry
from service.pipeline.protocol import Resolved
from service.pipeline.status import read_status
from service.pipeline.step import NoteBook, run_steps
from service.pipeline.steps import ANSWER, ARTICLE, MERGE, OPTIONAL, build_pipeline

TEXT = (
    "Minister visits Poland\n"
    "WARSAW, 14 March 2019 - Minister Mark Field met Deputy Foreign Minister Maciej Lang, "
    "Slawomir Mazurek and Piotr Naimski in Warsaw on Tuesday.\n"
    "Field also spoke by telephone with Foreign Minister Jacek Czaputowicz on Monday.\n"
    "Field did not meet President Andrzej Duda."
)
LISTING = TEXT.splitlines()[1][len("WARSAW, 14 March 2019 - ") :]
CALL = TEXT.splitlines()[2]
DENIAL = TEXT.splitlines()[3]

PROMPTS = PromptRegistry.load(PROJECT_ROOT / "prompts", "meeting_events", "v2")


def _event(evidence: str, names: list[str], **fields: Any) -> LLMEvent:
    return LLMEvent.model_validate(
        {"evidence": [evidence], "participants": [{"name": n} for n in names], **fields}
    )


ANSWER_EVENTS = [
    # Four people in one meeting, undated: split into three, dated from its sentence.
    _event(
        LISTING,
        ["Mark Field", "Maciej Lang", "Slawomir Mazurek", "Piotr Naimski"],
        location={"city": "Warsaw"},
    ),
    # A call given as a visit in Warsaw, hosted; reported twice.
    _event(
        CALL, ["Field", "Jacek Czaputowicz"], date_text="on Monday", location={"city": "Warsaw"}, host="Field"
    ),
    _event(CALL, ["Mark Field", "Czaputowicz"], date_text="on Monday"),
    # A meeting the article denies.
    _event(DENIAL, ["Mark Field", "Andrzej Duda"]),
]


def _resolved(**switches: Any) -> Resolved:
    return Resolved(**{"prompt": PROMPTS.get("v2"), "prompt_hash": "", "model": "m", **switches})


def _walk(resolved: Resolved) -> tuple[list[Any], list[Note]]:
    article = ArticleContext(TEXT, dt.date(2019, 3, 14))
    pipeline = build_pipeline(resolved)
    book = NoteBook("read")
    events = read_answer(ANSWER_EVENTS, article, book)
    notes = list(book.notes)
    events = run_steps((*pipeline.answer, pipeline.merge, *pipeline.article), events, article, notes)
    return events, notes


def _codes(notes: list[Note], step: str) -> list[str]:
    return [n.code for n in notes if n.step == step]


def test_the_steps_run_in_the_documented_order() -> None:
    assert build_pipeline(_resolved()).names == (
        "telling_sentence",
        "date_context",
        "status",
        "dates",
        "call_format",
        "places",
        "call_mode",
        "listed_counterparts",
        "cited_people",
        "people",
        "topics",
        "outcomes",
        "merge",
        "meeting_cue",
        "missing_subjects",
        "other_occasions",
        "principal_meetings",
        "unnamed_people",
        "modality",
        "domestic",
        "trip_places",
        "hosts",
        "countries",
        "date_spans",
        "same_day",
    )
    # A prompt that leaves mode and host to the service gets the step that reads them.
    compact = build_pipeline(_resolved(prompt=PROMPTS.get("v5"))).names
    assert compact[compact.index("people") + 1] == "modes"
    assert "modes" not in build_pipeline(_resolved()).names
    # Every optional step is a step, and every step not optional keeps the answer well-formed.
    names = {s.name for s in (*ANSWER, MERGE, *ARTICLE)}
    assert names | {"people_check", "lone_people"} >= OPTIONAL
    assert names - OPTIONAL == {"dates", "call_mode", "merge", "modes"}


def test_one_article_through_every_step_with_its_notes() -> None:
    events, notes = _walk(_resolved())
    people = [[p.name for p in e.participants] for e in events]
    assert people == [
        ["Mark Field", "Maciej Lang"],
        ["Mark Field", "Slawomir Mazurek"],
        ["Mark Field", "Piotr Naimski"],
        ["Mark Field", "Jacek Czaputowicz"],  # as the article writes him in full
    ]
    assert {e.date for e in events[:3]} == {dt.date(2019, 3, 12)}  # "on Tuesday", from the sentence
    call = events[3]
    assert (call.format, call.mode, call.host, call.location.city) == ("phone", "phone", None, None)
    assert call.date == dt.date(2019, 3, 11)

    # The listing from its sentence, the denied meeting from the dateline.
    assert _codes(notes, "date_context") == ["date_from_context", "date_from_context"]
    assert _codes(notes, "call_format") == ["format_call", "format_call"]
    assert _codes(notes, "places") == ["location_dropped"]
    assert _codes(notes, "call_mode") == ["mode_call", "host_dropped", "mode_call"]
    assert _codes(notes, "listed_counterparts") == ["event_split"]
    assert _codes(notes, "merge") == ["events_merged"]
    assert _codes(notes, "modality") == ["event_dropped_unasserted"]
    # Each note points into the article where the step saw what it did.
    for note in notes:
        if note.step in {"listed_counterparts", "merge", "modality", "call_format", "date_context"}:
            assert note.span is not None, note
    split = next(n for n in notes if n.code == "event_split")
    assert split.span is not None and TEXT[split.span.start : split.span.end] == LISTING
    dropped = next(n for n in notes if n.code == "event_dropped_unasserted")
    assert dropped.span is not None and TEXT[dropped.span.start : dropped.span.end] == DENIAL
    assert "denies a meeting" in dropped.message


def test_a_step_switched_off_writes_nothing_and_changes_nothing() -> None:
    events, notes = _walk(_resolved(skip_steps=("listed_counterparts", "modality")))
    assert not _codes(notes, "listed_counterparts") and not _codes(notes, "modality")
    assert len(events) == 3  # the listing whole, the call, the denied meeting
    assert [len(e.participants) for e in events] == [4, 2, 2]


def test_every_note_code_the_code_writes_is_documented() -> None:
    root = Path(__file__).resolve().parents[4]
    source = "\n".join(p.read_text(encoding="utf-8") for p in (root / "service").rglob("*.py"))
    codes = set(re.findall(r"(?:\.add|_note)\(\s*(?:notes,\s*)?\"([a-z_]+)\"", source))
    assert {"event_dropped_unasserted", "participant_merged", "events_merged"} <= codes  # the scan works
    table = (root / "docs" / "api.md").read_text(encoding="utf-8")
    assert sorted(c for c in codes if f"`{c}`" not in table) == []


def _said_done(text: str, names: list[str], date_text: str) -> MeetingEvent:
    """A meeting of `names` the model said occurred on `date_text`, citing the whole text."""
    return MeetingEvent(
        participants=[Participant(name=n) for n in names],
        date_text=date_text,
        format="in_person",
        mode="visit",
        status="occurred",
        evidence=[Evidence(quote=text, start=0, end=len(text), match="exact", grounded=True)],
    )


def test_a_meeting_the_sentence_puts_in_the_future_is_planned() -> None:
    text = "Prime Minister Ann Lee will meet President Bo Kim in Oslo on Tuesday."
    article = ArticleContext(text, dt.date(2025, 6, 4))
    event = _said_done(text, ["Ann Lee", "Bo Kim"], "on Tuesday")
    book = NoteBook("status")
    [read] = read_status([event], article, book)
    assert read.status == "planned" and [n.code for n in book.notes] == ["status_from_tense"]
    [same] = read_status([read], article, NoteBook("status"))
    assert same is read  # nothing to change: the same event back


def test_a_visit_the_sentence_announces_makes_its_meeting_planned() -> None:
    """No meeting word, but "will start a four-day visit ... on Sunday": the meeting is to come, and
    its Sunday is the next one."""
    text = "Ursula von der Leyen will start a four-day visit to North Macedonia on Sunday."
    event = _said_done(text, ["Ursula von der Leyen", "Stevo Pendarovski"], "on Sunday")
    book = NoteBook("status")
    [read] = read_status([event], ArticleContext(text, dt.date(2023, 10, 27)), book)
    assert read.status == "planned" and [n.code for n in book.notes] == ["status_from_tense"]


def test_an_undated_meeting_that_took_place_is_not_dated_after_the_article() -> None:
    text = (
        "Readout of the Secretary's Meeting with Minister Kim\n"
        "Release No: NR-363-17\n"
        "Oct. 23, 2017\n"
        "U.S. Secretary Ann Lee met with South Korean Minister Bo Kim in Manila on the sidelines of the "
        "summit. They agreed to continue discussions at talks scheduled for October 28, 2017.\n"
    )
    article = ArticleContext(text, dt.date(2017, 10, 23))
    book = NoteBook("read")
    met = text.splitlines()[3].split(" They agreed")[0]
    events = read_answer([_event(met, ["Ann Lee", "Bo Kim"])], article, book)
    notes = list(book.notes)
    pipeline = build_pipeline(_resolved())
    found = run_steps((*pipeline.answer, pipeline.merge, *pipeline.article), events, article, notes)
    [event] = [e for e in found if e.status == "occurred"]
    # Not the later talks of its paragraph, nor "17 / Oct" of the release number over the dateline.
    assert (event.date_text, event.date) == ("Oct. 23, 2017", dt.date(2017, 10, 23))


def test_people_named_each_in_a_clause_of_their_own_did_not_meet() -> None:
    apart = "President Ann Lee met voters in Paris on Monday, while Prime Minister Bo Kim campaigned in Lyon."
    together = "President Ann Lee met Prime Minister Bo Kim in Paris on Monday; Lee later met voters in Lyon."
    for text, kept in ((apart, 0), (together, 1)):
        book = NoteBook("meeting_cue")
        out = drop_unreported_meetings(
            [_said_done(text, ["Ann Lee", "Bo Kim"], "on Monday")],
            ArticleContext(text, dt.date(2025, 6, 4)),
            book,
        )
        assert len(out) == kept
        assert [n.code for n in book.notes] == ["event_dropped_no_meeting"] * (1 - kept)


def test_a_date_phrase_from_another_line_gives_way_to_the_sentence_s_own() -> None:
    text = (
        "Foreign Secretary Ann Lee met President Bo Kim in Washington on Monday. "
        "In Pristina on Tuesday, she will meet Prime Minister Cy Tanaka."
    )
    article = ArticleContext(text, dt.date(2024, 5, 8))
    sentence = text[: text.index(" In Pristina")]
    event = _said_done(sentence, ["Ann Lee", "Bo Kim"], "on Tuesday")
    book = NoteBook("date_context")
    [dated] = date_context([event], article, book)
    assert dated.date_text == "on Monday"
    assert [n.code for n in book.notes] == ["date_from_sentence"]
    # A phrase another sentence writes of the same two people stays ("met this evening
    # [Wednesday 26 February]" told twice).
    told_twice = "Ann Lee met Bo Kim this evening in Dublin. Ann Lee and Bo Kim met on Wednesday 26 February."
    first = told_twice[: told_twice.index(" Ann Lee and")]
    kept = _said_done(first, ["Ann Lee", "Bo Kim"], "Wednesday 26 February")
    [same] = date_context([kept], ArticleContext(told_twice, dt.date(2025, 2, 27)), NoteBook("date_context"))
    assert same.date_text == "Wednesday 26 February"


def test_a_news_lead_s_dateline_date_gives_way_to_the_lead_s_own_day() -> None:
    """ "WASHINGTON, Oct. 11, 2014 - X yesterday ...": the dateline's date is the day the story was
    filed; the lead's "yesterday" dates the meeting its next paragraph tells."""
    text = (
        "Lee Reaffirms Partnership\n"
        "WASHINGTON, Oct. 11, 2014 - Defense Secretary Ann Lee yesterday reaffirmed the partnership.\n"
        "Speaking at a news conference with Defense Minister Bo Kim, Lee noted that his day had included "
        "a meeting with President Cy Ode."
    )
    sentence = text.splitlines()[2]
    event = _said_done(sentence, ["Ann Lee", "Cy Ode"], "Oct. 11, 2014")
    event = event.model_copy(
        update={
            "evidence": [
                Evidence(
                    quote=sentence, start=text.index(sentence), end=len(text), match="exact", grounded=True
                )
            ]
        }
    )
    book = NoteBook("date_context")
    [dated] = date_context([event], ArticleContext(text, dt.date(2014, 10, 11)), book)
    assert dated.date_text == "yesterday"
    [note] = book.notes
    assert note.code == "date_after_dateline" and note.span is not None
    assert text[note.span.start : note.span.end] == "yesterday"
    # A dateline with no day of the story's own after it dates the meeting as the model said.
    plain = text.replace(" yesterday", "")
    event = event.model_copy(
        update={
            "evidence": [
                Evidence(
                    quote=sentence, start=plain.index(sentence), end=len(plain), match="exact", grounded=True
                )
            ]
        }
    )
    [kept] = date_context([event], ArticleContext(plain, dt.date(2014, 10, 11)), NoteBook("date_context"))
    assert kept.date_text == "Oct. 11, 2014"


def test_a_cited_sentence_that_tells_no_meeting_dates_none() -> None:
    text = (
        "Secretary Ann Lee arrived in Lima on Monday. "
        "On Tuesday, Secretary Lee and Minister Bo Kim reaffirmed their ties and discussed trade."
    )
    arrival = text[: text.index(" On Tuesday")]
    talks = text[text.index("On Tuesday") :]
    event = _said_done(arrival, ["Ann Lee", "Bo Kim"], "on Monday")
    event = event.model_copy(
        update={
            "evidence": [
                *event.evidence,
                Evidence(quote=talks, start=text.index(talks), end=len(text), match="exact", grounded=True),
            ]
        }
    )
    book = NoteBook("date_context")
    [dated] = date_context([event], ArticleContext(text, dt.date(2024, 5, 8)), book)
    assert dated.date_text == "On Tuesday"
    assert [n.code for n in book.notes] == ["date_from_sentence"]
