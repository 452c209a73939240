"""A meeting's status as its sentences tell it: to come or done.

A small model often calls a meeting that "will" happen one that occurred (or the reverse), and
the date phrase then resolves the wrong way ("on Monday": the last Monday or the next). The
sentence's tense says which (`grounding.rules.cues.tense_of`); where every evidence sentence that
has a tense agrees, the event takes it, with a note. A sentence without one changes nothing.
"""

from __future__ import annotations

from grounding.article import ArticleContext
from grounding.rules.cues import told_tense
from schemas.events import MeetingEvent
from service.pipeline.normalize import evidence_spans, first_span
from service.pipeline.step import NoteBook


def read_status(events: list[MeetingEvent], article: ArticleContext, notes: NoteBook) -> list[MeetingEvent]:
    """Step `status`: each event's status from the tense of its evidence sentences."""
    out = []
    for event in events:
        status = told_tense([article.text[a:b] for a, b in evidence_spans(event)])
        if status is None or event.status == status:
            out.append(event)
            continue
        notes.add(
            "status_from_tense",
            f"status {status!r}: the sentence reports the meeting as "
            f"{'to come' if status == 'planned' else 'done'} (the model gave {event.status!r})",
            first_span(event),
        )
        out.append(event.model_copy(update={"status": status}))
    return out
