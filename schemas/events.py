"""The public meeting-event model: what clients receive, after validation, grounding and normalisation."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from grounding.text.spans import MatchKind
from schemas.notes import NoteSpan

# 1.1.0: responses carry `notes` (code, step, span, message) beside `warnings`.
# 1.2.0: each event carries `provenance`: where every value came from.
SCHEMA_VERSION = "1.2.0"

Topic = Literal[
    "trade",
    "investment",
    "energy",
    "agriculture",
    "transport",
    "security",
    "defense",
    "education",
    "science_technology",
    "culture",
    "tourism",
    "health",
    "migration",
    "environment",
    "multilateral",
    "regional_issues",
]

MeetingFormat = Literal["in_person", "phone", "video"]
Status = Literal["occurred", "planned"]
# PLOVER CONSULT modes.
Mode = Literal["visit", "third_party", "multilateral", "phone"]


class Participant(BaseModel):
    """A principal party to the meeting (a head of delegation, not everyone named)."""

    model_config = ConfigDict(extra="forbid")

    name: str = Field(description="Name as written in the article, diacritics kept, e.g. 'Lương Cường'.")
    title: str | None = Field(default=None, description="Office held, e.g. 'State President'.")
    country: str | None = Field(
        default=None, description="Country represented, canonical English short name, e.g. 'Vietnam'."
    )


class Location(BaseModel):
    """Where the meeting took place or will take place; each part is null when not stated."""

    model_config = ConfigDict(extra="forbid")

    city: str | None = Field(default=None, description="City, as written in the article.")
    country: str | None = Field(default=None, description="Country, canonical English short name.")
    venue: str | None = Field(default=None, description="Building or venue, e.g. 'Kremlin'.")


class Evidence(BaseModel):
    """A verbatim quote from the article supporting the event, with offsets computed by the service."""

    model_config = ConfigDict(extra="forbid")

    quote: str = Field(description="The supporting text; when grounded, exactly text[start:end].")
    start: int | None = Field(description="Start character offset in the article (null when ungrounded).")
    end: int | None = Field(description="End character offset, exclusive (null when ungrounded).")
    match: MatchKind = Field(
        description="How the quote was found: exact, tolerant (case/diacritics/spacing), fuzzy, or none."
    )
    grounded: bool = Field(description="True when the quote was located in the article.")


Origin = Literal["model", "article", "derived"]


class Source(BaseModel):
    """Where one value of an event came from (the event's `provenance` maps each value's path to one)."""

    model_config = ConfigDict(extra="forbid")

    origin: Origin = Field(
        description=(
            "'model': the model's value, kept because the article holds it (span: where); 'article': read "
            "from the article by a step (span: what it read); 'derived': computed from another value "
            "(a date from its phrase; a name or country from the office phrase that means its holder, "
            "span: that phrase)."
        )
    )
    step: str | None = Field(
        default=None,
        description="The pipeline step that set the value last; null for the model's answer as read.",
    )
    span: NoteSpan | None = Field(default=None, description="The article text the value stands on, if any.")


class MeetingEvent(BaseModel):
    """A meeting between two or more named parties that happened or is scheduled with a date."""

    model_config = ConfigDict(extra="forbid")

    participants: list[Participant] = Field(min_length=2, description="Principal parties, at least two.")
    host: str | None = Field(
        default=None, description="For mode 'visit': the name of the participant who hosts."
    )
    date: dt.date | None = Field(
        default=None,
        description="ISO date resolved deterministically from date_text and the publication date.",
    )
    date_text: str | None = Field(
        default=None, description="The date phrase in the article, e.g. 'on Wednesday'."
    )
    location: Location = Field(default_factory=Location, description="Where the meeting is held.")
    format: MeetingFormat = Field(description="in_person, phone or video.")
    status: Status = Field(description="occurred, or planned (scheduled with at least an approximate date).")
    mode: Mode = Field(description="PLOVER CONSULT mode: visit, third_party, multilateral or phone.")
    topics: list[Topic] = Field(default_factory=list, description="Topics the article says were discussed.")
    outcomes: list[str] = Field(
        default_factory=list, description="Agreements, commitments, invitations made."
    )
    evidence: list[Evidence] = Field(default_factory=list, description="Quotes supporting the event.")
    provenance: dict[str, Source] = Field(
        default_factory=dict,
        description=(
            "Where every non-empty value came from, keyed by its path in the event: 'participants.0.name', "
            "'participants.0.country', 'date_text', 'date', 'location.city', 'topics.1', 'outcomes.0'."
        ),
    )
