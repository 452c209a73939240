"""An event's passage: the sentences of the article that report it and what came of it."""

from __future__ import annotations

from grounding.article import ArticleContext
from grounding.lexicon import regex
from grounding.text.names import same_person, surnames_named
from schemas.events import MeetingEvent


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


# How many sentences after a meeting's own may still tell what it was about.
_GOES_ON = 3
_ABOUT_THEM = regex("discussion", "goes_on")


def meeting_sentences(
    event: MeetingEvent, article: ArticleContext, passage: list[tuple[int, int]]
) -> list[tuple[int, int]]:
    """The sentences of the passage the event's evidence lies in, the one after each, and each
    further one (up to three after) that goes on about the meeting's people: where a news story
    says what the meeting was about ("X met Y on Monday. The two reviewed ties. They discussed
    trade.")."""
    sentences = article.sentences
    cited = [
        i
        for i, (a, b) in enumerate(sentences)
        if any(a <= e.start < b for e in event.evidence if e.start is not None)
    ]
    names = [p.name for p in event.participants]
    window: set[int] = set()
    for i in cited:
        window.add(i)
        # The next sentence, and each after it that goes on about the meeting's people ("They
        # discussed trade. They also agreed ..."), up to a few.
        for j in range(i + 1, min(i + 1 + _GOES_ON, len(sentences))):
            window.add(j)
            after = j + 1
            if after >= len(sentences) or not _goes_on(article.text[slice(*sentences[after])], names):
                break
    return [sentences[j] for j in sorted(window) if sentences[j] in passage]


def _goes_on(sentence: str, names: list[str]) -> bool:
    """True when a sentence's subject is the meeting's people: a pronoun, "the two", "the leaders",
    an office, or one of them by name."""
    if _ABOUT_THEM.match(sentence):
        return True
    opening = sentence[:60]
    return surnames_named(names, opening) > 0


def office_phrase(
    name: str, event: MeetingEvent, events: list[MeetingEvent], article: ArticleContext
) -> tuple[tuple[int, int], str] | None:
    """The bare office phrase ("The President") by which the article means this person, the first
    in the event's passage, else the article's first, with the office's country (None when the
    article names the person by no such office)."""
    holder = next((h for h in article.office_holders if h.mentions and same_person(h.name, name)), None)
    if holder is None:
        return None
    passage = event_passage(event, events, article)
    inside = [m for m in holder.mentions if any(a <= m[0] and m[1] <= b for a, b in passage)]
    start, end = (inside or sorted(holder.mentions))[0]
    return (start, end), holder.country
