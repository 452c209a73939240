"""What the LLM is asked to return, and the validators that keep it honest.

These models are what the model must answer. Their JSON Schema becomes a grammar on llama.cpp (so
it stays simple: enums, bounded lists and strings, `[0-9]` not `\\d`). Their validators take the
article (`grounding.article.ArticleContext`) as validation context under "article" and check the
answer against it with `grounding`; when one fails, the model is re-asked with the error text, so
every message below is written for the model to act on.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection
from typing import Annotated, Any

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    ValidationInfo,
    field_validator,
    model_validator,
)

from grounding.article import ArticleContext, repeats_instructions
from grounding.rules.offices import principal_in
from grounding.text.candidates import not_a_participant, without_office
from grounding.text.dates import direction_of, resolve_date
from grounding.text.names import is_mentioned, name_tokens, same_person
from grounding.text.spans import find_span
from schemas.events import MeetingFormat, Mode, Status, Topic

# The most events one answer may report (per article, or per chunk of a long one): articles on
# summit sidelines report five or six meetings.
MAX_EVENTS = 8
# The most principal parties of one meeting.
MAX_PARTICIPANTS = 4


class LLMParticipant(BaseModel):
    """A principal party: a head of delegation."""

    model_config = ConfigDict(extra="ignore")

    name: str = Field(min_length=2, max_length=60, description="Person's name exactly as in the article.")
    title: str | None = Field(default=None, max_length=60, description="Office, e.g. 'Prime Minister'.")
    country: str | None = Field(default=None, max_length=40, description="Country the person represents.")


class LLMLocation(BaseModel):
    """Where the meeting is held."""

    model_config = ConfigDict(extra="ignore")

    city: str | None = Field(default=None, max_length=40)
    country: str | None = Field(default=None, max_length=40)
    venue: str | None = Field(default=None, max_length=60)


class LLMEvent(BaseModel):
    """One meeting reported by the article."""

    model_config = ConfigDict(extra="ignore")

    evidence: list[Annotated[str, Field(max_length=800)]] = Field(
        min_length=1,
        max_length=3,
        description=(
            "Sentences copied word for word from the article that report this meeting "
            "(or their numbers, when the article's sentences are numbered [1], [2], ...)."
        ),
    )
    participants: list[LLMParticipant] = Field(min_length=2, max_length=MAX_PARTICIPANTS)
    host: str | None = Field(default=None, max_length=60, description="Name of the host, for a visit.")
    date_text: str | None = Field(
        default=None, max_length=40, description="Date phrase copied from the article, e.g. 'on Monday'."
    )
    location: LLMLocation = Field(default_factory=LLMLocation)
    format: MeetingFormat = "in_person"
    status: Status = "occurred"
    mode: Mode = "visit"
    topics: list[Topic] = Field(default_factory=list, max_length=16)
    outcomes: list[Annotated[str, Field(max_length=200)]] = Field(default_factory=list, max_length=6)

    @field_validator("evidence", mode="before")
    @classmethod
    def _cited_by_number(cls, value: Any, info: ValidationInfo) -> Any:
        # With numbered sentences the model cites "[3]" or 3; the sentence's own text takes its
        # place here, so every later check (and the offsets) sees an exact quote.
        article = (info.context or {}).get("article") if info is not None else None
        if not isinstance(value, list) or not isinstance(article, ArticleContext):
            return value
        return [article.cited_sentence(item) for item in value]


class LLMExtraction(BaseModel):
    """All meeting events in the article (an empty list when there are none)."""

    model_config = ConfigDict(extra="ignore")

    events: list[LLMEvent] = Field(default_factory=list, max_length=MAX_EVENTS)

    @model_validator(mode="after")
    def _check_against_article(self, info: ValidationInfo) -> LLMExtraction:
        article = (info.context or {}).get("article") if info is not None else None
        if not isinstance(article, ArticleContext):
            return self  # no article to check against (e.g. schema generation)
        # Checked as the pipeline will read them (`as_read`); the answer itself is left as it came.
        problems = find_problems(self, article)
        if problems:
            raise ValueError("\n".join(problems))
        return self


def merge_repeated_people(people: list[LLMParticipant]) -> list[LLMParticipant]:
    """One entry per person: "Cường" and "Lương Cường" are one person named twice, kept in the
    fuller form, with the title and country either mention gives.

    Args:
        people: an event's participants as the model listed them.

    Returns:
        The participants, each person once, in first-mention order.
    """
    kept: list[LLMParticipant] = []
    for p in people:
        twin = next((k for k in kept if same_person(k.name, p.name)), None)
        if twin is None:
            kept.append(p)
        elif len(p.name) > len(twin.name):
            kept[kept.index(twin)] = p.model_copy(
                update={"title": p.title or twin.title, "country": p.country or twin.country}
            )
    return kept


def read_persons(
    people: list[LLMParticipant], article: ArticleContext
) -> list[tuple[LLMParticipant, LLMParticipant | None, str | None]]:
    """Each listed participant as a person: without the office words a capitalised run carried
    before the name ("Secretary-General Ban Ki-moon" -> "Ban Ki-moon"), or None with the reason it
    names no person (a body, a place, an office, the article's byline:
    `grounding.text.candidates.not_a_participant`).

    Args:
        people: an event's participants as the model listed them.
        article: the article, for the byline.

    Returns:
        (as listed, as read or None, why it is no person or None), in order.
    """
    out: list[tuple[LLMParticipant, LLMParticipant | None, str | None]] = []
    for p in people:
        name = without_office(p.name)
        reason = not_a_participant(name, article.text)
        read = None if reason is not None else p if name == p.name else p.model_copy(update={"name": name})
        out.append((p, read, reason))
    return out


def persons_only(people: list[LLMParticipant], article: ArticleContext) -> list[LLMParticipant]:
    """The participants that name people, renamed where office words were cut (`read_persons`).

    Args:
        people: an event's participants as the model listed them.
        article: the article, for the byline.

    Returns:
        The participants kept, in order.
    """
    return [read for _, read, _ in read_persons(people, article) if read is not None]


def as_read(event: LLMEvent, article: ArticleContext) -> LLMEvent:
    """The event as the pipeline reads it: people only (`persons_only`), each person once
    (`merge_repeated_people`), then the issuing government's principal added where the event names
    them by office (`with_issuing_principal`).

    The validators check this form without storing it; the pipeline's first step makes it, with a
    note for each change (`service/pipeline/normalize.py: as_answered`).

    Args:
        event: one event of the model's answer.
        article: the article (or chunk) the answer is about.

    Returns:
        The event in that form (a copy when anything changed).
    """
    people = merge_repeated_people(persons_only(event.participants, article))
    merged = (
        event
        if len(people) == len(event.participants) and people == event.participants
        else (event.model_copy(update={"participants": people}))
    )
    return with_issuing_principal(merged, article)


def with_issuing_principal(event: LLMEvent, article: ArticleContext) -> LLMEvent:
    """Add the issuing government's principal to a one-person event whose evidence names them by office.

    "The Prime Minister spoke to President Erdoğan": the article never writes the Prime Minister's
    name, so a model that copies names lists Erdoğan alone. When a paragraph the event cites holds
    a bare office phrase of the article's own government (`grounding.rules.offices`), the office-holder
    on the publication date is the other participant.

    Args:
        event: one event of the model's answer (participants already merged).
        article: the article, with its principals.

    Returns:
        The event with the principal added first, or the event unchanged.
    """
    if len(event.participants) != 1 or not article.principals:
        return event
    holder = principal_in(article.principals, article.cited_paragraphs(event.evidence))
    if holder is None:
        # The model cited the headline ("Statement on the visit of President Arroyo"): a paragraph
        # that names the other party beside the bare office ("The President will receive President
        # Arroyo") says who meets them just as well.
        # The sentence, not only its paragraph: "Ambassador X explained ... This resonated with the
        # Lord Speaker, who hopes for progress in conversations with the Prime Minister" names the
        # Prime Minister in X's paragraph, in a sentence that is not X's.
        holder = principal_in(article.principals, article.sentences_naming(event.participants[0].name))
    if holder is None or same_person(holder.name, event.participants[0].name):
        return event
    principal = LLMParticipant(name=holder.name, title=holder.title, country=holder.country)
    return event.model_copy(update={"participants": [principal, *event.participants]})


# What makes two events the same meeting: the participants' surnames and the resolved date.
EventKey = tuple[frozenset[str], dt.date | None]


def find_problems(extraction: LLMExtraction, article: ArticleContext) -> list[str]:
    """List every way an extraction contradicts its article, as messages for a re-ask.

    Args:
        extraction: the model's answer.
        article: the article (with publication date) it must agree with.

    Returns:
        One message per problem, each naming its event ("event 2: ..."); empty when the answer is
        consistent with the article.
    """
    problems: list[str] = []
    seen: list[EventKey] = []
    for n, event in enumerate(extraction.events, start=1):
        found, key = event_problems(as_read(event, article), article, seen)
        problems += [f"event {n}: {p}" for p in found]
        seen.append(key)
    return problems


def event_problems(
    event: LLMEvent, article: ArticleContext, earlier: Collection[EventKey] = ()
) -> tuple[list[str], EventKey]:
    """List every way one event contradicts its article, and the key that identifies the meeting.

    Args:
        event: one event of the model's answer.
        article: the article (with publication date) it must agree with.
        earlier: the keys of the events before it; an event with one of them is a duplicate.

    Returns:
        The problems (messages for a re-ask, without the event's number) and the event's key.
    """
    problems: list[str] = []
    spans = [find_span(article.text, quote, article.folded) for quote in event.evidence]
    for quote, span in zip(event.evidence, spans, strict=True):
        if span is None:
            problems.append(f"evidence {quote[:80]!r} is not in the article (copy sentences exactly)")
    focus = article.focus
    if focus and spans and not any(s is not None and focus[0] <= s.start < focus[1] for s in spans):
        asked = " ".join(article.text[focus[0] : focus[1]].split())[:80]
        problems.append(f"cite the paragraph asked about ({asked!r}...), not the lines before it")
    if article.asked_about and not any(
        same_person(p.name, a) for p in event.participants for a in article.asked_about
    ):
        people = ", ".join(article.asked_about)
        problems.append(f"the paragraph asked about reports a meeting with {people}: list who meets in it")
    names = [p.name for p in event.participants]
    if article.choices:
        # A hosted model has no grammar to hold it to the people the question offers.
        others = [n for n in names if not any(same_person(n, c) for c in article.choices)]
        if others:
            problems.append(f"list only people of the paragraph asked about or who meets them, not {others}")
    for name in names:
        if not is_mentioned(name, article.folded_words) and not article.is_principal(name):
            problems.append(f"participant {name!r} is not named in the article")
    if len(names) < 2:
        problems.append(f"a meeting needs two different participants; {names} is one person")
    if event.mode == "visit" and event.host and not any(same_person(event.host, x) for x in names):
        problems.append(f"host {event.host!r} must be one of the participants")
    when = resolve_date(event.date_text, article.published, direction_of(event.status))
    if (
        event.status == "occurred"
        and when is not None
        and article.published is not None
        and when > article.published
    ):
        problems.append(
            f"status is 'occurred' but {event.date_text!r} is {when.isoformat()}, "
            f"after publication on {article.published.isoformat()}"
        )
    for value in _free_text(event):
        if repeats_instructions(value, article):
            problems.append(f"{value[:60]!r} repeats your instructions; report only what the article says")
    key = (frozenset(t for name in names for t in name_tokens(name)[-1:]), when)
    if key in earlier:
        problems.append("duplicates an earlier event; report each meeting once")
    return problems, key


def _free_text(event: LLMEvent) -> list[str]:
    values = [*event.outcomes, event.location.venue, event.location.city, event.host, event.date_text]
    values += [p.title for p in event.participants]
    return [v for v in values if v]
