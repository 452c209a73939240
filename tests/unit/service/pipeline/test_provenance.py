"""service.pipeline.provenance: every value of an event says where it came from."""

from __future__ import annotations

import datetime as dt

from grounding.article import ArticleContext
from schemas.events import MeetingEvent
from schemas.extraction import LLMEvent
from schemas.notes import Note
from service.core.config import PROJECT_ROOT
from service.pipeline.normalize import read_answer
from service.pipeline.prompts import PromptRegistry
from service.pipeline.protocol import Resolved
from service.pipeline.provenance import with_provenance
from service.pipeline.step import NoteBook, run_steps
from service.pipeline.steps import build_pipeline

TEXT = (
    "ANKARA, 2 May - Turkish Foreign Minister Hakan Fidan received Wang Yi, Foreign Minister of China, "
    "in Ankara on Friday.\nThe two ministers discussed trade. They signed an agreement on customs."
)

PROMPTS = PromptRegistry.load(PROJECT_ROOT / "prompts", "meeting_events", "v2")


def _described(answer: LLMEvent, article: ArticleContext) -> MeetingEvent:
    """The answer's one event through every step of the v2 pipeline, with its provenance."""
    notes: list[Note] = []
    book = NoteBook("read")
    events = read_answer([answer], article, book)
    notes += book.notes
    pipeline = build_pipeline(Resolved(prompt=PROMPTS.get("v2"), prompt_hash="", model="m"))
    events = run_steps((*pipeline.answer, pipeline.merge, *pipeline.article), events, article, notes)
    [event] = with_provenance(events, article, notes)
    return event


def test_every_value_has_its_source_and_span() -> None:
    article = ArticleContext(TEXT, dt.date(2025, 5, 2))
    answer = LLMEvent.model_validate(
        {
            "evidence": [TEXT.splitlines()[0]],
            "participants": [
                {"name": "Hakan Fidan", "country": "China"},
                {"name": "Wang Yi", "title": "Foreign Minister", "country": "China"},
            ],
            "date_text": "on Friday",
            "location": {"city": "Ankara"},
            "topics": ["trade", "energy"],
            "outcomes": ["a customs deal"],
        }
    )
    event = _described(answer, article)

    def said(key: str) -> str:
        span = event.provenance[key].span
        assert span is not None, key
        return TEXT[span.start : span.end]

    source = event.provenance
    assert (source["participants.0.name"].origin, said("participants.0.name")) == ("model", "Hakan Fidan")
    # Read by the people step from the sentence that writes "Turkish Foreign Minister Hakan Fidan".
    assert (source["participants.0.country"].origin, source["participants.0.country"].step) == (
        "article",
        "people",
    )
    assert "Turkish Foreign Minister Hakan Fidan" in said("participants.0.country")
    assert said("date_text") == "on Friday" and source["date"].origin == "derived"
    assert said("location.city") == "Ankara"
    assert event.topics == ["trade"] and (source["topics.0"].step, said("topics.0")) == ("topics", "trade")
    assert said("outcomes.0") == "They signed an agreement on customs." == event.outcomes[0]
    assert {"participants.1.title", "participants.1.country"} <= set(source)


def test_a_holder_named_by_office_alone_is_derived_from_that_phrase() -> None:
    """A Downing Street readout writes "The Prime Minister" only: the name and country are those of the
    office's holder on the day, and their provenance points at the phrase they were derived from."""
    text = (
        "PM meeting with President Bo Kim: 5 May 2025\n"
        "The Prime Minister met President Bo Kim of Korea in Downing Street today. They discussed trade."
    )
    article = ArticleContext(text, dt.date(2025, 5, 5))
    answer = LLMEvent.model_validate(
        {
            "evidence": [text.splitlines()[1].split(". ")[0] + "."],
            "participants": [{"name": "Keir Starmer"}, {"name": "Bo Kim", "country": "South Korea"}],
        }
    )
    event = _described(answer, article)
    starmer = next(i for i, p in enumerate(event.participants) if p.name == "Keir Starmer")
    assert event.participants[starmer].country == "United Kingdom"
    for key in (f"participants.{starmer}.name", f"participants.{starmer}.country"):
        source = event.provenance[key]
        assert source.origin == "derived" and source.span is not None, key
        assert text[source.span.start : source.span.end] == "The Prime Minister"


def test_a_country_a_step_read_from_a_demonym_points_at_the_demonym() -> None:
    """A step that adds a meeting reads the counterpart's country from "Mexican President X": the
    country's provenance is those words, not a span-less "article"."""
    text = "President Barack Obama met with Mexican President Enrique Peña Nieto in Ottawa on Wednesday."
    participants = [
        {"name": "Barack Obama", "title": "President", "country": None},
        {"name": "Enrique Peña Nieto", "title": "President", "country": "Mexico"},
    ]
    [described] = with_provenance(
        [_cited_event(text, participants=participants, mode="third_party")],
        ArticleContext(text, dt.date(2016, 6, 29)),
        [],
    )
    source = described.provenance["participants.1.country"]
    assert source.span is not None and text[source.span.start : source.span.end] == "Mexican"
    assert source.origin == "model"


def test_a_capital_named_by_its_country_points_at_that_phrase() -> None:
    """ "in the French capital": the city is Paris, derived from the words that say so."""
    text = "President Ann Lee met Prime Minister Bo Kim on Monday in the French capital."
    event = _cited_event(
        text, participants=[{"name": "Ann Lee"}, {"name": "Bo Kim"}], location={"city": "Paris"}
    )
    [described] = with_provenance([event], ArticleContext(text, dt.date(2024, 5, 6)), [])
    source = described.provenance["location.city"]
    assert source.origin == "derived" and source.span is not None
    assert text[source.span.start : source.span.end] == "French capital"


def _cited_event(text: str, **fields: object) -> MeetingEvent:
    """An in-person, held event citing the whole of `text`, with the fields given."""
    return MeetingEvent.model_validate(
        {
            "evidence": [{"quote": text, "start": 0, "end": len(text), "match": "exact", "grounded": True}],
            "format": "in_person",
            "status": "occurred",
            "mode": "visit",
            **fields,
        }
    )
