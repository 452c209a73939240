"""Step `unnamed_people`: an answer's meeting of people its sentences never name, and that no
paragraph of the article names together with a meeting, goes.

A small model often cites a headline or an opening line ("Secretary Rice to Travel to the Middle
East, Asia and the Pacific", "President held another meeting of the Staff") and fills the event with
people it picked elsewhere: the counterparts of a list without the person who meets them, two
attendees of one body's session, a body taken for a person. Whether people met is said where they
are named. An event whose cited sentences name none of its participants is kept only when some
paragraph names every one of them (the issuing government's principal, who a readout names by
office alone, excepted) and either reports a meeting or is an item of a list (a readout's list of
engagements under a heading). Otherwise the article never says these people met, and the event
goes. An event that names even one of its people where it cites is left to the other steps.
"""

from __future__ import annotations

import re

from grounding.article import ArticleContext
from grounding.lexicon import regex
from grounding.rules.counterparts import telling_sentence
from grounding.rules.cues import has_meeting_cue, someone_of, source_only
from grounding.rules.modality import NOT_REPORTED, modality
from grounding.text.names import surnames_named
from schemas.events import MeetingEvent
from service.pipeline.normalize import evidence_spans, first_span
from service.pipeline.step import NoteBook

# A sentence about the people named before: "The two leaders ...", "They ...".
_ABOUT_THEM = regex("discussion", "goes_on")
# A list item: a bullet, a dash or a number at the paragraph's start.
_LIST_ITEM = regex("outcomes", "list_item")
# A possessive's ending: "President Biden’s last meeting" names Biden.
_POSSESSIVE = re.compile(r"(?<=\w)['’]s\b")


def only_as_owner(name: str, sentences: list[str], article: ArticleContext) -> bool:
    """True when the sentences write the person only as the owner of someone else ("met Kim's
    predecessor", "Lee's envoy met Kim"): whoever met is that other, unnamed person.

    Args:
        name: a participant.
        sentences: the sentences an event cites.
        article: the request's article analysis (how it writes the person).

    Returns:
        Whether every mention of the person there is such an owner (and there is one).
    """
    mentions = [
        (sentence, m.end())
        for sentence in sentences
        for form in article.mention_forms(name)
        for m in re.finditer(rf"(?<!\w){re.escape(form)}(?!\w)", sentence)
    ]
    return bool(mentions) and all(someone_of(sentence, end) for sentence, end in mentions)


def _named(names: list[str], passage: str) -> int:
    """How many of `names` the passage names by surname, a possessive included."""
    return surnames_named(names, _POSSESSIVE.sub("", passage))


def _told_somewhere(names: list[str], article: ArticleContext) -> bool:
    """True when a paragraph names every one of `names` and reports a meeting or is a list item."""
    text = article.text
    for start, end in article.lines:
        paragraph = text[start:end]
        if _named(names, paragraph) < len(names):
            continue
        if any(source_only(paragraph, form) for n in names for form in article.mention_forms(n) if form):
            continue  # "X is quoted as saying Y will meet Z": X tells of the meeting, no party to it
        if _LIST_ITEM.match(paragraph):
            return True
        # The meeting told in a sentence of the paragraph that names one of them or speaks of them
        # together ("The two leaders held talks"): "I had a meeting with Mr X", in a speech that
        # names Y elsewhere, tells no meeting of X and Y.
        for a, b in article.sentences:
            sentence = text[a:b]
            if (
                start <= a < end
                and has_meeting_cue(sentence)
                and (_named(names, sentence) or _ABOUT_THEM.match(sentence))
                # "X's scheduled meeting with Y was postponed": a meeting denied is none told.
                and modality(sentence) not in NOT_REPORTED
            ):
                return True
    return False


def _headline_only(event: MeetingEvent, article: ArticleContext) -> bool:
    """True when every sentence the event cites lies in the article's first line (its headline)."""
    spans = evidence_spans(event)
    if not spans or not article.filled_lines:
        return False
    start, end = article.filled_lines[0]
    return all(start <= a and b <= end for a, b in spans)


def unnamed_reason(event: MeetingEvent, article: ArticleContext) -> str | None:
    """Why an event's people are not told meeting where it cites them, or None when they are.

    Args:
        event: an event (an answer's; a rule's names its people where it cites).
        article: the request's article analysis.

    Returns:
        The reason, worded for a note after "dropped event n: ", or None when the event stays.
    """
    text = article.text
    names = [p.name for p in event.participants]
    sentences = [text[a:b] for a, b in evidence_spans(event)]
    owner = next((n for n in names if only_as_owner(n, sentences, article)), None)
    if owner is not None and len(names) == 2:
        return (
            f'its sentences write {owner} only as the owner of someone else ("their predecessor", '
            '"their envoy"), who is whom the meeting was with'
        )
    if len(names) == 2 and _headline_only(event, article):
        alone = [n for n in names if _named([n], " ".join(sentences)) == 0]
        if (
            len(alone) == 1
            and not article.is_principal(alone[0])  # "PM meeting with President Xi": the PM, by office
            and telling_sentence(article, names) is None
            and not _told_somewhere(names, article)
        ):
            return (
                f"its only sentence, the headline, does not name {alone[0]}, and no sentence of the "
                "article tells their meeting"
            )
    if len(names) < 2 or _named(names, " ".join(sentences)) > 0:
        return None
    named = [n for n in names if not article.is_principal(n)]
    if named and _told_somewhere(named, article):
        return None
    return (
        f"its sentences name none of {', '.join(names)}, and no paragraph names them together with a meeting"
    )


def drop_unnamed_meetings(
    events: list[MeetingEvent], article: ArticleContext, notes: NoteBook
) -> list[MeetingEvent]:
    """Drop the events whose sentences name none of their people and that no paragraph tells
    (note `event_dropped_unnamed`).

    Args:
        events: every event in article order, after the rules that add meetings (theirs name
            their people where they cite, so only an answer's event can go).
        article: the request's article analysis.
        notes: receives one note per dropped event, on its first evidence sentence.

    Returns:
        The events kept, in the same order.
    """
    kept = []
    for number, event in enumerate(events, start=1):
        reason = unnamed_reason(event, article)
        if reason is None:
            kept.append(event)
            continue
        notes.add("event_dropped_unnamed", f"dropped event {number}: {reason}", first_span(event))
    return kept
