"""Meeting cues: the passage an event cites must report a meeting, a call or talks."""

from __future__ import annotations

import pytest

from grounding.rules.cues import (
    call_format,
    has_meeting_cue,
    meeting_date_phrases,
    reports_meeting,
    says_met_together,
    source_only,
    tense_of,
    travel_tense,
    visit_tense,
)
from grounding.text.sentences import paragraph_at


@pytest.mark.parametrize(
    "passage",
    [
        "Secretary Blinken met with Foreign Minister Le Drian in Paris.",
        "The Prime Minister spoke to President Erdoğan yesterday evening.",
        "Prime Minister Kishida held a telephone call with Chancellor Scholz.",
        "The two leaders held talks in the Kremlin.",
        "President Xi received Prime Minister Starmer at the Great Hall of the People.",
        "The leaders discussed the war in Ukraine.",
        "Liz Truss carried out a number of engagements with world leaders.",
        # Verbs of meeting in general English usage (meetings.yaml: reporting_words).
        "King Dan Roe greeted President Bo Kim on the steps of the palace.",
        "The two ministers conferred in Oslo on Tuesday.",
        "Chancellor Cy Park will host President Bo Kim in Berlin next week.",
        "The foreign ministers shook hands before a working lunch.",
        "President Bo Kim consulted Prime Minister Ann Lee on the crisis.",
        # The same words used for a meeting.
        "President Ann Lee called on Prime Minister Bo Kim at his residence in Paris.",
        "President Ann Lee welcomed Prime Minister Bo Kim's delegation to Paris and held talks.",
        "President Ann Lee received Prime Minister Bo Kim and a letter from the King.",
        "President Ann Lee spoke with Prime Minister Bo Kim about the crisis.",
        "President Ann Lee called Prime Minister Bo Kim a day later.",
        "President Ann Lee spoke at length with Prime Minister Bo Kim.",
    ],
)
def test_passages_that_report_a_meeting(passage: str) -> None:
    assert has_meeting_cue(passage)


@pytest.mark.parametrize(
    "passage",
    [
        "Vladimir Putin sent his deep condolences to President of the United States Barack Obama.",
        "Vladimir Putin sent a message of congratulations to Donald Trump on his victory.",
        "Vladimir Putin signed Executive Order appointing Major General Alexander Golovko to this post.",
        "UK Minister for Africa Harriett Baldwin arrived in Harare on 1 February.",
        "Press Conference by Foreign Press Secretary Yasuhisa Kawamura",
        "President Biden Announces Presidential Delegation to Attend the Inauguration of Bola Tinubu",
        "Both leaders will attend the G20 summit in Rio.",
        "A recall of the ambassador was demanded; the metropolitan talkshow was cancelled.",
        # A meeting word used for something else: a demand, a speech, what was said or sent.
        "President Ann Lee called on Prime Minister Bo Kim to release the prisoners.",
        "President Ann Lee spoke about Prime Minister Bo Kim in a speech on Monday.",
        "President Ann Lee spoke to reporters about Prime Minister Bo Kim on Monday.",
        "President Ann Lee discussed Prime Minister Bo Kim's resignation with reporters.",
        "President Ann Lee welcomed Prime Minister Bo Kim's decision to resign.",
        "President Ann Lee received a letter from Prime Minister Bo Kim on Monday.",
        "President Ann Lee met Prime Minister Bo Kim's demands on Monday.",
        "President Ann Lee phoned in to a radio show on Monday to criticise Prime Minister Bo Kim.",
        "President Ann Lee called Prime Minister Bo Kim a liar on Monday.",
        "President Ann Lee spoke after Prime Minister Bo Kim at the conference on Monday.",
        "President Ann Lee and Prime Minister Bo Kim spoke at the same conference on Monday.",
        # Someone else sent to meet; a gathering another hosts; someone's people; a proposal discussed.
        "President Ann Lee sent her foreign minister to meet Prime Minister Bo Kim on Monday.",
        "President Ann Lee will attend a summit hosted by Prime Minister Bo Kim next month.",
        "President Ann Lee phoned the family of Prime Minister Bo Kim on Monday.",
        "President Ann Lee met reporters on Monday to discuss Prime Minister Bo Kim's proposal.",
    ],
)
def test_passages_that_do_not(passage: str) -> None:
    assert not has_meeting_cue(passage)


def test_the_paragraph_is_read_not_the_sentence() -> None:
    # A sentence splitter cuts after "R."; the paragraph still says "met".
    text = "Headline\nPresident Joseph R. Biden met Prime Minister Starmer today.\nNext paragraph."
    start = text.index("President")
    end = start + len("President Joseph R.")
    assert paragraph_at(text, start, end) == "President Joseph R. Biden met Prime Minister Starmer today."
    assert reports_meeting(text, [(start, end)])
    headline = (0, len("Headline"))
    assert paragraph_at(text, *headline) == "Headline"
    assert not reports_meeting(text, [headline])
    last = text.index("Next")
    assert paragraph_at(text, last, last + 4) == "Next paragraph."


def test_any_cited_passage_is_enough_and_quotes_stand_in_for_missing_spans() -> None:
    text = "Putin sent a telegram to Obama.\nThe two presidents spoke by phone on Monday."
    telegram = (0, text.index("\n"))
    call = (text.index("The two"), len(text))
    assert reports_meeting(text, [telegram, call])
    assert not reports_meeting(text, [telegram])
    assert reports_meeting(text, [], ["They met in Rome."])
    assert not reports_meeting(text, [], ["Putin sent a telegram."])
    assert not reports_meeting(text, [])


def test_a_paragraph_naming_two_of_the_participants_reports_their_meeting() -> None:
    # The model cited a sentence of the talks' content; the meeting is reported a paragraph earlier.
    text = (
        "NEW YORK — Lương Cường met with Tajikistani President Emomali Rahmon.\n"
        "President Rahmon expressed his high regard for the partnership.\n"
        "Vladimir Putin sent a telegram to Emomali Rahmon."
    )
    content = (text.index("President Rahmon"), text.index("\nVladimir"))
    assert reports_meeting(text, [content], names=["Luong Cuong", "Emomali Rahmon"])
    # Naming one of them, or two people who never meet in a paragraph with a cue, is not enough.
    assert not reports_meeting(text, [content], names=["Emomali Rahmon"])
    assert not reports_meeting(text, [content], names=["Vladimir Putin", "Emomali Rahmon"])


@pytest.mark.parametrize(
    ("passage", "expected"),
    [
        ("Secretary Blinken’s Call with French Foreign Minister Le Drian", "phone"),
        ("PM call with President Trump: 18 September 2019", "phone"),
        ("Japan-Germany Foreign Ministers’ Telephone Talk", "phone"),
        ("The two presidents spoke by phone on Monday.", "phone"),
        ("The leaders held a video conference on climate.", "video"),
        ("The minister called for a ceasefire and met his counterpart.", None),
        ("They met in Paris.", None),
    ],
)
def test_call_format(passage: str, expected: str | None) -> None:
    assert call_format(passage) == expected


def test_the_cue_must_be_in_a_sentence_the_event_cites_not_elsewhere_in_its_paragraph() -> None:
    text = (
        "UK Minister for Africa Harriett Baldwin arrived in Harare on 1 February. This is the second "
        "UK Ministerial visit to Zimbabwe since 2017.\nFormer president Robert Mugabe ruled for 37 years."
    )
    arrived = (0, text.index(" This is"))
    assert not reports_meeting(text, [arrived], names=["Harriett Baldwin", "Robert Mugabe"])
    visit = (text.index("This is"), text.index("\n"))
    assert reports_meeting(text, [visit])


@pytest.mark.parametrize(
    ("sentence", "tense"),
    [
        ("President Biden will meet President Xi on Monday.", "planned"),
        ("Putin to meet Xi in Beijing", "planned"),
        ("She is expected to hold talks with Prime Minister Modi.", "planned"),
        ("She'll meet separately with Prime Minister Modi.", "planned"),
        ("He’ll hold talks with Kim.", "planned"),
        ("Lee met Kim on Tuesday.", "occurred"),
        ("The two leaders held talks in Paris.", "occurred"),
        ("Kono had a telephone conversation with Cavusoglu.", "occurred"),
        ("The meeting with Lavrov focused on trade.", None),
        ("Floods hit the north.", None),
        # A future word further back in the clause, before taking part in the meeting.
        (
            "Tomorrow, Tom Reed will participate in the third in-person Quad Leaders' meeting with Ann Lee.",
            "planned",
        ),
        ("He is to attend a trilateral meeting with Ann Lee and Bo Kim.", "planned"),
        # A travel verb's present tells a trip to come.
        ("Lee heads to Paris on Thursday for talks with Kim.", "planned"),
        # Not across a comma: the clause with the meeting word is another's.
        ("He will travel to Tokyo, where he met with Ann Lee.", "occurred"),
        # After a meeting noun, its clause's verb: to come; a verb in another clause says nothing.
        ("Lee's meeting with Kim is scheduled for Wednesday.", "planned"),
        ("Her talks with Kim will take place in Paris.", "planned"),
        ("After a meeting with Kim, Lee said a vote is set for June.", None),
    ],
)
def test_the_tense_of_a_meeting_sentence(sentence: str, tense: str | None) -> None:
    assert tense_of(sentence) == tense


@pytest.mark.parametrize(
    ("before", "tense"),
    [
        ("The Secretary will travel to", "planned"),
        ("Secretary Clinton to Travel to", "planned"),  # a headline's infinitive
        ("Anwar will pay an official visit to", "planned"),
        ("Kishida arrived in", "occurred"),
        ("Ruto paid a three-day state visit to", "occurred"),
        ("Lee, who is visiting", None),
    ],
)
def test_the_tense_of_a_trip(before: str, tense: str | None) -> None:
    assert travel_tense(before) == tense


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("The President will start a four-day visit to North Macedonia on Sunday.", "planned"),
        ("Clinton to visit Seoul and Tokyo", "planned"),
        ("Rice will travel to Perth next week for a visit with Foreign Minister Smith.", "planned"),
        ("Rice travelled to Perth for a visit with Foreign Minister Smith.", None),
        ("He visited Paris on Sunday.", None),  # a visit done: no meeting's tense
        ("The leaders discussed trade on Sunday.", None),
    ],
)
def test_a_visit_announced_is_to_come(sentence: str, expected: str | None) -> None:
    assert visit_tense(sentence) == expected


@pytest.mark.parametrize(
    ("passage", "together"),
    [
        ("The three leaders held a trilateral meeting.", True),
        ("They held joint talks in Rome.", True),
        ("Joint talks were held in Rome.", True),
        ("He met Defense Minister Ann Lee and Chief of Staff of the Joint Staff Gen. Bo Kim.", False),
        ("He met Ann Lee, then Bo Kim.", False),
        # A group's members, a group's named meeting: one meeting of all of them.
        ("She met with other members of the delegation, including Ann Lee and Bo Kim.", False),
        ("He will take part in the Quad Leaders’ meeting with Ann Lee and Bo Kim.", True),
        ("He will hold meetings with Ann Lee and Bo Kim.", False),
        # Bilateral meetings, plural, at a summit: one with each.
        ("G7 Summit and Bilateral Summit Meetings: he held talks with Ann Lee and Bo Kim.", False),
        ("At the G7 Summit he held a meeting with Ann Lee, and with Bo Kim, respectively.", False),
    ],
)
def test_a_joint_meeting_not_a_body_called_joint(passage: str, together: bool) -> None:
    assert says_met_together(passage) is together


def test_a_joint_word_naming_the_occasion_says_no_one_met_together() -> None:
    assert says_met_together("A, B and C held a trilateral meeting in Ottawa.")
    assert says_met_together("The three leaders met at the summit together.")
    assert not says_met_together("On the sidelines of the summit, A met B, C and D.")
    assert not says_met_together("At the NATO summit, A met B and C.")
    # A day of the summit is its occasion too.
    assert not says_met_together(
        "On October 22, the first day of the summit, the President held meetings with A and B."
    )
    # An occasion attended: "to attend the G7 Summit, held informal talks with A, talks with B".
    assert not says_met_together("Kishida, visiting Apulia to attend the G7 Summit, held talks with A and B.")
    # A count of the parties names the meeting of them all, even as its occasion, unless other
    # meetings stand on its sidelines.
    assert says_met_together("Lee will host Kim and Park at a three-way summit in Paris.")
    assert not says_met_together("On the sidelines of the trilateral summit, Lee met Kim and Park.")


@pytest.mark.parametrize(
    ("sentence", "phrases"),
    [
        ("Lee, who arrived on Sunday, met Kim on Monday.", ["on Monday"]),
        ("Lee met Kim, who had flown in on Friday, in Paris on Monday.", ["on Monday"]),
        # The clause tells the meeting itself, or no other phrase is left: kept.
        ("Lee, who met Kim on Monday, said trade mattered.", ["on Monday"]),
        ("Lee, who arrived on Sunday, met Kim.", ["on Sunday"]),
        ("Lee met Kim on Monday after arriving on Sunday.", ["on Monday", "on Sunday"]),
    ],
)
def test_a_day_in_a_relative_clause_of_another_act_is_not_the_meeting_s(
    sentence: str, phrases: list[str]
) -> None:
    assert meeting_date_phrases(sentence) == phrases


@pytest.mark.parametrize(
    ("passage", "phrases"),
    [
        ("Lee arrived in Paris on Thursday and met Kim on Friday.", ["on Friday", "on Thursday"]),
        ("On Sunday, Lee arrived in Paris and on Monday met Kim.", ["on Monday", "On Sunday"]),
        ("Lee flew home on Thursday after meeting Kim on Wednesday.", ["on Wednesday", "on Thursday"]),
        ("Lee arrived on Sunday. On Monday she held talks with Kim.", ["On Monday", "on Sunday"]),
        # Both clauses, or neither, tell a meeting: the passage's order stands.
        ("Lee met Kim on Monday and Park on Tuesday.", ["on Monday", "on Tuesday"]),
        ("Lee met Kim on Monday before talks with Park on Tuesday.", ["on Monday", "on Tuesday"]),
        ("Lee arrived on Sunday and left on Tuesday.", ["on Sunday", "on Tuesday"]),
    ],
)
def test_a_day_in_the_clause_that_tells_the_meeting_goes_first(passage: str, phrases: list[str]) -> None:
    assert meeting_date_phrases(passage) == phrases


@pytest.mark.parametrize(
    ("sentence", "source"),
    [
        ("Official Ann Lee is quoted by Xinhua as saying General Bo Kim will meet with Cy Ode.", True),
        ("Ann Lee said Bo Kim met Cy Ode on Monday.", True),
        ("Ann Lee, a ministry spokeswoman, told reporters that Bo Kim will meet Cy Ode.", True),
        # The reporter who is also a party, or a statement of no meeting: not only the source.
        ("Ann Lee said she met Cy Ode. Later Ann Lee met Bo Kim.", False),
        ("Ann Lee said the economy is growing.", False),
        ("Ann Lee met Cy Ode on Monday.", False),
        ("Ann Lee said that she met Cy Ode on Monday.", False),
    ],
)
def test_a_person_written_only_as_the_source_of_a_reported_meeting(sentence: str, source: bool) -> None:
    assert source_only(sentence, "Ann Lee") is source
