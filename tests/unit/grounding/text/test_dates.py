"""grounding.text.dates: date phrases resolved against the publication date, in the event's direction."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from grounding.text.dates import direction_of, resolve_date, span_of_days, year_before


@pytest.mark.parametrize(
    ("phrase", "published", "direction", "expected"),
    [
        ("on Wednesday", "2025-02-26", "past", "2025-02-26"),
        ("on Thursday", "2021-05-21", "past", "2021-05-20"),
        ("said on Thursday", "2021-05-21", "past", "2021-05-20"),
        ("last Friday", "2021-05-21", "past", "2021-05-14"),
        ("on Friday", "2025-09-23", "future", "2025-09-26"),
        ("next Tuesday", "2025-09-23", "future", "2025-09-30"),
        # A planned day without a year: the first such day from the publication day on, that day
        # included; a day already past this year is next year's.
        ("7 October", "2018-10-07", "future", "2018-10-07"),
        ("October 8", "2018-10-07", "future", "2018-10-08"),
        ("October 6", "2018-10-07", "future", "2019-10-06"),
        ("29 February", "2024-02-29", "future", "2024-02-29"),
        ("September 22", "2025-09-23", "past", "2025-09-22"),
        ("22 September 2025", None, "past", "2025-09-22"),
        ("yesterday", "2025-09-23", "past", "2025-09-22"),
        ("September 22", None, "past", None),
        ("on Wednesday", None, "past", None),
        ("in late October", "2025-09-23", "future", None),
        ("last week", "2025-09-23", "past", None),
        (None, "2025-09-23", "past", None),
        # A span of days is no single day, whichever way it is written.
        ("Nov. 15–22", "2022-11-23", "past", None),
        ("July 9-13", "2013-07-20", "past", None),
        ("9 through 11 May", "2025-05-20", "past", None),
        ("September 22-23, 2025", None, "past", None),
        ("2022-11-15", None, "past", "2022-11-15"),  # an ISO date's dashes join no days
    ],
)
def test_resolve_date(
    phrase: str | None, published: str | None, direction: Any, expected: str | None
) -> None:
    pub = dt.date.fromisoformat(published) if published else None
    got = resolve_date(phrase, pub, direction)
    assert (got.isoformat() if got else None) == expected


def test_direction_follows_status() -> None:
    assert direction_of("planned") == "future"
    assert direction_of("occurred") == "past"
    published = dt.date(2025, 9, 23)  # a Tuesday
    assert resolve_date("Friday", published, direction_of("planned")) == dt.date(2025, 9, 26)
    assert resolve_date("Friday", published, direction_of("occurred")) == dt.date(2025, 9, 19)


@pytest.mark.parametrize(
    ("phrase", "spans"),
    [
        ("Nov. 15–22", True),
        ("April 13 to April 15", True),
        ("from 9 until 11 March", True),
        ("Nov. 15", False),
        ("2022-11-15", False),
        ("between 10-11 a.m. on May 3", False),  # hours, not days
        ("on Monday", False),
    ],
)
def test_span_of_days(phrase: str, spans: bool) -> None:
    assert span_of_days(phrase) is spans


@pytest.mark.parametrize(
    ("text", "year"),
    [
        ("WASHINGTON (2008) - On July 24 they met.", "2008"),
        ("In 1999, and again on July 24, 2003, they met. On July 25 they spoke.", "2003"),
        ("The 2000 troops left. On July 24 they met.", None),
        ("On July 24 they met, as in 1999.", None),
    ],
)
def test_year_before_is_the_last_year_written_before_the_phrase(text: str, year: str | None) -> None:
    at = text.rfind("July 2")
    span = year_before(text, at)
    assert (text[span[0] : span[1]] if span else None) == year
