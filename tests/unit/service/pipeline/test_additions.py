"""service.pipeline.additions: another meeting of a found pair is an event of its own, with evidence."""

from __future__ import annotations

import datetime as dt

import pytest

from grounding.article import ArticleContext
from schemas.events import Evidence, Location, MeetingEvent, Participant
from service.pipeline import additions
from service.pipeline.step import NoteBook

TEXT = (
    "The Prime Minister spoke to the President of Türkiye, Recep Tayyip Erdoğan, today by phone. "
    "They discussed food security. "
    "They looked forward to continuing their discussions in Madrid next week."
)


def _call() -> MeetingEvent:
    quote = TEXT[: TEXT.index(" They")]
    return MeetingEvent(
        participants=[
            Participant(name="Boris Johnson", title="Prime Minister", country="United Kingdom"),
            Participant(name="Recep Tayyip Erdoğan", title="President", country="Turkey"),
        ],
        date=dt.date(2022, 6, 20),
        date_text="today",
        location=Location(),
        format="phone",
        status="occurred",
        mode="phone",
        evidence=[Evidence(quote=quote, start=0, end=len(quote), match="exact", grounded=True)],
    )


def _run(
    step: str, events: list[MeetingEvent], article: ArticleContext, warnings: list[str]
) -> list[MeetingEvent]:
    body = {
        "missing_subjects": additions.add_missing_subjects,
        "other_occasions": additions.add_other_occasions,
        "principal_meetings": additions.add_principal_meetings,
    }[step]
    book = NoteBook(step)
    out = body(events, article, book)
    warnings += [n.message for n in book.notes]
    assert all(n.step == step and n.span is not None for n in book.notes)
    return out


def add_other_occasions(
    events: list[MeetingEvent], article: ArticleContext, warnings: list[str]
) -> tuple[list[MeetingEvent], int]:
    out = _run("other_occasions", events, article, warnings)
    return out, len(out) - len(events)


def add_principal_meetings(
    events: list[MeetingEvent], article: ArticleContext, warnings: list[str]
) -> tuple[list[MeetingEvent], int]:
    out = _run("principal_meetings", events, article, warnings)
    return out, len(out) - len(events)


def add_missing_subjects(
    events: list[MeetingEvent], article: ArticleContext, warnings: list[str]
) -> list[MeetingEvent]:
    return _run("missing_subjects", events, article, warnings)


def test_a_planned_meeting_of_the_pair_is_added_with_its_own_time_place_and_evidence() -> None:
    warnings: list[str] = []
    article = ArticleContext(TEXT, dt.date(2022, 6, 20))
    events, added = add_other_occasions([_call()], article, warnings)
    assert added == 1 and len(events) == 2
    later = events[1]
    assert [p.name for p in later.participants] == ["Boris Johnson", "Recep Tayyip Erdoğan"]
    assert (later.status, later.format, later.date, later.date_text) == (
        "planned",
        "in_person",
        None,
        "next week",
    )
    assert later.location.city == "Madrid" and later.location.country is None  # Spain is not named
    assert later.mode == "third_party"
    ev = later.evidence[0]
    assert (
        ev.grounded
        and TEXT[ev.start : ev.end]
        == "They looked forward to continuing their discussions in Madrid next week."
    )
    assert "added a planned meeting of Boris Johnson and Recep Tayyip Erdoğan" in warnings[0]
    assert events[0] == _call()  # the answer's own event is untouched


def test_nothing_is_added_without_another_occasion() -> None:
    text = TEXT[: TEXT.index(" They looked")]
    events, added = add_other_occasions([_call()], ArticleContext(text, dt.date(2022, 6, 20)), [])
    assert (added, len(events)) == (0, 1)


PUTIN = (
    "December 24, 2012, New Delhi\n"
    "Vladimir Putin and Prime Minister of India Manmohan Singh held talks.\n"
    "The Russian leader also met with President of India Pranab Mukherjee.\n"
    "Prime Minister Boris Johnson met President Trump at Downing Street.\n"
)


def _talks() -> MeetingEvent:
    start = PUTIN.index("Vladimir")
    quote = PUTIN[start : PUTIN.index("\nThe Russian")]
    return MeetingEvent(
        participants=[
            Participant(name="Vladimir Putin", title="President", country="Russia"),
            Participant(name="Manmohan Singh", title="Prime Minister", country="India"),
        ],
        date=dt.date(2012, 12, 24),
        date_text="December 24, 2012",
        location=Location(city="New Delhi", country="India"),
        format="in_person",
        status="occurred",
        mode="visit",
        evidence=[Evidence(quote=quote, start=start, end=start + len(quote), match="exact", grounded=True)],
    )


def test_the_principals_other_meeting_takes_the_day_and_place_of_the_talks() -> None:
    warnings: list[str] = []
    events, added = add_principal_meetings([_talks()], ArticleContext(PUTIN, dt.date(2012, 12, 24)), warnings)
    assert added == 2
    new = events[1]
    # Johnson meeting Trump is a meeting too, but Johnson's, not Putin's.
    assert [p.name for p in events[2].participants] == ["Boris Johnson", "Trump"]
    assert (events[2].participants[0].title, events[2].host) == ("Prime Minister", None)
    assert [(p.name, p.title, p.country) for p in new.participants] == [
        ("Vladimir Putin", "President", "Russia"),
        ("Pranab Mukherjee", "President", "India"),
    ]
    assert (str(new.date), new.location.city, new.status, new.mode) == (
        "2012-12-24",
        "New Delhi",
        "occurred",
        "visit",
    )
    assert new.host == "Pranab Mukherjee"  # the visit is held in India: its Indian side hosts it
    assert new.evidence[0].quote == "The Russian leader also met with President of India Pranab Mukherjee."
    assert "added a occurred meeting of Vladimir Putin with Pranab Mukherjee" in warnings[0]


def test_with_no_event_the_issuing_principal_is_who_meets() -> None:
    text = (
        "Downing Street readout\nThe Prime Minister will travel to Ottawa on Sunday.\n"
        "He will meet with Prime Minister Justin Trudeau of Canada on Monday.\n"
    )
    events, added = add_principal_meetings([], ArticleContext(text, dt.date(2023, 5, 4)), [])
    assert added == 1
    (meeting,) = events
    assert [(p.name, p.country) for p in meeting.participants] == [
        ("Rishi Sunak", "United Kingdom"),
        ("Justin Trudeau", "Canada"),
    ]
    assert (meeting.status, meeting.date_text, str(meeting.date)) == ("planned", "on Monday", "2023-05-08")


def test_the_same_pair_met_again_elsewhere_on_another_day_is_another_meeting() -> None:
    text = (
        "Written answers\nOn 8 July the Taoiseach welcomed the Chancellor of Austria, Ann Lee, to Dublin.\n"
        "The Taoiseach also met with Chancellor Lee on 20 September in Salzburg.\n"
    )
    events, added = add_principal_meetings([], ArticleContext(text, dt.date(2018, 9, 26)), [])
    assert added == 2
    assert [(p.name, p.title) for p in events[0].participants] == [
        ("Leo Varadkar", "Taoiseach"),
        ("Ann Lee", "Chancellor"),
    ]
    assert [(str(e.date), e.location.city) for e in events] == [
        ("2018-07-08", "Dublin"),
        ("2018-09-20", "Salzburg"),
    ]


def test_a_sentence_telling_the_pair_s_earlier_meeting_is_another_meeting() -> None:
    """ "Lee had previously met Kim on the sidelines of the G20 in New Delhi": an earlier occasion,
    never the meeting the lead reports (its place is not the lead's)."""
    text = (
        "Samarkand, April 13 : Foreign Minister Ann Lee on Thursday held talks with his Chinese "
        "counterpart Bo Kim in Uzbekistan's Samarkand.\n"
        "Lee had previously met Bo Kim on the sidelines of the G20 meeting in New Delhi this March.\n"
    )
    events, added = add_principal_meetings([], ArticleContext(text, dt.date(2023, 4, 13)), [])
    assert added == 2
    assert [(e.location.city, str(e.date)) for e in events] == [
        ("Samarkand", "2023-04-13"),
        ("New Delhi", "None"),
    ]


def test_the_following_morning_of_a_programme_is_the_next_day() -> None:
    text = (
        "Downing Street readout\nThe Prime Minister will travel to Ottawa on Sunday.\n"
        "The following morning, he will meet with Prime Minister Justin Trudeau of Canada.\n"
    )
    events, _added = add_principal_meetings([], ArticleContext(text, dt.date(2023, 5, 4)), [])
    (meeting,) = events
    assert (meeting.date_text, str(meeting.date)) == ("The following morning", "2023-05-08")


def test_an_added_meeting_has_the_topics_its_own_sentence_names() -> None:
    # The answer's topic step ran before the meeting was added: its sentence is read for topics
    # as an answered event's are, each with its note.
    text = (
        "Downing Street readout\nThe Prime Minister will travel to Ottawa on Sunday.\n"
        "He will meet with Prime Minister Justin Trudeau of Canada on Monday to discuss trade and "
        "energy security.\n"
    )
    warnings: list[str] = []
    events, added = add_principal_meetings([], ArticleContext(text, dt.date(2023, 5, 4)), warnings)
    assert added == 1
    (meeting,) = events
    assert meeting.topics == ["trade", "energy", "security"]
    assert sum("topic 'trade'" in w for w in warnings) == 1
    assert len({(e.start, e.end) for e in meeting.evidence}) == len(meeting.evidence) == 1


def _event(text: str, quote: str, names: list[str], meeting_format: str = "in_person") -> MeetingEvent:
    start = text.index(quote)
    return MeetingEvent(
        participants=[Participant(name=n, title=None, country=None) for n in names],
        format=meeting_format,  # type: ignore[arg-type]
        status="occurred",
        mode="phone" if meeting_format == "phone" else "visit",
        evidence=[Evidence(quote=quote, start=start, end=start + len(quote), match="exact", grounded=True)],
    )


def _after_first(text: str, names: list[str], published: dt.date) -> tuple[list[MeetingEvent], int]:
    """`principal_meetings` on an answer of one event, `names` met in the text's second line."""
    first = _event(text, text.splitlines()[1], names)
    return add_principal_meetings([first], ArticleContext(text, published), [])


def test_the_caller_left_out_of_a_call_is_put_back() -> None:
    text = (
        "Telephone conversation with Angela Merkel and Francois Hollande\n"
        "Vladimir Putin had a telephone conversation with Federal Chancellor of Germany Angela Merkel "
        "and President of France Francois Hollande.\n"
    )
    quote = text.splitlines()[1]
    warnings: list[str] = []
    (call,) = add_missing_subjects(
        [_event(text, quote, ["Angela Merkel", "Francois Hollande"], "phone")],
        ArticleContext(text, dt.date(2015, 2, 10)),
        warnings,
    )
    assert [p.name for p in call.participants] == ["Vladimir Putin", "Angela Merkel", "Francois Hollande"]
    assert "Vladimir Putin added" in warnings[0]
    # The person put back is read as every participant is: Russia's, of an office he holds
    # (offices.yaml), with a note that says so.
    assert call.participants[0].country == "Russia"
    assert any(w.startswith("Vladimir Putin: country 'Russia'") for w in warnings)


def test_the_principal_left_out_of_listed_engagements_meets_each_of_them() -> None:
    text = (
        "Statement from White House Press Secretary on President Biden’s Upcoming Travel\n"
        "President Biden will first travel to London, United Kingdom for engagements with King Charles III "
        "and Prime Minister Rishi Sunak.\nThe President will then travel to Vilnius.\n"
    )
    headline = text.splitlines()[0]
    events = add_missing_subjects(
        [_event(text, headline, ["Charles III", "Rishi Sunak"])],
        ArticleContext(text, dt.date(2023, 7, 2)),
        [],
    )
    assert [[p.name for p in e.participants] for e in events] == [
        ["Joe Biden", "Charles III"],
        ["Joe Biden", "Rishi Sunak"],
    ]
    # The model called it a meeting that occurred; the sentence says "will".
    assert {e.status for e in events} == {"planned"}


def test_everyone_at_a_meeting_said_to_be_held_together_is_in_it() -> None:
    text = (
        "Secretary Rice Travels to Paris\n"
        "Secretary Rice was in Paris for a donors' conference. While in Paris, she took part in the Quartet "
        "Ministers' meeting with Russian Foreign Minister Sergei Lavrov, Portuguese Foreign Minister "
        "Luis Amado and Quartet Representative Tony Blair.\n"
    )
    quote = text.splitlines()[1]
    warnings: list[str] = []
    (event,) = add_missing_subjects(
        [_event(text, quote, ["Sergei Lavrov", "Tony Blair"])],
        ArticleContext(text, dt.date(2007, 12, 18)),
        warnings,
    )
    # The subject put back, and the member the answer left out: one meeting, not three.
    assert [p.name for p in event.participants] == ["Rice", "Sergei Lavrov", "Tony Blair", "Luis Amado"]
    assert event.mode == "multilateral"
    assert event.participants[3].country == "Portugal"
    assert any(
        w.startswith("event 1: Luis Amado added, whom the sentence says met together") for w in warnings
    )


def test_a_meeting_between_two_people_the_answer_left_out_is_added() -> None:
    text = (
        "Putin holds Security Council meeting\n"
        "Vladimir Putin held a meeting with permanent members of the Security Council.\n"
        "The situation on the Korean Peninsula was discussed, in the context of the telephone "
        "conversation between Vladimir Putin and US President Donald Trump on December 14.\n"
    )
    article = ArticleContext(text, dt.date(2017, 12, 15))
    warnings: list[str] = []
    events, added = add_principal_meetings([], article, warnings)
    assert added == 1
    (call,) = events
    assert [p.name for p in call.participants] == ["Vladimir Putin", "Donald Trump"]
    assert (call.format, call.status, call.date) == ("phone", "occurred", dt.date(2017, 12, 14))
    assert call.participants[1].country == "United States"
    assert call.evidence[0].quote.startswith("The situation on the Korean Peninsula")
    # The pair's meeting answered already: nothing to add.
    answered = _event(text, text.splitlines()[2], ["Vladimir Putin", "Donald Trump"], "phone")
    assert add_principal_meetings([answered], article, [])[1] == 0
    # Told in passing, with no day of its own: not on the day of the subject's other meeting.
    undated = text.replace(" on December 14", "")
    article = ArticleContext(undated, dt.date(2017, 12, 15))
    other = _event(undated, undated.splitlines()[1], ["Vladimir Putin", "Sergei Lavrov"])
    other = other.model_copy(update={"date": dt.date(2017, 12, 15)})
    events, added = add_principal_meetings([other], article, [])
    assert added == 1
    assert [e.date for e in events if e.participants[1].name == "Donald Trump"] == [None]


def test_an_office_subject_is_the_one_person_the_article_titles_so() -> None:
    text = (
        "Secretary Rice: Travel to Paris\n"
        "Secretary Rice was in Paris for a donors' conference. While in Paris, she met with "
        "United Nations Secretary-General Ban Ki-moon.\n"
        "The Secretary also met with Norwegian Foreign Minister Jonas Stoere.\n"
    )
    article = ArticleContext(text, dt.date(2007, 12, 18))
    # The answer's only event names Ban Ki-moon first, so he is its principal; "The Secretary" is
    # still Rice, the one person the article titles "Secretary" (Ban is a Secretary-General).
    ban = _event(text, text.splitlines()[1].split(". ")[1], ["Ban Ki-moon", "Rice"])
    events, added = add_principal_meetings([ban], article, [])
    assert added == 1
    assert [p.name for p in events[-1].participants] == ["Rice", "Jonas Stoere"]
    assert events[-1].participants[1].country == "Norway"


def test_an_event_with_its_subject_is_left_alone() -> None:
    text = "Prime Minister Lapid spoke with President Abbas on Monday.\n"
    event = _event(text, text.strip(), ["Lapid", "Abbas"])
    assert add_missing_subjects([event], ArticleContext(text, dt.date(2022, 7, 13)), []) == [event]


def test_a_meeting_whose_subject_is_the_office_is_the_office_holders() -> None:
    # The answer's events are mostly Lapid's, but "The President will then meet" is the President's.
    text = (
        "Background Press Call Previewing Day Two of the President’s Trip\n"
        "SENIOR ADMINISTRATION OFFICIAL: Prime Minister Yair Lapid spoke with President Abbas.\n"
        "Prime Minister Yair Lapid met President Isaac Herzog last year.\n"
        "The President will then meet with Prime Minister Benjamin Netanyahu tomorrow.\n"
    )
    abbas = _event(text, "Prime Minister Yair Lapid spoke with President Abbas.", ["Yair Lapid", "Abbas"])
    herzog = _event(
        text,
        "Prime Minister Yair Lapid met President Isaac Herzog last year.",
        ["Yair Lapid", "Isaac Herzog"],
    )
    events, added = add_principal_meetings([abbas, herzog], ArticleContext(text, dt.date(2022, 7, 13)), [])
    assert added == 1
    assert [p.name for p in events[-1].participants] == ["Joe Biden", "Benjamin Netanyahu"]


def test_someone_else_s_meeting_in_news_copy_is_added_as_theirs() -> None:
    text = (
        "TOKYO, May 2 (Agency) - Japanese Prime Minister Ann Lee met Chinese President Bo Kim on Monday.\n"
        "Separately, Japanese Foreign Minister Taro Kono met his Chinese counterpart Wang Yi in Tokyo."
    )
    article = ArticleContext(text, dt.date(2025, 5, 2))
    talks = MeetingEvent(
        participants=[
            Participant(name="Ann Lee", title="Prime Minister", country="Japan"),
            Participant(name="Bo Kim", title="President", country="China"),
        ],
        date=dt.date(2025, 4, 28),
        date_text="on Monday",
        location=Location(city="Tokyo", country="Japan"),
        format="in_person",
        status="occurred",
        mode="visit",
        evidence=[
            Evidence(quote=text.split("\n")[0], start=0, end=text.index("\n"), match="exact", grounded=True)
        ],
    )
    book = NoteBook("principal_meetings")
    events = additions.add_principal_meetings([talks], article, book)
    assert len(events) == 2
    added = events[1]
    assert [(p.name, p.title, p.country) for p in added.participants] == [
        ("Taro Kono", "Foreign Minister", "Japan"),
        # "his Chinese counterpart" gives a country, no office; Wang Yi, named in full on a day he is
        # China's Foreign Minister, holds that office (offices.yaml).
        ("Wang Yi", "Foreign Minister", "China"),
    ]
    assert (added.location.city, added.host) == ("Tokyo", "Taro Kono")
    assert [n.code for n in book.notes] == ["event_added_principal_meeting", "title_from_office"]


def test_a_sentence_found_again_for_another_subject_is_not_added_twice() -> None:
    # A travel announcement (dev) names several titled people; each may be a subject whose search
    # finds the Secretary's meetings again. The sentence is the evidence once.
    from pathlib import Path

    from evals.cases import load_cases

    (case,) = [
        c for c in load_cases(Path("evals/gold/dev")) if c.case == "dev_a06_state_clinton_travel_seoul_tokyo"
    ]
    warnings: list[str] = []
    events, added = add_principal_meetings([], ArticleContext(case.text, case.published), warnings)
    assert added >= 2
    for event in events:
        spans = [(e.start, e.end) for e in event.evidence]
        assert len(spans) == len(set(spans))


PRONOUN_TEXT = (
    "Foreign Minister Ana Silva arrived in Geneva on Monday.\n"
    "Silva had her first meeting there with Secretary of State Tom Reed.\n"
    "She also met Foreign Minister Jan Novak and Foreign Minister Leo Berg on Tuesday.\n"
)


def test_a_pronoun_subject_is_the_person_the_sentence_before_names_first() -> None:
    # The model took the person met the sentence before (Reed) for "She": the sentence never
    # names him, and its "She" is Silva.
    quote = PRONOUN_TEXT.splitlines()[2]
    warnings: list[str] = []
    events = add_missing_subjects(
        [_event(PRONOUN_TEXT, quote, ["Tom Reed", "Jan Novak", "Leo Berg"])],
        ArticleContext(PRONOUN_TEXT, dt.date(2024, 3, 5)),
        warnings,
    )
    assert [[p.name for p in e.participants] for e in events] == [
        ["Ana Silva", "Jan Novak"],
        ["Ana Silva", "Leo Berg"],
    ]
    assert "Tom Reed replaced by Ana Silva" in warnings[0]
    assert "split into 2 meetings" in warnings[1]
    # The replaced person's title is read where the article writes it.
    assert events[0].participants[0].title == "Foreign Minister"


def test_the_pronoun_s_own_person_is_left_in_place() -> None:
    quote = PRONOUN_TEXT.splitlines()[2]
    event = _event(PRONOUN_TEXT, quote, ["Ana Silva", "Jan Novak"])
    assert add_missing_subjects([event], ArticleContext(PRONOUN_TEXT, dt.date(2024, 3, 5)), []) == [event]


def test_a_stray_person_stays_when_the_sentence_s_subject_cannot_be_read() -> None:
    # "They" is nobody in particular: nothing is replaced.
    text = "They also met Foreign Minister Jan Novak on Tuesday.\n"
    event = _event(text, text.strip(), ["Tom Reed", "Jan Novak"])
    assert add_missing_subjects([event], ArticleContext(text, dt.date(2024, 3, 5)), []) == [event]


def test_a_pronoun_s_meeting_is_added_for_whom_it_refers_to_not_the_principal() -> None:
    text = (
        "President Leo Berg met Prime Minister Jonas Lund in Oslo on Monday. "
        "Berg also met King Harald V on Monday. "
        "Foreign Minister Ana Silva flew to Oslo for talks with Secretary Tom Reed. "
        "She also met Defence Minister Eva Roth."
    )
    article = ArticleContext(text, dt.date(2024, 3, 5))
    first = "President Leo Berg met Prime Minister Jonas Lund in Oslo on Monday."
    second = "Berg also met King Harald V on Monday."
    found = [_event(text, first, ["Leo Berg", "Jonas Lund"]), _event(text, second, ["Leo Berg", "Harald V"])]
    events, _ = add_principal_meetings(found, article, [])
    pairs = [[p.name for p in e.participants] for e in events]
    assert ["Ana Silva", "Eva Roth"] in pairs
    assert ["Leo Berg", "Eva Roth"] not in pairs


def test_separate_meetings_in_a_cited_sentence_are_each_added() -> None:
    text = (
        "Defense Secretary Tom Reed arrived in Singapore on Friday. "
        "Today, Reed held separate meetings with Korean Minister of Defense Jan Kim and "
        "Philippine Secretary of National Defense Leo Cruz, his spokesman said."
    )
    quote = text[text.index("Today") :]
    found = [_event(text, quote, ["Tom Reed", "Jan Kim"])]
    events, added = add_principal_meetings(found, ArticleContext(text, dt.date(2024, 6, 1)), [])
    assert added == 1
    assert [p.name for p in events[-1].participants] == ["Tom Reed", "Leo Cruz"]


@pytest.mark.parametrize(
    ("meetings", "added_pairs"),
    [
        # People met one after another, the answer pairing only the first: the others are added
        # (fourteenth session; until then such a cited sentence was answered already).
        ("held meetings with", 1),
        # Met together, or named as members of a group: the answer's reading stands.
        ("held a joint meeting together with", 0),
        ("met members of the delegation, including", 0),
    ],
)
def test_a_cited_sentence_is_answered_already_unless_it_lists_people_met_one_after_another(
    meetings: str, added_pairs: int
) -> None:
    text = (
        "Defense Secretary Tom Reed arrived in Singapore on Friday. "
        f"Today, Reed {meetings} Korean Minister of Defense Jan Kim and "
        "Philippine Secretary of National Defense Leo Cruz, his spokesman said."
    )
    quote = text[text.index("Today") :]
    found = [_event(text, quote, ["Tom Reed", "Jan Kim"])]
    events, added = add_principal_meetings(found, ArticleContext(text, dt.date(2024, 6, 1)), [])
    assert added == added_pairs
    if added:
        assert [p.name for p in events[-1].participants] == ["Tom Reed", "Leo Cruz"]


def test_the_speaker_s_own_meeting_is_added_where_the_article_says_who_speaks() -> None:
    text = (
        "Official Engagements\n"
        "Tom Reed (Dublin North, Labour)\n"
        "12. To ask the Minister the number of times he has met his British counterpart.\n"
        "Ann Lee (Cork East, Fine Gael)\n"
        "I have met my British counterpart twice.\n"
        "I met bilaterally with Foreign Secretary Leo Berg in London in June 2023.\n"
    )
    events, added = add_principal_meetings([], ArticleContext(text, dt.date(2024, 6, 27)), [])
    assert added == 1
    assert [p.name for p in events[0].participants] == ["Ann Lee", "Leo Berg"]
    # Nobody says who "I" is: nothing is added.
    anonymous = text.replace("Ann Lee (Cork East, Fine Gael)\n", "Written answers\n")
    _, added = add_principal_meetings([], ArticleContext(anonymous, dt.date(2024, 6, 27)), [])
    assert added == 0


def test_a_counterpart_titled_by_apposition_after_meetings_including_with() -> None:
    text = (
        "Ann Lee (Cork East, Fine Gael)\n"
        "I attended the conference and had a number of bilateral meetings including with Eva Roth, "
        "President of Moldova and Leo Berg, Foreign Minister of Norway.\n"
    )
    events, added = add_principal_meetings([], ArticleContext(text, dt.date(2025, 6, 10)), [])
    assert added == 2
    assert [[p.name for p in e.participants] for e in events] == [
        ["Ann Lee", "Eva Roth"],
        ["Ann Lee", "Leo Berg"],
    ]
    assert (events[0].participants[1].title, events[0].participants[1].country) == ("President", "Moldova")


def _held_on_monday(quote: str, *names: str) -> MeetingEvent:
    """An answered meeting of `names` on Monday 6 May 2024, citing `quote` at the article's start."""
    return MeetingEvent(
        participants=[Participant(name=n) for n in names],
        date=dt.date(2024, 5, 6),
        date_text="on Monday",
        location=Location(),
        format="in_person",
        status="occurred",
        mode="visit",
        evidence=[Evidence(quote=quote, start=0, end=len(quote), match="exact", grounded=True)],
    )


@pytest.mark.parametrize(
    "second",
    [
        "Prime Minister Bo Kim of Japan, who arrived on Sunday, also met Lee.",
        "On Tuesday, Prime Minister Bo Kim of Japan was received by Lee.",
    ],
)
def test_someone_no_event_names_meeting_the_lead_is_added(second: str) -> None:
    first = "President Ann Lee met Foreign Minister Cy Tanaka of India in Paris on Monday."
    text = f"{first} {second}"
    article = ArticleContext(text, dt.date(2024, 5, 6))
    talks = _held_on_monday(first, "Ann Lee", "Cy Tanaka")
    warnings: list[str] = []
    events, added = add_principal_meetings([talks], article, warnings)
    assert added == 1
    assert sorted(p.name for p in events[1].participants) == ["Ann Lee", "Bo Kim"]
    # Someone an event names already, not the lead, is taken for a new subject's counterpart only
    # after "also" ("Kim also met Tanaka": another of the story's meetings).
    text = f"{first} Prime Minister Bo Kim of Japan met Tanaka."
    article = ArticleContext(text, dt.date(2024, 5, 6))
    assert add_principal_meetings([talks], article, [])[1] == 0
    text = f"{first} Prime Minister Bo Kim of Japan also met Tanaka."
    events, added = add_principal_meetings([talks], ArticleContext(text, dt.date(2024, 5, 6)), [])
    assert added == 1
    assert sorted(p.name for p in events[1].participants) == ["Bo Kim", "Cy Tanaka"]


def test_each_of_several_people_met_one_person_and_the_pairs_answered_are_left_alone() -> None:
    text = (
        "Prime Minister Bo Kim, Foreign Minister Cy Tanaka of Japan and Chancellor Di Park each met "
        "President Ann Lee separately on Monday."
    )
    article = ArticleContext(text, dt.date(2024, 5, 6))
    answered = _held_on_monday(text, "Ann Lee", "Bo Kim")
    events, added = add_principal_meetings([answered], article, [])
    assert added == 2
    assert [sorted(p.name for p in e.participants) for e in events[1:]] == [
        ["Ann Lee", "Cy Tanaka"],
        ["Ann Lee", "Di Park"],
    ]


def test_a_rule_adds_no_meeting_with_what_names_no_person() -> None:
    """A headline's capitalised words run on from a name ("... Bo Kim Counterparts Discuss ..."): the
    rule reads them as an answer's participants are read, and says why it left them out."""
    text = (
        "Downing Street readout\nThe Prime Minister will travel to Ottawa on Sunday.\n"
        "He will meet with Defence Minister Bo Kim Counterparts on Monday.\n"
    )
    warnings: list[str] = []
    events, added = add_principal_meetings([], ArticleContext(text, dt.date(2023, 5, 4)), warnings)
    assert (events, added) == ([], 0)
    assert any("'Bo Kim Counterparts' dropped: a relation" in w for w in warnings)


def test_people_an_answer_pairs_where_they_never_meet_are_still_the_principal_s_counterparts() -> None:
    text = (
        "Secretary Ann Lee to travel to Asia\n"
        "Secretary of State Ann Lee will travel to Perth on Monday for a visit with Foreign Minister Smith.\n"
        "In Auckland on Wednesday, Secretary Lee will meet with Prime Minister Clark, Foreign Minister "
        "Peters, and Opposition Leader Key.\n"
    )
    headline = text.splitlines()[0]
    article = ArticleContext(text, dt.date(2024, 5, 6))
    # The model put three of the people met in one event, citing the headline: no paragraph names
    # them together, so the event answers for none of Lee's meetings (`unnamed_people` drops it).
    wrong = _event(text, headline, ["Smith", "Clark", "Peters"])
    warnings: list[str] = []
    out, added = add_principal_meetings([wrong], article, warnings)
    assert added == 3
    met = [sorted(p.name for p in e.participants) for e in out if e is not wrong]
    assert met == [["Ann Lee", "Clark"], ["Ann Lee", "Peters"], ["Ann Lee", "Key"]]
    # An answer's event that names its people where it cites them still answers for them.
    line = text.splitlines()[2]
    cited = _event(text, line, ["Ann Lee", "Clark"])
    out, added = add_principal_meetings([cited], article, [])
    assert added == 2
    assert [sorted(p.name for p in e.participants) for e in out if e is not cited] == [
        ["Ann Lee", "Peters"],
        ["Ann Lee", "Key"],
    ]


def test_people_of_one_country_an_answer_pairs_are_still_the_principal_s_counterparts() -> None:
    """The model put the two Singaporeans the principal met in one event (the `domestic` step drops
    it): it answers for neither, so the principal's meeting with each is added."""
    text = (
        "Ash Carter meets Asia-Pacific defense leaders\n"
        "U.S. Defense Secretary Ash Carter met with several defense leaders today in Singapore.\n"
        "Carter met with Singapore's Prime Minister Lee Hsien Loong and Minister of Defense Ng Eng Hen.\n"
    )
    line = text.splitlines()[2]
    article = ArticleContext(text, dt.date(2015, 5, 30))
    both = _event(text, line, ["Lee Hsien Loong", "Ng Eng Hen"])
    both.participants[0].country = "Singapore"
    both.participants[1].country = "Singapore"
    out, added = add_principal_meetings([both], article, [])
    assert added == 2
    met = [sorted(p.name for p in e.participants) for e in out if e is not both]
    assert met == [["Ash Carter", "Lee Hsien Loong"], ["Ash Carter", "Ng Eng Hen"]]
    # With no country read for one of them, the pair may be a meeting between parties: it stands.
    both.participants[1].country = None
    out, added = add_principal_meetings([both], article, [])
    assert [sorted(p.name for p in e.participants) for e in out if e is not both] == [
        ["Ash Carter", "Lee Hsien Loong"]
    ]


def test_an_added_meeting_in_an_article_with_no_date_takes_the_year_written_before_it() -> None:
    """No publication date: "a summit on November 11" takes the last year the article writes before
    it, as an answered event's date does (note `date_year_from_article`)."""
    text = (
        "Summit Diplomacy\n\nKorea-UK Summit (November 2010)\n"
        "President Ann Lee held a summit on November 11 with Prime Minister of the United Kingdom, Bo Kim, "
        "at the Blue House.\n"
    )
    warnings: list[str] = []
    out, added = add_principal_meetings([], ArticleContext(text, None), warnings)
    assert added == 1
    (event,) = out
    assert (event.date_text, event.date) == ("November 11", dt.date(2010, 11, 11))
    assert any("no publication date, and the article writes 2010 before it" in w for w in warnings)


def test_an_added_meeting_told_undated_then_with_its_day_takes_the_day() -> None:
    """A headline tells the meeting undated, the body with its day: the added event has the day."""
    text = (
        "President Ann Lee receives Foreign Minister of Hungary Bo Kim\n\n"
        "On 12 March, President Lee received Foreign Minister of Hungary Bo Kim in Astana.\n"
    )
    warnings: list[str] = []
    out, added = add_principal_meetings([], ArticleContext(text, dt.date(2024, 5, 8)), warnings)
    assert added == 1
    (event,) = out
    assert (event.date_text, event.date) == ("12 March", dt.date(2024, 3, 12))
    assert len(event.evidence) == 2
    assert any("date phrase '12 March' taken from the sentence that tells" in w for w in warnings)


def test_a_meeting_told_with_its_subjects_possessive_is_added() -> None:
    """ "Lee's meeting with X", "Her talks with X": a possessive before the meeting noun is who met;
    its clause's verb tells whether it is to come; someone else's possessive is not the subject's."""
    text = (
        "Lee in Paris\n"
        "President Ann Lee met Prime Minister Bo Kim in Paris on Monday.\n"
        "Lee's meeting with Chancellor Di Park is scheduled for Wednesday.\n"
        "Her talks with Foreign Minister Cy Tanaka focused on trade.\n"
    )
    out, added = _after_first(text, ["Ann Lee", "Bo Kim"], dt.date(2024, 5, 6))
    assert added == 2
    met = {e.participants[1].name: e for e in out[1:]}
    assert met["Di Park"].status == "planned"
    assert met["Di Park"].date == dt.date(2024, 5, 8)
    assert met["Cy Tanaka"].status == "occurred"
    # Another's meeting, and one the possessive opens a clause before its subject: not Lee's.
    other = text.replace("Lee's meeting with", "Lee condemned Moss's meeting with").replace(
        "Her talks with", "Following Lee's talks with Kim,"
    )
    assert _after_first(other, ["Ann Lee", "Bo Kim"], dt.date(2024, 5, 6))[1] == 0


def test_a_meeting_after_a_relative_clause_of_place_is_placed_there() -> None:
    """ "hosted A in Nairobi ..., before travelling to Kampala, where he met B": B in Kampala."""
    text = (
        "Ruto on tour\n"
        "President William Ruto hosted Prime Minister Abiy Ahmed at State House in Nairobi on Tuesday, "
        "before travelling to Kampala, where he met President Yoweri Museveni.\n"
    )
    out, added = add_principal_meetings([], ArticleContext(text, dt.date(2024, 5, 8)), [])
    assert added == 2
    assert {e.participants[1].name: e.location.city for e in out} == {
        "Abiy Ahmed": "Nairobi",
        "Yoweri Museveni": "Kampala",
    }


_XI = (
    "Xi meets two presidents\n"
    "Chinese President Xi Jinping met with Kazakh President Kassym-Jomart Tokayev in Beijing on Tuesday.\n"
    "On the same day, Xi also received Mongolian President Ukhnaagiin Khurelsukh.\n"
)


@pytest.mark.parametrize(
    ("text", "first", "added"),
    [
        # "Xi also received ...": news names Xi Jinping by the first word of his name.
        (_XI, ["Xi Jinping", "Kassym-Jomart Tokayev"], ["Xi Jinping", "Ukhnaagiin Khurelsukh"]),
        # "Later, the Brazilian president met X": of two presidents, not the one the article says is France's.
        (
            "Macron receives Lula\n"
            "French President Emmanuel Macron received Brazilian President Luiz Inacio Lula da Silva "
            "in Paris on Thursday.\n"
            "Later, the Brazilian president met French Prime Minister Gabriel Attal.\n",
            ["Emmanuel Macron", "Luiz Inacio Lula da Silva"],
            ["Luiz Inacio Lula da Silva", "Gabriel Attal"],
        ),
        # "To Lam also met ...": "To" is the name's, not a preposition making him an object.
        (
            "To Lam in Beijing\n"
            "Vietnamese President To Lam held talks with Chinese President Xi Jinping in Beijing on Monday.\n"
            "To Lam also met Chinese Premier Li Qiang.\n",
            ["To Lam", "Xi Jinping"],
            ["To Lam", "Li Qiang"],
        ),
    ],
)
def test_the_subject_of_a_later_meeting_is_read_from_how_news_names_them(
    text: str, first: list[str], added: list[str]
) -> None:
    out, count = _after_first(text, first, dt.date(2024, 5, 8))
    assert count == 1
    assert [p.name for p in out[-1].participants] == added


def test_a_first_word_two_names_share_names_neither() -> None:
    shared = _XI.replace("Kassym-Jomart Tokayev", "Xi Wenhua").replace("Kazakh", "Singaporean")
    assert _after_first(shared, ["Xi Jinping", "Xi Wenhua"], dt.date(2024, 5, 8))[1] == 0


def test_an_added_meeting_is_dated_by_its_paragraph_not_its_dateline() -> None:
    """ "ISLAMABAD, Pakistan (June 4, 2008) – X met his counterparts here yesterday. Adm. X met A,
    B and C.": the meetings the rules add are of "yesterday", June 3, not the dateline's day."""
    text = (
        "Mullen meets Pakistani leaders\n"
        "ISLAMABAD, Pakistan (June 4, 2008) – The chairman met his Pakistani counterparts here yesterday. "
        "Navy Adm. Mike Mullen met with Chairman Gen. Tariq Majeed and Gen. Ashfaq Parvez Kayani.\n"
    )
    first = _event(text, text.splitlines()[0], ["Mike Mullen", "Elizabeth Colton"])
    events, added = add_principal_meetings([first], ArticleContext(text, dt.date(2008, 6, 4)), [])
    dated = {e.participants[1].name: (e.date_text, e.date) for e in events if e is not first}
    assert added == 2
    assert dated == {
        "Tariq Majeed": ("yesterday", dt.date(2008, 6, 3)),
        "Ashfaq Parvez Kayani": ("yesterday", dt.date(2008, 6, 3)),
    }


def test_the_rank_a_sentence_writes_its_subject_as_names_the_principal() -> None:
    """An answer citing "Also on May 6, the admiral met with Minister Bo Kim" names Ann Lee first
    (the admiral), so the principal's other meeting ("President Cy Tanaka met with Lee") is added."""
    text = (
        "Lee visits Peru\n"
        "Navy Adm. Ann Lee visited Peru May 5 - 7 to meet with Peruvian leaders. On May 6, President Cy "
        "Tanaka met with Lee in Lima. Also on May 6, the admiral met with Minister of Defense Bo Kim.\n"
    )
    answered = _event(
        text, "Also on May 6, the admiral met with Minister of Defense Bo Kim.", ["Ann Lee", "Bo Kim"]
    )
    events, added = add_principal_meetings([answered], ArticleContext(text, dt.date(2024, 5, 8)), [])
    assert added == 1
    assert sorted(p.name for e in events for p in e.participants if p.name != "Ann Lee") == [
        "Bo Kim",
        "Cy Tanaka",
    ]
