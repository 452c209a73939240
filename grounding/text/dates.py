"""Deterministic date resolution: the article's date phrase plus its publication date -> ISO date.

The model only copies the phrase ("on Wednesday", "September 22"); the arithmetic happens here,
so the same article always gets the same date, whatever the model.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from functools import lru_cache
from typing import Literal

import dateparser

from grounding.lexicon import regex, words

Direction = Literal["past", "future"]

# The language of dates is data (calendar.yaml); the patterns here are structural.
_WEEKDAYS = words("calendar", "weekdays")
_FORWARD = words("calendar", "weekday_forward")
_BACK = words("calendar", "weekday_back")
_WEEKDAY_RE = regex("calendar", "weekday_phrase")
_LEADING_NOISE = regex("calendar", "leading_noise")
_TRAILING_NOISE = re.compile(r"[\s,.;:]+$")
_YEAR_RE = re.compile(r"\b(1[89]|20)[0-9]{2}\b")
_PERIOD_ONLY = regex("calendar", "period_only")
_RELATIVE_WORDS = regex("calendar", "relative_words")

# The rest of a span of days after its first day: "July 9-13", "April 13 to April 15", "9 through 11
# May". Not a clock time ("9-11 a.m.") and not the month of an ISO date ("2022-11-15").
RANGE_REST = re.compile(
    r"^\s*(?:\([A-Z][a-z]{1,8}\.?\)\s*)?(?:[-–—]|to\b|through\b|until\b|till\b)\s*(?:[A-Z][a-z]+\.?\s+)?\d{1,2}\b"
    r"(?!:|\s*[ap]\.?m\b)"
    r"(?:\s+[A-Z][a-z]+)?"
)
_DAY_NUMBER = re.compile(r"(?<![\d/.:-])\d{1,2}\b")


def span_of_days(phrase: str) -> bool:
    """True when a date phrase writes several days ("Nov. 15–22", "9 to 11 May"): no single date."""
    return any(RANGE_REST.match(phrase[m.end() :]) for m in _DAY_NUMBER.finditer(phrase))


def direction_of(status: str) -> Direction:
    """Which way an incomplete date phrase points for an event of this status ("planned" or not)."""
    return "future" if status == "planned" else "past"


def _clean(phrase: str) -> str:
    text = phrase.strip()
    previous = None
    while previous != text:
        previous = text
        text = _LEADING_NOISE.sub("", text).strip()
    return _TRAILING_NOISE.sub("", text)


def _resolve_weekday(day: str, modifier: str | None, base: date, direction: Direction) -> date:
    target = _WEEKDAYS.index(day)
    if modifier in _FORWARD or (modifier is None and direction == "future"):
        delta = (target - base.weekday()) % 7
        if modifier in _FORWARD and delta == 0:
            delta = 7
        return base + timedelta(days=delta)
    # News copy: a bare weekday in the past tense is the most recent such day, the publication
    # day included ("... in Hà Nội on Wednesday", published on that Wednesday).
    delta = (base.weekday() - target) % 7
    if modifier in _BACK and delta == 0:
        delta = 7
    return base - timedelta(days=delta)


@lru_cache(maxsize=4096)
def resolve_date(phrase: str | None, published: date | None, direction: Direction = "past") -> date | None:
    """Resolve a date phrase from an article to a calendar date.

    Args:
        phrase: the phrase as written ("on Wednesday", "September 22", "22 September 2025").
        published: the article's publication date; relative phrases need it.
        direction: "past" for events reported as having happened, "future" for planned ones;
            decides which way an incomplete phrase ("Thursday", "May 3") points.

    Returns:
        The date, or None when the phrase gives no way to know it (no day, or a relative phrase
        with no publication date).
    """
    if not phrase:
        return None
    text = _clean(phrase)
    if not text:
        return None
    if _PERIOD_ONLY.match(text) or span_of_days(text):
        return None
    match = _WEEKDAY_RE.match(text.lower())
    if match:
        if published is None:
            return None
        return _resolve_weekday(match.group("day"), match.group("mod"), published, direction)
    if published is None and (not _YEAR_RE.search(text) or _RELATIVE_WORDS.search(text)):
        # Without a publication date, only a fully specified date is knowable; dateparser
        # would otherwise fill the gaps from the machine's clock.
        return None
    settings: dict[str, object] = {
        "PREFER_DATES_FROM": direction,
        "REQUIRE_PARTS": ["day", "month"] if published is not None else ["day", "month", "year"],
        "RETURN_AS_TIMEZONE_AWARE": False,
        "PREFER_DAY_OF_MONTH": "first",
    }
    if published is not None:
        settings["RELATIVE_BASE"] = datetime(published.year, published.month, published.day, 12, 0)
    parsed = dateparser.parse(text, languages=["en"], settings=settings)
    if parsed is None:
        return None
    day = parsed.date()
    if direction == "future" and published is not None and not _YEAR_RE.search(text):
        # A planned meeting on a day without a year is the first such day from the publication day
        # on, that day included ("makes his first visit today (7 October)", published 7 October):
        # dateparser counts the day itself as past and moves it a year on.
        for year in range(published.year, day.year):
            try:
                earlier = day.replace(year=year)
            except ValueError:  # 29 February
                continue
            if earlier >= published:
                return earlier
    return day


# A year as a year: four digits not followed by a lower-case word ("in 2008," or "2008 Summit", not
# "2000 troops").
_WRITTEN_YEAR = re.compile(r"\b(?:1[89]|20)[0-9]{2}\b(?![ \u00a0]+[a-z])")


def year_before(text: str, at: int) -> tuple[int, int] | None:
    """Where the article last writes a year before offset `at`: the year an article with no
    publication date is told in ("WASHINGTON (2008) - ...", "July 24, 2008").

    Args:
        text: the article.
        at: where the date phrase that lacks its year stands.

    Returns:
        The offsets of the four digits, or None when no year is written before `at`.
    """
    years = list(_WRITTEN_YEAR.finditer(text, 0, max(0, at)))
    return years[-1].span() if years else None
