"""grounding.counterparts: sentences reporting the principal meeting titled people no event names."""

from __future__ import annotations

from grounding.counterparts import principal_meetings

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
    meetings = principal_meetings(TEXT, "Vladimir Putin", ["Vladimir Putin", "Manmohan Singh"], CITED)
    return [(TEXT[m.start : m.end].split()[0], tuple(c.name for c in m.counterparts)) for m in meetings]


def test_the_principal_by_name_or_by_office_meets_new_titled_people() -> None:
    assert _found() == [
        ("The", ("Pranab Mukherjee",)),
        ("Later", ("Sonia Gandhi", "Sushma Swaraj")),
    ]


def test_title_country_status_and_togetherness() -> None:
    mukherjee, later = principal_meetings(TEXT, "Vladimir Putin", ["Manmohan Singh"], CITED)
    assert (mukherjee.counterparts[0].title, mukherjee.counterparts[0].country) == ("President", "India")
    assert (mukherjee.status, mukherjee.date_text, later.together) == ("occurred", None, False)
    assert later.counterparts[1].title == "leader"


def test_someone_else_meeting_a_hope_and_a_cited_sentence_are_not_the_principals_meetings() -> None:
    # Singh meeting Karzai is another man's meeting; "hopes to meet ... soon" is no meeting; and
    # with every sentence cited nothing is left to add.
    assert all("Karzai" not in c and "Obama" not in c for _, cs in _found() for c in cs)
    assert principal_meetings(TEXT, "Vladimir Putin", [], [(0, len(TEXT))]) == []


def test_a_planned_meeting_with_a_pronoun_subject() -> None:
    text = (
        "Secretary Clinton will travel to Seoul on July 20. She will meet with President Lee Myung-bak "
        "and Foreign Minister Kim Sung-hwan on July 21."
    )
    (meeting,) = principal_meetings(text, "Hillary Rodham Clinton", [], [])
    assert [c.name for c in meeting.counterparts] == ["Lee Myung-bak", "Kim Sung-hwan"]
    assert (meeting.status, meeting.date_text) == ("planned", "July 21")
