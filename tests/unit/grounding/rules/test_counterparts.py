"""grounding.rules.counterparts: sentences reporting the principal meeting titled people no event names."""

from __future__ import annotations

import datetime as dt

import pytest

from grounding.article import ArticleContext
from grounding.rules.counterparts import (
    apposition,
    country_pairs,
    each_met,
    group_named_before,
    joint_meetings,
    lead_person,
    listed_meetings,
    meeting_clauses,
    meetings_between,
    met_others_as_one_side,
    named_object,
    narrative_day,
    principal_meetings,
    rank_only,
    shared_country,
    subject_meeting,
    telling_sentence,
    title_and_country,
    written_office,
)
from grounding.text.candidates import person_candidates

TEXT = (
    "Vladimir Putin and Prime Minister of India Manmohan Singh held talks in New Delhi. "
    "The Russian leader also met with President of India Pranab Mukherjee. "
    "Later in the day, Vladimir Putin met with President of the Indian National Congress Sonia Gandhi "
    "and opposition leader Sushma Swaraj. "
    "Prime Minister Manmohan Singh met President Hamid Karzai last month. "
    "Putin hopes to meet President Barack Obama soon."
)
CITED = [(0, TEXT.index(" The Russian"))]


def _found() -> list[tuple[str, tuple[str, ...]]]:
    meetings = principal_meetings(
        ArticleContext(TEXT), "Vladimir Putin", ["Vladimir Putin", "Manmohan Singh"], CITED
    )
    return [(TEXT[m.start : m.end].split()[0], tuple(c.name for c in m.counterparts)) for m in meetings]


def test_the_principal_by_name_or_by_office_meets_new_titled_people() -> None:
    assert _found() == [
        ("The", ("Pranab Mukherjee",)),
        ("Later", ("Sonia Gandhi", "Sushma Swaraj")),
    ]


def test_title_country_status_and_togetherness() -> None:
    mukherjee, later = principal_meetings(ArticleContext(TEXT), "Vladimir Putin", ["Manmohan Singh"], CITED)
    assert (mukherjee.counterparts[0].title, mukherjee.counterparts[0].country) == ("President", "India")
    assert (mukherjee.status, mukherjee.date_text, later.together) == ("occurred", None, False)
    assert later.counterparts[1].title == "opposition leader"


def test_one_met_named_in_full_though_untitled_right_after_the_meeting_word() -> None:
    text = (
        "Foreign Secretary Cy Tanaka took office in May. "
        "President Ann Lee met Prime Minister Bo Kim in Paris on Monday. On Tuesday she travelled to "
        "London to meet with Cy Tanaka following his appointment."
    )
    found = principal_meetings(
        ArticleContext(text), "Ann Lee", ["Ann Lee", "Bo Kim"], [(0, text.index(" On"))]
    )
    assert [tuple(c.name for c in m.counterparts) for m in found] == [("Cy Tanaka",)]
    assert found[0].counterparts[0].title is None  # untitled where it is written


@pytest.mark.parametrize(
    ("tail", "expected"),
    [
        (" with Cy Tanaka following his appointment.", "Cy Tanaka"),
        (" Cy Tanaka on Monday.", "Cy Tanaka"),
        (" with Cy Tanaka's envoy on Monday.", None),  # a possessive: someone else met
        (" with students on Monday.", None),
        (" with Cy on Monday.", None),  # one word is no full name
        (" with Ann Lee on Monday.", None),  # the subject herself
        (" with Tanaka in April.", "Cy Tanaka"),  # a surname the article titles in full elsewhere
    ],
)
def test_named_object(tail: str, expected: str | None) -> None:
    article = ArticleContext("President Ann Lee met Governor Cy Tanaka. Cy spoke." + tail)
    assert named_object(article, tail, ["Ann Lee"]) == expected


def test_one_met_after_the_meeting_word_is_someone_the_article_titles_somewhere() -> None:
    untitled = ArticleContext("Cy Tanaka spoke. Ann Lee will meet with Tanaka in April.")
    assert named_object(untitled, " with Tanaka in April.", ["Ann Lee"]) is None
    # Named in full but titled nowhere: no one the article says holds an office.
    assert named_object(untitled, " with Cy Tanaka in April.", ["Ann Lee"]) is None
    two = ArticleContext("Governor Cy Tanaka and Mayor Di Tanaka spoke. Ann Lee will meet with Tanaka.")
    assert named_object(two, " with Tanaka.", ["Ann Lee"]) is None


def test_a_group_met_written_as_a_count_is_whom_the_sentence_before_names() -> None:
    text = (
        "Prime Minister Bo Kim and Chancellor Cy Tanaka arrived in Paris on Monday. "
        "President Ann Lee met separately with the two leaders on Tuesday."
    )
    article = ArticleContext(text)
    start = text.index("President")
    tail = " separately with the two leaders on Tuesday."
    assert group_named_before(article, start, tail, "Ann Lee") == ["Bo Kim", "Cy Tanaka"]
    # Another count than the sentence before names, or no count: no one.
    assert group_named_before(article, start, " with the three leaders.", "Ann Lee") == []
    assert group_named_before(article, start, " with the leaders.", "Ann Lee") == []
    found = principal_meetings(article, "Ann Lee", [], [])
    assert [[c.name for c in m.counterparts] for m in found] == [["Bo Kim", "Cy Tanaka"]]
    assert not found[0].together


def test_an_office_beyond_the_leaders_as_subject_is_its_one_holder() -> None:
    text = "Governor Ann Lee of Texas arrived in Mexico City. The governor met President Bo Kim of Mexico."
    found = principal_meetings(ArticleContext(text), "Ann Lee", ["Ann Lee"], [(0, text.index(" The"))])
    assert [[c.name for c in m.counterparts] for m in found] == [["Bo Kim"]]


def test_someone_else_meeting_a_hope_and_a_cited_sentence_are_not_the_principals_meetings() -> None:
    # Singh meeting Karzai is another man's meeting; "hopes to meet ... soon" is no meeting; and
    # with every sentence cited nothing is left to add.
    assert all("Karzai" not in c and "Obama" not in c for _, cs in _found() for c in cs)
    assert principal_meetings(ArticleContext(TEXT), "Vladimir Putin", [], [(0, len(TEXT))]) == []


def test_he_whose_person_is_unknown_is_only_the_lead_s() -> None:
    text = (
        "Cleverly is due to have his first bilateral meeting with US Secretary of State Antony Blinken "
        "later today. He is also due to meet Ukrainian Foreign Minister Dmytro Kuleba tomorrow."
    )
    article = ArticleContext(text, dt.date(2022, 9, 20))
    # Not Blinken: the sentence before met him. Not Kuleba's either, whom the article is not about.
    assert principal_meetings(article, "Antony Blinken", [], []) == []
    assert principal_meetings(article, "Dmytro Kuleba", [], [], lead=False) == []
    # The lead of a readout, named further back, is whom an unknown "He" stands for.
    text = "The talks went well. He will meet Foreign Minister Dmytro Kuleba tomorrow."
    (meeting,) = principal_meetings(ArticleContext(text, dt.date(2022, 9, 20)), "James Cleverly", [], [])
    assert [c.name for c in meeting.counterparts] == ["Dmytro Kuleba"]


def test_a_planned_meeting_with_a_pronoun_subject() -> None:
    text = (
        "Secretary Clinton will travel to Seoul on July 20. She will meet with President Lee Myung-bak "
        "and Foreign Minister Kim Sung-hwan on July 21."
    )
    (meeting,) = principal_meetings(ArticleContext(text), "Hillary Rodham Clinton", [], [])
    assert [c.name for c in meeting.counterparts] == ["Lee Myung-bak", "Kim Sung-hwan"]
    assert (meeting.status, meeting.date_text) == ("planned", "July 21")


def test_a_subject_after_several_fronted_phrases() -> None:
    """News puts place and day first: "In Manila, the Philippines, on August 6, the Secretary will meet"."""
    text = (
        "Secretary of State Antony J. Blinken will travel to the Philippines. In Manila, the Philippines, "
        "on August 6, the Secretary will meet with President Ferdinand Marcos Jr. and Secretary of "
        "Foreign Affairs Enrique Manalo."
    )
    (meeting,) = principal_meetings(ArticleContext(text), "Antony J. Blinken", [], [])
    assert [c.name for c in meeting.counterparts] == ["Ferdinand Marcos Jr", "Enrique Manalo"]
    assert (meeting.status, meeting.date_text, meeting.city) == ("planned", "August 6", "Manila")


LIST = (
    "PM meetings with foreign leaders: 17 and 18 September 2022\n"
    "The Prime Minister Liz Truss carried out a number of engagements with world leaders this weekend.\n"
    "Saturday 17th September at Chevening:\n"
    "- Prime Minister Anthony Albanese of Australia [in person]\n"
    "- Sheikh Mohammed bin Zayed al Nahyan, President of the United Arab Emirates [phone call]\n"
    "Sunday 18th September at No 10 Downing Street:\n"
    "- Irish Taoiseach Micheál Martin [in person]\n"
    "- Prime Minister Justin Trudeau of Canada [in person]\n"
)


def test_a_meeting_between_two_people_is_theirs() -> None:
    text = (
        "Security Council meeting\n"
        "The situation was discussed in the context of the telephone conversation between Vladimir Putin "
        "and US President Donald Trump.\n"
        "Talks between President Ann Lee and Prime Minister Bo Kim will be held in Seoul on Monday.\n"
        "Relations between President Ann Lee and President Donald Trump are good.\n"
        "A meeting between Vladimir Putin and Ann Lee may take place soon.\n"
        "Talks between Prime Minister Bo Kim, President Ann Lee and Vladimir Putin were held in Rome.\n"
    )
    found = meetings_between(ArticleContext(text), [])
    assert [(first, m.counterparts[0].name, m.status, m.call, m.date_text, m.city) for m, first in found] == [
        ("Vladimir Putin", "Donald Trump", "occurred", "phone", None, None),
        ("Ann Lee", "Bo Kim", "planned", None, "on Monday", "Seoul"),
    ]
    # The counterpart's office as the sentence writes it.
    assert (found[0][0].counterparts[0].title, found[0][0].counterparts[0].country) == (
        "President",
        "United States",
    )
    # A sentence an event cites is answered already.
    first = text.index("The situation")
    assert [f for _, f in meetings_between(ArticleContext(text), [(first, first + 10)])] == ["Ann Lee"]


def test_one_meeting_noun_with_two_pairs_is_two_meetings() -> None:
    text = (
        "Minister Ann Lee described the telephone talks on Monday between Prime Minister Bo Kim and "
        "President Cy Tanaka as well as between Foreign Minister Di Park and Foreign Minister Ed Moss.\n"
        "There were talks between President Al Roe and President Gus Vale, and between Prime Minister "
        "Hal Ito and Prime Minister Ida Wen.\n"
    )
    found = meetings_between(ArticleContext(text), [])
    assert [(first, m.counterparts[0].name, m.call) for m, first in found] == [
        ("Bo Kim", "Cy Tanaka", "phone"),
        ("Di Park", "Ed Moss", "phone"),
        ("Al Roe", "Gus Vale", None),
        ("Hal Ito", "Ida Wen", None),
    ]


def test_others_past_meeting_between_holders_of_an_office_then_is_none() -> None:
    text = "It is the first summit since a meeting between then President Ann Lee and Prime Minister Bo Kim."
    assert meetings_between(ArticleContext(text), []) == []
    # ... unless one of them is whose story it is.
    assert [f for _, f in meetings_between(ArticleContext(text), [], ["Ann Lee"])] == ["Ann Lee"]


def test_the_speaker_is_who_meets_the_people_an_answer_paired() -> None:
    text = (
        "Transcript: Prime Minister Ann Lee\n"
        "ANN LEE, PRIME MINISTER: Hi. On Monday I will meet with President Bo Kim and Chancellor Cy Tanaka."
    )
    article = ArticleContext(text, dt.date(2024, 5, 6))
    found = subject_meeting(article, ["Bo Kim", "Cy Tanaka"], [])
    assert found is not None and (found.name, found.planned) == ("Ann Lee", True)
    # Whose "I" it is the article does not say: no subject.
    bare = ArticleContext("On Monday I will meet with President Bo Kim and Chancellor Cy Tanaka.")
    assert subject_meeting(bare, ["Bo Kim", "Cy Tanaka"], []) is None


def test_the_speaker_s_pleasure_to_welcome_someone_is_their_meeting() -> None:
    text = (
        "SECRETARY ANN LEE: Good morning.\nIt's my pleasure to welcome Foreign Minister Bo Kim to Washington."
    )
    article = ArticleContext("Secretary of State Ann Lee\n" + text, dt.date(2024, 5, 6))
    (meeting,) = principal_meetings(article, "Ann Lee", [], [])
    assert [c.name for c in meeting.counterparts] == ["Bo Kim"]


def test_an_office_subject_with_no_bare_holder_is_whom_the_article_titles_so() -> None:
    text = (
        "Secretary Rice met Prime Minister Ann Lee. "
        "The Secretary also met with Foreign Minister Bo Kim. "
        "The Prime Minister also met with Foreign Minister Cy Park."
    )
    article = ArticleContext(text)
    found = principal_meetings(article, "Ann Lee", ["Rice", "Ann Lee"], [(0, 42)])
    # Ann Lee's own meeting, and Rice's, whom the sentence calls "The Secretary".
    assert [(m.subject, [c.name for c in m.counterparts]) for m in found] == [
        ("Rice", ["Bo Kim"]),
        (None, ["Cy Park"]),
    ]
    # A Secretary of State is the Secretary; a Secretary-General is not.
    state = ArticleContext(
        "Secretary of State Ann Lee met Secretary-General Bo Kim. "
        "The Secretary also met Foreign Minister Cy Park."
    )
    assert [m.subject for m in principal_meetings(state, "Bo Kim", ["Ann Lee", "Bo Kim"], [(0, 55)])] == [
        "Ann Lee"
    ]
    # Two people titled "Minister": "the Minister" is nobody in particular.
    two = ArticleContext(
        "Foreign Minister Ann Lee met Defence Minister Bo Kim. The Minister also met President Cy Park."
    )
    assert [m.subject for m in principal_meetings(two, "Ann Lee", ["Ann Lee", "Bo Kim"], [(0, 50)])] == [None]
    # An office no one in the article holds, or not the principal: someone unnamed met, not the
    # principal (the demonym is the holder's country, not part of the office).
    unheld = ArticleContext(
        "President Ann Lee met Prime Minister Bo Kim in Paris. "
        "The Japanese foreign minister met Lee on Tuesday."
    )
    assert principal_meetings(unheld, "Bo Kim", ["Ann Lee", "Bo Kim"], [(0, 53)], meets_lead="Ann Lee") == []
    held = ArticleContext(
        "President Ann Lee met Prime Minister Bo Kim in Paris. "
        "The Japanese prime minister met Cy Park on Tuesday."
    )
    assert [
        [c.name for c in m.counterparts]
        for m in principal_meetings(held, "Bo Kim", ["Ann Lee", "Bo Kim"], [(0, 53)])
    ] == [["Cy Park"]]


def test_the_sentence_that_tells_a_meeting_names_all_its_people_and_no_one_else() -> None:
    text = (
        "May 19, 2023\n"
        "Prime Minister Ann Lee met President Cy Park and Foreign Minister Bo Kim.\n"
        "On Monday, Prime Minister Ann Lee held talks with Foreign Minister Bo Kim in Seoul.\n"
    )
    article = ArticleContext(text)
    found = telling_sentence(article, ["Ann Lee", "Bo Kim"])
    # Not the dateline, nor the sentence that names Cy Park too (it tells another meeting as well).
    assert found is not None and text[found[0] : found[1]].startswith("On Monday")
    assert telling_sentence(article, ["Ann Lee", "Dan Wu"]) is None
    assert telling_sentence(article, ["Ann Lee"]) is None


def test_failing_a_sentence_of_the_two_alone_one_listing_others_the_subject_met_tells_it() -> None:
    text = (
        "Lee Discusses Trade with Counterparts\n"
        "Cy Park met Bo Kim in Seoul.\n"
        "Today, Prime Minister Ann Lee held separate meetings with Minister Bo Kim and Secretary Cy Park.\n"
    )
    article = ArticleContext(text)
    found = telling_sentence(article, ["Ann Lee", "Bo Kim"])
    assert found is not None and text[found[0] : found[1]].startswith("Today")
    # Another of those listed before the meeting word: a meeting of someone else as well.
    other = ArticleContext("Secretary Cy Park and Prime Minister Ann Lee met Minister Bo Kim.\n")
    assert telling_sentence(other, ["Ann Lee", "Bo Kim"]) is None


def test_a_bulleted_list_of_engagements_is_one_meeting_per_line_dated_by_its_heading() -> None:
    found = listed_meetings(ArticleContext(LIST), ["Liz Truss", "Justin Trudeau"], [])
    assert [(m.counterparts[0].name, m.date_text, m.call, m.status) for m in found] == [
        ("Anthony Albanese", "Saturday", None, "occurred"),
        # Known gap: "Sheikh Mohammed bin Zayed al Nahyan" is no name run (lower-case "bin", "al"),
        # so that call is left to the model.
        ("Micheál Martin", "Sunday", None, "occurred"),
    ]
    assert (found[0].counterparts[0].title, found[0].counterparts[0].country) == (
        "Prime Minister",
        "Australia",
    )


def test_a_schedule_s_timed_entries_are_one_meeting_each_dated_by_their_day() -> None:
    """ "11:15 Phone call with President X" under "Saturday 12 September 2020": one meeting (a call)
    per timed entry, whom it is with right after "with", dated by the heading that writes the year."""
    text = (
        "Weekly schedule of President Ann Lee\n\n"
        "Saturday 12 September 2020\n"
        "09.00 Presentation of letters of credentials\n"
        "11:15 Phone call with President of South Africa Bo Kim\n\n"
        "Friday 18 September 2020\n"
        "08.30 Meeting with Cy Tanaka, EU Executive Vice-President for the European Green Deal\n"
        "14.00 Press opportunity\n"
    )
    found = listed_meetings(ArticleContext(text), ["Ann Lee"], [])
    assert [(m.counterparts[0].name, m.date_text, m.call) for m in found] == [
        ("Bo Kim", "12 September 2020", "phone"),
        ("Cy Tanaka", "18 September 2020", None),
    ]


def test_a_list_with_no_meeting_line_above_is_no_list_of_meetings() -> None:
    text = "Guests at the reception\n- Prime Minister Anthony Albanese of Australia\n"
    assert listed_meetings(ArticleContext(text), [], []) == []


def test_the_lead_person_is_the_first_titled_person_of_the_opening_in_full() -> None:
    text = (
        "Secretary Clinton to Travel to Seoul\n"
        "Secretary of State Hillary Rodham Clinton will travel to Seoul.\n"
        "She has known every prime minister since Prime Minister Golda Meir.\n"
    )
    assert lead_person(ArticleContext(text)) == "Hillary Rodham Clinton"
    assert lead_person(ArticleContext("Weather report\nRain today.\nPresident Joe Biden spoke.\n")) is None


def test_the_first_paragraph_of_the_opening_is_read_past_a_dateline() -> None:
    body = "Pretoria - President Jacob Zuma has arrived in India for talks with his counterparts.\n"
    assert (
        lead_person(ArticleContext(f"Zuma arrives in India\nWednesday, June 2, 2010\n{body}")) == "Jacob Zuma"
    )
    # A paragraph opening with someone untitled is someone else's: no lead.
    other = "Vladimir Putin and Prime Minister of India Manmohan Singh held talks in New Delhi.\n"
    assert (
        lead_person(ArticleContext(f"Official visit to India\nDecember 24, 2012, New Delhi\n{other}")) is None
    )
    # A page's stamp, long as it is, is no paragraph: "Posted August 5th, 2012 at 5:45 am (UTC-5)".
    stamp = "Posted August 5th, 2012 at 5:45 am (UTC-5)"
    lead = "U.S. Secretary of State Hillary Clinton is in Malawi, the latest stop on her tour.\n"
    assert lead_person(ArticleContext(f"Clinton Continues Tour\n{stamp}\n{lead}")) == "Hillary Clinton"


def test_a_lead_that_names_no_one_passes_to_the_next_paragraph() -> None:
    story = "The U.S. is stepping up efforts to help Laos deal with hunger and unexploded ordnance.\n"
    kerry = "U.S. Secretary of State John Kerry outlined the initiatives during a visit on Monday.\n"
    assert lead_person(ArticleContext(f"US Aids Laos\n{story}{kerry}")) == "John Kerry"
    # A first paragraph naming someone untitled keeps the lead to itself: none.
    other = "Ann Lee says the U.S. is stepping up efforts to help Laos deal with hunger this year.\n"
    assert lead_person(ArticleContext(f"US Aids Laos\n{other}{kerry}")) is None


def test_a_title_case_headline_s_verb_is_no_part_of_the_lead_s_name() -> None:
    text = (
        "Administrator Mark Green Traveled to Haiti\n"
        "Administrator Mark Green traveled to Haiti from December 18-21 to meet leaders.\n"
    )
    assert lead_person(ArticleContext(text)) == "Mark Green"


def test_a_rank_with_no_office_is_told_apart() -> None:
    """ "Navy Adm", "Gen.", "Lt. General": a rank and its service, no office; an office is one."""
    for title in ("Navy Adm", "Gen.", "Lt. General", "Marine Corps Gen", "Admiral"):
        assert rank_only(title), title
    for title in ("Chief of Naval Operations", "Attorney General", "Vice President", "Secretary General"):
        assert not rank_only(title), title


def test_the_admiral_as_a_subject_is_whom_the_article_writes_adm_before() -> None:
    """ "Also on Jan. 13, the admiral met with Minister X": the one person the article ranks so."""
    text = (
        "MIAMI (Jan. 15, 2020) -- U.S. Southern Command commander, Navy Adm. Craig S. Faller, visited "
        "Colombia Jan. 12 - 15 to meet with Colombian leaders.\n"
        "On Jan. 13, Colombian President Ivan Duque met with Faller. Also on Jan. 13, the admiral met with "
        "Minister of Defense Carlos Holmes Trujillo.\n"
    )
    article = ArticleContext(text, dt.date(2020, 1, 15))
    found = principal_meetings(article, "Craig S. Faller", [], [])
    assert [m.subject for m in found if m.counterparts[0].name == "Carlos Holmes Trujillo"] == [None]
    # Another is the admiral: the meeting is theirs, not the principal's (a general's).
    other = text.replace("Navy Adm. Craig S. Faller", "Army Gen. Craig S. Faller").replace(
        "Ivan Duque met with Faller", "Ivan Duque met with Faller and Adm. Bo Kim"
    )
    found = principal_meetings(ArticleContext(other, dt.date(2020, 1, 15)), "Craig S. Faller", [], [])
    assert [m.subject for m in found if m.counterparts[0].name == "Carlos Holmes Trujillo"] == ["Bo Kim"]


def test_where_and_when_come_from_the_sentence_before_when_the_meeting_sentence_gives_neither() -> None:
    text = (
        "The Secretary will continue to Seoul, Republic of Korea from April 16 to April 17. "
        "She will meet with President Lee Myung-bak.\n"
        "Secretary Clinton then will visit Tokyo, Japan, on April 17. "
        "While there, Secretary Clinton will meet with Prime Minister Naoto Kan.\n"
    )
    seoul, tokyo = principal_meetings(ArticleContext(text), "Hillary Rodham Clinton", [], [])
    assert (seoul.city, seoul.date_text) == ("Seoul", None)  # a span of two days gives no day
    assert (tokyo.city, tokyo.date_text) == ("Tokyo", "April 17")


def test_received_by_an_office_and_named_in_full_as_the_article_writes_it() -> None:
    text = (
        "Statement on the visit of Philippine President Gloria Macapagal-Arroyo to the White House\n"
        "The President will receive President Arroyo at the White House on July 30.\n"
        "And the President will also have a bilateral meeting with President El-Sisi of Egypt.\n"
    )
    arroyo, sisi = principal_meetings(ArticleContext(text), "Barack Obama", [], [])
    assert [c.name for c in arroyo.counterparts] == ["Gloria Macapagal-Arroyo"]
    assert (arroyo.status, arroyo.date_text) == ("planned", "July 30")
    assert (sisi.counterparts[0].name, sisi.counterparts[0].country) == ("El-Sisi", "Egypt")


@pytest.mark.parametrize(
    ("sentence", "name", "expected"),
    [
        ("with President of the United States Barack Obama.", "Barack Obama", ("President", "United States")),
        (
            "U.S. Secretary of State Antony Blinken met",
            "Antony Blinken",
            ("Secretary of State", "United States"),
        ),
        (
            "Minister for Foreign Affairs of Japan Kamikawa Yoko",
            "Kamikawa Yoko",
            ("Minister for Foreign Affairs", "Japan"),
        ),
        (
            "FCO Minister of State for Asia and the Pacific Mark Field",
            "Mark Field",
            ("FCO Minister of State for Asia and the Pacific", None),
        ),
        ("the Republic of Korea Foreign Minister Park Jin", "Park Jin", ("Foreign Minister", "South Korea")),
        ("his Iranian counterpart Abbas Araghchi", "Abbas Araghchi", (None, "Iran")),
        ("Kenyan President William Ruto", "William Ruto", ("President", "Kenya")),
        ("German Federal Chancellor Angela Merkel", "Angela Merkel", ("Federal Chancellor", "Germany")),
        ("with opposition leader Sushma Swaraj", "Sushma Swaraj", ("opposition leader", None)),
        # An office in lower case with its portfolio, as news copy writes it; a legislature's leaders.
        ("Indian defence minister Bo Kim", "Bo Kim", ("defence minister", "India")),
        ("EU foreign policy chief Bo Kim", "Bo Kim", ("EU foreign policy chief", None)),
        ("Senate Majority Leader Bo Kim", "Bo Kim", ("Senate Majority Leader", None)),
        ("House Speaker Bo Kim", "Bo Kim", ("House Speaker", None)),
        # Two offices in a row: the name between them ends the first.
        (
            "Chancellor of Germany Angela Merkel and President of France Francois Hollande",
            "Francois Hollande",
            ("President", "France"),
        ),
        ("President Ann Lee and Prime Minister Bo Kim", "Bo Kim", ("Prime Minister", None)),
        # A style is no office; a place the sentence is set in is not the office's country.
        ("the Honorable Donald Trump", "Donald Trump", (None, None)),
        ("While in Poland Minister Field met", "Field", ("Minister", None)),
        # A possessive country, before the office or the name alone.
        ("He met China's Foreign Minister Wang Yi.", "Wang Yi", ("Foreign Minister", "China")),
        ("meeting with Israel’s Prime Minister, Yair Lapid.", "Yair Lapid", ("Prime Minister", "Israel")),
        ("Russia's Vladimir Putin said", "Vladimir Putin", (None, "Russia")),
        ("Kishida's Foreign Minister Yoko Kamikawa", "Yoko Kamikawa", ("Foreign Minister", None)),
        # A country of several words after the name.
        (
            "President Yoon Suk Yeol of the Republic of Korea met",
            "Yoon Suk Yeol",
            ("President", "South Korea"),
        ),
        ("President Ann Lee of the United States of America", "Ann Lee", ("President", "United States")),
        # A portfolio before the office is part of it; a possessive or a country is not.
        ("Japanese Defense Minister Bo Kim met", "Bo Kim", ("Defense Minister", "Japan")),
        ("Indian External Affairs Minister S. Rao met", "S. Rao", ("External Affairs Minister", "India")),
        ("met German Finance Minister Ann Lee", "Ann Lee", ("Finance Minister", "Germany")),
        ("New Zealand Prime Minister Ann Lee", "Ann Lee", ("Prime Minister", "New Zealand")),
        ("the Trade Secretary Ann Lee said", "Ann Lee", ("Trade Secretary", None)),
        ("In Tokyo Trade Minister Ann Lee said", "Ann Lee", ("Minister", None)),
        ("Visiting Prime Minister Ann Lee said", "Ann Lee", ("Prime Minister", None)),
        (
            "Leader of the Nation, President of the Republic of Tajikistan Ann Lee",
            "Ann Lee",
            ("President", "Tajikistan"),
        ),
        # Hyphenated and newer offices are offices.
        ("Russian Special Envoy Ivan Orlov met", "Ivan Orlov", ("Special Envoy", "Russia")),
        ("the UN Secretary-General Ann Lee", "Ann Lee", ("UN Secretary-General", None)),
        # Where an envoy is posted is not their country.
        ("Russian Ambassador to China Ivan Orlov met", "Ivan Orlov", ("Ambassador", "Russia")),
        (
            "met Ambassador of the Russian Federation to China Ivan Orlov",
            "Ivan Orlov",
            ("Ambassador", "Russia"),
        ),
        ("U.S. Ambassador to Japan Ann Lee", "Ann Lee", ("Ambassador", "United States")),
        # A first office joined by "and" carries the country of both, and the title is both offices.
        (
            "met Cambodian Deputy Prime Minister and Minister of Foreign Affairs Ann Lee",
            "Ann Lee",
            ("Deputy Prime Minister and Minister of Foreign Affairs", "Cambodia"),
        ),
        (
            "met Deputy Prime Minister and Foreign Minister Ann Lee",
            "Ann Lee",
            ("Deputy Prime Minister and Foreign Minister", None),
        ),
        # Two portfolios joined by "and" before one office.
        (
            "International Relations and Cooperation Minister, Dr Ann Lee, arrived",
            "Ann Lee",
            ("International Relations and Cooperation Minister", None),
        ),
        ("met Trade and Foreign Minister Ann Lee", "Ann Lee", ("Trade and Foreign Minister", None)),
        # After "the", two offices are two people ("the Prime Minister and President Biden").
        (
            "met the Foreign Secretary and Deputy Prime Minister Ann Lee",
            "Ann Lee",
            ("Deputy Prime Minister", None),
        ),
        ("welcomed by the president and Prime Minister Ann Lee", "Ann Lee", ("Prime Minister", None)),
        ("The Prime Minister and President Ann Lee agreed", "Ann Lee", ("President", None)),
        # A person before "and" is no office.
        ("met Bob Ray and Foreign Minister Ann Lee", "Ann Lee", ("Foreign Minister", None)),
        # ... but a name between them ends the first ("Russian President X and Foreign Minister Y").
        ("Russian President Ivan Orlov and Foreign Minister Ann Lee", "Ann Lee", ("Foreign Minister", None)),
        # ... and a list's comma ends the item before: its country is not the next person's.
        (
            "with Prime Minister Bo Kim of Australia, Prime Minister Ann Lee of Japan, and others",
            "Ann Lee",
            ("Prime Minister", "Japan"),
        ),
    ],
)
def test_an_office_and_its_country_before_the_name(
    sentence: str, name: str, expected: tuple[str | None, str | None]
) -> None:
    assert title_and_country(sentence, name) == expected


def test_an_office_set_off_after_the_name() -> None:
    assert apposition("Kamikawa Yoko, Minister for Foreign Affairs of Japan, held", "Kamikawa Yoko") == (
        "Minister for Foreign Affairs",
        "Japan",
    )
    assert apposition("Ann Lee, the Irish foreign minister, said", "Ann Lee") == (
        "foreign minister",
        "Ireland",
    )
    assert apposition("Ann Lee, a former minister who resigned, said", "Ann Lee") == (None, None)
    # More than one office, or an office and more: its country still stands, not a title.
    assert apposition(
        "Bui Thanh Son, Deputy Prime Minister and Minister of Foreign Affairs of Vietnam, met",
        "Bui Thanh Son",
    ) == (None, "Vietnam")
    assert apposition("Hun Manet, Prime Minister of Cambodia since 2023, met", "Hun Manet") == (
        None,
        "Cambodia",
    )
    assert apposition("Hun Manet, Cambodia's prime minister since 2023, met", "Hun Manet") == (
        None,
        "Cambodia",
    )
    assert apposition("Ann Lee, President of the company Japan Inc, met", "Ann Lee") == (None, None)
    # A membership, then the office with its demonym.
    assert apposition(
        "Ann Lee, also a member of the Political Bureau and Chinese Foreign Minister, met", "Ann Lee"
    ) == (None, "China")
    assert apposition("Ann Lee, member of the Cabinet and Foreign Minister of Chile, met", "Ann Lee") == (
        None,
        "Chile",
    )
    # The closing comma left out: the office ends where the sentence's verb starts.
    assert apposition(
        "Taro Kono, Minister for Foreign Affairs had a telephone conversation for 10 minutes", "Taro Kono"
    ) == ("Minister for Foreign Affairs", None)
    assert apposition("Ann Lee, Prime Minister of Cambodia since 2023 met him", "Ann Lee") == (
        None,
        "Cambodia",
    )


@pytest.mark.parametrize(
    ("phrase", "country"),
    [
        ("Iran's top diplomat", "Iran"),
        ("a senior Iranian official", "Iran"),
        ("the veteran Japanese diplomat", "Japan"),
        ("a senior official", None),  # a role, no country
        ("a former minister who resigned", None),  # not a role noun at the end
    ],
)
def test_a_role_described_after_the_name_gives_its_country_and_no_title(
    phrase: str, country: str | None
) -> None:
    sentence = f"President Ann Lee met Bo Kim, {phrase}, in Paris on Monday."
    assert apposition(sentence, "Bo Kim") == (None, country)


def test_a_group_of_one_country_s_people_gives_their_country_to_each_listed() -> None:
    sentence = (
        "While in Poland Minister Ed Moss met key Polish figures including Deputy Foreign Minister Di "
        "Park, Deputy Minister for the Environment Fay Roth and Minister for Energy Gus Vale."
    )
    assert [written_office(sentence, n)[1] for n in ("Di Park", "Fay Roth", "Gus Vale")] == ["Poland"] * 3
    assert written_office(sentence, "Ed Moss")[1] is None  # the place he is in, not his country
    assert written_office("Lee met senior Chinese officials, among them Vice Premier Bo Kim.", "Bo Kim") == (
        "Vice Premier",
        "China",
    )
    # After the list's last item ("and C,"), a comma closes it: the next name is the sentence's subject.
    closed = (
        "Speaking after his meeting with Burmese officials, including President Di Park and Speaker "
        "Fay Roth, Foreign Secretary Ed Moss said this."
    )
    assert [written_office(closed, n)[1] for n in ("Di Park", "Fay Roth", "Ed Moss")] == [
        "Myanmar",
        "Myanmar",
        None,
    ]
    # Words other than a list of people between the group and the name: not the group's.
    assert written_office("Lee met Chinese officials including experts who praised Bo Kim.", "Bo Kim") == (
        None,
        None,
    )


def test_a_possessive_country_set_off_after_the_name() -> None:
    assert apposition("Wang Yi, China’s foreign minister, said", "Wang Yi") == ("foreign minister", "China")


@pytest.mark.parametrize(
    ("sentence", "pairs"),
    [
        ("the 2021 U.S-Turkey High-Level Political Dialogue", [("United States", "Turkey")]),
        ("the 3rd annual UK-Poland Inter-Governmental Consultations", [("United Kingdom", "Poland")]),
        ("U.S.-Philippine cooperation", [("United States", "Philippines")]),
        ("the South Korea–U.S. alliance", [("South Korea", "United States")]),
        ("the Russian-Chinese partnership", [("Russia", "China")]),
        ("the U.S.- Argentina defense relationship", [("United States", "Argentina")]),  # a space
        # A continent, people, a compound word: no pair of countries.
        ("the China-Africa forum", []),
        ("the Biden-Xi summit", []),
        ("a Korea-born singer and a high-level meeting", []),
        # "and" after "between" or "both" joins a pair too; not any two countries joined by "and".
        (
            "the special relationship between the United Kingdom and the United States",
            [("United Kingdom", "United States")],
        ),
        ("both Japan and China welcomed it", [("Japan", "China")]),
        ("relations between India and Pakistan's neighbours", [("India", "Pakistan")]),
        ("they discussed Iran and Syria", []),
        ("between President Lee and Japan", []),
    ],
)
def test_country_pairs(sentence: str, pairs: list[tuple[str, str]]) -> None:
    assert country_pairs(sentence) == pairs


@pytest.mark.parametrize(
    ("sentence", "call"),
    [
        ("She also spoke by phone with Foreign Minister Marco Conti of Italy.", "phone"),
        ("She also talked over the telephone with Foreign Minister Marco Conti of Italy.", "phone"),
        ("She also paid a courtesy call on Foreign Minister Marco Conti of Italy.", None),
        ("She also exchanged views with Foreign Minister Marco Conti of Italy.", None),
    ],
)
def test_calls_and_courtesy_calls_are_meetings(sentence: str, call: str | None) -> None:
    """English reports a call or a visit with more verbs than "met": each is the principal's meeting."""
    text = "Foreign Minister Anna Berg of Sweden arrived in Rome on Monday. " + sentence
    (found,) = principal_meetings(ArticleContext(text), "Anna Berg", ["Anna Berg"], [])
    assert ([c.name for c in found.counterparts], found.call) == (["Marco Conti"], call)


def test_calling_on_someone_to_act_is_no_meeting() -> None:
    text = "Foreign Minister Anna Berg of Sweden called on President Paolo Neri to release the prisoners."
    assert principal_meetings(ArticleContext(text), "Anna Berg", ["Anna Berg"], []) == []


def test_a_rank_after_the_office_is_the_names_not_the_offices() -> None:
    sentence = "Saudi Foreign Minister Prince Faisal bin Farhan met Crown Prince Mohammed bin Salman."
    assert title_and_country(sentence, "Faisal bin Farhan") == ("Foreign Minister", "Saudi Arabia")
    assert title_and_country(sentence, "Mohammed bin Salman")[0] == "Crown Prince"


def test_a_narrative_of_engagements_keeps_the_day_it_set() -> None:
    """ "Tomorrow, the President will start the day ... The President will then meet ...": the day
    set a few sentences (and paragraphs) back dates the later meetings, until another is set."""
    text = (
        "Tomorrow, the President will start the day meeting with Prime Minister Ann Lee.\n\n"
        "They will discuss trade and security.\n\n"
        "The President will then meet with President Bo Kim at his residence.\n\n"
        "On Friday, the President will travel to Oslo. "
        "He will meet with King Dan Roe at the palace.\n"
    )
    found = principal_meetings(ArticleContext(text), "Joe Biden", ["Ann Lee"], [(0, 79)])
    assert [(m.counterparts[0].name, m.date_text) for m in found] == [
        ("Bo Kim", "Tomorrow"),
        ("Dan Roe", "On Friday"),
    ]


@pytest.mark.parametrize(
    ("sentence", "name", "expected"),
    [
        # The first words of the person's fuller name are no part of the title.
        ("President of the United States George W. Bush met him.", "Bush", ("President", "United States")),
        (
            "He met Chile's Minister of Energy Ricardo Raineri Bernain.",
            "Raineri Bernain",
            ("Minister of Energy", "Chile"),
        ),
        # "Her Excellency" is no office.
        (
            "The President of India, Her Excellency Droupadi Murmu, will visit.",
            "Droupadi Murmu",
            ("President", "India"),
        ),
        # The second of two people joined by "and" is not titled by the first one's name.
        (
            "She will meet the President and the Prime Minister of Kosovo, Vjosa Osmani and Albin Kurti.",
            "Kurti",
            ("Prime Minister", "Kosovo"),
        ),
        # An office's capitalised portfolio stays the office's.
        (
            "He met Minister for Strategic Energy Infrastructure Piotr Naimski.",
            "Naimski",
            ("Minister for Strategic Energy Infrastructure", None),
        ),
        # A military rank after an office is how the person is called; alone it is the title.
        (
            "He met Chief of Naval Operations (CNO) Adm. Tom Reed.",
            "Tom Reed",
            ("Chief of Naval Operations", None),
        ),
        (
            "He met Chief of the Maritime Staff Vice Adm. Ken Sato.",
            "Ken Sato",
            ("Chief of the Maritime Staff", None),
        ),
        # A rank alone is no office.
        ("He met Adm. Tom Reed.", "Tom Reed", (None, None)),
        # A place after "for" is the office's portfolio, not the person's country; "Rt Hon" is an
        # honorific.
        (
            "The Secretary of State for Northern Ireland, Rt Hon Ann Lee MP, met him.",
            "Ann Lee",
            ("Secretary of State for Northern Ireland", None),
        ),
        ("He met UK Minister for Europe Ann Lee.", "Ann Lee", ("Minister for Europe", "United Kingdom")),
        ("He met Vice President Ann Lee.", "Ann Lee", ("Vice President", None)),
        # A foreign service in lower case between the demonym and the rank (news style).
        ("He met South Korean air force Gen. Bo Kim-soo.", "Bo Kim-soo", (None, "South Korea")),
        ("He met Japanese navy Adm. Cy Tanaka.", "Cy Tanaka", (None, "Japan")),
        # An office set off by a comma before a noble rank is the title; the rank alone, without one.
        ("The Emir of Qatar, Sheikh Tamim bin Hamad, met him.", "Tamim bin Hamad", ("Emir", "Qatar")),
        ("He met Ann Lee, Sheikh Bo Kim and others.", "Bo Kim", ("Sheikh", None)),
        # A rank inside a name the article writes whole is the name's, read at its surname too.
        ("Lee hosted his Somali counterpart Hassan Sheikh Mohamud.", "Mohamud", (None, "Somalia")),
    ],
)
def test_the_title_stops_where_the_name_begins(
    sentence: str, name: str, expected: tuple[str | None, str | None]
) -> None:
    assert written_office(sentence, name, person_candidates(sentence)) == expected


def test_a_programme_moves_on_a_day_with_the_following_morning() -> None:
    text = (
        "On Sunday, President von der Leyen will meet the President of North Macedonia, Stevo Pendarovski. "
        "The following morning, the President will meet with the Prime Minister, Dimitar Kovačevski. "
        "Later in the day, she will meet the President of Kosovo, Vjosa Osmani."
    )
    first, second, third = principal_meetings(ArticleContext(text), "Ursula von der Leyen", [], [])
    assert (first.date_text, first.days_after) == ("On Sunday", 0)
    assert (second.date_text, second.anchor, second.days_after) == ("The following morning", "On Sunday", 1)
    assert (third.date_text, third.anchor, third.days_after) == ("The following morning", "On Sunday", 1)
    assert narrative_day(ArticleContext(text), 0, text.index(".") + 1) is None  # nothing before


def test_a_day_earlier_takes_the_narrative_back_a_day_and_the_next_day_crosses_a_border() -> None:
    text = (
        "Prime Minister Ann Lee visited Kyiv on Tuesday and met President Bo Kim. "
        "A day earlier, Lee held talks with Prime Minister Cy Tanaka in New Delhi."
    )
    _, second = principal_meetings(ArticleContext(text), "Ann Lee", [], [])
    assert (second.date_text, second.anchor, second.days_after) == ("A day earlier", "on Tuesday", -1)
    # Told from the day before, across a border: "The next day" of Tuesday in Kyiv.
    text = text.replace("A day earlier, Lee held talks with", "The next day, Lee held talks with")
    _, second = principal_meetings(ArticleContext(text), "Ann Lee", [], [])
    assert (second.date_text, second.anchor, second.days_after) == ("The next day", "on Tuesday", 1)
    # With no such phrase, the day of one country's stop is not the next one's.
    text = text.replace("The next day, Lee held talks with", "Lee held talks with")
    _, second = principal_meetings(ArticleContext(text), "Ann Lee", [], [])
    assert second.date_text is None


def test_a_period_between_leaves_a_meeting_undated() -> None:
    """ "X visited the UK this week. He met Y": that week, not the day of an earlier paragraph."""
    text = (
        "Foreign Secretary Ann Lee met Prime Minister Bo Kim in London on Monday.\n\n"
        "Governor Cy Tanaka visited the UK this week. He met Defence Secretary Di Park."
    )
    article = ArticleContext(text)
    (met,) = principal_meetings(article, "Cy Tanaka", ["Ann Lee", "Bo Kim"], [(0, 72)])
    assert met.date_text is None
    # Without the period, the day the sentences before set.
    article = ArticleContext(text.replace(" this week", ""))
    (met,) = principal_meetings(article, "Cy Tanaka", ["Ann Lee", "Bo Kim"], [(0, 72)])
    assert met.date_text == "on Monday"


def test_a_pronoun_after_an_unnamed_office_holder_s_sentence_is_not_the_one_met() -> None:
    """ "The Secretary-General met with the President of Kenya, William Ruto. He also met ...": "He"
    is the Secretary-General, whom the article does not name."""
    text = (
        "The Secretary-General met with the President of Kenya, William Ruto, in Nairobi on Monday. "
        "He also met with Foreign Minister Alfred Mutua."
    )
    assert principal_meetings(ArticleContext(text), "William Ruto", [], []) == []
    # The office the lead holds: "The President also met ...", then "He", is the lead.
    text = (
        "President William Ruto met Prime Minister Abiy Ahmed in Nairobi on Monday. "
        "The President also met with Foreign Minister Alfred Mutua. "
        "He later received President Yoweri Museveni."
    )
    met = principal_meetings(ArticleContext(text), "William Ruto", ["Abiy Ahmed"], [])
    assert [m.counterparts[0].name for m in met] == ["Alfred Mutua", "Yoweri Museveni"]


def test_the_day_of_one_country_s_stop_is_not_the_next_country_s() -> None:
    text = (
        "Secretary Ann Lee stopped in Souda Bay, Greece, Nov. 15, where she toured a training centre. "
        "During her five-day visit to India, Lee met with Foreign Secretary Vinay Kwatra. "
        "In Athens, Lee also met with Defence Minister Nikos Dendias."
    )
    india, athens = principal_meetings(ArticleContext(text), "Ann Lee", [], [])
    assert india.date_text is None  # the trip has moved on from Greece: India's day is not written
    assert athens.date_text == "Nov. 15"  # still in Greece: the stop's day
    # A sentence that names no place of its own stays on the narrative's day.
    text = (
        "Secretary Ann Lee stopped in Souda Bay, Greece, Nov. 15, where she toured a training centre. "
        "Lee met with Foreign Secretary Vinay Kwatra."
    )
    (meeting,) = principal_meetings(ArticleContext(text), "Ann Lee", [], [])
    assert meeting.date_text == "Nov. 15"


def test_an_abbreviation_in_brackets_does_not_break_the_office() -> None:
    sentence = (
        "Secretary of Defense Jim Mattis met with Republic of Korea (ROK) Minister of National "
        "Defense Song Young-moo in Clark, Philippines."
    )
    assert written_office(sentence, "Song Young-moo") == ("Minister of National Defense", "South Korea")
    # A bracketed word that is no abbreviation still ends the office.
    assert written_office("He met Korea's (new) President Moon Jae-in.", "Moon Jae-in")[1] is None


@pytest.mark.parametrize(
    ("text", "principal", "met"),
    [
        # The meeting in an opening clause, its subject a pronoun for the principal.
        (
            "Secretary of State Tom Reed arrived in Manila on Saturday. On Sunday after meeting with "
            "Korea's foreign minister, Ann Lee, he called the sanctions a good outcome.",
            "Tom Reed",
            ["Ann Lee"],
        ),
        # ... or the principal by title and name.
        (
            "After talks with President Ann Lee, Secretary Tom Reed said ties were strong.",
            "Tom Reed",
            ["Ann Lee"],
        ),
        # The subject is someone else: no meeting of the principal.
        (
            "Secretary of State Tom Reed arrived in Manila. Foreign Minister Bo Kim flew in too. "
            "After meeting with President Ann Lee, she left for Tokyo.",
            "Tom Reed",
            [],
        ),
        # A participle with no "with", a prepositional opener, or the participle set off after
        # the subject.
        (
            "After meeting President Ann Lee in Paris, Secretary Tom Reed said ties were strong.",
            "Tom Reed",
            ["Ann Lee"],
        ),
        (
            "At a meeting with President Ann Lee in Paris, Secretary Tom Reed said ties were strong.",
            "Tom Reed",
            ["Ann Lee"],
        ),
        ("During talks with President Ann Lee, Secretary Tom Reed stressed trade.", "Tom Reed", ["Ann Lee"]),
        (
            "Secretary Tom Reed, meeting President Ann Lee in Paris, said ties were strong.",
            "Tom Reed",
            ["Ann Lee"],
        ),
        # ... and not when someone else is the main clause's subject.
        ("At a meeting with President Ann Lee, Minister Bo Kim said ties were strong.", "Tom Reed", []),
        # The subject by a family name written first ("President Park" of Park Geun-hye).
        (
            "President Park Geun-hye held talks in Busan. "
            "At a meeting with President Ann Lee in Busan, President Park said ties were strong.",
            "Park Geun-hye",
            ["Ann Lee"],
        ),
    ],
)
def test_a_meeting_in_an_opening_clause_is_its_main_subject_s(
    text: str, principal: str, met: list[str]
) -> None:
    found = principal_meetings(ArticleContext(text), principal, [], [])
    assert [c.name for m in found for c in m.counterparts] == met


def test_three_people_before_a_meeting_word_met_together() -> None:
    text = (
        "General Ann Lee arrived in Hawaii last night. "
        "Lee, South Korean Gen. Bo Kim-soo, and Japanese Adm. Cy Tanaka will hold a meeting at Camp Smith. "
        "President Di Park, Prime Minister Ed Moss and Chancellor Fay Roth met in Ottawa on Wednesday."
    )
    article = ArticleContext(text, dt.date(2018, 5, 28))
    (planned, held) = joint_meetings(article, [])
    assert [planned[1], *(c.name for c in planned[0].counterparts)] == ["Ann Lee", "Bo Kim-soo", "Cy Tanaka"]
    assert (planned[0].together, planned[0].status) == (True, "planned")
    assert planned[0].counterparts[1].country == "Japan"
    assert [held[1], *(c.name for c in held[0].counterparts)] == ["Di Park", "Ed Moss", "Fay Roth"]
    assert (held[0].status, held[0].date_text, held[0].city) == ("occurred", "on Wednesday", "Ottawa")
    # A sentence an event already cites is answered.
    first = text.index("Lee,")
    assert len(joint_meetings(article, [(first, first + 10)])) == 1


@pytest.mark.parametrize(
    "sentence",
    [
        "President Di Park and Prime Minister Ed Moss met in Ottawa on Wednesday.",
        "President Di Park and Prime Minister Ed Moss held talks in Ottawa on Wednesday.",
        "On Wednesday, President Di Park and Prime Minister Ed Moss held a bilateral meeting in Ottawa.",
        "President Di Park and Prime Minister Ed Moss will hold a summit in Ottawa on Wednesday.",
        "President Di Park of Chile and Prime Minister Ed Moss of Canada held talks in Ottawa on Wednesday.",
        "Chilean President Di Park and his Canadian counterpart Ed Moss held talks in Ottawa on Wednesday.",
        # Two who discussed or conferred: they talked with each other.
        "President Di Park and Prime Minister Ed Moss discussed trade in Ottawa on Wednesday.",
        # What the two did, then the talks it came after.
        "President Di Park and Prime Minister Ed Moss agreed on Wednesday to expand trade after talks "
        "in Ottawa.",
        "President Di Park and Prime Minister Ed Moss signed an accord following their meeting in Ottawa "
        "on Wednesday.",
        # A verb phrase of their own first, joined by "and".
        "President Di Park and Prime Minister Ed Moss shook hands and held talks in Ottawa on Wednesday.",
        "President Di Park and Prime Minister Ed Moss reaffirmed their commitment to the alliance and "
        "discussed trade in Ottawa on Wednesday.",
        "President Di Park and Prime Minister Ed Moss co-chaired the dialogue in Ottawa on Wednesday.",
        "President Di Park and Prime Minister Ed Moss had a working lunch in Ottawa on Wednesday.",
        "President Di Park and Prime Minister Ed Moss exchanged views in Ottawa on Wednesday.",
        "President Di Park and Prime Minister Ed Moss discuss trade in Ottawa on Wednesday.",
        "President Di Park and Prime Minister Ed Moss held what aides called frank talks in Ottawa on "
        "Wednesday.",
        # What they are, set off by commas before the meeting word.
        "Di Park and Ed Moss, the foreign ministers of Chile and Canada, met in Ottawa on Wednesday.",
        "President Di Park and Prime Minister Ed Moss, both in office since May, met in Ottawa on Wednesday.",
    ],
)
def test_two_people_before_a_meeting_word_met_each_other(sentence: str) -> None:
    (meeting, first) = joint_meetings(ArticleContext(sentence, dt.date(2018, 5, 28)), [])[0]
    assert [first, *(c.name for c in meeting.counterparts)] == ["Di Park", "Ed Moss"]
    assert (meeting.city, meeting.date_text.lower()) == ("Ottawa", "on wednesday")
    assert meeting.status == ("planned" if "will" in sentence else "occurred")


def test_people_before_a_meeting_word_with_someone_after_it_are_no_group() -> None:
    for sentence in (
        "President Di Park, Prime Minister Ed Moss and Chancellor Fay Roth met with King Gus Vale.",
        # Two of one side who met others, unnamed: not a meeting of each other.
        "President Di Park and Prime Minister Ed Moss met with students in Ottawa.",
        "President Di Park and Prime Minister Ed Moss arrived in Ottawa, and held talks with students.",
        "President Di Park and Prime Minister Ed Moss were received by the King in Ottawa.",
        "President Di Park met Prime Minister Ed Moss and Chancellor Fay Roth in Ottawa.",
        "President Di Park, who praised Prime Minister Ed Moss for his work with Chancellor Fay Roth on "
        "the long and difficult budget, met reporters.",
        # Words other than titles between the two: no list of people.
        "President Di Park spoke on Monday, a day after Prime Minister Ed Moss met the rebels.",
        # Someone the article titles met after the word, by surname alone: no group of the two.
        "President Ann Lee arrived on Monday. President Di Park and Prime Minister Ed Moss also met Lee.",
        # Talks with someone else, or another clause before them: not the two's meeting.
        "President Di Park and Prime Minister Ed Moss agreed to act after talks with King Gus Vale.",
        "President Di Park and Prime Minister Ed Moss, who disagree, spoke after a meeting in Ottawa.",
    ):
        assert joint_meetings(ArticleContext(sentence, dt.date(2018, 5, 28)), []) == [], sentence


def test_the_speaker_and_one_other_as_the_subject_are_one_meeting() -> None:
    line = "Ann Lee (Prime Minister of Chile)\n\n"
    said = "On Monday, President Bo Kim and I held talks in Paris."
    ((meeting, first),) = joint_meetings(ArticleContext(line + said, dt.date(2024, 5, 6)), [])
    assert (first, [(c.name, c.title) for c in meeting.counterparts]) == (
        "Ann Lee",
        [("Bo Kim", "President")],
    )
    assert (meeting.city, meeting.date_text) == ("Paris", "On Monday")
    # No speaker line: whose "I" it is the article does not say; no meeting word after "I": none.
    assert joint_meetings(ArticleContext(said, dt.date(2024, 5, 6)), []) == []
    agreed = line + "President Bo Kim and I agreed on trade."
    assert joint_meetings(ArticleContext(agreed, dt.date(2024, 5, 6)), []) == []


def test_my_meeting_is_the_speaker_s() -> None:
    text = "ANN LEE, PRIME MINISTER: Thanks. My first meeting with President Bo Kim went well."
    (meeting,) = principal_meetings(
        ArticleContext("Ann Lee spoke.\n" + text, dt.date(2024, 5, 6)), "Ann Lee", [], []
    )
    assert [c.name for c in meeting.counterparts] == ["Bo Kim"]


def test_i_after_a_short_opening_phrase_is_the_speaker() -> None:
    text = "Ann Lee (Prime Minister of Chile)\n\nThis morning I met President Bo Kim in Paris."
    (meeting,) = principal_meetings(ArticleContext(text, dt.date(2024, 5, 6)), "Ann Lee", [], [])
    assert ([c.name for c in meeting.counterparts], meeting.date_text) == (["Bo Kim"], "This morning")


def test_the_three_leaders_are_the_three_the_sentence_before_lists() -> None:
    opening = "President Ann Lee, Prime Minister Bo Kim and Chancellor Di Park arrived in Paris on Sunday. "
    article = ArticleContext(opening + "The three leaders met on Monday.", dt.date(2024, 5, 6))
    ((meeting, first),) = joint_meetings(article, [])
    assert (first, [c.name for c in meeting.counterparts]) == ("Ann Lee", ["Bo Kim", "Di Park"])
    # A count that is not the list's: no group.
    two = ArticleContext(opening + "The two leaders met on Monday.", dt.date(2024, 5, 6))
    assert joint_meetings(two, []) == []


def test_the_two_leaders_are_the_pair_the_sentence_before_opens_with() -> None:
    opening = "President Ann Lee and Prime Minister Bo Kim arrived in Geneva on Sunday. "
    ((meeting, first),) = joint_meetings(
        ArticleContext(opening + "The two leaders held talks on Monday.", dt.date(2024, 5, 6)), []
    )
    assert (first, [c.name for c in meeting.counterparts], meeting.date_text) == (
        "Ann Lee",
        ["Bo Kim"],
        "on Monday",
    )
    for sentence in (
        "The two leaders met with students on Monday.",  # one side meeting others
        "The two leaders held talks with King Cy Tanaka on Monday.",  # someone named after the word
        "The two leaders may hold talks on Monday.",  # a hedge
    ):
        assert joint_meetings(ArticleContext(opening + sentence, dt.date(2024, 5, 6)), []) == [], sentence
    # Two people the sentence before does not join as a list.
    crossed = "President Ann Lee criticised Prime Minister Bo Kim. The two leaders held talks on Monday."
    assert joint_meetings(ArticleContext(crossed, dt.date(2024, 5, 6)), []) == []


def test_the_month_of_may_is_no_hedge() -> None:
    """ "may" the modal hedges a meeting ("may meet"); "May 3" the month does not."""
    dated = "Chile's President Ann Lee met Canada's Prime Minister Bo Kim in Paris on May 3."
    (meeting,) = principal_meetings(ArticleContext(dated, dt.date(2024, 5, 6)), "Ann Lee", [], [])
    assert ([c.name for c in meeting.counterparts], meeting.date_text) == (["Bo Kim"], "May 3")
    hedged = "President Ann Lee may meet Prime Minister Bo Kim in Paris."
    assert principal_meetings(ArticleContext(hedged, dt.date(2024, 5, 6)), "Ann Lee", [], []) == []


@pytest.mark.parametrize(
    ("sentence", "status", "call"),
    [
        (
            "President Ann Lee is expected to meet Prime Minister Bo Kim in Paris on Thursday.",
            "planned",
            None,
        ),
        ("President Ann Lee is set to meet Prime Minister Bo Kim in Paris on Thursday.", "planned", None),
        (
            "President Ann Lee held a videoconference with Prime Minister Bo Kim on Sunday.",
            "occurred",
            "video",
        ),
        ("President Ann Lee telephoned Prime Minister Bo Kim on Sunday.", "occurred", "phone"),
        ("President Ann Lee had a working lunch with Prime Minister Bo Kim in Paris.", "occurred", None),
        ("President Ann Lee was due to meet Prime Minister Bo Kim in Paris on Thursday.", "planned", None),
        ("President Ann Lee will host Prime Minister Bo Kim in Paris on Thursday.", "planned", None),
        ("President Ann Lee conferred with Prime Minister Bo Kim in Paris.", "occurred", None),
        ("President Ann Lee had an audience with Prime Minister Bo Kim in Paris.", "occurred", None),
        ("President Ann Lee discussed trade with Prime Minister Bo Kim in Paris.", "occurred", None),
        ("President Ann Lee held a bilateral with Prime Minister Bo Kim in Paris.", "occurred", None),
        (
            "President Ann Lee told Prime Minister Bo Kim during talks in Paris that trade mattered.",
            "occurred",
            None,
        ),
        ("President Ann Lee was meeting Prime Minister Bo Kim in Paris.", "occurred", None),
        ("President Ann Lee will be meeting Prime Minister Bo Kim in Paris.", "planned", None),
        # A place or a day between the meeting and whom it was with.
        ("President Ann Lee held a meeting in Paris on Monday with Prime Minister Bo Kim.", "occurred", None),
        ("President Ann Lee held meetings in Paris this week with Prime Minister Bo Kim.", "occurred", None),
        ("President Ann Lee had a one-on-one with Prime Minister Bo Kim in Paris.", "occurred", None),
        ("President Ann Lee co-chaired the dialogue with Prime Minister Bo Kim in Paris.", "occurred", None),
        # Opened by the call or talks it tells of, then whom the subject told.
        (
            "In a phone call on Monday, President Ann Lee told Prime Minister Bo Kim that trade mattered.",
            "occurred",
            "phone",
        ),
        ("During the meeting, President Ann Lee assured Prime Minister Bo Kim of support.", "occurred", None),
        (
            "President Ann Lee congratulated Prime Minister Bo Kim by phone on her election.",
            "occurred",
            "phone",
        ),
        (
            "President Ann Lee thanked Prime Minister Bo Kim over the phone for her support.",
            "occurred",
            "phone",
        ),
        # A meal, a courtesy visit, a meeting someone chaired, a briefing, joining someone for talks.
        ("President Ann Lee lunched with Prime Minister Bo Kim in Paris.", "occurred", None),
        ("President Ann Lee gave a dinner in honour of Prime Minister Bo Kim in Paris.", "occurred", None),
        ("President Ann Lee paid a courtesy visit to Prime Minister Bo Kim in Paris.", "occurred", None),
        ("President Ann Lee attended a meeting chaired by Prime Minister Bo Kim in Paris.", "occurred", None),
        ("President Ann Lee was briefed by Prime Minister Bo Kim in Paris.", "occurred", None),
        ("President Ann Lee later joined Prime Minister Bo Kim for talks in Paris.", "occurred", None),
        ("President Ann Lee will sit down with Prime Minister Bo Kim in Paris.", "planned", None),
        ("President Ann Lee also had talks on Monday with Prime Minister Bo Kim.", "occurred", None),
        # The perfect ("has spoken by phone with") and a courtesy call paid in a place.
        ("President Ann Lee has spoken by phone today with Prime Minister Bo Kim.", "occurred", "phone"),
        ("President Ann Lee had spoken to Prime Minister Bo Kim in Paris.", "occurred", None),
        ("President Ann Lee called on Prime Minister Bo Kim at the presidential palace.", "occurred", None),
        ("President Ann Lee then called on Emperor Bo Kim.", "occurred", None),
        ("President Ann Lee also called on President Bo Kim of Peru.", "occurred", None),
        ("President Ann Lee huddled with Prime Minister Bo Kim in Paris.", "occurred", None),
        ("President Ann Lee took a call from Prime Minister Bo Kim on Monday.", "occurred", None),
        ("President Ann Lee heads to Paris on Thursday for talks with Premier Bo Kim.", "planned", None),
    ],
)
def test_a_meeting_a_sentence_tells_in_other_words(sentence: str, status: str, call: str | None) -> None:
    (meeting,) = principal_meetings(ArticleContext(sentence, dt.date(2024, 5, 6)), "Ann Lee", [], [])
    assert [c.name for c in meeting.counterparts] == ["Bo Kim"]
    assert (meeting.status, meeting.call) == (status, call)


@pytest.mark.parametrize(
    "sentence",
    [
        "In a phone call on Monday, President Ann Lee told reporters that Prime Minister Bo Kim was wrong.",
        "President Ann Lee told reporters by phone on Monday that Prime Minister Bo Kim was wrong.",
        "At the meeting, President Ann Lee said Prime Minister Bo Kim was wrong.",
        "President Ann Lee joined Prime Minister Bo Kim in calling for a ceasefire on Monday.",
        "President Ann Lee congratulated Prime Minister Bo Kim on her election in a message on Monday.",
    ],
)
def test_saying_something_of_someone_in_a_call_is_no_meeting_with_them(sentence: str) -> None:
    assert principal_meetings(ArticleContext(sentence, dt.date(2024, 5, 6)), "Ann Lee", [], []) == []


def test_a_cited_list_of_people_met_one_after_another_is_read_for_those_the_answer_left_out() -> None:
    text = (
        "In Paris on Monday, President Ann Lee met Prime Minister Bo Kim of Japan, President Cy Tanaka "
        "of Kenya and Chancellor Di Park of Austria."
    )
    article = ArticleContext(text, dt.date(2024, 5, 8))
    cited = [(0, len(text))]
    # The answer paired Lee with Kim alone.
    found = principal_meetings(article, "Ann Lee", ["Ann Lee", "Bo Kim"], cited)
    assert [c.name for m in found for c in m.counterparts] == ["Cy Tanaka", "Di Park"]
    # "including" after the people met introduces what they discussed, not members of a group.
    told = (
        "In Djibouti, President Ann Lee met with Minister of Defense Bo Kim and Chief of Defense General "
        "Cy Tanaka to discuss security issues, including the threat of piracy."
    )
    found = principal_meetings(
        ArticleContext(told, dt.date(2024, 5, 8)), "Ann Lee", ["Ann Lee", "Bo Kim"], [(0, len(told))]
    )
    assert [c.name for m in found for c in m.counterparts] == ["Cy Tanaka"]
    # Members of a group named as examples, or a group met together: answered.
    for told in (
        "In Paris, President Ann Lee met other members of the Quartet, including Prime Minister Bo Kim, "
        "President Cy Tanaka and Chancellor Di Park.",
        "In Paris, President Ann Lee met Prime Minister Bo Kim, President Cy Tanaka and Chancellor Di Park "
        "together.",
    ):
        article = ArticleContext(told, dt.date(2024, 5, 8))
        assert principal_meetings(article, "Ann Lee", ["Ann Lee", "Bo Kim"], [(0, len(told))]) == [], told


@pytest.mark.parametrize(
    ("text", "subject", "met"),
    [
        # "him"/"her" after the meeting word: the person the sentence before names as its subject.
        (
            "President Ann Lee arrived in Berlin on Monday. "
            "Chancellor Di Park received her at the Chancellery.",
            "Di Park",
            ["Ann Lee"],
        ),
        (
            "President Ann Lee arrived in Berlin. Chancellor Di Park met him on Monday.",
            "Di Park",
            ["Ann Lee"],
        ),
        # A possessive is no object: "her counterpart" is no one the sentence names.
        ("President Ann Lee arrived in Berlin. Chancellor Di Park met her counterpart.", "Di Park", []),
        # "where she met": the pronoun subject of a clause after a comma.
        (
            "President Ann Lee visited Europe this week. Her first stop was Berlin, where she met Chancellor "
            "Di Park on Monday.",
            "Ann Lee",
            ["Di Park"],
        ),
    ],
)
def test_a_pronoun_stands_for_the_person_named_before(text: str, subject: str, met: list[str]) -> None:
    found = principal_meetings(ArticleContext(text, dt.date(2024, 5, 6)), subject, [], [])
    assert [c.name for m in found for c in m.counterparts] == met


def test_an_object_pronoun_is_not_read_when_an_event_has_the_subject() -> None:
    text = "President Ann Lee arrived in Berlin. Chancellor Di Park received her at the Chancellery."
    assert principal_meetings(ArticleContext(text), "Di Park", ["Di Park", "Bo Kim"], []) == []


def test_a_quoted_first_person_meeting_is_the_speaker_s() -> None:
    text = '"I had a very good meeting with Prime Minister Bo Kim on Monday," President Ann Lee said.'
    (meeting,) = principal_meetings(ArticleContext(text, dt.date(2024, 5, 6)), "Ann Lee", [], [])
    assert [c.name for c in meeting.counterparts] == ["Bo Kim"]


def test_a_person_after_by_or_with_is_no_subject() -> None:
    text = (
        "President Ann Lee arrived in Tokyo on Monday. She was greeted at the airport by Foreign Minister "
        "Cy Tanaka and later held talks with Prime Minister Bo Kim."
    )
    article = ArticleContext(text, dt.date(2024, 5, 6))
    # Tanaka greeted her; the talks are hers.
    assert principal_meetings(article, "Cy Tanaka", [], []) == []
    found = principal_meetings(article, "Ann Lee", [], [])
    assert [c.name for m in found for c in m.counterparts] == ["Bo Kim"]


def test_a_pronoun_subject_after_a_time_phrase() -> None:
    text = (
        "President Ann Lee met Prime Minister Bo Kim in Tokyo on Monday. On Tuesday she is scheduled to "
        "meet Foreign Minister Cy Tanaka."
    )
    article = ArticleContext(text, dt.date(2024, 5, 6))
    found = principal_meetings(article, "Ann Lee", ["Ann Lee", "Bo Kim"], [(0, text.index(" On Tuesday"))])
    assert [(c.name, m.status) for m in found for c in m.counterparts] == [("Cy Tanaka", "planned")]


@pytest.mark.parametrize(
    ("text", "met"),
    [
        (
            "Prime Minister Bo Kim of Japan arrived in Paris on Sunday. President Ann Lee met the Japanese "
            "prime minister on Monday.",
            ["Bo Kim"],
        ),
        (
            "Foreign Minister Bo Kim of Japan arrived in Santiago on Sunday. Foreign Minister Ann Lee of "
            "Chile met her Japanese counterpart on Monday.",
            ["Bo Kim"],
        ),
        # Two people fit, or none, or the words are no office: no one is taken.
        (
            "Prime Minister Bo Kim of Japan and Prime Minister Cy Tanaka of Japan arrived. President Ann Lee "
            "met the Japanese prime minister on Monday.",
            [],
        ),
        (
            "Prime Minister Bo Kim of Japan arrived. President Ann Lee met the Indian prime minister.",
            [],
        ),
        (
            "Prime Minister Bo Kim of Japan arrived. President Ann Lee met the Japanese delegation.",
            [],
        ),
    ],
)
def test_a_person_met_by_description_is_the_one_the_article_titles_so(text: str, met: list[str]) -> None:
    found = principal_meetings(ArticleContext(text, dt.date(2024, 5, 6)), "Ann Lee", [], [])
    assert [c.name for m in found for c in m.counterparts] == met


def test_a_semicolon_between_two_meetings_parts_their_people() -> None:
    text = (
        "President Ann Lee held talks with Prime Minister Bo Kim on Monday; Foreign Minister Cy Tanaka of "
        "Japan met Chancellor Di Park of Germany."
    )
    article = ArticleContext(text, dt.date(2024, 5, 6))
    lee = principal_meetings(article, "Ann Lee", [], [])
    assert [c.name for m in lee for c in m.counterparts] == ["Bo Kim"]
    tanaka = principal_meetings(article, "Cy Tanaka", [], [])
    assert [c.name for m in tanaka for c in m.counterparts] == ["Di Park"]
    assert text[tanaka[0].start :].startswith("Foreign Minister Cy Tanaka")
    # The first clause cited for Lee and Kim is answered; the second, which names neither, is not.
    first = text.index(";") + 1
    assert principal_meetings(article, "Cy Tanaka", ["Ann Lee", "Bo Kim"], [(0, first)]) == tanaka
    # A semicolon between the items of a list parts nothing.
    listed = (
        "President Ann Lee met Bo Kim, Japan's prime minister; Cy Tanaka, Kenya's president; and Di Park, "
        "Austria's chancellor."
    )
    found = principal_meetings(ArticleContext(listed, dt.date(2024, 5, 6)), "Ann Lee", [], [])
    assert sorted(c.name for m in found for c in m.counterparts) == ["Bo Kim", "Cy Tanaka", "Di Park"]


@pytest.mark.parametrize("joint", [", and", " while", ", whereas"])
def test_a_conjunction_before_a_second_meeting_s_subject_parts_their_people(joint: str) -> None:
    text = (
        f"President Ann Lee met Prime Minister Bo Kim on Monday{joint} Foreign Minister Cy Tanaka of "
        "Japan met Chancellor Di Park of Germany."
    )
    article = ArticleContext(text, dt.date(2024, 5, 6))
    assert [c.name for m in principal_meetings(article, "Ann Lee", [], []) for c in m.counterparts] == [
        "Bo Kim"
    ]
    tanaka = principal_meetings(article, "Cy Tanaka", [], [])
    assert [c.name for m in tanaka for c in m.counterparts] == ["Di Park"]
    # An "and" that adds to a list of people met parts nothing.
    listed = "President Ann Lee met Prime Minister Bo Kim and Chancellor Di Park, who later met the press."
    found = principal_meetings(ArticleContext(listed, dt.date(2024, 5, 6)), "Ann Lee", [], [])
    assert sorted(c.name for m in found for c in m.counterparts) == ["Bo Kim", "Di Park"]


def test_people_who_each_met_one_person_on_their_own() -> None:
    text = (
        "Prime Minister Bo Kim, Foreign Minister Cy Tanaka of Japan and Chancellor Di Park each met "
        "President Ann Lee separately on Monday."
    )
    ((meeting, whom),) = each_met(ArticleContext(text, dt.date(2024, 5, 6)))
    assert whom == "Ann Lee" and not meeting.together
    assert [c.name for c in meeting.counterparts] == ["Bo Kim", "Cy Tanaka", "Di Park"]
    assert meeting.counterparts[1].country == "Japan" and meeting.date_text == "on Monday"
    # Together, or two people met: not this.
    for other in (
        "Prime Minister Bo Kim and Foreign Minister Cy Tanaka met President Ann Lee on Monday.",
        "Prime Minister Bo Kim and Foreign Minister Cy Tanaka each met President Ann Lee and King Ed Moss.",
    ):
        assert each_met(ArticleContext(other, dt.date(2024, 5, 6))) == [], other
    # "respectively", the one met titled in the sentence before (Xinhua's way).
    text = (
        "President Ann Lee of Chile met Chinese President Bo Kim on Monday. "
        "Premier Cy Tanaka and Vice President Di Park met with Lee respectively."
    )
    ((meeting, whom),) = each_met(ArticleContext(text, dt.date(2024, 5, 6)))
    assert whom == "Ann Lee" and [c.name for c in meeting.counterparts] == ["Cy Tanaka", "Di Park"]
    assert meeting.date_text is None  # told on its own: not on the day of the meeting before
    # ... unless the sentence says it is the same day.
    same = text.replace("Premier Cy Tanaka", "On the same day, Premier Cy Tanaka")
    ((meeting, _),) = each_met(ArticleContext(same, dt.date(2024, 5, 6)))
    assert meeting.date_text == "on Monday"


@pytest.mark.parametrize(
    ("sentence", "days"),
    [
        (
            "Foreign Secretary Ann Lee will meet Foreign Minister Bo Kim and Foreign Minister Cai Rui "
            "on Wednesday and Foreign Minister Di Ng on Thursday.",
            [(("Bo Kim", "Cai Rui"), "on Wednesday"), (("Di Ng",), "on Thursday")],
        ),
        (
            "On Monday Foreign Secretary Ann Lee met Foreign Minister Bo Kim and on Tuesday "
            "Foreign Minister Di Ng.",
            [(("Bo Kim",), "On Monday"), (("Di Ng",), "on Tuesday")],
        ),
        (
            "Foreign Secretary Ann Lee met Foreign Minister Bo Kim and Foreign Minister Di Ng on Monday.",
            [(("Bo Kim", "Di Ng"), "on Monday")],
        ),
    ],
)
def test_each_person_met_on_a_day_of_their_own_takes_that_day(
    sentence: str, days: list[tuple[tuple[str, ...], str]]
) -> None:
    found = principal_meetings(ArticleContext(sentence), "Ann Lee", [], [])
    assert [(tuple(c.name for c in m.counterparts), m.date_text) for m in found] == days
    assert {(m.start, m.end) for m in found} == {(0, len(sentence))}


def test_a_future_word_after_an_adverb_makes_the_meeting_planned() -> None:
    text = "Foreign Secretary Ann Lee is also due to meet Foreign Minister Bo Kim on Friday."
    [meeting] = principal_meetings(ArticleContext(text), "Ann Lee", [], [])
    assert meeting.status == "planned"


@pytest.mark.parametrize(
    ("sentence", "together"),
    [
        ("President Ann Lee held a summit with President Bo Kim in Busan.", True),
        ("President Ann Lee holds a bilateral summit with President Bo Kim in Busan on Monday.", True),
        (
            "President Ann Lee held a series of summits with President Bo Kim and Prime Minister Cai Rui "
            "on Monday, all of whom attend the Commemorative Summit.",
            False,
        ),
    ],
)
def test_a_summit_held_with_someone_is_a_meeting_with_them(sentence: str, together: bool) -> None:
    found = principal_meetings(ArticleContext(sentence), "Ann Lee", [], [])
    assert [m.together for m in found] == [together] and found[0].counterparts[0].name == "Bo Kim"


def test_attending_a_summit_is_no_meeting() -> None:
    assert (
        principal_meetings(
            ArticleContext("President Ann Lee attended the summit with President Bo Kim."), "Ann Lee", [], []
        )
        == []
    )


def test_an_office_s_own_preposition_does_not_make_its_holder_an_object() -> None:
    sentence = "Minister for Europe Ed Moss said this in a meeting with Albanian President Bo Kim."
    [meeting] = principal_meetings(ArticleContext(sentence), "Ed Moss", [], [])
    assert [c.name for c in meeting.counterparts] == ["Bo Kim"]
    # "greeted by Minister X": X is no subject.
    greeted = "She was greeted by Minister Ed Moss and later held talks with President Bo Kim."
    assert principal_meetings(ArticleContext(greeted), "Ed Moss", [], []) == []


@pytest.mark.parametrize(
    ("sentence", "one_side"),
    [
        ("President Di Park and Prime Minister Ed Moss met with students in Ottawa.", True),
        ("President Di Park and Prime Minister Ed Moss separately met with farmers on Monday.", True),
        # Each other after all: no one after the word, someone named, or a meeting word again.
        ("President Di Park and Prime Minister Ed Moss met in Ottawa on Monday.", False),
        ("President Di Park and Prime Minister Ed Moss met with King Gus Vale.", False),
        ("President Di Park and Prime Minister Ed Moss met with reporters after their talks.", False),
        ("President Di Park met with students, and later Prime Minister Ed Moss spoke.", False),
    ],
)
def test_two_who_met_others_together_are_one_side(sentence: str, one_side: bool) -> None:
    article = ArticleContext(sentence, dt.date(2018, 5, 28))
    assert met_others_as_one_side(article, sentence, ["Di Park", "Ed Moss"]) is one_side


def test_a_country_before_a_relation_and_an_office_is_the_person_s() -> None:
    sentence = "Lee met her Indian counterpart Prime Minister Bo Kim in Paris."
    assert title_and_country(sentence, "Bo Kim") == ("Prime Minister", "India")
    bare = "Lee met her counterpart Prime Minister Bo Kim."
    assert title_and_country(bare, "Bo Kim") == ("Prime Minister", None)


def test_a_country_set_off_after_an_office_and_name_is_the_person_s() -> None:
    sentence = "Lee met Prime Minister Bo Kim, India's new leader, in Paris."
    assert written_office(sentence, "Bo Kim") == ("Prime Minister", "India")
    # A title set off after it does not replace the one before the name.
    other = "Lee met Prime Minister Bo Kim, India's foreign minister."
    assert written_office(other, "Bo Kim")[0] == "Prime Minister"


def test_a_pronoun_subject_after_the_next_day_is_read_from_the_sentences_before() -> None:
    text = (
        "Foreign Minister Ann Lee of Chile arrived in Tokyo on Monday. "
        "The next day she held talks with Prime Minister Bo Kim."
    )
    (meeting,) = principal_meetings(ArticleContext(text, dt.date(2024, 5, 6)), "Ann Lee", [], [])
    assert [c.name for c in meeting.counterparts] == ["Bo Kim"]


def test_someone_no_event_names_also_meeting_an_event_s_other_person() -> None:
    text = (
        "BEIJING, May 6 -- Chinese President Bo Kim met with visiting Kenyan President Ann Lee on Monday. "
        "Kim said China is willing to work with Kenya. "
        "Chinese Premier Cy Tanaka also met with Lee on the same day."
    )
    article = ArticleContext(text, dt.date(2024, 5, 6))
    cited = [(0, text.index("Kim said"))]
    named = ["Bo Kim", "Ann Lee"]
    (meeting,) = principal_meetings(article, "Cy Tanaka", named, cited, lead=False, meets_lead="Bo Kim")
    assert [c.name for c in meeting.counterparts] == ["Ann Lee"]
    # Without "also", only the lead counts as met by a new subject.
    plain = ArticleContext(text.replace(" also met", " met"), dt.date(2024, 5, 6))
    assert principal_meetings(plain, "Cy Tanaka", named, cited, lead=False, meets_lead="Bo Kim") == []


def test_the_principal_by_surname_in_talks_between() -> None:
    """ "talks between Lee and President X": the principal written by surname alone counts; anyone
    else must be titled or named in full."""
    text = (
        "President Ann Lee met Prime Minister Bo Kim in Tokyo on Monday. The visit follows talks between "
        "Lee and President Cy Tanaka of Kenya in Nairobi last week."
    )
    article = ArticleContext(text, dt.date(2024, 5, 6))
    cited = [(0, text.index(" The visit"))]
    assert meetings_between(article, cited) == []
    ((meeting, first),) = meetings_between(article, cited, ["Ann Lee"])
    assert (first, [c.name for c in meeting.counterparts], meeting.date_text) == (
        "Ann Lee",
        ["Cy Tanaka"],
        "last week",
    )


@pytest.mark.parametrize(
    "text",
    [
        "Prime Minister Bo Kim greeted President Ann Lee at the airport on Monday, and the two later held "
        "talks.",
        "President Ann Lee arrived in Tokyo on Monday. Prime Minister Bo Kim greeted her at the airport, "
        "and the two later held talks.",
        "President Ann Lee arrived in Tokyo on Monday. Prime Minister Bo Kim greeted her at the airport. "
        "The two later held talks.",
    ],
)
def test_the_two_after_the_clause_that_names_them(text: str) -> None:
    """The pair the clause before names (in the same sentence or the one before), the other by an
    object pronoun that refers to the person the sentences before name."""
    ((meeting, first),) = joint_meetings(ArticleContext(text, dt.date(2024, 5, 6)), [])
    assert {first, *(c.name for c in meeting.counterparts)} == {"Ann Lee", "Bo Kim"}


def test_the_two_are_not_whom_the_pronoun_s_clause_leaves_out() -> None:
    """ "Kim met Tanaka, and the two discussed her visit": the two are Kim and Tanaka, not "her"."""
    text = (
        "President Ann Lee arrived in Tokyo on Monday. Prime Minister Bo Kim met Foreign Minister Cy Tanaka, "
        "and the two held talks on her visit."
    )
    found = joint_meetings(ArticleContext(text, dt.date(2024, 5, 6)), [])
    assert [(f, [c.name for c in m.counterparts]) for m, f in found] == [("Bo Kim", ["Cy Tanaka"])]


def test_a_pronoun_subject_after_an_opening_place() -> None:
    text = "President Ann Lee visited Japan this week. In Tokyo she met Prime Minister Bo Kim."
    article = ArticleContext(text, dt.date(2024, 5, 6))
    found = principal_meetings(article, "Ann Lee", ["Ann Lee"], [])
    assert [(c.name, m.city) for m in found for c in m.counterparts] == [("Bo Kim", "Tokyo")]


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("President Ann Lee met Prime Minister Bo Kim in Paris today.", "today"),
        # Beside another day, the other; said today, the statement's day, not the meeting's.
        ("President Ann Lee met Prime Minister Bo Kim in Paris on Monday and flew home today.", "on Monday"),
        ("President Ann Lee met Prime Minister Bo Kim in Paris, the ministry said today.", None),
    ],
)
def test_today_dates_a_told_meeting_only_as_its_one_day(text: str, day: str | None) -> None:
    found = principal_meetings(ArticleContext(text, dt.date(2024, 5, 6)), "Ann Lee", [], [])
    assert [m.date_text for m in found] == [day]


def test_a_contrast_s_clause_is_its_own() -> None:
    """ "A met voters on Monday, while B campaigned in Lyon": B's clause tells no meeting of A's."""
    text = "President Ann Lee met voters in Paris on Monday, while Prime Minister Bo Kim campaigned in Lyon."
    article = ArticleContext(text, dt.date(2024, 5, 6))
    assert principal_meetings(article, "Ann Lee", [], []) == []
    # "while" before a lower-case word opens no clause of another subject.
    held = "President Ann Lee met Prime Minister Bo Kim while in Paris on Monday."
    assert [
        c.name for m in principal_meetings(ArticleContext(held), "Ann Lee", [], []) for c in m.counterparts
    ] == ["Bo Kim"]


_LISTED = ("Ann Lee", "Hun Sen", "Prak Sokhonn", "Bo Kim", "Cy Tanaka")


@pytest.mark.parametrize(
    ("sentence", "name", "country"),
    [
        # The host's officials listed together after the meeting word share the demonym.
        (
            "Lee will meet with Cambodian Prime Minister Hun Sen and Deputy Prime Minister and "
            "Foreign Minister Prak Sokhonn.",
            "Prak Sokhonn",
            "Cambodia",
        ),
        ("Lee met Japanese Prime Minister Bo Kim and Foreign Minister Cy Tanaka.", "Cy Tanaka", "Japan"),
        # Not the two sides of a meeting, joined before its word.
        ("Chinese President Bo Kim and Foreign Minister Cy Tanaka met in Paris.", "Cy Tanaka", None),
        # Not one office twice, nor two leaders: as often two countries as one.
        ("Lee met Japanese Prime Minister Bo Kim and Prime Minister Cy Tanaka.", "Cy Tanaka", None),
        ("Lee met Japanese Prime Minister Bo Kim and President Cy Tanaka.", "Cy Tanaka", None),
        # Not a country written after the first person, nor for a second with one of their own.
        ("Lee met Prime Minister Bo Kim of Japan and Foreign Minister Cy Tanaka.", "Cy Tanaka", None),
        ("Lee met Japanese Prime Minister Bo Kim and Kenyan Foreign Minister Cy Tanaka.", "Cy Tanaka", None),
    ],
)
def test_the_second_of_two_officials_met_shares_the_first_s_demonym(
    sentence: str, name: str, country: str | None
) -> None:
    assert shared_country(sentence, name, _LISTED) == country


def test_the_next_titled_person_of_a_list_is_no_apposition() -> None:
    """ "Ban Ki-moon, Russian Foreign Minister Sergei Lavrov, ...": the office after the comma is
    Lavrov's; a country written after "of the" in the office is still the person's own."""
    sentence = (
        "She met UN Secretary-General Ban Ki-moon, Russian Foreign Minister Sergei Lavrov and "
        "Portuguese Foreign Minister Luis Amado."
    )
    people = ("Ban Ki-moon", "Sergei Lavrov", "Luis Amado")
    assert apposition(sentence, "Ban Ki-moon", people) == (None, None)
    assert written_office(sentence, "Ban Ki-moon", people) == ("UN Secretary-General", None)
    assert apposition("He met Bo Kim, Foreign Minister of Peru.", "Bo Kim", ("Bo Kim", "Peru Lima")) == (
        "Foreign Minister",
        "Peru",
    )


def test_the_telling_sentence_may_write_one_person_as_the_rank_only_they_hold() -> None:
    """ "Also on May 6, the admiral met with Minister X": the sentence that tells the meeting of the
    admiral and X, when the article ranks one person so; not when it ranks two."""
    text = (
        "MIAMI (May 7, 2024) -- Navy Adm. Ann Lee visited Peru May 5 - 7 to meet with Peruvian leaders. "
        "Also on May 6, the admiral met with Minister of Defense Bo Kim to discuss regional security."
    )
    article = ArticleContext(text, dt.date(2024, 5, 8))
    span = telling_sentence(article, ["Ann Lee", "Bo Kim"])
    assert span is not None and text[span[0] : span[1]].startswith("Also on May 6, the admiral met")
    two = text.replace("Peruvian leaders.", "Peruvian leaders with Adm. Cy Tanaka.")
    assert telling_sentence(ArticleContext(two, dt.date(2024, 5, 8)), ["Ann Lee", "Bo Kim"]) is None


def test_an_office_said_after_a_full_name_through_its_possessive_is_its_title() -> None:
    """ "X following his appointment as Foreign Secretary": the title; "as Prime Minister of Spain":
    the title and the country; a lone surname, or no possessive, gives none."""
    met = "In May I went to London to meet with David Lammy following his appointment as Foreign Secretary."
    assert written_office(met, "David Lammy") == ("Foreign Secretary", None)
    spain = "We met Ann Lee soon after her election as Prime Minister of Spain."
    assert written_office(spain, "Ann Lee") == ("Prime Minister", "Spain")
    assert written_office("We met Lee soon after her election as Prime Minister.", "Lee") == (None, None)
    assert written_office("We met Ann Lee as soon as we landed.", "Ann Lee") == (None, None)


def test_an_office_subject_with_its_country_s_abbreviation_is_its_holder_s() -> None:
    # "The U.S. defense secretary also met ...": the one the article titles Defense Secretary, not
    # the other titled person of the article.
    text = (
        "U.S. Defense Secretary Ann Lee met Prime Minister Bo Kim of Singapore today.\n"
        "The U.S. defense secretary also met with Australian Minister of Defense Cy Ode.\n"
    )
    article = ArticleContext(text)
    lee = principal_meetings(article, "Ann Lee", ["Ann Lee", "Bo Kim"], [(0, text.index("\n"))])
    assert [c.name for m in lee for c in m.counterparts] == ["Cy Ode"]
    # Read for another subject, the meeting is still the holder's.
    kim = principal_meetings(article, "Bo Kim", ["Ann Lee", "Bo Kim"], [(0, text.index("\n"))])
    assert [m.subject for m in kim] == ["Ann Lee"]


def test_an_opening_meeting_clause_without_its_comma_before_she() -> None:
    text = (
        "Secretary of State Ann Lee arrived in Seoul on Friday.\n"
        "During a meeting with Foreign Minister Bo Kim she thanked Seoul for its help.\n"
    )
    found = principal_meetings(ArticleContext(text), "Ann Lee", ["Ann Lee"], [])
    assert [c.name for m in found for c in m.counterparts] == ["Bo Kim"]


def test_a_summit_held_on_a_day_with_someone_is_a_meeting_with_them_once() -> None:
    """ "held a summit on November 11 with X": the day between the summit and whom it was with; "UN
    Secretary-General Ban Ki-moon" (a hyphened title a run carries along) is one person met, not two."""
    text = (
        "President Ann Lee held a summit on November 11 with Prime Minister of the United Kingdom, Cy "
        "Tanaka, at the Blue House. President Ann Lee held talks with UN Secretary-General Ban Ki-moon on "
        "November 10. President Lee also asked Secretary-General Ban to play a leading role."
    )
    found = principal_meetings(ArticleContext(text, dt.date(2010, 12, 1)), "Ann Lee", [], [])
    assert [[c.name for c in m.counterparts] for m in found] == [["Cy Tanaka"], ["Ban Ki-moon"]]
    # Attending a summit with someone is no meeting with them.
    attended = "President Ann Lee attended the summit in Seoul with Prime Minister Cy Tanaka."
    assert principal_meetings(ArticleContext(attended, dt.date(2010, 12, 1)), "Ann Lee", [], []) == []


def test_whom_another_act_of_the_subject_takes_in_is_not_met() -> None:
    """ "met with X and took aboard his ambassador Y": Y is not met; "and signed an agreement with Y"
    is an act with Y, read as a meeting as before."""
    text = (
        "President Ann Lee flew to Harare on Wednesday. There she met with opposition leader Bo Kim "
        "and took aboard her ambassador to Zimbabwe, Cy Tanaka."
    )
    found = principal_meetings(ArticleContext(text), "Ann Lee", [], [])
    assert [[c.name for c in m.counterparts] for m in found] == [["Bo Kim"]]
    signed = (
        "President Ann Lee met with Prime Minister Bo Kim and signed an agreement with President Cy Tanaka."
    )
    found = principal_meetings(ArticleContext(signed), "Ann Lee", [], [])
    assert sorted(c.name for m in found for c in m.counterparts) == ["Bo Kim", "Cy Tanaka"]


def test_one_more_person_met_before_a_possessed_meeting_noun_opens_no_clause() -> None:
    """ "... is meeting with A and Prime Minister B ahead of his talks with C": "and" adds B to those
    met; "his talks" is no verb of a clause B would be the subject of."""
    text = (
        "Secretary of State Ann Lee arrived in London on Friday. Lee is meeting with Foreign Minister "
        "Bo Kim and Prime Minister Cy Tanaka ahead of his talks with the Russian foreign minister."
    )
    found = principal_meetings(ArticleContext(text), "Ann Lee", [], [])
    assert sorted(c.name for m in found for c in m.counterparts) == ["Bo Kim", "Cy Tanaka"]
    assert len(meeting_clauses(ArticleContext(text))) == 2  # two sentences, neither cut


def test_a_square_bracketed_note_is_no_part_of_an_office_set_off() -> None:
    """A readout's list line: "Andrzej Duda, President of Poland [in person]"."""
    assert apposition("- Andrzej Duda, President of Poland [in person]", "Andrzej Duda") == (
        "President",
        "Poland",
    )
    line = "- Sheikh Mohammed bin Zayed al Nahyan, President of the United Arab Emirates [phone call]"
    assert apposition(line, "Mohammed bin Zayed al Nahyan") == ("President", "United Arab Emirates")


def test_the_sentence_that_tells_one_pair_of_several_after_between_tells_theirs() -> None:
    """A headline-cited call: the sentence naming the pair after "between", beside another pair
    and the people it was told to, is the one that tells it."""
    text = (
        "Telephone Talks\n\n"
        "Minister Cy Park briefed Secretary Di Wu on the telephone talks on November 24 between "
        "Prime Minister Ann Lee and President Bo Kim as well as between Minister Cy Park and "
        "Minister Ed Moss.\n"
    )
    article = ArticleContext(text)
    found = telling_sentence(article, ["Ann Lee", "Bo Kim"])
    assert found is not None and text[found[0] : found[1]].startswith("Minister Cy Park briefed")
    assert telling_sentence(article, ["Ann Lee", "Ed Moss"]) is None
