"""grounding.text.countries: any spelling, official name, code or demonym to one English short name."""

from __future__ import annotations

import pytest

from grounding.text.countries import normalize_country


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Việt Nam", "Vietnam"),
        ("Viet Nam", "Vietnam"),
        ("Vietnamese", "Vietnam"),
        ("Russian Federation", "Russia"),
        ("the Republic of Tajikistan", "Tajikistan"),
        ("Tajikistani", "Tajikistan"),
        ("NZ", "New Zealand"),
        ("USA", "United States"),
        ("Kazakh", "Kazakhstan"),
        ("Nam", None),
        ("Moscow", None),
        ("", None),
        (None, None),
    ],
)
def test_normalize_country(raw: str | None, expected: str | None) -> None:
    assert normalize_country(raw) == expected
