"""The scorer's own text rules: folding, name tokens, country identity.

Deliberately separate from the service's `schemas`/`grounding` code, which these evals judge: a bug
shared by the judge and the judged would cancel out and never show in a score.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

import pycountry

# Letters NFKD does not decompose into base + accent.
_LETTERS = str.maketrans({"đ": "d", "Đ": "D", "ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "ß": "ss"})
_WORD_RE = re.compile(r"[^\W_]+", re.UNICODE)

# Offices and honorifics: "President Cường" names "Cường".
TITLE_WORDS = frozenset(
    [
        "president",
        "state",
        "vice",
        "prime",
        "minister",
        "pm",
        "premier",
        "chancellor",
        "king",
        "queen",
        "prince",
        "princess",
        "emir",
        "sheikh",
        "sultan",
        "mr",
        "mrs",
        "ms",
        "dr",
        "sir",
        "he",
        "his",
        "her",
        "excellency",
        "majesty",
        "general",
        "secretary",
        "governor",
        "foreign",
        "deputy",
        "chairman",
        "chairwoman",
        "chair",
        "leader",
        "head",
        "speaker",
        "senator",
        "ambassador",
        "of",
        "the",
        "and",
    ]
)

# Folded names and demonyms ISO 3166 does not list, as news copy writes them.
_ALIASES: dict[str, str] = {
    "vietnam": "VN",
    "vietnamese": "VN",
    "russia": "RU",
    "russian": "RU",
    "iran": "IR",
    "syria": "SY",
    "laos": "LA",
    "south korea": "KR",
    "korea": "KR",
    "republic of korea": "KR",
    "north korea": "KP",
    "moldova": "MD",
    "tanzania": "TZ",
    "venezuela": "VE",
    "bolivia": "BO",
    "taiwan": "TW",
    "palestine": "PS",
    "czech republic": "CZ",
    "turkey": "TR",
    "turkiye": "TR",
    "vatican": "VA",
    "vatican city": "VA",
    "holy see": "VA",
    "dr congo": "CD",
    "us": "US",
    "usa": "US",
    "u.s.": "US",
    "u.s.a.": "US",
    "united states": "US",
    "america": "US",
    "american": "US",
    "uk": "GB",
    "u.k.": "GB",
    "britain": "GB",
    "great britain": "GB",
    "british": "GB",
    "england": "GB",
    "tajik": "TJ",
    "kazakh": "KZ",
    "kyrgyz": "KG",
    "uzbek": "UZ",
    "turkmen": "TM",
    "chinese": "CN",
    "japanese": "JP",
    "indian": "IN",
    "french": "FR",
    "german": "DE",
    "italian": "IT",
    "spanish": "ES",
    "ukrainian": "UA",
    "polish": "PL",
    "egyptian": "EG",
    "brazilian": "BR",
    "canadian": "CA",
    "australian": "AU",
    "mexican": "MX",
    "israeli": "IL",
    "saudi": "SA",
    "saudi arabian": "SA",
    "emirati": "AE",
    "uae": "AE",
    "new zealander": "NZ",
}


def fold(text: str) -> str:
    """Case- and diacritics-insensitive form of a string, whitespace collapsed."""
    decomposed = unicodedata.normalize("NFKD", text.translate(_LETTERS))
    base = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(base.casefold().split())


def name_tokens(name: str) -> list[str]:
    """Folded tokens of a person's name, titles and one-letter tokens dropped."""
    return [t for t in _WORD_RE.findall(fold(name)) if t not in TITLE_WORDS and len(t) > 1]


@lru_cache(maxsize=4096)
def country_key(value: str) -> str:
    """One key per country however it is written (ISO alpha-2 when known, else the folded text)."""
    folded = fold(value).removeprefix("the ")
    if folded in _ALIASES:
        return _ALIASES[folded]
    try:
        return str(pycountry.countries.lookup(folded).alpha_2)
    except LookupError:
        return folded
