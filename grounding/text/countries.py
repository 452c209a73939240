"""Country normalisation: any spelling, official name, code or demonym to one English short name.

pycountry (ISO 3166) does the heavy lifting; two small tables cover what ISO does not: the short
name people actually use ("Vietnam", not "Viet Nam") and demonyms as they appear in news copy
("Tajikistani President", "the Kazakh delegation").
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from functools import lru_cache

import pycountry

from grounding.lexicon import table, words
from grounding.text.folding import fold_plain

# ISO alpha-2 -> the short name used in English-language news (countries.yaml: preferred_names).
_PREFERRED_NAME = table("countries", "preferred_names")
# Folded alias -> ISO alpha-2: demonyms and informal names that ISO does not list (countries.yaml).
_ALIASES = table("countries", "aliases")
# Leading words dropped before a lookup ("the"), or only when the name is not found ("republic of").
_DROPPED = words("countries", "dropped_prefixes")
_FALLBACK = words("countries", "fallback_prefixes")
_LOOKALIKES = frozenset(words("countries", "code_lookalikes"))


def _short_name(alpha2: str) -> str:
    if alpha2 in _PREFERRED_NAME:
        return _PREFERRED_NAME[alpha2]
    country = pycountry.countries.get(alpha_2=alpha2)
    if country is None:  # pragma: no cover - alpha2 values come from pycountry itself
        return alpha2
    return str(getattr(country, "common_name", None) or country.name)


def country_of_code(alpha2: str | None) -> str | None:
    """The canonical short name of an ISO 3166 alpha-2 code (or of a code the tables add, "XK").

    Args:
        alpha2: the code, as the gazetteer or a table gives it.

    Returns:
        The short name ("Vietnam", "Kosovo"), or None for an unknown code.
    """
    if not alpha2:
        return None
    if alpha2 in _PREFERRED_NAME or pycountry.countries.get(alpha_2=alpha2) is not None:
        return _short_name(alpha2)
    return None


@lru_cache(maxsize=1)
def _index() -> dict[str, str]:
    """Folded name/official name/common name -> alpha-2, built once."""
    index: dict[str, str] = {}
    for c in pycountry.countries:
        for attr in ("name", "official_name", "common_name"):
            value = getattr(c, attr, None)
            if value:
                index.setdefault(fold_plain(str(value)), c.alpha_2)
    for alias, code in _ALIASES.items():
        index[fold_plain(alias)] = code
    for code, name in _PREFERRED_NAME.items():
        index[fold_plain(name)] = code
    return index


@lru_cache(maxsize=4096)
def normalize_country(value: str | None) -> str | None:
    """Return the canonical English short name of a country, or None when it is not a country.

    Args:
        value: a country as written ("Việt Nam", "Russian Federation", "Tajikistani", "NZ").

    Returns:
        The canonical short name ("Vietnam", "Russia", "Tajikistan", "New Zealand"), or None
        when the value names no known country.
    """
    if value is None:
        return None
    key = fold_plain(value).strip(" .,")
    if not key:
        return None
    for prefix in _DROPPED:
        if key.startswith(prefix + " "):
            key = key[len(prefix) + 1 :]
    index = _index()
    code = index.get(key)
    for prefix in _FALLBACK:
        if code is None and key.startswith(prefix + " "):
            code = index.get(key[len(prefix) + 1 :])
    written = value.strip()
    if code is None and written.isupper() and len(written) in (2, 3) and written not in _LOOKALIKES:
        # ISO codes only when written as codes: "NAM" is Namibia, "Nam" (of "Việt Nam") is not; nor
        # an office's abbreviation that is also a code ("PM Modi", countries.yaml `code_lookalikes`).
        country = pycountry.countries.get(alpha_2=written) or pycountry.countries.get(alpha_3=written)
        code = country.alpha_2 if country is not None else None
    if code is None:
        return None
    return _short_name(code)


# Capitalised words, with the lower-case words of a country's name inside a run ("Republic of
# Korea", "Bosnia and Herzegovina"), possessives cut off ("Japan's").
_JOINING = frozenset(words("countries", "name_joiners"))
_CAPITALISED = re.compile(
    r"[A-Z][\w.\u2019'-]*(?:[ \u00a0]+(?:" + "|".join(sorted(_JOINING)) + r"|[A-Z][\w.\u2019'-]*))*"
)
# "Israel's", "the United States'": a possessive is no part of a country's name.
POSSESSIVE_END = re.compile(r"(?<=\w)['\u2019]s?$")
# An abbreviation written with dots ("U.S.", "U.S.A."), read without them.
DOTTED = re.compile(r"(?:[A-Za-z]\.){2,}")


def country_of_words(run_words: Sequence[str]) -> str | None:
    """The country a run of words names, an abbreviation read without its dots and a possessive cut
    ("U.S.A." -> United States, "Israel's" -> Israel), else None."""
    run = " ".join(w.replace(".", "") if DOTTED.fullmatch(w) else w for w in run_words)
    return normalize_country(POSSESSIVE_END.sub("", run))


def country_written(text: str, country: str, spans: Iterable[tuple[int, int]]) -> tuple[int, int] | None:
    """Where the first of `spans` that writes `country` does so: by name, official name, code or
    demonym ("U.S.A.", "Japan's", "the Iranian foreign minister").

    Args:
        text: the article.
        country: a canonical country name (`normalize_country`).
        spans: the stretches of `text` to look in, in order.

    Returns:
        The offsets of the words, or None where none of the spans writes the country.
    """
    for a, b in spans:
        for m in _CAPITALISED.finditer(text, a, b):
            words = [(w.start(), w.end()) for w in re.finditer(r"\S+", m.group())]
            # Longest stretch first: "South Korean" before "Korean".
            for size in range(len(words), 0, -1):
                for i in range(len(words) - size + 1):
                    start, end = m.start() + words[i][0], m.start() + words[i + size - 1][1]
                    if text[start:end].split()[0].lower() in _JOINING:
                        continue  # "The French": the country's words start after it
                    phrase = POSSESSIVE_END.sub("", text[start:end])
                    # A full stop ends a sentence unless the words are an abbreviation ("U.S.").
                    bare = phrase.rstrip(".,;:")
                    for written in (phrase, bare) if "." in bare else (bare, phrase):
                        # An abbreviation read without its dots too ("U.S.A." as "USA").
                        if written and country in (
                            normalize_country(written),
                            country_of_words(written.split()),
                        ):
                            return start, start + len(written)
    return None
