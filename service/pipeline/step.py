"""What a pipeline step is: events and the article in, events and notes out."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from grounding.article import ArticleContext
from schemas.events import MeetingEvent
from schemas.notes import Note, NoteSpan


@dataclass
class NoteBook:
    """Where one step writes its notes; the pipeline gathers them into the response."""

    step: str
    notes: list[Note] = field(default_factory=list)

    def add(self, code: str, message: str, span: tuple[int, int] | None = None) -> None:
        """Record one change or doubt.

        Args:
            code: stable code (README: Notes), e.g. `event_dropped_unasserted`.
            message: what happened, for a person to read (it is also the warning).
            span: the article text concerned, as (start, end), if any.
        """
        where = NoteSpan(start=span[0], end=span[1]) if span is not None else None
        self.notes.append(Note(code=code, step=self.step, span=where, message=message))


@dataclass(frozen=True)
class Stepped:
    """What a step returns: the events after it, and its notes."""

    events: list[MeetingEvent]
    notes: list[Note]


# A step's body: it reads the events and the article and writes its notes in the book.
StepBody = Callable[[list[MeetingEvent], ArticleContext, NoteBook], list[MeetingEvent]]


@dataclass(frozen=True)
class Step:
    """One named step of the pipeline (SERVICE_SKIP_STEPS switches the optional ones off)."""

    name: str
    body: StepBody
    doc: str = ""

    def __call__(self, events: list[MeetingEvent], article: ArticleContext) -> Stepped:
        """Run the step on a copy of the list (the events themselves may be replaced, not mutated).

        Args:
            events: the events so far, in article order.
            article: the article analysis of this request.

        Returns:
            The events after the step, and its notes.
        """
        book = NoteBook(self.name)
        out = self.body(list(events), article, book)
        return Stepped(out, book.notes)


def run_steps(
    steps: Iterable[Step], events: list[MeetingEvent], article: ArticleContext, notes: list[Note]
) -> list[MeetingEvent]:
    """Run the steps in order, appending each step's notes to `notes`.

    Args:
        steps: the steps, in the order data flows.
        events: the events they start from.
        article: the article analysis of this request.
        notes: receives every step's notes, in order.

    Returns:
        The events after the last step.
    """
    for step in steps:
        done = step(events, article)
        events = done.events
        notes.extend(done.notes)
    return events
