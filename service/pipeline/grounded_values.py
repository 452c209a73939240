"""Steps that keep a free value only where the article supports it: topics and outcomes.

A small model fills `topics` and `outcomes` from its worked example or its own guesses (on the
held-out split the evals counted three topics in four, and half the outcomes, as unsupported by the
article). Both are read from the event's **passage** instead: its sentences from the first one its
evidence lies in up to the first sentence of the next event reported after it (or the end), which
is where a news story tells what a meeting was about and what came of it.

- `topics`: a topic the model gave stays only when the passage names it
  (`grounding/lexicon/topics.yaml`); the others go, with a note.
- `outcomes`: the passage's sentences that report what the meeting produced (an agreement signed,
  an invitation extended, a decision; `grounding/lexicon/outcomes.yaml`), quoted as the article
  writes them; the model's own phrasings go, with a note.
"""

from __future__ import annotations

from grounding.article import ArticleContext
from grounding.rules.topics import outcome_sentences, topics_in
from schemas.events import MeetingEvent, Topic
from service.pipeline.normalize import first_span
from service.pipeline.step import NoteBook


def _first(event: MeetingEvent) -> int | None:
    return min((e.start for e in event.evidence if e.start is not None), default=None)


def event_passage(
    event: MeetingEvent, events: list[MeetingEvent], article: ArticleContext
) -> list[tuple[int, int]]:
    """The event's passage: the spans of its sentences from the first its evidence lies in up to the
    first sentence of the next event reported after it (empty for an ungrounded event)."""
    start = _first(event)
    if start is None:
        return []
    first = next((a for a, b in article.sentences if a <= start < b), start)
    later = [f for e in events if (f := _first(e)) is not None and f > start]
    end = min(later, default=len(article.text))
    return [(a, b) for a, b in article.sentences if first <= a < end]


def supported_topics(
    events: list[MeetingEvent], article: ArticleContext, notes: NoteBook
) -> list[MeetingEvent]:
    """Step `topics`: each event's topics, only those its passage names."""
    out = []
    for event in events:
        found = topics_in(article.text, event_passage(event, events, article))
        kept: list[Topic] = [t for t in event.topics if t in found]
        gone = [t for t in event.topics if t not in found]
        if gone:
            notes.add(
                "topic_unsupported",
                f"topics {', '.join(gone)} dropped: the event's passage does not name them",
                first_span(event),
            )
        out.append(event.model_copy(update={"topics": kept}) if kept != event.topics else event)
    return out


def article_outcomes(
    events: list[MeetingEvent], article: ArticleContext, notes: NoteBook
) -> list[MeetingEvent]:
    """Step `outcomes`: each event's outcomes, the sentences of its passage that report one."""
    out = []
    for event in events:
        spans = outcome_sentences(article.text, event_passage(event, events, article))
        kept = list(dict.fromkeys(article.text[a:b] for a, b in spans))
        for outcome in event.outcomes:
            if outcome not in kept:
                notes.add(
                    "outcome_unsupported",
                    f"outcome {outcome[:80]!r} dropped: outcomes are the article's own sentences",
                    first_span(event),
                )
        for a, b in spans:
            if article.text[a:b] not in event.outcomes:
                notes.add("outcome_from_article", f"outcome {article.text[a:b][:80]!r}", (a, b))
        out.append(event.model_copy(update={"outcomes": kept}) if kept != event.outcomes else event)
    return out
