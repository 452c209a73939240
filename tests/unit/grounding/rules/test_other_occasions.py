"""grounding.rules.other_occasions: sentences that report another meeting of a pair already found."""

from __future__ import annotations

import datetime as dt

import pytest

from grounding.article import ArticleContext
from grounding.rules.other_occasions import another_day, occasion_in, other_occasions


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "Since the Prime Minister and President Biden’s last meeting in the White House, work began.",
            ("occurred", None),
        ),
        (
            "During your visit to the Republic of India in December, we had the chance to discuss trade.",
            ("occurred", "in December"),
        ),
        ("Today’s meeting followed on from their meeting in Vancouver last week.", ("occurred", "last week")),
        ("The two had last met in Rome in March.", ("occurred", "in March")),
        (
            "The Foreign Secretary and Secretary Tillerson will meet again in Paris tomorrow.",
            ("planned", "tomorrow"),
        ),
        (
            "They looked forward to continuing their discussions in Madrid next week.",
            ("planned", "next week"),
        ),
        (
            "We will be able to talk about this in detail during your visit to Russia on August 22.",
            ("planned", "August 22"),
        ),
    ],
)
def test_another_occasion_is_read_with_its_status_and_time(
    sentence: str, expected: tuple[str, str | None]
) -> None:
    assert occasion_in(sentence) == expected


@pytest.mark.parametrize(
    "sentence",
    [
        "The leaders discussed trade and energy.",  # the meeting itself: no other time
        "They looked forward to meeting in person at the earliest opportunity.",  # vague
        "They hope to meet again soon.",
        "He invited the President to visit Moscow next year.",  # an invitation
        "They looked forward to tomorrow’s NATO Leaders’ Meeting.",  # a summit both attend
        "I am looking forward to meeting a wide range of Zimbabweans later this year.",  # people at large
        "The Prime Minister updated President Erdoğan on his recent visit to Kyiv.",  # one man's trip
        "The two sides will continue to cooperate.",  # future, but no meeting and no time
        # Someone else will meet: experts from both sides, not the pair.
        "They agreed that subject matter experts from both sides will hold technical talks in January 2024.",
        # A future act whose only day is a past one's: the visit was last week, no meeting to come.
        "Kerry will continue the conversation from his visit with the leaders last week.",
    ],
)
def test_no_other_occasion(sentence: str) -> None:
    assert occasion_in(sentence) is None


TEXT = (
    "Boris Johnson, the Foreign Secretary, has today met with Rex Tillerson, the US Secretary of State. "
    "Today’s meeting followed on from Secretary Tillerson and Foreign Secretary Johnson’s meeting in "
    "Vancouver last week. They will meet again in Paris tomorrow. "
    "Foreign Minister Sergey Lavrov will meet Secretary Tillerson in Moscow next week."
)


def test_other_occasions_of_the_pair_with_place_and_time() -> None:
    cited = [(0, TEXT.index("Today"))]
    found = other_occasions(ArticleContext(TEXT), ["Boris Johnson", "Rex Tillerson"], cited, only_pair=True)
    assert [(o.status, o.date_text, o.city) for o in found] == [
        ("occurred", "last week", "Vancouver"),
        ("planned", "tomorrow", "Paris"),
    ]
    # Lavrov's meeting is somebody else's: a titled person outside the pair.
    assert all("Lavrov" not in TEXT[o.start : o.end] for o in found)


def test_they_means_the_pair_only_when_no_other_pair_met() -> None:
    cited = [(0, TEXT.index("Today"))]
    found = other_occasions(ArticleContext(TEXT), ["Boris Johnson", "Rex Tillerson"], cited, only_pair=False)
    assert [o.date_text for o in found] == ["last week"]  # "They will meet again" names neither


def test_a_cited_sentence_is_no_other_occasion() -> None:
    assert (
        other_occasions(
            ArticleContext(TEXT), ["Boris Johnson", "Rex Tillerson"], [(0, len(TEXT))], only_pair=True
        )
        == []
    )


def test_a_title_that_is_the_issuing_principals_office_stands_for_no_one_else() -> None:
    """In a White House text "the President" is Joe Biden: it does not stand for President Abbas,
    so a sentence naming Lapid and "the President" is no other meeting of Abbas and Lapid."""
    text = (
        "Background press call, The White House.\n"
        "President Mahmoud Abbas and Prime Minister Yair Lapid spoke on Monday.\n"
        "Tomorrow, the President will start the day meeting with Prime Minister Yair Lapid in Jerusalem."
    )
    article = ArticleContext(text, dt.date(2022, 7, 13))
    assert [h.name for h in article.principals] == ["Joe Biden"]
    cited = [(text.index("President Mahmoud"), text.index("Tomorrow"))]
    titles = [["President"], ["Prime Minister"]]
    pair = ["Mahmoud Abbas", "Yair Lapid"]
    assert other_occasions(article, pair, cited, only_pair=False, titles=titles) == []
    # Where the President is one of the pair, the same sentence is their other meeting.
    found = other_occasions(article, ["Joe Biden", "Yair Lapid"], cited, only_pair=False, titles=titles)
    assert [(o.status, o.date_text) for o in found] == [("planned", "Tomorrow")]


def test_one_more_meeting_on_another_day_is_another_occasion() -> None:
    """ "Lee and Kim also met in Rome on Friday", of a pair found meeting on Monday: its own day,
    told as one more meeting; the same meeting told again, or with no "also"/"again", is not."""
    published = dt.date(2024, 5, 6)
    monday = dt.date(2024, 5, 6)
    assert another_day("Lee and Kim also met in Rome on Friday.", monday, published) == "on Friday"
    assert another_day("Lee and Kim met in Rome on Friday.", monday, published) is None
    assert another_day("Lee and Kim also met in Paris on Monday.", monday, published) is None
    assert another_day("Lee and Kim will also meet on Friday.", monday, published) is None
    assert another_day("Lee and Kim also met on Friday.", None, published) is None
