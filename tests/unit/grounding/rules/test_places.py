"""grounding.rules.places: a gazetteer of cities, and countries the article names as places."""

from __future__ import annotations

from grounding.rules.places import named_countries, stated_as_place
from grounding.text.gazetteer import city_country, is_city


def test_cities_give_their_country_under_any_of_their_names() -> None:
    assert city_country("Hà Nội") == "Vietnam" and city_country("Hanoi") == "Vietnam"
    assert city_country("Moscow") == "Russia"  # the largest Moscow, not Moscow, Idaho
    assert city_country("New York") == "United States"
    assert city_country("Paris-Saclay") == "France"
    assert city_country("Downing Street") is None and not is_city("Chevening") and not is_city(None)


def test_countries_named_and_named_as_places() -> None:
    text = "Ms Lee, on a working trip to the US, met the Japanese minister in Tokyo."
    assert named_countries(text) == {"United States", "Japan"}
    assert stated_as_place("United States", text)
    assert not stated_as_place("Japan", text)  # named, but not as where anything happens
    assert stated_as_place("Japan", "They met in Japan on Monday.")
