"""Step `cited_people`: a participant the event's own sentences never speak of, replaced by the one
they say met the other.

A small model that reads "X met A ... X also met B" often pairs A with B, or keeps a person of an
earlier event in the next one: the event then cites a sentence that names one of its people, A,
meeting someone else. Where a cited sentence reports A meeting a person it names (or the issuing
office-holder its subject is, "The President will start the day meeting with Yair Lapid"), and the
event's other person is named neither in that sentence nor in the paragraphs the event cites, the
meeting is the sentence's (`grounding.rules.lone.lone_meeting`, the reading `lone_people` makes of a
one-person event). So too where the sentence names the other person only as the source of its
report ("Guan Youfei is quoted as saying General Liang will meet with Gates": Liang, not Guan).
Nothing changes where the sentences name both people as parties, name neither, or say nothing of
whom A met.
"""

from __future__ import annotations

from grounding.article import ArticleContext
from grounding.rules.cues import source_only
from grounding.rules.lone import lone_meeting
from grounding.text.names import same_person, surnames_named
from grounding.text.sentences import paragraph_span
from schemas.events import MeetingEvent, Participant
from service.pipeline.additions import office_mentions
from service.pipeline.step import NoteBook


def _spoken_of(name: str, passages: list[str], article: ArticleContext) -> bool:
    """Tell whether any passage names the person, by any form the article writes them in."""
    forms = article.mention_forms(name)
    return any(surnames_named([name], p) or any(f in p for f in forms) for p in passages)


def _only_the_source(name: str, quotes: list[str], article: ArticleContext) -> bool:
    """Whether every mention of the person in the cited sentences is the source of a reported
    meeting (`grounding.rules.cues.source_only`), and there is one."""
    written = [(q, f) for q in quotes for f in article.mention_forms(name) if f and f in q]
    return bool(written) and all(source_only(q, f) for q, f in written)


def cited_people(events: list[MeetingEvent], article: ArticleContext, notes: NoteBook) -> list[MeetingEvent]:
    """Step `cited_people`: in a two-person event, a person its cited sentences and paragraphs never
    name gives way to the one a cited sentence says met the other person.

    Args:
        events: one answer's events, read.
        article: the article analysis of this request.
        notes: receives `participant_replaced` for each person replaced.

    Returns:
        The events, each with the people its sentences report meeting.
    """
    offices = office_mentions(article)
    out = []
    for event in events:
        spans = [(e.start, e.end) for e in event.evidence if e.start is not None and e.end is not None]
        if len(event.participants) != 2 or not spans:
            out.append(event)
            continue
        quotes = [article.text[a:b] for a, b in spans]
        paragraphs = [article.text[slice(*paragraph_span(article.text, a, b))] for a, b in spans]
        named = [p for p in event.participants if _spoken_of(p.name, quotes, article)]
        unnamed = [p for p in event.participants if not _spoken_of(p.name, paragraphs, article)]
        # The source of the report is no more its party than someone it never names.
        source = [p for p in named if _only_the_source(p.name, quotes, article)]
        if len(named) == 2 and len(source) == 1:
            named, unnamed = [p for p in named if p is not source[0]], source
        if len(named) != 1 or len(unnamed) != 1:
            out.append(event)
            continue
        kept, gone = named[0], unnamed[0]
        found = lone_meeting(article, kept.name, spans, offices)
        if found is None or any(same_person(n, gone.name) for n in found.people):
            out.append(event)
            continue
        people = [kept if same_person(n, kept.name) else Participant(name=n) for n in found.people]
        for person in people:
            if person is not kept:
                notes.add(
                    "participant_replaced",
                    # No other name: provenance reads who a note joined from the names in it.
                    f"{person.name}: whom the cited sentence says the other participant met, in place of "
                    "a person the event's sentences never name",
                    (found.start, found.end),
                )
        host = event.host if event.host is not None and same_person(event.host, kept.name) else None
        out.append(event.model_copy(update={"participants": people, "host": host}))
    return out
