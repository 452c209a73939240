"""Meeting cues: does the passage an event cites report a meeting at all?

Small models turn any sentence that names two people into a meeting: a message of condolence or
congratulation, a decree appointing someone, a delegation announced to attend an inauguration, a
minister arriving in a capital, a press conference. What those sentences lack is a word that
reports people meeting or talking. An event is kept only when a sentence its evidence lies in has
such a word. The sentence, not the paragraph: "Baldwin arrived in Harare on 1 February. This is
the second UK Ministerial visit to Zimbabwe" holds "visit" in the paragraph but reports no meeting
(on the dev set's answers of every committed cell, eight invented meetings go and none found
goes with them).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from itertools import pairwise
from typing import Literal

from grounding.lexicon import any_of, patterns, regex, word_set, words
from grounding.text.candidates import date_phrases, is_title_word
from grounding.text.names import surnames_named
from grounding.text.sentences import sentence_spans

# A word that reports a meeting, a call or talks (meetings.yaml: reporting_words).
MEETING_CUE = any_of("meetings", "reporting_words")
_CALL = regex("meetings", "call")
_VIDEO = regex("meetings", "video")
_JOINT = any_of("meetings", "joint")
_SEPARATE = any_of("meetings", "separate")
_MEETING_WORD = any_of("meetings", "strong_meeting_verbs")
_PAST_VERB = any_of("meetings", "past_meeting_verbs")
_FUTURE_BEFORE = any_of("meetings", "future_before_verb")
_FUTURE_AFTER = any_of("meetings", "future_after_noun")
_FUTURE_TAKING_PART = regex("meetings", "future_taking_part")


_ASIDE = regex("calendar", "relative_aside")
_CLAUSE_BREAK = regex("calendar", "clause_break")


def meeting_date_phrases(passage: str, phrases: Sequence[str] | None = None) -> list[str]:
    """The date phrases of `passage` (`date_phrases`, or those given) that may date its meeting: a
    phrase only in a relative clause that tells no meeting ("Lee, who arrived on Sunday, met Kim on
    Monday": "on Sunday") is left out, unless every phrase is in one.

    Args:
        passage: a sentence or paragraph of the article.
        phrases: the date phrases to sift, in order (default: all of the passage's).

    Returns:
        The phrases kept, in their order.
    """
    phrases = list(date_phrases(passage) if phrases is None else phrases)
    asides = [m.span() for m in _ASIDE.finditer(passage) if not has_meeting_cue(m.group())]

    def aside_only(phrase: str) -> bool:
        at = [m.start() for m in re.finditer(re.escape(phrase), passage)]
        return bool(at) and all(any(a <= i < b for a, b in asides) for i in at)

    kept = [p for p in phrases if not aside_only(p)] or phrases
    if len(kept) < 2:
        return kept
    # "Lee arrived on Thursday and met Kim on Friday": a phrase in a clause that tells a meeting
    # goes before one in a clause of another act ("arrived"), when the passage has both.
    cued = [p for p in kept if _in_meeting_clause(passage, p)]
    return [*cued, *(p for p in kept if p not in cued)]


def _in_meeting_clause(passage: str, phrase: str) -> bool:
    """True when a clause of `passage` (`clause_break`) that writes `phrase` has a meeting word."""
    breaks = [0, *(m.end() for m in _CLAUSE_BREAK.finditer(passage)), len(passage)]
    clauses = [passage[a:b] for a, b in pairwise(breaks)]
    return any(phrase in clause and has_meeting_cue(clause) for clause in clauses)


def has_meeting_cue(passage: str) -> bool:
    """True when the passage holds a word that reports a meeting, a call or talks."""
    return first_meeting_word(MEETING_CUE, passage) is not None


_OCCASION = regex("discussion", "occasion_before")
# An occasion phrase does not run over a sentence's end or a clause's comma.
_CLAUSE_STOP = re.compile(r"[.!?;:,\n]")


def names_the_occasion(text: str, at: int, start: int = 0) -> bool:
    """True when the words right before text[at] (from `start`, within its clause) make the word
    there the meeting's occasion or place: "at the G8 summit", "during the visit", "on the
    sidelines of the UN" (discussion.yaml `occasion_before`).

    Args:
        text: the text read.
        at: where the word starts.
        start: where to stop looking back (a sentence's start).
    """
    clause = _CLAUSE_STOP.split(text[max(start, at - 80) : at])[-1]
    return _OCCASION.search(clause) is not None


def first_meeting_word(pattern: re.Pattern[str], passage: str) -> re.Match[str] | None:
    """The first match of `pattern` (meeting words) in `passage` that is not a use of the word for
    something else ("called on X to release", "spoke to reporters", "received a letter":
    meetings.yaml `not_a_meeting`).

    Args:
        pattern: the meeting words to look for.
        passage: the text to read.

    Returns:
        The match, or None when every one is such a use (or there is none).
    """
    other = [(m.start(), m.end()) for p in patterns("meetings", "not_a_meeting") for m in p.finditer(passage)]
    return next(
        (w for w in pattern.finditer(passage) if not any(a <= w.start() and w.end() <= b for a, b in other)),
        None,
    )


def reports_meeting(
    text: str, spans: Iterable[tuple[int, int]], quotes: Iterable[str] = (), names: Iterable[str] = ()
) -> bool:
    """Whether the article reports this event's meeting: in a passage it cites, or naming its people.

    Args:
        text: the article.
        spans: the grounded evidence offsets of one event.
        quotes: the event's evidence quotes, read on their own when no span was grounded.
        names: the event's participants. A model may cite a sentence of the talks' content ("Rahmon
            expressed Tajikistan's high regard ...") rather than the one reporting the meeting; a
            sentence with a meeting cue that names two of them by surname counts too.

    Returns:
        True when a sentence holding any span (or, without spans, any quote), or a sentence naming
        two of the participants, holds a meeting cue.
    """
    spans = list(spans)
    sentences = sentence_spans(text)
    if spans and any(has_meeting_cue(_sentences_at(text, sentences, start, end)) for start, end in spans):
        return True
    if not spans and any(has_meeting_cue(q) for q in quotes):
        return True
    names = list(names)
    return any(has_meeting_cue(text[a:b]) and surnames_named(names, text[a:b]) >= 2 for a, b in sentences)


def _sentences_at(text: str, sentences: Sequence[tuple[int, int]], start: int, end: int) -> str:
    """The sentences overlapping text[start:end] (the span itself when it is in none)."""
    inside = [text[a:b] for a, b in sentences if a < end and b > start]
    return " ".join(inside) if inside else text[start:end]


def call_format(passage: str) -> Literal["phone", "video"] | None:
    """ "video" or "phone" when the passage reports a call of that kind, else None."""
    if _VIDEO.search(passage):
        return "video"
    if _CALL.search(passage):
        return "phone"
    return None


_BODY_NAME = re.compile(r"Joint\s+[A-Z]")
_JOINT_COUNTS = word_set("meetings", "joint_counts")
_OCCASION_ASIDE = regex("meetings", "occasion_aside")


def says_met_together(passage: str) -> bool:
    """True when the passage says several people met together ("a trilateral meeting", "jointly").

    "Joint" capitalised before another capitalised word names a body ("Chief of Staff of the Joint
    Staff Gen. X", "the Joint Chiefs"), not a meeting held together; nor does such a word that
    names the occasion ("On the sidelines of the summit, A met B, C and D": one meeting each).
    """
    if _SEPARATE.search(passage):
        return False  # "held separate meetings with A and B at the trilateral summit"
    return any(
        not _BODY_NAME.match(passage, m.start())
        and (
            not names_the_occasion(passage, m.start())
            # "at a three-way summit": the count of its parties names the meeting of them all
            or (
                m.group(0).lower() in _JOINT_COUNTS
                and not _OCCASION_ASIDE.search(passage[max(0, m.start() - 60) : m.start()])
            )
        )
        for m in _JOINT.finditer(passage)
    )


def tense_of(sentence: str) -> Literal["planned", "occurred"] | None:
    """Whether a sentence reports its meeting as to come or as done, read on its first strong
    meeting word: "will meet", "is expected to hold talks", a headline's "Putin to meet Xi" ->
    planned; "met", "received", "held talks", "had a meeting" with no future word in the four words
    before -> occurred; anything else (a bare "talks with", "meeting with") -> None.
    """
    found = _MEETING_WORD.search(sentence)
    if found is None:
        return None
    head = sentence[: found.start()].split()[-4:]
    if _FUTURE_BEFORE.search(" ".join(head)) or (head and head[-1].lower() == "to"):
        return "planned"
    if goes_ahead_to(sentence[: found.start()]):
        return "planned"  # "will participate in the third in-person Quad Leaders' meeting with"
    if _PAST_VERB.search(sentence[max(0, found.start() - 16) : found.end()]):
        return "occurred"
    if future_after(sentence[found.end() :]):
        return "planned"  # "Lee's meeting with Kim is scheduled for Wednesday"
    return None


def future_after(tail: str) -> bool:
    """Whether the clause after a meeting noun says the meeting is to come: "(meeting with Kim) is
    scheduled for Wednesday", "will take place in Paris" (meetings.yaml: future_after_noun); the
    clause ends at the first comma or semicolon.

    Args:
        tail: the sentence after its meeting word.

    Returns:
        True when it does.
    """
    return _FUTURE_AFTER.search(re.split(r"[,;]", tail, maxsplit=1)[0]) is not None


def goes_ahead_to(before: str) -> bool:
    """Whether the words before a meeting word say someone will take part in it or travels to it:
    "will attend a trilateral meeting with", "heads to Paris on Thursday for talks with".

    Args:
        before: the sentence up to its meeting word.

    Returns:
        True when they do.
    """
    return _FUTURE_TAKING_PART.search(before) is not None


def told_tense(sentences: Sequence[str]) -> Literal["planned", "occurred"] | None:
    """The tense every sentence that has one gives a meeting (`tense_of`; failing any, a visit
    announced: `visit_tense`), or None when none has one or two disagree.

    Args:
        sentences: the sentences an event cites.

    Returns:
        "planned" or "occurred", else None.
    """
    tenses = {tense_of(s) for s in sentences} - {None}
    if not tenses:
        # No meeting word: a visit the sentences announce ("will start a four-day visit").
        tenses = {visit_tense(s) for s in sentences} - {None}
    return next(iter(tenses)) if len(tenses) == 1 else None


_PAST_TRAVEL = any_of("places", "past_travel_verbs")
_VISIT = re.compile(
    r"\b(?:" + "|".join(map(re.escape, words("places", "visit_words"))) + r")\b", re.IGNORECASE
)


def visit_tense(sentence: str) -> Literal["planned", "occurred"] | None:
    """Whether a sentence without a strong meeting word announces a visit: "will start a four-day
    visit to ... on Sunday", "is to visit", "will travel to Perth for a visit with" -> planned;
    anything else -> None (a visit done says
    nothing of a meeting's tense)."""
    found = _VISIT.search(sentence)
    if found is None:
        return None
    head = sentence[: found.start()].split()[-4:]
    if _FUTURE_BEFORE.search(" ".join(head)) or (head and head[-1].lower() == "to"):
        return "planned"
    # "will travel to Paris on Thursday for a visit with": the future is on the trip's verb.
    return "planned" if goes_ahead_to(sentence[: found.start()]) else None


def travel_tense(before: str) -> Literal["planned", "occurred"] | None:
    """Whether a trip is to come or done, read on the words up to its destination: "will travel
    to", "is to visit", a headline's "Clinton to Travel to" -> planned; "arrived in", "visited",
    "paid a state visit to" -> occurred; a bare "visit" -> None."""
    head = before.split()[-8:]
    if _FUTURE_BEFORE.search(" ".join(head)) or (len(head) > 2 and head[-3].lower() == "to"):
        return "planned"
    if _PAST_TRAVEL.search(" ".join(head[-6:])):
        return "occurred"
    return None


# A possessive and the (up to three) words it owns: "Kim's former foreign minister".
_POSSESSED = re.compile(r"['’]s((?:\s+[\w-]+){1,3})")
_ROLES = word_set("people", "role_nouns") | word_set("people", "possessed_people")


def someone_of(text: str, end: int) -> bool:
    """True when the name ending at text[end] owns, by a possessive, a person named in its place:
    "Kim's predecessor", "Lee's envoy", "Kim's foreign minister".

    Args:
        text: the passage.
        end: where the name ends in it.

    Returns:
        Whether a role or an office the name owns follows it (not its own meeting or visit).
    """
    owned = _POSSESSED.match(text, end)
    if owned is None:
        return False
    for word in owned.group(1).split():
        if has_meeting_cue(word):
            return False  # "Kim's first meeting with Lee", "Lee's visit": the owner met
        if word.lower() in _ROLES or is_title_word(word):
            return True
    return False


def owner_only(passage: str, name: str) -> bool:
    """True when the passage writes the name, and only as someone's owner ("with Gen. X, King
    Abdullah II's advisor": the King owns the one met; `someone_of` at each mention).

    Args:
        passage: a sentence, or its words after a meeting word.
        name: a person as the article writes them.

    Returns:
        Whether every whole-word mention of the name there owns a role or an office (and there is one).
    """
    ends = [m.end() for m in re.finditer(rf"(?<!\w){re.escape(name)}(?!\w)", passage)]
    return bool(ends) and all(someone_of(passage, end) for end in ends)


_SOURCE = regex("meetings", "source_of_report")


def source_only(passage: str, name: str) -> bool:
    """True when the passage writes the name, and only as the source of a report of a meeting
    ("Guan Youfei is quoted by Xinhua as saying General Liang will meet with Gates", "X said Y met
    Z": X tells of the meeting; meetings.yaml `source_of_report`).

    Args:
        passage: a sentence.
        name: a person as the article writes them.

    Returns:
        Whether every whole-word mention of the name there is followed by a reporting verb whose
        words go on to report a meeting (and there is one).
    """
    ends = [m.end() for m in re.finditer(rf"(?<!\w){re.escape(name)}(?!\w)", passage)]
    return bool(ends) and all(
        (said := _SOURCE.match(passage, end)) is not None and has_meeting_cue(passage[said.end() :])
        for end in ends
    )
