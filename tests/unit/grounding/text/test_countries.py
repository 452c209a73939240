"""grounding.text.countries: any spelling, official name, code or demonym to one English short name."""

from __future__ import annotations

import pytest

from grounding.text.countries import country_of_code, normalize_country
from grounding.text.gazetteer import city_country


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
        # Not in ISO 3166, or by a name ISO no longer uses.
        ("Kosovo", "Kosovo"),
        ("Kosovar", "Kosovo"),
        ("the Holy See", "Vatican City"),
        ("Burma", "Myanmar"),
        ("Ivory Coast", "Côte d'Ivoire"),
        ("Azeri", "Azerbaijan"),
        ("Nam", None),
        ("Moscow", None),
        ("", None),
        (None, None),
    ],
)
def test_normalize_country(raw: str | None, expected: str | None) -> None:
    assert normalize_country(raw) == expected


def test_codes_and_cities_of_a_country_iso_does_not_list() -> None:
    assert country_of_code("XK") == "Kosovo"
    assert country_of_code("VN") == "Vietnam"
    assert country_of_code("ZZ") is None
    # GeoNames files Pristina under XK, which pycountry does not know.
    assert city_country("Pristina") == "Kosovo"
