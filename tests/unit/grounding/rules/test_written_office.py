"""grounding.rules.counterparts.written_office over English news constructions: the country and the
office as a sentence writes them around a name (demonyms, possessives, "of <country>", appositions)."""

from __future__ import annotations

import pytest

from grounding.rules.counterparts import written_office

COUNTRIES = [
    ("He met Suh Hoon, the head of South Korea's National Intelligence Service.", "Suh Hoon", "South Korea"),
    ("He met Chung Eui-yong, the head of Seoul's National Security Office.", "Chung Eui-yong", "South Korea"),
    ("Japanese Prime Minister Fumio Kishida met him.", "Fumio Kishida", "Japan"),
    ("Japan's Prime Minister Fumio Kishida met him.", "Fumio Kishida", "Japan"),
    ("Prime Minister of Japan Fumio Kishida met him.", "Fumio Kishida", "Japan"),
    ("He met Fumio Kishida, Japan's prime minister, on Monday.", "Fumio Kishida", "Japan"),
    ("He met Fumio Kishida, the Prime Minister of Japan, on Monday.", "Fumio Kishida", "Japan"),
    ("He met Fumio Kishida, the Japanese prime minister, on Monday.", "Fumio Kishida", "Japan"),
    ("He met President William Ruto of Kenya on Monday.", "William Ruto", "Kenya"),
    ("He met the president of Kenya, William Ruto, on Monday.", "William Ruto", "Kenya"),
    ("Kazakh President Kassym-Jomart Tokayev met him.", "Kassym-Jomart Tokayev", "Kazakhstan"),
    (
        "Emirati President Sheikh Mohamed bin Zayed met him.",
        "Sheikh Mohamed bin Zayed",
        "United Arab Emirates",
    ),
    ("Philippine President Ferdinand Marcos Jr. met him.", "Ferdinand Marcos Jr.", "Philippines"),
    ("Filipino President Ferdinand Marcos met him.", "Ferdinand Marcos", "Philippines"),
    ("Sri Lankan President Ranil Wickremesinghe met him.", "Ranil Wickremesinghe", "Sri Lanka"),
    ("He met his Kenyan counterpart William Ruto.", "William Ruto", "Kenya"),
    ("Nigerian leader Bola Tinubu met him.", "Bola Tinubu", "Nigeria"),
    ("Singapore Foreign Minister Vivian Balakrishnan met him.", "Vivian Balakrishnan", "Singapore"),
    ("Egypt President Abdel Fattah el-Sisi met him.", "Abdel Fattah el-Sisi", "Egypt"),
    ("New Zealand Prime Minister Chris Hipkins met him.", "Chris Hipkins", "New Zealand"),
    ("U.S. Secretary of State Antony Blinken met him.", "Antony Blinken", "United States"),
    ("US President Joe Biden met him.", "Joe Biden", "United States"),
    ("South Korean President Yoon Suk Yeol met him.", "Yoon Suk Yeol", "South Korea"),
    ("North Korean leader Kim Jong Un met him.", "Kim Jong Un", "North Korea"),
    ("Saudi Crown Prince Mohammed bin Salman met him.", "Mohammed bin Salman", "Saudi Arabia"),
    ("Qatari Emir Sheikh Tamim bin Hamad Al Thani met him.", "Sheikh Tamim bin Hamad Al Thani", "Qatar"),
    ("Omani Sultan Haitham bin Tariq met him.", "Haitham bin Tariq", "Oman"),
    ("Lao President Thongloun Sisoulith met him.", "Thongloun Sisoulith", "Laos"),
    ("Laotian President Thongloun Sisoulith met him.", "Thongloun Sisoulith", "Laos"),
    ("Moldovan President Maia Sandu met him.", "Maia Sandu", "Moldova"),
    ("Kyrgyz President Sadyr Japarov met him.", "Sadyr Japarov", "Kyrgyzstan"),
    ("Turkmen President Serdar Berdimuhamedov met him.", "Serdar Berdimuhamedov", "Turkmenistan"),
    ("Argentine President Javier Milei met him.", "Javier Milei", "Argentina"),
    ("Costa Rican President Rodrigo Chaves met him.", "Rodrigo Chaves", "Costa Rica"),
    ("Burkinabe leader Ibrahim Traore met him.", "Ibrahim Traore", "Burkina Faso"),
    ("Malagasy President Andry Rajoelina met him.", "Andry Rajoelina", "Madagascar"),
    ("Sierra Leonean President Julius Maada Bio met him.", "Julius Maada Bio", "Sierra Leone"),
    ("Bangladeshi Prime Minister Sheikh Hasina met him.", "Sheikh Hasina", "Bangladesh"),
    ("Pakistan's Prime Minister Shehbaz Sharif met him.", "Shehbaz Sharif", "Pakistan"),
    ("Chinese Vice Premier He Lifeng met him.", "He Lifeng", "China"),
    ("Indian External Affairs Minister S. Jaishankar met him.", "S. Jaishankar", "India"),
    ("British Foreign Secretary David Cameron met him.", "David Cameron", "United Kingdom"),
    ("UK Foreign Secretary David Cameron met him.", "David Cameron", "United Kingdom"),
    ("German Chancellor Olaf Scholz met him.", "Olaf Scholz", "Germany"),
    ("Dutch Prime Minister Mark Rutte met him.", "Mark Rutte", "Netherlands"),
    ("Swiss President Alain Berset met him.", "Alain Berset", "Switzerland"),
    ("Greek Prime Minister Kyriakos Mitsotakis met him.", "Kyriakos Mitsotakis", "Greece"),
    ("Cypriot President Nikos Christodoulides met him.", "Nikos Christodoulides", "Cyprus"),
    ("Maltese Prime Minister Robert Abela met him.", "Robert Abela", "Malta"),
    ("Icelandic Prime Minister Katrin Jakobsdottir met him.", "Katrin Jakobsdottir", "Iceland"),
    ("Bahraini King Hamad bin Isa Al Khalifa met him.", "Hamad bin Isa Al Khalifa", "Bahrain"),
    ("Iraqi Prime Minister Mohammed Shia al-Sudani met him.", "Mohammed Shia al-Sudani", "Iraq"),
    ("Palestinian President Mahmoud Abbas met him.", "Mahmoud Abbas", "Palestine"),
    ("Afghan Foreign Minister Amir Khan Muttaqi met him.", "Amir Khan Muttaqi", "Afghanistan"),
    ("Nepali Prime Minister Pushpa Kamal Dahal met him.", "Pushpa Kamal Dahal", "Nepal"),
    ("Nepalese Prime Minister Pushpa Kamal Dahal met him.", "Pushpa Kamal Dahal", "Nepal"),
    ("Maldivian President Mohamed Muizzu met him.", "Mohamed Muizzu", "Maldives"),
    ("Fijian Prime Minister Sitiveni Rabuka met him.", "Sitiveni Rabuka", "Fiji"),
    ("Papua New Guinea Prime Minister James Marape met him.", "James Marape", "Papua New Guinea"),
    ("Brunei Sultan Hassanal Bolkiah met him.", "Hassanal Bolkiah", "Brunei"),
    ("Belarusian President Alexander Lukashenko met him.", "Alexander Lukashenko", "Belarus"),
    ("Ukraine's Foreign Minister Dmytro Kuleba met him.", "Dmytro Kuleba", "Ukraine"),
    ("Dmytro Kuleba, Ukraine's foreign minister, met him.", "Dmytro Kuleba", "Ukraine"),
    ("Foreign Minister Dmytro Kuleba of Ukraine met him.", "Dmytro Kuleba", "Ukraine"),
    ("He met Ukrainian counterpart Dmytro Kuleba.", "Dmytro Kuleba", "Ukraine"),
    ("He met the Ukrainian foreign minister, Dmytro Kuleba.", "Dmytro Kuleba", "Ukraine"),
    ("He met Dmytro Kuleba, foreign minister of Ukraine.", "Dmytro Kuleba", "Ukraine"),
    ("He met Mr. Kuleba, Foreign Minister of Ukraine.", "Kuleba", "Ukraine"),
    ("He met H.E. Mr. Dmytro Kuleba, Minister for Foreign Affairs of Ukraine.", "Dmytro Kuleba", "Ukraine"),
    ("Ukraine Foreign Minister Dmytro Kuleba met him.", "Dmytro Kuleba", "Ukraine"),
]

TITLES = [
    ("He will meet President-Elect Ibrahim Solih in Male.", "Ibrahim Solih", "President-Elect"),
    ("He met Adviser to the President Jared Kushner.", "Jared Kushner", "Adviser to the President"),
    (
        "He met Chief of Staff to the Prime Minister Ann Lee.",
        "Ann Lee",
        "Chief of Staff to the Prime Minister",
    ),
    ("Saudi Crown Prince Mohammed bin Salman met him.", "Mohammed bin Salman", "Crown Prince"),
    ("Qatari Emir Sheikh Tamim bin Hamad Al Thani met him.", "Sheikh Tamim bin Hamad Al Thani", "Emir"),
    ("Jordan's King Abdullah II met him.", "Abdullah II", "King"),
    ("Chinese Vice President Han Zheng met him.", "Han Zheng", "Vice President"),
    ("Chinese State Councilor Wang Yi met him.", "Wang Yi", "State Councilor"),
    ("Chinese Premier Li Qiang met him.", "Li Qiang", "Premier"),
    ("UN Secretary-General Antonio Guterres met him.", "Antonio Guterres", "UN Secretary-General"),
    ("Deputy Prime Minister Chrystia Freeland met him.", "Chrystia Freeland", "Deputy Prime Minister"),
    ("US Defense Secretary Lloyd Austin met him.", "Lloyd Austin", "Defense Secretary"),
    ("Indian Defence Minister Rajnath Singh met him.", "Rajnath Singh", "Defence Minister"),
    ("Trade Minister Piyush Goyal met him.", "Piyush Goyal", "Trade Minister"),
    (
        "He met Piyush Goyal, India's Minister of Commerce and Industry, on Monday.",
        "Piyush Goyal",
        "Minister of Commerce and Industry",
    ),
    ("He met Antony Blinken, the US Secretary of State, on Monday.", "Antony Blinken", "Secretary of State"),
    ("House Speaker Mike Johnson met him.", "Mike Johnson", "House Speaker"),
    ("Governor Gavin Newsom met him.", "Gavin Newsom", "Governor"),
    ("Chief Minister Mamata Banerjee met him.", "Mamata Banerjee", "Chief Minister"),
    # The body an office belongs to, written before it, is part of the title; a country is not.
    ("NATO Secretary General Jens Stoltenberg met him.", "Jens Stoltenberg", "NATO Secretary General"),
    (
        "He met United Nations Secretary-General Ban Ki-moon.",
        "Ban Ki-moon",
        "United Nations Secretary-General",
    ),
    (
        "He met European Commission President Jean-Claude Juncker.",
        "Jean-Claude Juncker",
        "European Commission President",
    ),
    ("He met NSA Maritime Advisor Vice Adm (ret) Ashok Kumar.", "Ashok Kumar", "NSA Maritime Advisor"),
    (
        "He met ROK Minister of National Defense Song Young-moo.",
        "Song Young-moo",
        "Minister of National Defense",
    ),
    ("TOKYO - Foreign Minister Taro Kono met him.", "Taro Kono", "Foreign Minister"),
    ("PARIS Foreign Minister Taro Kono met him.", "Taro Kono", "Foreign Minister"),
    # What an office is, before its title words: held for now, a rank within it.
    (
        "Acting Assistant Secretary of State for African Affairs Donald Yamamoto met him.",
        "Donald Yamamoto",
        "Acting Assistant Secretary of State for African Affairs",
    ),
    ("He met caretaker Prime Minister Dritan Abazović.", "Dritan Abazović", "caretaker Prime Minister"),
    # A portfolio after a list's comma opens the next office.
    (
        "He met Foreign Secretary Vinay Kwatra, Defence Secretary Giridhar Aramane and others.",
        "Giridhar Aramane",
        "Defence Secretary",
    ),
    (
        "He met Ursula von der Leyen, President of the European Commission.",
        "Ursula von der Leyen",
        "President of the European Commission",
    ),
    ("Foreign Minister Wang Yi met him.", "Wang Yi", "Foreign Minister"),
    ("Chinese President Xi Jinping met him.", "Xi Jinping", "President"),
    ("Russian Foreign Minister Sergei Lavrov met him.", "Sergei Lavrov", "Foreign Minister"),
    ("Minister of Foreign Affairs Retno Marsudi met him.", "Retno Marsudi", "Minister of Foreign Affairs"),
    (
        "Indonesian Foreign Affairs Minister Retno Marsudi met him.",
        "Retno Marsudi",
        "Foreign Affairs Minister",
    ),
    ("He met Kuleba, the Ukrainian foreign minister.", "Kuleba", "Foreign Minister"),
    ("He met Japanese Prime Minister Fumio Kishida.", "Fumio Kishida", "Prime Minister"),
    ("He met with Prime Minister Narendra Modi of India.", "Narendra Modi", "Prime Minister"),
    ("He met Kenya's President William Ruto.", "William Ruto", "President"),
    ("He met Pope Francis.", "Francis", "Pope"),
    ("Ambassador Linda Thomas-Greenfield met him.", "Linda Thomas-Greenfield", "Ambassador"),
    ("He met the Emir of Qatar, Sheikh Tamim bin Hamad Al Thani.", "Sheikh Tamim bin Hamad Al Thani", "Emir"),
    (
        "He met the Crown Prince of Abu Dhabi, Sheikh Mohamed bin Zayed.",
        "Sheikh Mohamed bin Zayed",
        "Crown Prince of Abu Dhabi",
    ),
    ("He met Kim Jong Un, the North Korean leader.", "Kim Jong Un", "leader"),
    ("North Korean leader Kim Jong Un met him.", "Kim Jong Un", "leader"),
    ("Vice Premier He Lifeng met him.", "He Lifeng", "Vice Premier"),
    ("Treasury Secretary Janet Yellen met him.", "Janet Yellen", "Treasury Secretary"),
    ("Secretary of the Treasury Janet Yellen met him.", "Janet Yellen", "Secretary of the Treasury"),
    ("Finance Minister Nirmala Sitharaman met him.", "Nirmala Sitharaman", "Finance Minister"),
    ("He met Nirmala Sitharaman, India's finance minister.", "Nirmala Sitharaman", "Finance Minister"),
    ("He met Mr Modi, the Indian prime minister.", "Modi", "Prime Minister"),
    # A style of address is no part of the title.
    ("Her Majesty Queen Elizabeth II will visit the United States.", "Elizabeth II", "Queen"),
    ("He met His Excellency President Joko Widodo.", "Joko Widodo", "President"),
    # An office set off after the name may open with its body.
    (
        "bilateral meetings with Filippo Grandi, United Nations High Commissioner for Refugees.",
        "Filippo Grandi",
        "United Nations High Commissioner for Refugees",
    ),
    ("He met Jens Stoltenberg, NATO Secretary General.", "Jens Stoltenberg", "NATO Secretary General"),
    # A military rank gives way to the office set off after the name (alone, it is no office:
    # `test_a_rank_alone_is_no_office`).
    (
        "He met Gen. Joe Dunford, chairman of the Joint Chiefs of Staff.",
        "Joe Dunford",
        "chairman of the Joint Chiefs of Staff",
    ),
]


@pytest.mark.parametrize(("sentence", "name", "country"), COUNTRIES)
def test_the_country_written_around_the_name_is_read(sentence: str, name: str, country: str) -> None:
    assert written_office(sentence, name)[1] == country


@pytest.mark.parametrize(("sentence", "name", "title"), TITLES)
def test_the_office_written_around_the_name_is_read(sentence: str, name: str, title: str) -> None:
    found = written_office(sentence, name)[0]
    assert found is not None and found.lower() == title.lower()


@pytest.mark.parametrize(
    ("sentence", "name"),
    [
        ("He spoke with Hon. Bob Carr MP, Minister for Foreign Affairs of Australia.", "Bob Carr"),
        ("He met Sir Ann Lee KCMG, Minister for Foreign Affairs of Australia, in Rome.", "Ann Lee"),
    ],
)
def test_letters_after_the_name_do_not_end_its_apposition(sentence: str, name: str) -> None:
    assert written_office(sentence, name) == ("Minister for Foreign Affairs", "Australia")


def test_an_apposition_ends_where_and_joins_another_person() -> None:
    sentence = (
        "I had a number of bilateral meetings including with Ana Ruiz, President of Moldova and "
        "Piet Smit, United Nations High Commissioner for Refugees."
    )
    people = ["Ana Ruiz", "Piet Smit"]
    assert written_office(sentence, "Ana Ruiz", people) == ("President", "Moldova")
    # An office that itself holds "and" is read whole.
    joined = "She met Ana Ruiz, Minister of Trade and Industry of Moldova, on Monday."
    assert written_office(joined, "Ana Ruiz", people) == ("Minister of Trade and Industry", "Moldova")


@pytest.mark.parametrize(
    "sentence",
    [
        "SINGAPORE, June 1, 2013 – Defense Secretary Ann Lee met her counterparts.",
        "On Monday Defense Secretary Ann Lee met her counterparts.",
        "In June Defense Secretary Ann Lee met her counterparts.",
        # A dateline's dash before the office, of any kind.
        "SINGAPORE, May 7 - Defense Secretary Ann Lee met Kim.",
        "PARIS \u2013 Defense Secretary Ann Lee met Kim.",
        "Defense Secretary Ann Lee met Kim.",
    ],
)
def test_a_portfolio_after_a_date_belongs_to_the_office(sentence: str) -> None:
    assert written_office(sentence, "Ann Lee")[0] == "Defense Secretary"


def test_a_capitalised_run_that_names_no_body_opens_no_office() -> None:
    assert written_office("He met John Smith, Harvard Professor, in Boston.", "John Smith") == (None, None)


def test_a_dateline_s_country_is_not_the_office_s() -> None:
    assert written_office("SINGAPORE – Defense Secretary Ann Lee met her counterparts.", "Ann Lee") == (
        "Defense Secretary",
        None,
    )
    assert written_office("UKRAINE: President Bo Kim met Ann Lee.", "Bo Kim") == ("President", None)
    # Without the dash or colon the country word is the office's ("Ukrainian President").
    assert written_office("KYIV – Ukrainian President Bo Kim met Ann Lee.", "Bo Kim") == (
        "President",
        "Ukraine",
    )


@pytest.mark.parametrize(
    ("sentence", "title"),
    [
        # An international body's acronym is part of the office as English writes it, even one
        # that is also some town's name ("Un", "Imf").
        ("He met UN Special Representative Ann Lee in Geneva.", "UN Special Representative"),
        ("He met UN Secretary-General Ann Lee in New York.", "UN Secretary-General"),
        ("He met IMF Managing Director Ann Lee.", "IMF Managing Director"),
        # A rank the office's name carries.
        ("He met EU High Representative Ann Lee.", "EU High Representative"),
        ("He met African Union Commission Chairperson Ann Lee.", "African Union Commission Chairperson"),
        ("He met Senior Minister Ann Lee.", "Senior Minister"),
        # The body's name holds the office's portfolio.
        (
            "He met Agency for International Development Administrator Ann Lee.",
            "Agency for International Development Administrator",
        ),
    ],
)
def test_a_body_s_office_keeps_its_body_and_rank(sentence: str, title: str) -> None:
    assert written_office(sentence, "Ann Lee")[0] == title


def test_a_possessive_city_inside_an_office_gives_a_country_only_as_a_capital() -> None:
    """ "Seoul's National Security Office" is South Korea's government; "Oxford's Bodleian Library"
    says nothing of whose the person is."""
    sentence = "He met Ann Lee, the head of Oxford's Bodleian Library."
    assert written_office(sentence, "Ann Lee") == ("head of Oxford's Bodleian Library", None)


def test_an_office_after_the_rest_of_a_name_given_short() -> None:
    """ "KAMIKAWA" as the model gives her, "Ms. KAMIKAWA Yoko, Minister for Foreign Affairs of
    Japan" as the article writes her: the office set off after the whole name is hers."""
    sentence = "On May 3, Ms. KAMIKAWA Yoko, Minister for Foreign Affairs of Japan, held a meeting."
    assert written_office(sentence, "KAMIKAWA", ("KAMIKAWA Yoko",)) == (
        "Minister for Foreign Affairs",
        "Japan",
    )
    assert written_office(sentence, "KAMIKAWA") == (None, None)


@pytest.mark.parametrize(
    ("sentence", "office"),
    [
        # A noble rank is how the person is called: an office set off after the name is theirs.
        ("He met Sheikh Ann Lee, the Emir of Qatar, in Doha.", ("Emir", "Qatar")),
        ("He met Prince Ann Lee, Saudi Arabia's foreign minister.", ("foreign minister", "Saudi Arabia")),
        # ... and alone it stays the title.
        ("He met Sheikh Ann Lee in Doha.", ("Sheikh", None)),
        # A cabinet's own offices.
        ("He met Japanese Chief Cabinet Secretary Ann Lee.", ("Chief Cabinet Secretary", "Japan")),
        (
            "He met Kenyan Foreign Affairs Cabinet Secretary Ann Lee.",
            ("Foreign Affairs Cabinet Secretary", "Kenya"),
        ),
        # Title words joined by a hyphen; when the office is held, between the country and it.
        ("He met Peru's Vice-President Ann Lee.", ("Vice-President", "Peru")),
        ("He met Peru's new Prime Minister Ann Lee.", ("Prime Minister", "Peru")),
        ("He met the new Prime Minister Ann Lee.", ("Prime Minister", None)),
    ],
)
def test_a_noble_rank_gives_way_and_a_cabinet_office_is_whole(
    sentence: str, office: tuple[str, str | None]
) -> None:
    assert written_office(sentence, "Ann Lee") == office


def test_a_rank_alone_is_no_office() -> None:
    """ "Vice Adm. X" names how the person is called, not what office they hold."""
    assert written_office("He met Vice Adm. M. A. Hampiholi in Kochi.", "M. A. Hampiholi") == (None, None)


@pytest.mark.parametrize(
    ("sentence", "office"),
    [
        # "General" before a name is the rank, unless a word makes it an office "<word> General".
        (
            "He met Chief of Staff to the President General Ann Lee.",
            ("Chief of Staff to the President", None),
        ),
        ("He met White House Chief of Staff General Ann Lee.", ("White House Chief of Staff", None)),
        ("He met General Ann Lee in Seoul.", (None, None)),
        ("He met Major General Ann Lee in Seoul.", (None, None)),
        ("He met Attorney General Ann Lee.", ("Attorney General", None)),
        ("He met UN Secretary General Ann Lee.", ("UN Secretary General", None)),
        ("He met Canada's Governor General Ann Lee.", ("Governor General", "Canada")),
    ],
)
def test_general_is_a_rank_unless_an_office_is_named_so(
    sentence: str, office: tuple[str, str | None]
) -> None:
    assert written_office(sentence, "Ann Lee") == office


def test_an_office_s_plural_before_two_names_titles_each() -> None:
    sentence = "He met Foreign Ministers Ann Lee and Bo Kim in Brussels."
    people = ["Ann Lee", "Bo Kim"]
    assert written_office(sentence, "Ann Lee", people) == ("Foreign Minister", None)
    assert written_office(sentence, "Bo Kim", people) == ("Foreign Minister", None)
    # A body named by its members is no plural of the person's office; "United States" no office.
    body = "He met the Chairwoman of the Council of Ministers Ann Lee."
    assert written_office(body, "Ann Lee") == ("Chairwoman of the Council of Ministers", None)
    assert written_office("He met the President of the United States Ann Lee.", "Ann Lee") == (
        "President",
        "United States",
    )


def test_an_office_s_plural_titles_each_name_after_a_country_of_the_first() -> None:
    """ "Prime Ministers A of Japan and B of China": the first person's country stands between them."""
    sentence = "President Lee and Prime Ministers Naoto Kan of Japan and Wen Jiabao of China talked."
    people = ["Lee", "Naoto Kan", "Wen Jiabao"]
    assert written_office(sentence, "Naoto Kan", people) == ("Prime Minister", "Japan")
    assert written_office(sentence, "Wen Jiabao", people) == ("Prime Minister", "China")


def test_an_office_before_a_long_name_read_from_its_surname() -> None:
    """The rest of a long name before its surname is the name's, word run by word run: "President of
    Mauritania Mohamed Ould Cheikh El Ghazouani" read from "Ghazouani"."""
    sentence = (
        "He then met President of the State of Palestine Mahmoud Abbas and President of Mauritania "
        "Mohamed Ould Cheikh El Ghazouani."
    )
    people = (
        "Mahmoud Abbas",
        "Mohamed Ould Cheikh El Ghazouani",
        "Ould Cheikh El Ghazouani",
        "Cheikh El Ghazouani",
        "El Ghazouani",
        "Ghazouani",
    )
    assert written_office(sentence, "Ghazouani", people) == ("President", "Mauritania")
    assert written_office(sentence, "Mahmoud Abbas", people) == ("President", "Palestine")


def test_two_offices_then_two_names_give_each_its_office_in_turn() -> None:
    sentence = "She will meet the President and the Prime Minister of Kosovo, Ann Lee and Bo Kim."
    people = ["Ann Lee", "Bo Kim"]
    assert written_office(sentence, "Ann Lee", people) == ("President", "Kosovo")
    assert written_office(sentence, "Bo Kim", people) == ("Prime Minister", "Kosovo")
    # Two people with no offices before them are left to the other readings.
    plain = "She will meet the delegates of Kosovo, Ann Lee and Bo Kim."
    assert written_office(plain, "Ann Lee", people)[0] is None


@pytest.mark.parametrize(
    ("sentence", "title"),
    [
        # An ampersand joins an office's words as "and" does; the title as the sentence writes it.
        (
            "Foreign & Commonwealth Minister for Asia and The Pacific Bo Kim met Lee.",
            "Foreign & Commonwealth Minister for Asia and the Pacific",
        ),
        ("Minister of Trade & Industry Bo Kim met Lee.", "Minister of Trade & Industry"),
        ("Foreign and Commonwealth Secretary Bo Kim met Lee.", "Foreign and Commonwealth Secretary"),
    ],
)
def test_an_ampersand_inside_an_office(sentence: str, title: str) -> None:
    assert written_office(sentence, "Bo Kim")[0] == title


def test_a_country_s_long_name_and_a_staff_office_after_the_name() -> None:
    sentence = (
        "He held talks with Rishi Sunak, Prime Minister of the United Kingdom of Great Britain and "
        "Northern Ireland, and met Ashfaq Kayani, Pakistan's chief of the army staff."
    )
    assert written_office(sentence, "Rishi Sunak", ["Rishi Sunak", "Ashfaq Kayani"]) == (
        "Prime Minister",
        "United Kingdom",
    )
    assert written_office(sentence, "Ashfaq Kayani", ["Rishi Sunak", "Ashfaq Kayani"]) == (
        "chief of the army staff",
        "Pakistan",
    )


def test_an_office_set_off_after_a_name_and_its_suffix() -> None:
    sentence = "He met the Honorable Joseph R. Biden, Jr., President of the United States of America."
    assert written_office(sentence, "Joseph R. Biden", ["Joseph R. Biden"]) == ("President", "United States")
    korea = "He met Mr. Moon Jae-in, President of the ROK, in Tokyo."
    assert written_office(korea, "Moon Jae-in", ["Moon Jae-in"]) == ("President", "South Korea")
