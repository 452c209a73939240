"""grounding.rules.missed_paragraphs: paragraphs reporting a meeting with someone no event names yet."""

from __future__ import annotations

from grounding.article import ArticleContext
from grounding.rules.missed_paragraphs import MissedParagraph, focused_text, lead, missed_paragraphs

TEXT = (
    "Official visit to India\n"
    "December 24, 2012, New Delhi\n"
    "\n"
    "Vladimir Putin and Prime Minister of India Manmohan Singh held talks.\n"
    "\n"
    "The Russian leader also met with President of India Pranab Mukherjee.\n"
    "\n"
    "Later in the day, Vladimir Putin met with opposition leader Sushma Swaraj.\n"
    "\n"
    "Trade with India was discussed at length in New Delhi.\n"
)
FIRST = TEXT.index("Vladimir Putin and")
FOUND = (["Vladimir Putin", "Manmohan Singh"], [(FIRST, TEXT.index("talks.") + 6)])


def test_paragraphs_with_a_meeting_and_a_new_titled_person_are_missed() -> None:
    missed = missed_paragraphs(ArticleContext(TEXT), *FOUND)
    assert [m.people for m in missed] == [("Pranab Mukherjee",), ("Sushma Swaraj",)]
    assert TEXT[missed[0].start : missed[0].end] == (
        "The Russian leader also met with President of India Pranab Mukherjee."
    )


def test_cited_paragraphs_named_people_and_paragraphs_without_a_cue_are_not() -> None:
    swaraj = TEXT.index("Later in the day")
    cited = [*FOUND[1], (swaraj, swaraj + 20)]
    assert [m.people for m in missed_paragraphs(ArticleContext(TEXT), FOUND[0], cited)] == [
        ("Pranab Mukherjee",)
    ]
    named = [*FOUND[0], "Pranab Mukherjee", "Swaraj"]
    assert missed_paragraphs(ArticleContext(TEXT), named, FOUND[1]) == []
    # No meeting cue: a person named in passing is no missed meeting.
    assert (
        missed_paragraphs(ArticleContext("Intro line\n\nPresident Ann Lee praised the weather.\n"), [], [])
        == []
    )


def test_a_lone_word_counts_only_right_after_a_title_and_groups_are_no_people() -> None:
    text = (
        "Talks in Oslo\n\nThe Minister met President Herzog. Ministers met in Geneva for talks.\n\n"
        "Foreign Ministries held consultations.\n"
    )
    [missed] = missed_paragraphs(ArticleContext(text), [], [])
    assert missed.people == ("Herzog",)


def test_the_focused_text_holds_the_lead_the_paragraph_before_and_the_paragraph() -> None:
    missed = missed_paragraphs(ArticleContext(TEXT), *FOUND)
    assert lead(TEXT) == "Official visit to India\nDecember 24, 2012, New Delhi"
    text, focus = focused_text(TEXT, missed[0])
    assert text == (
        "Official visit to India\nDecember 24, 2012, New Delhi\n\n"
        "Vladimir Putin and Prime Minister of India Manmohan Singh held talks.\n\n"
        "The Russian leader also met with President of India Pranab Mukherjee."
    )
    assert text[focus:] == "The Russian leader also met with President of India Pranab Mukherjee."
    # A paragraph right under the lead is not repeated.
    first = MissedParagraph(FIRST, TEXT.index("talks.") + 6, ("Manmohan Singh",))
    text, focus = focused_text(TEXT, first)
    assert text.count("Manmohan Singh") == 1 and text[focus:].startswith("Vladimir Putin and")


def test_an_article_opening_with_a_long_paragraph_has_no_lead() -> None:
    assert lead("x" * 300 + "\nShort line") == ""
