"""A meeting's status as its sentences tell it: to come or done.

A small model often calls a meeting that "will" happen one that occurred (or the reverse), and
the date phrase then resolves the wrong way ("on Monday": the last Monday or the next). The
sentence's tense says which (`grounding.rules.cues.tense_of`); where every evidence sentence that
has a tense agrees, the event takes it, with a note. A sentence without one changes nothing.
"""

from __future__ import annotations

from grounding.article import ArticleContext
from grounding.rules.cues import tense_of, visit_tense
from schemas.events import MeetingEvent
from service.pipeline.normalize import first_span
from service.pipeline.step import NoteBook


def read_status(events: list[MeetingEvent], article: ArticleContext, notes: NoteBook) -> list[MeetingEvent]:
    """Step `status`: each event's status from the tense of its evidence sentences."""
    out = []
    for event in events:
        sentences = [
            article.text[e.start : e.end] for e in event.evidence if e.start is not None and e.end is not None
        ]
        tenses = {tense_of(s) for s in sentences} - {None}
        if not tenses:
            # No meeting word: a visit the sentences announce ("will start a four-day visit").
            tenses = {visit_tense(s) for s in sentences} - {None}
        if len(tenses) != 1 or event.status in tenses:
            out.append(event)
            continue
        [status] = tenses
        notes.add(
            "status_from_tense",
            f"status {status!r}: the sentence reports the meeting as "
            f"{'to come' if status == 'planned' else 'done'} (the model gave {event.status!r})",
            first_span(event),
        )
        out.append(event.model_copy(update={"status": status}))
    return out
