"""Who else meets in a sentence the model cited for a one-person event.

A small model sometimes answers "X held talks with Y" with X alone, and every re-ask repeats it
(the validators refuse a meeting of one person). The sentence it cites still says who met: the
people on the other side of its meeting word ("X met Y", "Y received X"), or joined to the person
before it ("X and Y held talks"). That is read here from the sentence's grammar, as for the
principal's meetings (`grounding.rules.counterparts`), never from the model: when the sentence
has no strong meeting word, or names nobody else as a person, or only hopes or denies a meeting,
nothing is read and the event stays dropped.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

from grounding.article import ArticleContext
from grounding.lexicon import any_of, regex
from grounding.rules.cues import owner_only, source_only
from grounding.rules.modality import modality
from grounding.text.candidates import fullest, is_country_run, not_a_participant, titled
from grounding.text.names import fullest_form, same_person, surnames_named

_MET = any_of("meetings", "strong_meeting_verbs")
_VAGUE = regex("meetings", "vague_prospect")
_SUBJECT = regex("meetings", "unnamed_subject")
# "X and Y held talks", "X, together with Y, met": a second person joined to the first.
_JOINED = any_of("meetings", "joined_persons")


@dataclass(frozen=True)
class LoneMeeting:
    """A cited sentence and the people it reports meeting, the event's person among them."""

    start: int
    end: int
    people: tuple[str, ...]


def _persons(passage: str, sentence: str, candidates: Sequence[str], people: list[str]) -> list[str]:
    """The people `passage` names (a titled name, or a name of two words or more that is no
    country), each in the fullest form the article writes, in the order written."""
    found: dict[str, int] = {}
    for run in candidates:
        at = passage.find(run)
        if at < 0 or is_country_run(run) or not (titled(sentence, run) or len(run.split()) > 1):
            continue
        if owner_only(passage, run):
            continue  # "Gen. X, King Abdullah II's advisor": the King owns the one met
        if source_only(sentence, run):
            continue  # "X is quoted as saying Gen. Y will meet Z": X tells of it
        full = fullest_form(run, people)
        found[full] = min(at, found.get(full, at))
    return sorted(found, key=found.__getitem__)


def _meeting_sentences(
    article: ArticleContext, cited: Iterable[tuple[int, int]]
) -> Iterator[tuple[int, int, str, re.Match[str]]]:
    """The cited sentences that report a meeting (a strong meeting word, not denied, doubted or only
    hoped for), each with its span and its first meeting word."""
    cited = list(cited)
    for start, end in article.sentences:
        if not any(s < end and e > start for s, e in cited):
            continue
        sentence = article.text[start:end]
        met = _MET.search(sentence)
        if met is not None and not _VAGUE.search(sentence) and modality(sentence) == "reported":
            yield start, end, sentence, met


def lone_meeting(
    article: ArticleContext,
    name: str,
    cited: Iterable[tuple[int, int]],
    offices: Sequence[tuple[int, int, str]] = (),
) -> LoneMeeting | None:
    """The first cited sentence that reports `name` meeting someone it names, and who meets.

    Args:
        article: the whole article, analysed once.
        name: the one person the model's event lists.
        cited: that event's evidence spans; only the sentences they lie in are read.
        offices: the article's bare office phrases and who holds them ("The Prime Minister" on
            GOV.UK), for a sentence whose subject is such a phrase.

    Returns:
        The sentence and its people (`name` among them, the subject first), or None when no cited
        sentence reports a meeting of `name` with a person it names.
    """
    candidates = list(article.people)
    people = fullest(candidates)
    for start, end, sentence, met in _meeting_sentences(article, cited):
        head, tail = sentence[: met.start()], sentence[met.end() :]
        head_people, tail_people = (
            [
                p
                for p in _persons(part, sentence, candidates, people)
                # What an answer may not list ("Movement", "Democratic Change" of a party's name).
                if not same_person(p, name) and not_a_participant(p, article.text) is None
            ]
            for part in (head, tail)
        )
        if surnames_named([name], head):
            met_by = tail_people or (head_people if _JOINED.search(head) else [])
            if met_by:
                return LoneMeeting(start, end, (name, *met_by))
        elif surnames_named([name], tail):
            before = head_people
            holder = next((h for a, b, h in offices if start <= a < start + met.start()), None)
            subject = before[0] if before else holder if _SUBJECT.search(head) else None
            if subject is not None and not same_person(subject, name):
                return LoneMeeting(start, end, (subject, name))
    return None


def states_meeting(
    article: ArticleContext,
    names: Sequence[str],
    cited: Iterable[tuple[int, int]],
    subjects: Sequence[str] = (),
) -> bool:
    """Tell whether a cited sentence reports these people meeting: a strong meeting word it does
    not deny or only hope for, with every one of them named in it (by surname) or, for one of
    `subjects`, written as "He", "She" or an office at its start ("The Russian leader also met
    ...").

    Args:
        article: the whole article, analysed once.
        names: the participants of one event.
        cited: that event's evidence spans; only the sentences they lie in are read.
        subjects: who a pronoun or bare office at a sentence's start may stand for (the article's
            principal, its issuing office-holders, its lead person).

    Returns:
        True when some cited sentence states the meeting so.
    """
    for _, _, sentence, met in _meeting_sentences(article, cited):
        unnamed = [n for n in names if not surnames_named([n], sentence)]
        head = sentence[: met.start()]
        if not unnamed or (
            len(unnamed) == 1 and _SUBJECT.search(head) and any(same_person(unnamed[0], s) for s in subjects)
        ):
            return True
    return False
