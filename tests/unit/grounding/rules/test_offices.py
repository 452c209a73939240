"""The issuing government's principal, written by office alone."""

from __future__ import annotations

import datetime as dt

from grounding.rules.offices import (
    holders_country,
    issuing_holders,
    issuing_offices,
    issuing_principals,
    named_holders,
    national_office_before,
    office_country,
    office_described,
    principal_in,
    titled_holders,
)

READOUT = (
    "PM call with President Erdoğan of Türkiye: 22 July 2025\n"
    "The Prime Minister spoke to the President of Türkiye Recep Tayyip Erdoğan yesterday evening.\n"
    "They discussed the UK's defence co-operation."
)


def test_a_downing_street_readout_names_its_prime_minister_by_office() -> None:
    (holder,) = issuing_principals(READOUT, dt.date(2025, 7, 23))
    assert (holder.name, holder.title, holder.country) == ("Keir Starmer", "Prime Minister", "United Kingdom")
    assert [READOUT[a:b] for a, b in holder.mentions] == ["PM", "The Prime Minister"]


def test_the_office_holder_is_the_one_on_the_publication_date() -> None:
    (pm,) = [o for o in issuing_offices() if (o.title, o.country) == ("Prime Minister", "United Kingdom")]
    assert pm.holder_on(dt.date(2022, 9, 5)) == "Boris Johnson"
    assert pm.holder_on(dt.date(2022, 9, 6)) == "Liz Truss"
    assert pm.holder_on(dt.date(2024, 7, 4)) == "Rishi Sunak"
    assert pm.holder_on(dt.date(1990, 1, 1)) is None
    assert issuing_principals(READOUT, dt.date(2019, 12, 3))[0].name == "Boris Johnson"


def test_a_former_president_of_the_1990s_is_of_his_country() -> None:
    # "Former President Clinton met with Mr. Obama": both of the United States, a domestic meeting.
    assert holders_country("Bill Clinton") == "United States"
    (president,) = [o for o in issuing_offices() if (o.title, o.country) == ("President", "United States")]
    assert president.holder_on(dt.date(1998, 6, 1)) == "Bill Clinton"
    assert president.holder_on(dt.date(1985, 6, 1)) == "Ronald Reagan"


def test_named_offices_other_countries_and_unknown_dates_give_no_principal() -> None:
    named = "Prime Minister Boris Johnson met President Trump at Downing Street in the UK."
    assert issuing_principals(named, dt.date(2019, 12, 3)) == ()
    no_uk_cue = "The Prime Minister met the visiting delegation in Canberra."
    assert issuing_principals(no_uk_cue, dt.date(2019, 12, 3)) == ()
    assert issuing_principals(READOUT, None) == ()
    # "the President of Türkiye" is the other party, and a clock time is not the PM.
    other = "The UK welcomed the President of Türkiye at 2:25 PM on Monday at the White House."
    assert issuing_principals(other, dt.date(2025, 7, 23)) == ()


def test_a_white_house_statement_names_its_president_by_office() -> None:
    text = "The White House said: The President met Prime Minister Starmer today."
    (holder,) = issuing_principals(text, dt.date(2024, 9, 13))
    assert (holder.name, holder.country) == ("Joe Biden", "United States")


def test_principal_in_reads_only_the_given_passages() -> None:
    principals = issuing_principals(READOUT, dt.date(2025, 7, 23))
    second_line = (READOUT.index("The Prime"), READOUT.index("\nThey"))
    third_line = (READOUT.index("They"), len(READOUT))
    assert principal_in(principals, [second_line]) is principals[0]
    assert principal_in(principals, [third_line]) is None
    assert principal_in((), [second_line]) is None


def test_a_white_house_background_call_names_the_president() -> None:
    text = "SENIOR ADMINISTRATION OFFICIAL: Tomorrow, the President will meet Prime Minister Lapid."
    (holder,) = issuing_principals(text, dt.date(2022, 7, 13))
    assert (holder.name, holder.title) == ("Joe Biden", "President")
    assert (
        issuing_principals(text.replace("SENIOR ADMINISTRATION OFFICIAL", "SPEAKER"), dt.date(2022, 7, 13))
        == ()
    )


def test_a_named_office_holder_is_known_without_a_bare_phrase() -> None:
    text = "Statement from the White House: President Biden met President López Obrador of Mexico."
    assert issuing_principals(text, dt.date(2023, 1, 10)) == ()
    holders = {h.title: h for h in issuing_holders(text, dt.date(2023, 1, 10))}
    holder = holders["President"]
    assert (holder.name, holder.country, holder.mentions) == ("Joe Biden", "United States", ())
    # The Vice President's office is the White House's too: known, never written here.
    assert (holders["Vice President"].name, holders["Vice President"].mentions) == ("Kamala Harris", ())
    # No cue of the government, or no date: no holder.
    assert issuing_holders("President Biden met President López Obrador.", dt.date(2023, 1, 10)) == ()
    assert issuing_holders(text, None) == ()


def test_a_holder_named_after_the_title_is_that_office_whoever_speaks() -> None:
    text = (
        "Secretary of State Hillary Rodham Clinton met President Lee Myung-bak. Earlier, President Hu "
        "Jintao and Prime Minister Naoto Kan spoke by phone."
    )
    found = {(h.name, h.country) for h in titled_holders(text, dt.date(2011, 4, 17))}
    assert found == {
        ("Hillary Rodham Clinton", "United States"),
        ("Lee Myung-bak", "South Korea"),
        ("Hu Jintao", "China"),
        ("Naoto Kan", "Japan"),
    }
    # Named, not bare: no principal, and nothing read bare without the government's cue.
    assert issuing_principals(text, dt.date(2011, 4, 17)) == ()
    # Only the holder on the publication date counts, and only written after the title.
    assert titled_holders(text, dt.date(2014, 4, 17)) == ()  # Kerry, Park, Xi and Abe by then
    assert titled_holders("Clinton met Hu Jintao.", dt.date(2011, 4, 17)) == ()
    assert titled_holders(text, None) == ()


def test_a_sitting_holder_named_in_full_is_known_without_a_title() -> None:
    text = "Vladimir Putin had a telephone conversation with Angela Merkel and Boris Johnson."
    found = {(h.name, h.country) for h in named_holders(text, dt.date(2013, 4, 29))}
    # Johnson, then London's mayor, held no office of the table on that day.
    assert found == {("Vladimir Putin", "Russia"), ("Angela Merkel", "Germany")}
    assert [h.name for h in named_holders(text, dt.date(2009, 4, 29))] == ["Angela Merkel"]  # Medvedev's term
    assert named_holders("Putin thanked Merkel.", dt.date(2013, 4, 29)) == ()  # a surname is not enough
    assert named_holders(text, None) == ()


def test_the_vice_president_of_a_white_house_schedule_is_not_the_president() -> None:
    text = (
        "The White House schedule. In the morning, the President and the Vice President will receive "
        "the briefing. Afterward, the Vice President will hold a bilateral meeting with Prime Minister "
        "Edi Rama of Albania."
    )
    found = {h.name: h for h in issuing_principals(text, dt.date(2016, 4, 14))}
    assert set(found) == {"Barack Obama", "Joe Biden"}
    assert [text[a:b] for a, b in found["Joe Biden"].mentions] == ["the Vice President", "the Vice President"]
    assert [text[a:b] for a, b in found["Barack Obama"].mentions] == ["the President"]


def test_whose_government_a_listed_office_holder_served_needs_no_date() -> None:
    assert holders_country("Antony J. Blinken") == holders_country("Antony Blinken") == "United States"
    assert holders_country("Vladimir Putin") == "Russia"
    # A surname alone, or a person the table does not list, says nothing.
    assert holders_country("Blinken") is None
    assert holders_country("Ann Rubio") is None


def test_the_heads_of_the_other_g20_members_and_of_ukraine_are_listed() -> None:
    # Spelled with or without diacritics; a name with a hyphen as written.
    assert holders_country("Recep Tayyip Erdogan") == holders_country("Recep Tayyip Erdoğan") == "Turkey"
    assert holders_country("Park Geun-hye") == "South Korea"
    assert holders_country("Petro Poroshenko") == "Ukraine"
    assert holders_country("Joko Widodo") == "Indonesia"
    assert holders_country("Cyril Ramaphosa") == "South Africa"
    # On the day of an article, the holder named after the title holds the office.
    (held,) = named_holders("President Park Geun-hye held a summit.", dt.date(2014, 12, 11))
    assert (held.name, held.title, held.country) == ("Park Geun-hye", "President", "South Korea")
    assert named_holders("President Park Geun-hye held a summit.", dt.date(2019, 1, 1)) == ()


def test_an_office_only_one_government_has_says_the_country() -> None:
    assert office_country("Tánaiste") == office_country("Taoiseach") == "Ireland"
    assert office_country("Secretary of the Navy") == "United States"
    # The US office under the Secretary of State, portfolio and all; the UK cabinet title opens with it.
    assert office_country("Acting Assistant Secretary of State for African Affairs") == "United States"
    assert office_country("Secretary of State for Northern Ireland") == "United Kingdom"
    assert office_country("Chancellor of the Exchequer") == "United Kingdom"
    assert office_country("Minister of External Affairs") == "India"
    assert office_country("Emperor") == "Japan"  # the one emperor of today
    # Ministries only one government has: the UK's Foreign and Commonwealth Office, South Africa's
    # Department of International Relations and Cooperation, South Korea's Unification ministry.
    assert office_country("Foreign & Commonwealth Minister for Asia and The Pacific") == "United Kingdom"
    assert office_country("International Relations and Cooperation Minister") == "South Africa"
    assert office_country("Unification Minister") == "South Korea"
    # Offices several governments have say nothing: India's Foreign Secretary, the Vatican's
    # Secretary of State, the Philippines' Defense Secretary.
    for title in (
        "Foreign Secretary",
        "Secretary of State",
        "Defense Secretary",
        "Foreign Minister",
        # South Korea's, Jordan's and Pakistan's armed forces have one too.
        "Chairman of the Joint Chiefs of Staff",
        "",
        None,
    ):
        assert office_country(title) is None


def test_a_name_read_inside_an_office_does_not_cut_the_office_short() -> None:
    # "International Relations" reads as a two-word name; the office runs through it.
    text = "International Relations and Cooperation Minister, Dr Naledi Pandor, has arrived in Bali."
    people = ("International Relations", "Naledi Pandor")
    found = national_office_before(text, text.find("Naledi"), people)
    assert found is not None and found[0] == "South Africa"
    # A person's office before another person's name stays theirs.
    text = "Taoiseach Simon Harris and Unification Minister Kim Yung-ho met."
    found = national_office_before(text, text.find("Kim"), ("Simon Harris", "Kim Yung-ho"))
    assert found is not None and (found[0], text[found[1] : found[2]]) == (
        "South Korea",
        "Unification Minister",
    )
    text = "Taoiseach Simon Harris and Minister Kim Yung-ho met."
    assert national_office_before(text, text.find("Kim"), ("Simon Harris", "Kim Yung-ho")) is None


def test_an_office_only_one_government_has_in_the_offices_before_a_name() -> None:
    text = (
        "The Secretary of State for Northern Ireland, Rt Hon Hilary Benn MP met with the Tánaiste, "
        "Minister for Foreign Affairs, Trade and Minister for Defence, Simon Harris TD, this evening."
    )
    people = ("Hilary Benn", "Simon Harris")
    found = national_office_before(text, text.find("Simon Harris"), people)
    assert found is not None and found[0] == "Ireland" and text[found[1] : found[2]] == "Tánaiste"
    found = national_office_before(text, text.find("Hilary Benn"), people)
    assert found is not None and (found[0], text[found[1] : found[2]]) == (
        "United Kingdom",
        "Secretary of State for",
    )
    # The run stops at the list's person before: Kishida's office is not Doe's.
    text = "He met Prime Minister Fumio Kishida and Secretary of the Navy Jo Doe, then Tánaiste Ann Lee."
    people = ("Fumio Kishida", "Jo Doe", "Ann Lee")
    assert national_office_before(text, text.find("Fumio Kishida"), people) is None
    found = national_office_before(text, text.find("Jo Doe"), people)
    assert found is not None and found[0] == "United States"
    # A lower-case word ends the run: "then" keeps the Navy from Ann Lee.
    found = national_office_before(text, text.find("Ann Lee"), people)
    assert found is not None and found[0] == "Ireland"


def test_an_irish_government_answer_names_its_taoiseach_and_tanaiste_by_office() -> None:
    text = "Dáil written answers. The Taoiseach met Prime Minister Bo Kim in Dublin; the Tánaiste joined."
    assert [(h.name, h.title) for h in issuing_principals(text, dt.date(2023, 5, 6))] == [
        ("Leo Varadkar", "Taoiseach"),
        ("Micheál Martin", "Tánaiste"),
    ]
    # The office is read bare only where the article is Irish government copy.
    assert issuing_principals("The Taoiseach met Bo Kim.", dt.date(2023, 5, 6)) != ()
    assert issuing_principals("Kim met the Prime Minister.", dt.date(2023, 5, 6)) == ()


def test_another_government_s_prime_minister_told_first_owns_the_bare_office() -> None:
    # Japan's readout names the UK's Prime Minister: "the Prime Minister" after it is Kishida.
    kantei = (
        "G7 Summit and Bilateral Summit Meetings\n"
        "On June 14, 2024, Prime Minister Kishida held informal talks with Rishi Sunak, Prime Minister "
        "of the United Kingdom.\nAfterwards, the Prime Minister attended Session 5.\n"
    )
    assert issuing_principals(kantei, dt.date(2024, 6, 14)) == ()
    # A UK readout titling its visitor first, not as a subject, or its own Prime Minister first,
    # keeps its own; so does "Deputy Prime Minister X" (another office).
    for text in (
        "PM meeting with Prime Minister Ann Lee of Japan\nThe Prime Minister welcomed her to the UK.\n",
        "Prime Minister Keir Starmer met Prime Minister Ann Lee. The Prime Minister said the UK is ready.\n",
        "Deputy Prime Minister Ann Lee arrived in the UK. The Prime Minister met her.\n",
    ):
        assert [h.name for h in issuing_principals(text, dt.date(2024, 9, 1))] == ["Keir Starmer"], text


def test_an_office_described_without_a_name_is_that_of_the_one_named_who_held_it() -> None:
    """ "The President of Russia described ...": the office of the one person named who held it."""
    text = (
        "On Friday Vladimir Putin had a telephone conversation with Barack Obama. The President of "
        "Russia described the sanctions as counterproductive."
    )
    people = ["Vladimir Putin", "Barack Obama"]
    found = office_described("Vladimir Putin", text, people)
    assert found is not None
    assert found[0] == "President"
    assert text[found[1] : found[2]] == "The President of Russia"
    assert office_described("Vladimir Putin", "the Russian President said so.", people) is not None
    # Another office's country, or no description, says nothing.
    assert office_described("Barack Obama", text, people) is None
    assert office_described("Vladimir Putin", "Vladimir Putin met Barack Obama.", people) is None
    # Two people named who held the office: the description may be either's.
    assert office_described("Vladimir Putin", text, [*people, "Dmitry Medvedev"]) is None
