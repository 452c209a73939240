"""Other occasions of the same people: an earlier meeting recalled, a later one announced.

A readout reports one meeting and, in passing, the pair's last one ("Since the Prime Minister and
President Biden's last meeting in the White House") or their next one ("They looked forward to
continuing their discussions in Madrid next week"). The labelling guidelines count each as a
meeting of its own; a small model answers the main meeting only (on the dev set, 11 of the 36
meetings the default missed were such occasions of a pair it had found). Such a sentence is plain
to spot without a model: it reports a meeting, it speaks of the pair (by surname, or "they", "your
visit"), it names nobody else, and it points to another time: "last meeting", "during your visit",
"followed on from", or a future tense with a time ("tomorrow", "next week", "on August 22").
Vague prospects ("at the earliest opportunity", "soon", an invitation) are no meeting.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Literal

from grounding.article import ArticleContext
from grounding.lexicon import any_of, regex, words
from grounding.rules.cues import call_format, has_meeting_cue, tense_of
from grounding.rules.places import place_in
from grounding.text.candidates import date_phrases, is_country_run, titled
from grounding.text.dates import resolve_date
from grounding.text.names import same_person, surnames_named

_I = re.IGNORECASE
# "today" is the meeting already found, not another one (calendar.yaml: same_day).
_SAME_DAY = words("calendar", "same_day")
# An earlier meeting: "our last meeting", "their previous talks", "during your visit to ...".
_EARLIER = regex("meetings", "earlier_meeting")
# One more meeting of the pair: "also met", "met again".
ANOTHER_MEETING = regex("meetings", "another_meeting")  # "also", "again", "separately"
# A later meeting: a future tense or an agreement to meet ...
_LATER = any_of("meetings", "later_meeting")
_PAST_TIME = regex("meetings", "past_time")
# ... with a time ("tomorrow", "next week", "this year", "in mid-June", "on August 22").
_WHEN = regex("calendar", "meeting_time")
# "last week", "in December": an earlier meeting's time, given as written.
_PERIOD = regex("calendar", "period_phrase")
# Not a scheduled meeting: a hope, an invitation, an open date (meetings.yaml: vague_prospect).
_VAGUE = regex("meetings", "vague_prospect")
# Speaking of the pair without naming them.
_THEM = any_of("meetings", "pair_reference")
# A capitalised word after another word: a name, as far as a meeting cue is concerned.
_NAMES = re.compile(r"(?<=\S )[A-Z][\w'\u2019-]*")


# Someone else as the subject of the future meeting (meetings.yaml: others_will).
_OTHERS_WILL = regex("meetings", "others_will")


@dataclass(frozen=True)
class Occasion:
    """A sentence reporting another meeting of people already found."""

    start: int
    end: int
    status: Literal["occurred", "planned"]
    date_text: str | None
    city: str | None
    country: str | None
    call: Literal["phone", "video"] | None


def occasion_in(sentence: str) -> tuple[Literal["occurred", "planned"], str | None] | None:
    """Whether a sentence reporting a meeting points to another time, and which phrase says when.

    Args:
        sentence: one sentence of the article.

    Returns:
        ("occurred" or "planned", the time phrase as written or None), or None when the sentence
        speaks of no other occasion (or only of a vague one).
    """
    # "tomorrow's NATO Leaders' Meeting": a summit both attend is no meeting of theirs.
    if not has_meeting_cue(_NAMES.sub(" ", sentence)) or _VAGUE.search(sentence):
        return None
    period = _PERIOD.search(sentence)
    # "Today's meeting followed on from ... last week": today is the meeting found, not this one.
    dated = [d for d in date_phrases(sentence) if d.lower() not in _SAME_DAY]
    phrase = dated[0] if dated else period.group() if period else None
    if _EARLIER.search(sentence) and not _LATER.search(sentence):
        return "occurred", phrase
    if _LATER.search(sentence) and (_WHEN.search(sentence) or dated):
        if _OTHERS_WILL.search(sentence):
            return None  # "agreed that experts from both sides will hold talks": someone else's meeting
        if phrase is not None and _PAST_TIME.search(phrase):
            # "will continue the conversation from his visit last week": the day is a past one's,
            # the sentence's future another act's.
            return None
        return "planned", phrase
    return None


def another_day(sentence: str, own_day: dt.date | None, published: dt.date | None) -> str | None:
    """The date phrase of a sentence that reports one more meeting ("also", "again") held on another
    day than the one found: "Lee and Kim also met in Rome on Friday", of a pair found meeting in
    Paris on Monday. Only a meeting told as done, dated by a phrase that resolves (against the
    publication date) to a day other than `own_day`.

    Args:
        sentence: one sentence of the article.
        own_day: the day of the meeting found, if known.
        published: the publication date, if known.

    Returns:
        The date phrase as written, or None.
    """
    if own_day is None or published is None or tense_of(sentence) != "occurred" or _VAGUE.search(sentence):
        return None
    if not ANOTHER_MEETING.search(sentence):
        return None  # the same meeting told again, dated another way
    for phrase in date_phrases(sentence):
        if phrase.lower() in _SAME_DAY:
            continue
        day = resolve_date(phrase, published, "past")
        if day is not None and day != own_day:
            return phrase
    return None


def _stands_for(
    name: str, titles: Sequence[str], start: int, sentence: str, offices: Sequence[tuple[int, int, str]]
) -> bool:
    """Tell whether the sentence (at `start` in the article) gives one of the person's titles other
    than as the bare office phrase of somebody else (the issuing government's principal)."""
    for title in filter(None, titles):
        for m in re.finditer(rf"\b{re.escape(title)}\b", sentence, _I):
            at = start + m.start()
            if not any(a <= at < b and not same_person(holder, name) for a, b, holder in offices):
                return True
    return False


def other_occasions(
    article: ArticleContext,
    pair: Sequence[str],
    cited: Iterable[tuple[int, int]],
    only_pair: bool,
    titles: Sequence[Sequence[str]] = (),
    own_day: dt.date | None = None,
) -> list[Occasion]:
    """The sentences of the article that report another meeting of `pair`.

    Args:
        article: the whole article, analysed once.
        pair: the participants of a meeting found (names as the event gives them).
        cited: evidence spans of every event found; a cited sentence is no other occasion.
        only_pair: True when no other people meet in the article's events, so that "they" or
            "your visit" can only mean this pair; else the sentence must name them.
        titles: per person of the pair, the titles that stand for them ("Prime Minister", "The
            Foreign Secretary"): a sentence naming one of the pair and giving the other's title
            speaks of both.
        own_day: the day of the meeting found: a sentence telling the pair met on another day
            ("also met in Rome on Friday") is another occasion (`another_day`).

    Returns:
        One `Occasion` per such sentence, in article order.
    """
    text = article.text
    cited = list(cited)
    people = list(article.people)
    # "The President" of a White House text is its own principal's office, whoever else is one.
    offices = [(a, b, h.name) for h in article.principals for a, b in h.mentions]
    out: list[Occasion] = []
    for start, end in article.sentences:
        sentence = text[start:end]
        if any(s < end and e > start for s, e in cited):
            continue
        found = occasion_in(sentence)
        if found is None and (day := another_day(sentence, own_day, article.published)) is not None:
            found = ("occurred", day)
        if found is None:
            continue
        named = surnames_named(pair, sentence)
        them = only_pair and _THEM.search(sentence) is not None
        # One of the pair named is not enough ("President Biden will visit Helsinki"): the other
        # must be there too, by name, by title ("the Prime Minister and President Biden's last
        # meeting") or as "they"/"your".
        unnamed = [i for i, name in enumerate(pair) if not surnames_named([name], sentence)]
        titled_too = bool(unnamed) and all(
            _stands_for(pair[i], titles[i], start, sentence, offices) for i in unnamed if i < len(titles)
        )
        if not (named >= 2 or (named == 1 and (titled_too or them)) or (not named and them)):
            continue
        others = [p for p in people if p in sentence and not any(same_person(p, q) for q in pair)]
        if any(titled(sentence, p) and not is_country_run(p) for p in others):
            continue  # somebody else's meeting, or the pair with others
        city, country = place_in(sentence)
        out.append(Occasion(start, end, found[0], found[1], city, country, call_format(sentence)))
    return out
