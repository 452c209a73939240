"""Step `domestic`: a meeting of one country's people among themselves is no meeting between
parties.

The events this service reports are meetings between the parties of different countries (or
bodies): a leader's working meeting with their own ministers, governors or legislators is the
government's own business (the labelling guidelines: "a leader meeting his own country's officials
is not a meeting between parties"). Once every participant's country has been read from the article
(step `people`, and for the meetings the rules add, as they are added), an event whose participants
all represent one and the same country goes. A participant with no country keeps the event: the
article does not say whose they are.
"""

from __future__ import annotations

from grounding.article import ArticleContext
from schemas.events import MeetingEvent
from service.pipeline.normalize import first_span
from service.pipeline.step import NoteBook


def domestic_country(event: MeetingEvent) -> str | None:
    """The one country every participant of `event` represents, or None (the event is between parties).

    Args:
        event: an event whose people have been read.

    Returns:
        That country when there are two or more participants and all of them have it; else None.
    """
    countries = {p.country for p in event.participants}
    if len(event.participants) > 1 and len(countries) == 1 and None not in countries:
        (country,) = countries
        return country
    return None


def drop_domestic_meetings(
    events: list[MeetingEvent], article: ArticleContext, notes: NoteBook
) -> list[MeetingEvent]:
    """Drop the events whose participants all represent one country (note `event_dropped_domestic`).

    Args:
        events: the events, in article order, their people read.
        article: the request's article analysis (unused: the countries are the events' own).
        notes: receives one note per dropped event, on its first evidence sentence.

    Returns:
        The events kept, in the same order.
    """
    kept = []
    for event in events:
        country = domestic_country(event)
        if country is not None:
            notes.add(
                "event_dropped_domestic",
                f"meeting of {' and '.join(p.name for p in event.participants)} dropped: all of "
                f"{country}, a country's own business, not a meeting between parties",
                first_span(event),
            )
            continue
        kept.append(event)
    return kept
