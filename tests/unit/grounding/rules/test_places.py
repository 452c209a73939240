"""grounding.rules.places: a gazetteer of cities, and countries the article names as places."""

from __future__ import annotations

import pytest

from grounding.article import ArticleContext
from grounding.rules.hosts import at_a_gathering
from grounding.rules.places import (
    capital_phrase,
    dateline_city,
    destination,
    has_where_clause,
    named_countries,
    place_in,
    place_told_before,
    stated_as_place,
    written_as_venue,
)
from grounding.text.gazetteer import city_country, is_city


def test_cities_give_their_country_under_any_of_their_names() -> None:
    assert city_country("Hà Nội") == "Vietnam" and city_country("Hanoi") == "Vietnam"
    assert city_country("Moscow") == "Russia"  # the largest Moscow, not Moscow, Idaho
    # A capital by its own name, not a larger city that has the name among its old ones
    # (Chattogram); another city of that very name stays the larger (San Jose, California).
    assert city_country("Islamabad") == "Pakistan" and city_country("Dili") == "Timor-Leste"
    assert city_country("San Jose") == "United States" and city_country("Kochi") == "India"
    assert city_country("New York") == "United States"
    assert city_country("Paris-Saclay") == "France"
    assert city_country("Downing Street") is None and not is_city("Chevening") and not is_city(None)


def test_countries_named_and_named_as_places() -> None:
    text = "Ms Lee, on a working trip to the US, met the Japanese minister in Tokyo."
    assert named_countries(text) == {"United States", "Japan"}
    assert stated_as_place("United States", text)
    assert not stated_as_place("Japan", text)  # named, but not as where anything happens
    assert stated_as_place("Japan", "They met in Japan on Monday.")


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("They will meet again in Paris tomorrow.", ("Paris", None)),
        ("During your visit to the Republic of India in December, we talked.", (None, "India")),
        ("In the US, Foreign Minister Aso will have talks with Secretary Rice.", (None, "United States")),
        ("Since their last meeting in the White House, work has begun.", (None, None)),  # a venue
        ("Secretary Clinton then will visit Tokyo, Japan, on April 17.", ("Tokyo", None)),
        # A city introduced by what it is, its country's word first.
        ("They met in the Belgian capital Brussels on Monday.", ("Brussels", None)),
        ("They met in the Indian port city of Mumbai.", ("Mumbai", None)),
        ("They met in the capital Kyiv.", ("Kyiv", None)),
        ("They met in Russia, and later in Moscow.", (None, "Russia")),
        # A country's capital, named nowhere: the capital GeoNames gives.
        ("They met on Monday in the French capital.", ("Paris", None)),
        ("They met in Japan's capital, where talks went well.", ("Tokyo", None)),
        ("They met in the French capital, Paris.", ("Paris", None)),
        ("They met in France.", (None, "France")),
        # After a country's possessive; and where the sentence also writes the city as a dateline.
        ("Lee held talks with Kim in Uzbekistan's Samarkand.", ("Samarkand", None)),
        ("They met in Japan's capital Tokyo.", ("Tokyo", None)),
        (
            "Samarkand [Uzbekistan], April 13 : Lee held talks with Kim in Uzbekistan's Samarkand.",
            ("Samarkand", None),
        ),
        ("They met in Modi's office.", (None, None)),
        # A country owning what is talked about is no place; one owning a region or a city is.
        ("Lee met Kim to discuss support to Somalia's political transition.", (None, None)),
        ("Lee met Kim in Kenya's coastal city of Mombasa.", ("Mombasa", None)),
        ("Lee met Kim in Pakistan's northwest.", (None, "Pakistan")),
        # The capital named after a comma is that city, not the capital the gazetteer gives.
        ("He was in Bolivia's capital, La Paz, for talks with President Evo Morales.", ("La Paz", None)),
    ],
)
def test_the_place_a_sentence_names_as_where(sentence: str, expected: tuple[str | None, str | None]) -> None:
    assert place_in(sentence) == expected


def test_where_the_article_calls_a_city_its_country_s_capital() -> None:
    text = "They met on Monday in the French capital. Talks went well."
    start, end = capital_phrase(text, "Paris") or (0, 0)
    assert text[start:end] == "French capital"
    assert capital_phrase(text, "Tokyo") is None
    assert capital_phrase("They met in the Belgian capital Brussels.", "Brussels") is None


def test_a_state_s_official_name_names_it() -> None:
    text = "She will go to Seoul, Republic of Korea, then meet envoys of the Kingdom of Saudi Arabia."
    assert named_countries(text) == {"South Korea", "Saudi Arabia"}


@pytest.mark.parametrize(
    ("venue", "expected"),
    [
        ("Chevening", True),  # "at Chevening"
        ("Downing Street", True),  # a street names grounds
        ("the Kremlin", True),  # a seat of government
        ("Under", False),  # a word of "Under Secretary ..."
        ("Egypt", False),  # a country
        ("New York", False),  # a city
        ("NATO", False),  # a body
        ("G20 Summit", False),  # a gathering
        ("Shangri-La Dialogue", False),  # a gathering, "at the Shangri-La Dialogue"
        ("Background Press Call", False),  # a headline's words, never a place
    ],
)
def test_a_venue_is_what_the_article_writes_as_a_place(venue: str, expected: bool) -> None:
    text = (
        "Background Press Call on the Trip. Under Secretary Victoria Nuland met the minister at Chevening, "
        "then at 10 Downing Street, before both flew to New York for the G20 Summit; NATO allies met in "
        "Egypt, and the Kremlin said so. They had met earlier at the Shangri-La Dialogue in Singapore."
    )
    assert written_as_venue(venue, text) is expected


@pytest.mark.parametrize(
    ("words", "place"),
    [
        (" Seoul, Republic of Korea from April 16", ("Seoul", "South Korea")),
        (
            " Sharm el-Sheikh, Egypt, on Friday, where",
            ("Sharm el-Sheikh", "Egypt"),
        ),  # written with its country
        (" Berlin, Germany, April 13 to April 15.", ("Berlin", "Germany")),  # a date is no second place
        (" Hanoi on Monday for talks", ("Hanoi", None)),
        (" the United States on Sunday", (None, "United States")),
        # Several places, a venue, or no place the gazetteer knows: nothing.
        (" Berlin, Seoul, and Tokyo", None),
        (" the United States, Russia and Egypt from April 28", None),
        (" Korea and Japan in May", None),
        (" the White House on July 30", None),
        (" Sharm at the end of the week", None),
    ],
)
def test_the_one_place_a_trip_leads_to(words: str, place: tuple[str | None, str | None] | None) -> None:
    assert destination(words) == place


def test_every_country_of_a_list_after_a_place_word_is_a_place() -> None:
    text = "a tour to France, the Republic of Korea, Bosnia and Herzegovina and Serbia; Japan's envoy stayed"
    assert all(stated_as_place(c, text) for c in ("France", "South Korea", "Serbia"))
    assert not stated_as_place("Japan", text)


@pytest.mark.parametrize(
    ("text", "city"),
    [
        ("Leaders meet\nPARIS, May 6 (Reuters) - President Ann Lee met Bo Kim.", "Paris"),
        ("Leaders meet\nHÀ NỘI — President Ann Lee met Bo Kim.", "Hà Nội"),
        ("Leaders meet\nKyiv, Ukraine, March 3 -- Ann Lee met Bo Kim.", "Kyiv"),
        ("Leaders meet\nNEW YORK (AP) — Ann Lee met Bo Kim.", "New York"),
        # An agency's country in square brackets, a colon after the day or the agency.
        ("Leaders meet\nSamarkand [Uzbekistan], April 13 : Ann Lee met Bo Kim.", "Samarkand"),
        ("Leaders meet\nNew Delhi, May 4 (ANI): Ann Lee met Bo Kim.", "New Delhi"),
        ("Leaders meet\nReadout: Ann Lee met Bo Kim.", None),
        # No dateline: a name or a country before a dash, or a city past the opening lines.
        ("Leaders meet\nPresident Lee - who met Kim - said so.", None),
        ("Leaders meet\nUkraine - Ann Lee met Bo Kim.", None),
        # After a date, a headline, a byline and a credit line; a city-state's name.
        ("date\nLeaders meet\nBy Ann Writer\nPress Service\nPARIS - Ann Lee met Bo Kim.", "Paris"),
        ("Leaders meet\nSINGAPORE, June 1 - Ann Lee met Bo Kim.", "Singapore"),
        ("1\nTwo\nThree\nFour\nFive\nSix\nPARIS - Ann Lee met Bo Kim.", None),
    ],
)
def test_the_dateline_s_city(text: str, city: str | None) -> None:
    found = dateline_city(ArticleContext(text))
    assert (found[0] if found else None) == city
    if found:
        assert text[found[1][0] : found[1][1]].lower() == city.lower()


def test_of_several_places_the_one_nearest_the_meeting_word_is_the_meeting_s() -> None:
    """ "will travel to New York ..., following two days of meetings in Washington" met in
    Washington; "will travel to Paris to meet X, then to Berlin" meets in Paris; with no meeting
    word the first place is read, as before."""
    assert place_in(
        "Hunt will travel to New York later today, following two days of meetings in Washington with Pence."
    ) == ("Washington", None)
    assert place_in("He will travel to Paris to meet Ann Lee, then to Berlin.") == ("Paris", None)
    assert place_in("He flew to Paris and then to Berlin.") == ("Paris", None)


def test_a_resort_of_its_name_is_the_city() -> None:
    assert place_in("Lee met Kim in the Black Sea resort of Sochi on Monday.") == ("Sochi", None)
    # A city whose name holds a word that marks a venue elsewhere, or the article.
    assert place_in("Lee met Kim in Mexico City on Monday.") == ("Mexico City", None)
    assert place_in("Lee met Kim in The Hague on Monday.") == ("The Hague", None)
    assert place_in("Lee met Kim at the White House on Monday.") == (None, None)
    # A capitalised word after "in" that the gazetteer does not know: no city.
    assert place_in("Lee met Kim in Davos on Monday.") == (None, None)


def test_a_relative_clause_of_place_places_who_is_met_after_it() -> None:
    sentence = (
        "Lee hosted Kim at State House in Nairobi on Tuesday, "
        "before travelling to Kampala, where he met Tanaka."
    )
    assert place_told_before(sentence, sentence.index("Tanaka")) == ("Kampala", None)
    assert place_told_before(sentence, sentence.index("Kim")) is None  # met before the clause
    assert place_told_before("Lee met Kim, where it rained.", 24) is None  # no place before it


def test_a_city_of_the_country_visited_is_where_the_meeting_is() -> None:
    """ "who is on a visit to Russia, met X in Moscow": Moscow, the city of that country."""
    assert place_in("Lee, who is on a four-day visit to Russia, met Kim in Moscow on Monday.") == (
        "Moscow",
        None,
    )
    # A city of another country leaves the country as it is.
    assert place_in("Lee, who is on a four-day visit to Russia, met Kim.") == (None, "Russia")


def test_a_visitor_s_nationality_is_no_place_where_another_is_named() -> None:
    """ "met with visiting Indonesian President X in Beijing": Beijing; with no other place, the
    country stays (the dateline or the model may say more)."""
    assert place_in("Xi met with visiting Indonesian President Joko Widodo in Beijing on Monday.") == (
        "Beijing",
        None,
    )
    assert place_in("Xi met with visiting Indonesian President Joko Widodo on Monday.") == (None, "Indonesia")


def test_a_city_set_off_after_its_venue_is_the_place() -> None:
    assert place_in("President Lee hosted President Kim at State House, Nairobi.") == ("Nairobi", None)
    assert place_in("Lee received Kim at the Union Buildings, Pretoria, on Monday.") == ("Pretoria", None)


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # What an issue is about is no place where anything happens.
        ("He will also raise the crisis in Burma and Russia's war in Ukraine.", (None, None)),
        ("They discussed the security situation in Gaza.", (None, None)),
        ("They discussed the security situation in Gaza in Cairo.", ("Cairo", None)),
        # After any other noun, "in" may well be where: people, an occasion, a building.
        ("Xi met the visiting president in Beijing.", ("Beijing", None)),
        ("The dinner in Paris was cordial.", ("Paris", None)),
        ("The talks in Geneva were useful.", ("Geneva", None)),
    ],
)
def test_in_after_an_issue_s_noun_is_no_place(sentence: str, expected: tuple[str | None, str | None]) -> None:
    assert place_in(sentence) == expected


def test_a_named_yearly_dialogue_is_a_gathering_a_pair_s_is_not() -> None:
    assert at_a_gathering("Hagel met Kim while attending the annual Shangri-La Dialogue.")
    assert not at_a_gathering("Lee and Kim opened the U.S.-China Strategic Dialogue.")


def test_the_place_of_a_where_clause_is_the_one_written_right_before_it() -> None:
    # "flew to Seoul ... from Beijing, where, earlier in the day, she met Hu": Beijing, whatever
    # preposition leads to it and with an aside after "where".
    sentence = (
        "Ms. Rice flew to Seoul on Friday from Beijing, where, earlier in the day, she met President Hu."
    )
    assert place_told_before(sentence, sentence.index("Hu")) == ("Beijing", None)
    assert has_where_clause(sentence)
    assert not has_where_clause("Ms. Rice flew to Seoul on Friday, and met President Roh.")


def test_a_country_after_a_noun_of_effort_is_what_the_noun_is_about() -> None:
    # "thanked him for Australia's ongoing contributions in Iraq": not where they met.
    assert place_in("Carter met Andrews and thanked him for Australia's ongoing contributions in Iraq.") == (
        None,
        None,
    )
    assert place_in("Carter met Andrews in Canberra, praising the deployments in Iraq.") == ("Canberra", None)
    # Nor is the country stated as a place, nor any listed after it.
    text = "Carter thanked him for Australia's ongoing contributions in Iraq and Afghanistan."
    assert not stated_as_place("Iraq", text)
    assert not stated_as_place("Afghanistan", text)
    assert stated_as_place("Afghanistan", "Carter met him in Iraq and Afghanistan.")


def test_an_office_to_a_country_is_no_place() -> None:
    text = "Officials, including Patrick Duddy, U.S. Ambassador to Venezuela, attended. Chu met Lee."
    assert not stated_as_place("Venezuela", text)
    assert stated_as_place("Venezuela", "Chu travelled to Venezuela on Monday and met Lee.")
