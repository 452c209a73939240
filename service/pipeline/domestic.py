"""Step `domestic`: a meeting of people who all represent one country is no meeting between parties.

The labelling guidelines (evals/GUIDELINES.md, dev_a14/dev_a15) count a leader's meeting with his
own country's officials as domestic: no event. Where every participant's country, as the `people`
step read it from the article (or kept the model's because the article holds it), is the same, the
event is dropped with a note. An event with any participant of unknown country is kept: one country
unknown says nothing. Measured on every gold event of seeds, dev, devnews and test: none has all its
participants of one country.
"""

from __future__ import annotations

from grounding.article import ArticleContext
from schemas.events import MeetingEvent
from service.pipeline.normalize import first_span
from service.pipeline.step import NoteBook


def drop_domestic_meetings(
    events: list[MeetingEvent], article: ArticleContext, notes: NoteBook
) -> list[MeetingEvent]:
    """Step `domestic`: drop the events whose participants all represent the same country.

    Args:
        events: the events in article order, their people read (after every step that adds events).
        article: the whole article (unused but for the steps' common signature).
        notes: receives `event_dropped_domestic` for each event dropped.

    Returns:
        The events kept.
    """
    kept = []
    for event in events:
        countries = {p.country for p in event.participants}
        if len(event.participants) > 1 and None not in countries and len(countries) == 1:
            names = ", ".join(p.name for p in event.participants)
            notes.add(
                "event_dropped_domestic",
                f"event of {names} dropped: each represents {countries.pop()}, a domestic meeting",
                first_span(event),
            )
            continue
        kept.append(event)
    return kept
