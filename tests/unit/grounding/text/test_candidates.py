"""grounding.text.candidates: what an article offers a model to copy."""

from __future__ import annotations

import datetime as dt

import pytest

from grounding.text.candidates import (
    could_name_two_people,
    countries_mentioned,
    date_phrases,
    name_runs,
    not_a_participant,
    not_a_person,
    offices_mentioned,
    person_candidates,
    spoken_date,
    titled,
    unspoken_date_phrases,
    without_office,
)
from grounding.text.dates import resolve_date
from tests.conftest import seed


def test_person_candidates_of_a_seed() -> None:
    text, _ = seed("003_ee914f4da08c8a1e")
    people = person_candidates(text)
    assert "Christopher Luxon" in people and "Lương Cường" in people
    assert "New Zealand" not in people and "Việt Nam" not in people


def test_name_runs_cut_titles_and_never_list_months_or_weekdays() -> None:
    runs = name_runs("Prime Minister Giorgia Meloni met him on Tuesday in May.")
    assert "Giorgia Meloni" in runs and "Meloni" in runs
    assert not {"Prime", "Minister", "Tuesday", "May"} & set(runs)


def test_date_phrases_in_order_as_written() -> None:
    text = "On Wednesday they met; on 3 March 2025 and Sept. 22 they talk again, as on Wednesday."
    assert date_phrases(text) == ["On Wednesday", "3 March 2025", "Sept. 22", "on Wednesday"]


@pytest.mark.parametrize(
    ("sentence", "phrase", "day"),
    [
        ("They met ten days ago in Delhi.", "ten days ago", dt.date(2024, 7, 20)),
        ("They met 2 days ago.", "2 days ago", dt.date(2024, 7, 28)),
        ("They met a week ago.", "a week ago", dt.date(2024, 7, 23)),
        # The whole phrase, not the "yesterday" inside it: a day earlier.
        ("They met the day before yesterday.", "the day before yesterday", dt.date(2024, 7, 28)),
        ("They met this morning.", "this morning", dt.date(2024, 7, 30)),
        ("They spoke last night.", "last night", dt.date(2024, 7, 29)),
    ],
)
def test_relative_days_are_date_phrases_resolved_from_publication(
    sentence: str, phrase: str, day: dt.date
) -> None:
    assert date_phrases(sentence) == [phrase]
    assert resolve_date(phrase, dt.date(2024, 7, 30)) == day


def test_offices_and_countries_mentioned() -> None:
    text = "Vietnamese State President Lương Cường received New Zealand's Prime Minister."
    assert offices_mentioned(text) == ["State President", "President", "Prime Minister", "Minister"]
    assert countries_mentioned(text) == ["Vietnam", "New Zealand"]


def test_middle_initials_stay_in_the_name() -> None:
    text = "Secretary of State Antony J. Blinken spoke with President Joseph R. Biden at noon."
    people = person_candidates(text)
    assert "Antony J. Blinken" in people
    assert "Joseph R. Biden" in people
    assert "Antony" not in people


def test_places_bodies_and_documents_are_not_people() -> None:
    text = (
        "Gloria Macapagal-Arroyo came to the White House. Ministers' Telephone Talk with Koichiro Gemba. "
        "Biden Upcoming Travel. They met at the National Palace about the Middle East and the Red Sea."
    )
    people = person_candidates(text)
    assert {"Gloria Macapagal-Arroyo", "Koichiro Gemba"} <= set(people)
    for no_person in ("White House", "National Palace", "Middle East", "Telephone Talk", "Red Sea", "Sea"):
        assert no_person not in people
    assert not any("Travel" in p for p in people)


def test_honorifics_are_cut_and_spokespeople_are_speakers_not_parties() -> None:
    text = (
        "The below is attributable to Spokesperson Ned Price: Minister Gemba held a telephone talk "
        "with Hon. Bob Carr MP, Minister for Foreign Affairs."
    )
    people = person_candidates(text)
    assert "Bob Carr" in people
    assert not any("Price" in p for p in people)
    assert not any(p.endswith("MP") for p in people)


def test_leading_initials_stay_with_the_name_but_an_abbreviation_s_letter_does_not() -> None:
    text = "He met Vice Adm. M. A. Rao, then Adm. R. Hari Kumar, in Washington D.C. on Monday."
    people = person_candidates(text)
    assert {"M. A. Rao", "R. Hari Kumar"} <= set(people)
    assert not any(p.startswith("C.") for p in people)


def test_a_post_nominal_is_cut_even_where_it_reads_as_a_country_code() -> None:
    # "TD" (a member of the Dáil) is also Chad's country code: the name must not read as a country.
    text = "The Tánaiste, Minister for Defence, Simon Harris TD, met the Secretary of State."
    assert "Simon Harris" in person_candidates(text)


def test_a_surname_after_a_title_is_a_candidate_but_little_words_and_numbers_are_not() -> None:
    text = "The PM met President Trump at Downing Street and recalled World War Two. But I said so."
    people = person_candidates(text)
    assert "Trump" in people
    assert "Two" not in people and "But I" not in people


def test_a_city_of_several_words_is_no_person() -> None:
    text = "Secretary Kerry will travel to Addis Ababa, then meet Prime Minister Hailemariam Desalegn."
    candidates = person_candidates(text)
    assert "Addis Ababa" not in candidates and "Ababa" not in candidates
    assert "Hailemariam Desalegn" in candidates and "Kerry" in candidates


def test_weather_games_and_the_headline_s_call_are_no_people() -> None:
    text = (
        "Japan-Türkiye Foreign Ministers’ Telephone Conversation\n"
        "Mr. Taro Kono, Minister for Foreign Affairs, had a telephone conversation with Mr. Mevlüt "
        "Çavuşoğlu. Mr. Çavuşoğlu expressed condolences for the Heavy Rain Emergency in western Japan "
        "and wished success to the Olympic Games."
    )
    people = person_candidates(text)
    assert {"Taro Kono", "Mevlüt Çavuşoğlu"} <= set(people)
    assert not {"Heavy Rain", "Olympic Games", "Ministers’ Telephone Conversation"} & set(people)


def test_lower_case_particles_stay_inside_a_name() -> None:
    text = (
        "The President of the European Commission, Ursula von der Leyen, met Luiz Inácio Lula da Silva "
        "and Crown Prince Mohammed bin Salman; the envoy Staffan de Mistura joined them in Port of Spain."
    )
    people = person_candidates(text)
    assert {
        "Ursula von der Leyen",
        "Luiz Inácio Lula da Silva",
        "Mohammed bin Salman",
        "Staffan de Mistura",
    } <= set(people)
    # A particle starts no name, and one not followed by a name is no part of one.
    assert not [p for p in name_runs(text) if p.split()[0] in {"von", "der", "da", "bin", "de"}]
    assert "Spain" not in people and not any(p.endswith(" of") for p in name_runs(text))
    assert "Ursula von der" not in name_runs("Ursula von der Leyen met Ursula von der committee.")


def test_a_particle_joined_by_a_hyphen_stays_inside_a_name() -> None:
    text = (
        "Egyptian President Abdel Fattah al-Sisi met Iraqi Prime Minister Mohammed Shia al-Sudani in Cairo."
    )
    people = person_candidates(text)
    assert {"Abdel Fattah al-Sisi", "Mohammed Shia al-Sudani"} <= set(people)
    assert "Abdel Fattah" not in people
    # A rank between two words of one name is the name's; after a country's word it is a rank.
    runs = name_runs("Somali President Hassan Sheikh Mohamud met Kuwaiti Sheikh Sabah al-Khalid.")
    assert "Hassan Sheikh Mohamud" in runs and "Sheikh Mohamud" not in runs
    assert "Kuwaiti Sheikh Sabah al-Khalid" not in runs and "Sabah al-Khalid" in runs
    # A family name English writes as a pronoun, after an office: "Vice Premier He Lifeng".
    assert "He Lifeng" in person_candidates("Blinken met Chinese Vice Premier He Lifeng on Monday.")
    assert not any(p.startswith("He ") for p in person_candidates("He Said Nothing. He Lifeng met Blinken."))
    # Only after a capitalised word, and only a particle: "a well-known" or "co-Chair" joins nothing.
    assert name_runs("He met a well-Known envoy.") == []


def test_bodies_occasions_and_office_words_are_no_people() -> None:
    text = (
        "Energy Secretary Steven Chu hosted the Energy and Climate Partnership of the Americas. He met "
        "Venezuela's Minister of the People's Power for Energy Rafael Ramirez. Secretary of State Antony "
        "J. Blinken attended the NATO Defense Ministerial and the Presidential Daily Briefing in the "
        "Roosevelt Room, where the United States' envoy spoke."
    )
    people = person_candidates(text)
    assert {"Steven Chu", "Rafael Ramirez", "Antony J. Blinken"} <= set(people)
    junk = {
        "Climate Partnership",
        "NATO Defense Ministerial",
        "Defense Ministerial",
        "Presidential Daily Briefing",
    }
    assert not junk & set(people)
    assert not {"Energy Rafael Ramirez", "United States'", "States'", "Roosevelt Room"} & set(people)


def test_groups_and_legislatures_are_no_people() -> None:
    text = (
        "Minister Simon Coveney met the Congressional Friends of Ireland to mark the centenary of the "
        "First Dáil. General Joe Dunford will meet with Pacific Allies in Hawaii."
    )
    people = person_candidates(text)
    assert {"Simon Coveney", "Joe Dunford"} <= set(people)
    assert not {"Congressional Friends", "First Dáil", "Pacific Allies", "Allies", "Friends"} & set(people)


def test_office_words_before_a_name_are_cut_and_two_words_stay() -> None:
    assert without_office("Secretary-General Ban Ki-moon") == "Ban Ki-moon"
    assert without_office("Security Policy Javier Solana") == "Javier Solana"
    assert without_office("Vice-President Smith Jones") == "Smith Jones"
    assert without_office("Prince Charles") == "Prince Charles"  # one word would be left
    assert without_office("Chief of Staff") == "Chief of Staff"  # no name follows
    assert without_office("John Major") == "John Major"
    # A body's acronym before its office goes with the office.
    assert without_office("UN Secretary-General Ban Ki-moon") == "Ban Ki-moon"
    assert without_office("NATO Secretary General Ann Lee") == "Ann Lee"
    assert without_office("UN Ann Lee") == "UN Ann Lee"  # no office after the acronym


def test_what_is_no_person() -> None:
    text = "By: Karen Parrish\nDefense Secretary Chuck Hagel met the Commander of the Southern Naval Command."
    assert not_a_person("Karen Parrish", text) == "the article's byline"
    assert not_a_person("Southern Naval Command", text) == "a place, a body or an occasion"
    assert not_a_person("Royal Highness", text) == "a place, a body or an occasion"
    assert not_a_person("High Representative", text) == "an office"
    assert not_a_person("Foreign Minister", text) == "an office"
    assert not_a_person("Chuck Hagel", text) is None
    # A reporter who is also quoted or met in the text is named outside the byline.
    assert not_a_person("Karen Parrish", text + " Hagel met Karen Parrish.") is None


def test_a_monarch_s_title_stands_before_the_name() -> None:
    sentence = "Earlier Thursday, Mr. Lee held a private meeting with Emperor Akihito at the palace."
    assert titled(sentence, "Akihito") and "Akihito" in person_candidates(sentence)
    assert "Emperor Akihito" not in person_candidates(sentence)  # the title is no part of the name


def test_a_date_phrase_next_to_a_word_of_saying_is_when_it_was_said() -> None:
    assert unspoken_date_phrases("The ministry said today that the two met on Monday.") == ["on Monday"]
    assert unspoken_date_phrases("Officials told reporters on Friday.") == []
    text = "Lee will travel tomorrow, defense officials announced today."
    assert spoken_date(text, text.index("today"), len(text) - 1)
    assert not spoken_date(text, text.index("tomorrow"), text.index("tomorrow") + len("tomorrow"))
    # Said elsewhere in the sentence, the phrase is the meeting's.
    assert unspoken_date_phrases("They met today in Rome, officials said.") == ["today"]


def test_a_principals_spouse_is_no_participant() -> None:
    """Someone the article only ever introduces as a principal's spouse accompanies them and heads
    no side; introduced once as a leader in their own right, they may be one."""
    text = (
        "President Donald John Trump and his spouse, Mrs. Melania Trump will pay an Official Visit to "
        "Japan. First Lady Jill Biden will attend the dinner."
    )
    assert not_a_person("Melania Trump", text) == "a principal's companion (a spouse)"
    assert not_a_person("Jill Biden", text) == "a principal's companion (a spouse)"
    assert not_a_person("Donald John Trump", text) is None
    again = text + " Melania Trump met Akie Abe at a school."
    assert not_a_person("Melania Trump", again) is None


def test_the_pronoun_i_before_a_verb_ends_a_name_run() -> None:
    text = "Yesterday I met Foreign Minister Bo Kim. King Charles I of England reigned."
    assert "Yesterday I" not in person_candidates(text)
    assert "Charles I" in person_candidates(text)  # a regnal number stays


def test_an_office_s_own_noun_right_before_a_lone_surname_titles_it() -> None:
    assert titled("He met State Councilor Dai in Beijing.", "Dai")
    assert not titled("He met the state councilor, Dai, in Beijing.", "Dai")


def test_a_long_office_right_before_a_full_name_titles_it() -> None:
    sentence = "Chu met Venezuela's Minister of the People's Power for Energy Rafael Ramirez and others."
    assert titled(sentence, "Rafael Ramirez")
    # A lower-case word between, or the end of a sentence naming an office, breaks it.
    assert not titled(
        "The Minister of the People's Power for Energy said Rafael Ramirez came.", "Rafael Ramirez"
    )
    after_stop = "He met the head of South Korea's National Intelligence Service. Suh Hoon spoke."
    assert not titled(after_stop, "Suh Hoon")


def test_a_country_s_person_named_in_full_is_titled_so() -> None:
    sentence = "She will meet India's Subrahmanyam Jaishankar and Canada\u2019s Melanie Joly."
    assert titled(sentence, "Melanie Joly") and titled(sentence, "Subrahmanyam Jaishankar")
    # A lone surname, or a possessive that is no country's, is not.
    assert not titled("She met Canada's Joly.", "Joly")
    assert not titled("She met the Council's Melanie Joly.", "Melanie Joly")


@pytest.mark.parametrize(
    "sentence",
    [
        "Lee met with Special Representative Jason Greenblatt.",
        "Lee met IMF Managing Director Kristalina Georgieva.",
        "Lee met with the Special Representative for Iraq, Staffan de Mistura.",
    ],
)
def test_an_office_s_own_noun_titles_a_full_name(sentence: str) -> None:
    name = sentence.rstrip(".").split("Representative ")[-1].split("Director ")[-1].split(", ")[-1]
    assert titled(sentence, name)


def test_a_role_right_before_a_full_name_titles_it() -> None:
    assert titled("Chinese top diplomat Wang Yi met Lavrov.", "Wang Yi")
    assert titled("Top legislator Zhao Leji met Kim.", "Zhao Leji")
    assert titled("She met Palestinian Authority chief Mahmoud Abbas.", "Mahmoud Abbas")
    # Not a role further off, nor before a lone surname.
    assert not titled("The diplomat said Wang Yi met Lavrov.", "Wang Yi")
    assert not titled("The top diplomat Wang met Lavrov.", "Wang")


def test_a_word_that_only_qualifies_an_office_titles_no_one() -> None:
    # "Senior", "Acting": no office of their own; and an office noun in lower case is prose.
    assert not titled("Lee met Senior Jason Greenblatt.", "Jason Greenblatt")
    assert not titled("Lee met the director Jason Greenblatt.", "Jason Greenblatt")


def test_a_weekday_ends_a_name_run() -> None:
    text = "Lee met Prime Minister Bo Kim Monday in Seoul. Sharif met Modi in New Delhi Tuesday."
    assert "Bo Kim" in person_candidates(text)
    assert not any("Monday" in c or "Tuesday" in c for c in person_candidates(text))


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        ("Delhi Tuesday", "a day"),
        ("With Ghani", "a preposition and a name"),
        ("NATO Counterparts Discuss Counter-ISIS Efforts", "a relation"),
        ("Southern Naval Command", "a place, a body or an occasion"),
        ("Ashraf Ghani", None),
        ("To Lam", None),  # a short word that is a preposition in English is a surname elsewhere
    ],
)
def test_a_listed_participant_that_names_no_person(name: str, reason: str | None) -> None:
    assert not_a_participant(name, f"Lee met {name}.") == reason


def test_the_end_of_a_body_s_name_is_no_participant() -> None:
    """ "Unity" and "African Unity" of "the Organization of African Unity" end a body's name; a
    person after an office of a body, or after a country named "Union of ...", is a person."""
    text = "Kerry will attend the Golden Jubilee of the Organization of African Unity."
    assert not_a_participant("Unity", text) == "the end of a body's name"
    assert not_a_participant("African Unity", text) == "the end of a body's name"
    assert (
        not_a_participant(
            "Giorgia Meloni", "He met the President of the Council of Ministers Giorgia Meloni."
        )
        is None
    )
    # An office's head noun after the body says a person follows too ("... Administrator X").
    usaid = "U.S. Agency for International Development Administrator Mark Green traveled to Haiti."
    assert not_a_participant("Mark Green", usaid) is None
    assert (
        not_a_participant("Azali Assoumani", "He met President of the Union of the Comoros Azali Assoumani.")
        is None
    )
    # Written once more outside a body's name: the name may be a person's.
    assert not_a_participant("Unity", text + " Unity Dow met him.") is None


def test_a_party_s_name_an_office_s_plural_and_a_venue_are_no_participants() -> None:
    """What a model copies from a party's name ("the Movement for Democratic Change"), a plural office
    ("the Iranian and Egyptian Presidents") or a venue ("the Prime Minister's Official Residence")."""
    text = (
        "Mbeki held talks with the principals of ZANU-PF and the Movement for Democratic Change. "
        "The Prime Minister spoke with the Iranian and Egyptian Presidents. "
        "He hosted a luncheon at the Prime Minister's Official Residence."
    )
    assert not_a_participant("Movement", text) == "a body's word"
    assert not_a_participant("Democratic Change", text) == "the end of a body's name"
    assert not_a_participant("Egyptian Presidents", text) == "an office's plural"
    assert not_a_participant("Official Residence", text) == "a venue"
    # People named so stay people ("Ann Roberts": no plural of an office).
    assert not_a_participant("Ann Roberts", "Lee met Ann Roberts.") is None


def test_a_reporter_is_no_participant() -> None:
    text = (
        "Mbeki met President Robert Mugabe in Harare. Analyst Glen Mpani told reporter Blessing Zulu "
        "of VOA that the talks stalled, as correspondent Ann Lee wrote."
    )
    assert not_a_participant("Blessing Zulu", text) == "a reporter"
    assert not_a_participant("Ann Lee", text) == "a reporter"
    assert not_a_participant("Glen Mpani", text) is None
    # Named elsewhere as someone met: the name may be a participant's.
    assert not_a_participant("Ann Lee", text + " Mbeki later met Ann Lee.") is None


def test_the_end_of_a_country_s_name_is_no_participant() -> None:
    text = "Gates meets Gulf leaders in the United Arab Emirates Thursday. Arab Emirates officials agree."
    assert not_a_participant("Arab Emirates", text) is None  # written once on its own
    assert not_a_participant("Arab Emirates", text.replace("Arab Emirates officials", "They")) == (
        "the end of a country's name"
    )


def test_a_day_number_is_no_tail_of_a_reference_and_stands_on_its_month_s_line() -> None:
    assert date_phrases("Release No: NR-363-17\nOct. 23, 2017") == ["Oct. 23, 2017"]
    assert date_phrases("Ref. 2024/17 May") == []
    assert date_phrases("Met on 17 May 2024.") == ["17 May 2024"]


def test_an_office_set_off_after_a_full_name_titles_it() -> None:
    assert titled("Cy Tanaka, Japan's foreign minister, also met Lee.", "Cy Tanaka")
    # A clause or a description that ends in no title word, or a lone surname: no title.
    assert not titled("Cy Tanaka, who arrived late, met Lee.", "Cy Tanaka")
    assert not titled("Cy Tanaka, a farmer, met Lee.", "Cy Tanaka")
    assert not titled("Tanaka, Japan's foreign minister, met Lee.", "Tanaka")


def test_an_office_the_sentence_gives_a_full_name_through_its_possessive_titles_it() -> None:
    assert titled("I went to meet Cy Tanaka following his appointment as Foreign Minister.", "Cy Tanaka")
    assert titled("We met Ann Lee soon after her election as Prime Minister of Spain.", "Ann Lee")
    # No possessive, no office after "as", another sentence, or a lone surname: no title.
    assert not titled("I met Cy Tanaka as soon as I landed in Tokyo.", "Cy Tanaka")
    assert not titled("I met Cy Tanaka at his farm as planned.", "Cy Tanaka")
    assert not titled("I met Cy Tanaka. His son serves as Foreign Minister.", "Cy Tanaka")
    assert not titled("I met Tanaka following his appointment as Foreign Minister.", "Tanaka")


def test_an_office_word_alone_is_no_second_person_for_the_gate() -> None:
    one = "Minister opens new bridge\n\nTransport Minister Ann Lee opened the new river bridge on Monday."
    assert not could_name_two_people(one)
    # Nor a pronoun opening a sentence (seen live: "She said ..." asked the model).
    assert not could_name_two_people(one + " She said it would cut travel times.")
    assert could_name_two_people("Transport Minister Ann Lee met Bo Kim on Monday.")
    # The issuing office-holder, named by office alone, counts as named.
    assert could_name_two_people("The Prime Minister spoke to President Biden.", principals=1)


def test_the_words_after_an_arabic_palace_word_are_no_person() -> None:
    """ "Qasr Al Shati" is a palace in Abu Dhabi, not a person "Al Shati"."""
    text = "Sheikh Mohamed bin Zayed received Prime Minister Bisher Al-Khasawneh at Qasr Al Shati on Monday."
    found = person_candidates(text)
    assert "Bisher Al-Khasawneh" in found and not any("Shati" in c for c in found)


def test_a_rank_the_article_abbreviates_is_no_surname() -> None:
    """ "National Security Advisor Maj. Gen. X": "Maj" after an office is a rank, not a lone
    surname; "Prime Minister Major" (never abbreviated) may be one."""
    assert person_candidates("He met National Security Advisor Maj. Gen. Mahmood Ali Durrani.") == [
        "Mahmood Ali Durrani",
        "Ali Durrani",
        "Durrani",
    ]
    assert "Major" in person_candidates("He met Prime Minister Major in London on Monday.")


def test_a_country_or_a_body_joined_by_a_hyphen_is_no_participant() -> None:
    """ "the Korea-ASEAN Summit", "U.S.-China talks": the sides of a pair, no person."""
    for name in ("Korea-ASEAN", "U.S.-China", "EU-Japan"):
        assert not_a_participant(name, f"Leaders attended the {name} Summit.") is not None
    for name in ("Ban Ki-moon", "Moon Jae-in", "Jean-Claude Juncker", "Abdel Fattah al-Sisi"):
        assert not_a_participant(name, f"President Ann Lee met {name}.") is None


def test_a_title_titles_a_name_only_across_an_office_s_words() -> None:
    session = "Next, the Prime Minister attended Session 6 on Artificial Intelligence, Energy and Africa."
    assert not titled(session, "Artificial Intelligence")
    assert titled("The Japanese prime minister met Cy Park on Tuesday.", "Cy Park")  # one word between
    assert titled("He met the President of the Republic of Korea Ann Lee.", "Ann Lee")
    assert titled("He met the Minister for foreign affairs Ann Lee.", "Ann Lee")


def test_a_word_inside_an_office_is_no_participant() -> None:
    """A word between a title word and another ("the Supreme Allied Commander"), or before "for"
    and a portfolio ("Minister Responsible for Defense Affairs"), is a word of the office."""
    text = (
        "Gates had meetings with the Supreme Allied Commander Gen. Bo Kim. He met the country's "
        "Minister Responsible for Defense Affairs Cy Tanaka."
    )
    assert not_a_participant("Allied", text) == "a word of an office"
    assert not_a_participant("Responsible", text) == "a word of an office"
    # A surname after a title, then something else, is a person's.
    assert not_a_participant("Kim", "He met President Kim for two hours.") is None
    assert not_a_participant("Kim", "He met President Kim of Korea.") is None
