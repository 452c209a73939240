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
from typing import Literal

from grounding.folding import fold_plain, words
from grounding.names import name_tokens
from grounding.sentences import LINE_BREAKS, sentence_spans

# Words that report a meeting, a call or talks. Deliberately absent: "summit", "attend",
# "arrive", "travel", "congratulate", "condolence", "message", "press conference" (being at the
# same summit, travelling, or writing to someone is not meeting them), and bare "held" or "host".
MEETING_WORDS = (
    r"meet|meets|met|meeting|meetings|talks?|talked|talking|spoke|speak|speaks|speaking|"
    r"call|calls|called|phone|phoned|telephone|telephoned|conversation|conversations|"
    r"visit|visits|visited|visiting|hosted|hosting|received|receives|receiving|welcomed|welcomes|"
    r"discuss|discussed|discusses|discussing|discussion|discussions|bilateral|bilaterals|"
    r"sat down|sit down|video ?conference|videoconference|video link|consultations?|"
    r"negotiations?|exchanged views|audience|engagements? with|tête-à-tête|tete-a-tete"
)
_CUE = re.compile(rf"\b(?:{MEETING_WORDS})\b", re.IGNORECASE)
_BREAK = re.compile(f"[{LINE_BREAKS}]")


def paragraph_span(text: str, start: int, end: int) -> tuple[int, int]:
    """The span of the line (paragraph) of `text` holding `text[start:end]`, widened to whole lines.

    Args:
        text: the article.
        start: start offset of the quote.
        end: end offset of the quote (exclusive).

    Returns:
        From the line break before `start` to the line break after `end` (half-open).
    """
    before = max((m.end() for m in _BREAK.finditer(text, 0, start)), default=0)
    after = _BREAK.search(text, end)
    return before, after.start() if after else len(text)


def paragraph_at(text: str, start: int, end: int) -> str:
    """The text of `paragraph_span`."""
    a, b = paragraph_span(text, start, end)
    return text[a:b]


def has_meeting_cue(passage: str) -> bool:
    """True when the passage holds a word that reports a meeting, a call or talks."""
    return _CUE.search(passage) is not None


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


def surnames_named(names: Iterable[str], passage: str) -> int:
    """How many of the people's surnames (diacritics- and case-insensitive) the passage holds as words."""
    surnames = {tokens[-1] for tokens in map(name_tokens, names) if tokens}
    return len(surnames & set(words(fold_plain(passage))))


# A call, not a meeting in person: "spoke by phone", "telephone conversation", "Call with", "PM call
# with". Not bare "call" or "called" ("called for a ceasefire", "call on Russia").
_CALL = re.compile(
    r"\b(?:tele)?phon(?:e|ed)\b|\bcalls? (?:with|between)\b|\btelephone (?:talks?|conversation|call)\b",
    re.IGNORECASE,
)
_VIDEO = re.compile(r"\bvideo ?(?:conference|call|link)\b|\bvideoconference\b|\bby video\b", re.IGNORECASE)


def call_format(passage: str) -> Literal["phone", "video"] | None:
    """ "video" or "phone" when the passage reports a call of that kind, else None."""
    if _VIDEO.search(passage):
        return "video"
    if _CALL.search(passage):
        return "phone"
    return None


# Words saying that three or more people met together, not one after another.
_JOINT = re.compile(
    r"\b(?:trilateral|quadrilateral|multilateral|three-way|four-way|joint(?:ly)?|together|summit|"
    r"round ?table|plenary|among them|with each other|all three|the three)\b",
    re.IGNORECASE,
)


def says_met_together(passage: str) -> bool:
    """True when the passage says several people met together ("a trilateral meeting", "jointly")."""
    return _JOINT.search(passage) is not None


def first_named(names: Iterable[str], passage: str) -> int | None:
    """The index of the person whose surname comes first in the passage (None when none is there)."""
    folded = words(fold_plain(passage))
    first: tuple[int, int] | None = None
    for index, name in enumerate(names):
        tokens = name_tokens(name)
        if tokens and tokens[-1] in folded:
            position = folded.index(tokens[-1])
            if first is None or position < first[0]:
                first = (position, index)
    return None if first is None else first[1]
