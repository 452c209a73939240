"""Who travels and who receives: the visitor and the host of a meeting, read from its sentences.

English news says who went where with a handful of verbs. The subject of "visited", "will travel
to", "arrived in", "'s visit to" is the visitor; the subject of "received", "hosted", "welcomed"
with a person as object is the host ("Y was welcomed by X": X). Where a two-person meeting has one
visitor, the other person is the host; and the visitor does not represent the country they visit
(a small model gives the traveller the country of the place: "Foreign Minister Aso will visit the
United States" makes Aso American). The rule reads grammar only, no phrasing of one source.

A subject is the last person named before the verb in the same sentence, with no other person named
in between and no preposition right before it ("talks with X before travelling to Y" names no
traveller).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from grounding.lexicon import regex

_TRAVEL = regex("places", "travel_verbs")
_WHEREABOUTS = regex("places", "whereabouts")
_DESTINATION_END = regex("places", "destination_end")
_HOST = regex("places", "host_verbs")
_NOT_SUBJECT = regex("places", "subject_not_after")
# A passive host verb: "was received by X", "will be welcomed by X".
_PASSIVE = regex("places", "passive_before")
_BY = re.compile(r"^\s+by\b", re.IGNORECASE)
# "X's visit": the possessive right after the mention makes X the traveller of a noun.
_POSSESSIVE = re.compile(r"^['’]s?\s")
# A verb's noun use ("his visit to", "the official visit"): no subject before it.
_DETERMINED = regex("places", "determiner_before")
_GATHERING = regex("places", "gathering_words")
_HOST_BEFORE = re.compile(_HOST.pattern + r"\s+$", re.IGNORECASE)
_SENTENCE_END = re.compile(r"[.!?]\s+[A-Z]")
# How far (characters) an object may follow its host verb: "received the visiting Prime Minister X".
_OBJECT_REACH = 60
# The name under which `others` are mentioned: they block, and are never a role.
_OTHER = ""
# How far the places a traveller goes to may run after the verb ("visit X, Y and Z from May 1").
_DESTINATION_REACH = 80


@dataclass(frozen=True)
class Roles:
    """The people a meeting's sentences make host and visitor (names as the event gives them)."""

    hosts: frozenset[str] = frozenset()
    visitors: frozenset[str] = frozenset()
    # Each traveller with the words after their travel verb ("the United States, Russia and Egypt").
    destinations: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class _Mention:
    start: int
    end: int
    name: str


def _mentions(sentence: str, people: Sequence[tuple[str, Sequence[str]]]) -> list[_Mention]:
    """Every mention of the people in the sentence, longest first where two overlap."""
    found: list[_Mention] = []
    for name, forms in people:
        for form in forms:
            if not form:
                continue
            for m in re.finditer(r"(?<!\w)" + re.escape(form) + r"(?!\w)", sentence):
                found.append(_Mention(m.start(), m.end(), name))
    found.sort(key=lambda m: (m.start, -(m.end - m.start)))
    kept: list[_Mention] = []
    for mention in found:
        if kept and mention.start < kept[-1].end:
            continue
        kept.append(mention)
    return kept


def _subject(sentence: str, mentions: list[_Mention], verb_start: int) -> _Mention | None:
    """The person a verb at `verb_start` has as subject, or None."""
    before = [m for m in mentions if m.end <= verb_start]
    if not before:
        return None
    last = before[-1]
    gap = sentence[last.end : verb_start]
    if any(mark in gap for mark in ";:") or _SENTENCE_END.search(gap) or len(gap) > 120:
        return None
    if _NOT_SUBJECT.search(sentence[: last.start]):
        return None
    return last


def _destination_words(sentence: str, end: int) -> str:
    """The words after a travel verb ending at `end`, up to a purpose ("to meet with ...")."""
    words = sentence[end : end + _DESTINATION_REACH]
    purpose = _DESTINATION_END.search(words, 1)
    return words[: purpose.start()] if purpose else words


def visit_roles(
    sentence: str, people: Sequence[tuple[str, Sequence[str]]], others: Sequence[str] = ()
) -> Roles:
    """The hosts and visitors one sentence names among the people.

    Args:
        sentence: one sentence of the article.
        people: each person's name and the forms the article may write them in (the full name,
            a surname no one else bears, the bare office of the issuing principal).
        others: the other people the article names: a subject or object that is one of them is
            none of the people's ("X asked Y to invite Z to visit": not X).

    Returns:
        The names of the people the sentence makes host or visitor (a name in both is dropped).
    """
    mentions = _mentions(sentence, [*people, *((_OTHER, (o,)) for o in others)])
    if not any(m.name != _OTHER for m in mentions):
        return Roles()
    hosts: set[str] = set()
    visitors: set[str] = set()
    destinations: list[tuple[str, str]] = []
    for verb in _TRAVEL.finditer(sentence):
        before = sentence[: verb.start()]
        # "the official visit", "hosted visiting leader X": a noun or an adjective, not a verb; but
        # "the President will travel": the determiner is the subject's.
        determined = _DETERMINED.search(before)
        if determined is not None and any(
            m.end > determined.start() for m in mentions if m.end <= verb.start()
        ):
            determined = None
        if determined is not None or _HOST_BEFORE.search(before):
            continue
        subject = _subject(sentence, mentions, verb.start())
        if subject is not None:
            visitors.add(subject.name)
            destinations.append((subject.name, _destination_words(sentence, verb.end())))
    for mention in mentions:
        # "X's visit to", "X's trip to": a possessive subject of a travel noun.
        rest = sentence[mention.end :]
        if _POSSESSIVE.match(rest) and _TRAVEL.match(rest[rest.find(" ") + 1 :]):
            visitors.add(mention.name)
    for verb in _HOST.finditer(sentence):
        after = sentence[verb.end() :]
        if _PASSIVE.search(sentence[: verb.start()]) and _BY.match(after):
            agent = next((m for m in mentions if m.start >= verb.end()), None)
            guest = _subject(sentence, mentions, verb.start())
            if agent is not None and agent.start - verb.end() <= _OBJECT_REACH:
                hosts.add(agent.name)
                if guest is not None and guest.name != agent.name:
                    visitors.add(guest.name)
            continue
        subject = _subject(sentence, mentions, verb.start())
        guest = next((m for m in mentions if m.start >= verb.end()), None)
        if subject is None or guest is None or guest.start - verb.end() > _OBJECT_REACH:
            continue
        if guest.name != subject.name:
            hosts.add(subject.name)
            visitors.add(guest.name)
    hosts.discard(_OTHER)
    visitors.discard(_OTHER)
    both = hosts & visitors
    return Roles(
        frozenset(hosts - both),
        frozenset(visitors - both),
        tuple((n, d) for n, d in destinations if n not in both and n != _OTHER),
    )


def whereabouts(
    sentence: str, people: Sequence[tuple[str, Sequence[str]]], others: Sequence[str] = ()
) -> list[tuple[str, str]]:
    """Where the sentence says one of the people is: "X is in Paris this week", "she was in Nairobi".

    Unlike a travel verb, being somewhere makes no one a visitor (one is in one's own capital too),
    so this is not part of `visit_roles`; it only tells where a meeting told next may be held.

    Args:
        sentence: one sentence of the article.
        people: each person's name and the forms the article may write them in.
        others: the other people the article names (a subject that is one of them is no one's).

    Returns:
        Each (name, words after "is in") whose subject is one of the people, in the sentence's order.
    """
    mentions = _mentions(sentence, [*people, *((_OTHER, (o,)) for o in others)])
    found: list[tuple[str, str]] = []
    for verb in _WHEREABOUTS.finditer(sentence):
        subject = _subject(sentence, mentions, verb.start())
        if subject is None or subject.name == _OTHER:
            continue
        found.append((subject.name, _destination_words(sentence, verb.end())))
    return found


def at_a_gathering(text: str) -> bool:
    """True when the text places a meeting at a gathering of many countries (a summit, a conference,
    "on the sidelines"): there the place says nothing of where the people come from."""
    return _GATHERING.search(text) is not None
