"""The issuing government's own principal, written by office alone ("The Prime Minister spoke to ...").

Government readouts name the other party and call their own principal by office: a Downing Street
readout says "The Prime Minister spoke to President Erdoğan", a White House statement "The
President met ...". The article never writes the name, so a model that may only copy names from it
lists one person and the meeting fails validation. Who held the office on the publication date is
a public fact; this module knows it for the offices whose readouts write them bare, and finds
where an article does so.

A phrase counts as bare only when no name or "of" follows it ("the President of Türkiye" is the
other party, "Prime Minister Boris Johnson" is named), and only when the article says whose
government speaks (UK cues for the Prime Minister and the Foreign Secretary, "White House" for the
President).
"""

from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_right
from dataclasses import dataclass


@dataclass(frozen=True)
class OfficeHolder:
    """The person an article means by a bare office phrase."""

    name: str
    title: str
    country: str
    # Offsets of the bare phrases in the article that refer to this person.
    mentions: tuple[tuple[int, int], ...] = ()


@dataclass(frozen=True)
class _Office:
    title: str
    country: str
    phrase: re.Pattern[str]
    context: re.Pattern[str]
    # (first day in office, name), in order.
    terms: tuple[tuple[dt.date, str], ...]

    def holder_on(self, day: dt.date) -> str | None:
        starts = [start for start, _ in self.terms]
        i = bisect_right(starts, day) - 1
        return self.terms[i][1] if i >= 0 else None


def _d(iso: str) -> dt.date:
    return dt.date.fromisoformat(iso)


# Not followed by a capitalised word (a name) or "of" (the office of another country).
_NOT_NAMED = r"(?!\s+(?:of\b|[A-Z\u00c0-\u024f]))"
_UK = re.compile(
    r"\b(?:UK|U\.K\.|United Kingdom|Britain|British|Downing Street|GOV\.UK|FCDO|Foreign Office|"
    r"Foreign, Commonwealth)\b"
)
# The White House's own pages, and its background calls ("senior administration official", NSC).
_US_WH = re.compile(r"\bWhite House\b|\b(?i:senior administration officials?)\b|\bNSC\b")

OFFICES: tuple[_Office, ...] = (
    _Office(
        "Prime Minister",
        "United Kingdom",
        re.compile(rf"\b(?:[Tt]he Prime Minister|(?<![0-9] )PM){_NOT_NAMED}"),
        _UK,
        (
            (_d("1997-05-02"), "Tony Blair"),
            (_d("2007-06-27"), "Gordon Brown"),
            (_d("2010-05-11"), "David Cameron"),
            (_d("2016-07-13"), "Theresa May"),
            (_d("2019-07-24"), "Boris Johnson"),
            (_d("2022-09-06"), "Liz Truss"),
            (_d("2022-10-25"), "Rishi Sunak"),
            (_d("2024-07-05"), "Keir Starmer"),
        ),
    ),
    _Office(
        "Foreign Secretary",
        "United Kingdom",
        re.compile(rf"\b[Tt]he Foreign Secretary{_NOT_NAMED}"),
        _UK,
        (
            (_d("2001-06-08"), "Jack Straw"),
            (_d("2006-05-05"), "Margaret Beckett"),
            (_d("2007-06-28"), "David Miliband"),
            (_d("2010-05-12"), "William Hague"),
            (_d("2014-07-14"), "Philip Hammond"),
            (_d("2016-07-13"), "Boris Johnson"),
            (_d("2018-07-09"), "Jeremy Hunt"),
            (_d("2019-07-24"), "Dominic Raab"),
            (_d("2021-09-15"), "Liz Truss"),
            (_d("2022-09-06"), "James Cleverly"),
            (_d("2023-11-13"), "David Cameron"),
            (_d("2024-07-05"), "David Lammy"),
            (_d("2025-09-05"), "Yvette Cooper"),
        ),
    ),
    _Office(
        "President",
        "United States",
        re.compile(rf"\b[Tt]he President{_NOT_NAMED}"),
        _US_WH,
        (
            (_d("2001-01-20"), "George W. Bush"),
            (_d("2009-01-20"), "Barack Obama"),
            (_d("2017-01-20"), "Donald Trump"),
            (_d("2021-01-20"), "Joe Biden"),
            (_d("2025-01-20"), "Donald Trump"),
        ),
    ),
)


def issuing_principals(text: str, published: dt.date | None) -> tuple[OfficeHolder, ...]:
    """The office-holders an article refers to by office alone.

    Args:
        text: the article.
        published: its publication date; without it the office-holder is unknown.

    Returns:
        One `OfficeHolder` per office written bare in an article of that government, with the
        offsets of those phrases; empty when there is none or no publication date.
    """
    if published is None:
        return ()
    found: list[OfficeHolder] = []
    for office in OFFICES:
        mentions = tuple(m.span() for m in office.phrase.finditer(text))
        name = office.holder_on(published)
        if mentions and name and office.context.search(text):
            found.append(OfficeHolder(name, office.title, office.country, mentions))
    return tuple(found)


def principal_in(
    principals: tuple[OfficeHolder, ...], passages: list[tuple[int, int]]
) -> OfficeHolder | None:
    """The principal whose bare office phrase lies inside one of the passages (the earliest one).

    Args:
        principals: from `issuing_principals`.
        passages: half-open spans of the article (an event's evidence paragraphs).

    Returns:
        The office-holder mentioned first within the passages, or None.
    """
    best: tuple[int, OfficeHolder] | None = None
    for holder in principals:
        for start, end in holder.mentions:
            if any(a <= start and end <= b for a, b in passages) and (best is None or start < best[0]):
                best = (start, holder)
    return best[1] if best else None
