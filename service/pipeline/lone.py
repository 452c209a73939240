"""Step `lone_people`: a one-person event completed from the sentence it cites, or left dropped;
and the check a recall answer's event must pass (`states_its_meeting`).

The validators refuse a meeting of one person, and a small model that answers "X held talks with
Y" with X alone tends to repeat it on every re-ask; after the last one, the event would be lost
with its meeting. Its cited sentence is read instead (`grounding.rules.lone`): when it reports X
meeting people it names, they join the event, which is then checked as any answered event is and
goes through every later step (a meeting the sentence does not assert is still dropped there).
"""

from __future__ import annotations

from grounding.article import ArticleContext
from grounding.rules.lone import lone_meeting, states_meeting
from grounding.text.names import same_person
from grounding.text.spans import find_span
from schemas.events import MeetingEvent
from schemas.extraction import LLMEvent, LLMParticipant, event_problems
from service.pipeline.additions import office_mentions, principal_of
from service.pipeline.normalize import cited_spans
from service.pipeline.step import NoteBook


def complete_lone(event: LLMEvent, article: ArticleContext, notes: NoteBook) -> LLMEvent | None:
    """The one-person `event` with the people its cited sentence says met that person.

    Args:
        event: an answered event as read (`schemas.extraction.as_read`) that lists one person.
        article: the article (or chunk) the answer is about, as the validators saw it.
        notes: receives a note per person added.

    Returns:
        The completed event (the sentence that names the others first among its evidence), or
        None when no cited sentence names anyone meeting the person, or the completed event still
        fails the answer's checks.
    """
    person = event.participants[0]
    spans = [
        (span.start, span.end)
        for quote in event.evidence
        if (span := find_span(article.text, quote, article.folded)) is not None
    ]
    found = lone_meeting(article, person.name, spans, office_mentions(article))
    if found is None:
        return None
    participants = [
        person if same_person(name, person.name) else LLMParticipant(name=name) for name in found.people
    ]
    quote = article.text[found.start : found.end]
    evidence = (
        event.evidence if any(found.start <= a < found.end for a, _ in spans) else [quote, *event.evidence]
    )
    completed = event.model_copy(update={"participants": participants, "evidence": evidence[:3]})
    problems, _ = event_problems(completed, article, [])
    if problems:
        return None
    for added in participants:
        if added is not person:
            notes.add(
                "participant_completed",
                f"{added.name}: added to a meeting the answer gave {person.name} alone, who the sentence "
                f"it cites says met them ({quote[:80]!r})",
                (found.start, found.end),
            )
    return completed


def states_its_meeting(
    event: MeetingEvent, found: list[MeetingEvent], article: ArticleContext, lead: str | None
) -> bool:
    """Tell whether a sentence the event cites states its meeting (`grounding.rules.lone.states_meeting`).

    Args:
        event: an event of a recall answer, read.
        found: the events found before it (the first answer's, earlier recall answers').
        article: the whole article.
        lead: the article's lead person (`grounding.rules.counterparts.lead_person`), if any.

    Returns:
        True when a cited sentence names every participant, or all but one whom "He" or "The Russian
        leader" may stand for: who meets everyone (`principal_of`), an issuing office-holder, the
        lead person — not any participant found.
    """
    principal = principal_of(found, article)
    subjects = [
        *([principal.name] if principal else []),
        *(h.name for h in article.principals),
        *([lead] if lead else []),
    ]
    names = [p.name for p in event.participants]
    return states_meeting(article, names, cited_spans([event]), subjects)
