"""grounding.text.wrapping: a hard-wrapped text's wraps read as spaces, offsets unchanged."""

from __future__ import annotations

from grounding.text.sentences import sentences
from grounding.text.wrapping import unwrap, wrapped

WRAPPED = (
    "Foreign Secretary begins his first overseas trip\n"
    "in his new role today (Tuesday), arriving at the United\n"
    "Nations in New York for high-level talks.\n"
    "\n"
    "Cleverly is due to have his first bilateral meeting in\n"
    "his new role with US Secretary of State Antony Blinken\n"
    "later today (Tuesday).\n"
    "He is also due to meet Ukrainian Foreign Minister Dmytro\n"
    "Kuleba tomorrow."
)


def test_a_wrapped_text_reads_its_sentences_across_the_wraps() -> None:
    text, joined = unwrap(WRAPPED)
    assert wrapped(WRAPPED) and joined == 5
    assert len(text) == len(WRAPPED)  # every offset still points where it did
    assert all(a == b or (a == "\n" and b == " ") for a, b in zip(WRAPPED, text, strict=True))
    assert (
        "Cleverly is due to have his first bilateral meeting in his new role with US Secretary of "
        "State Antony Blinken later today (Tuesday)." in sentences(text)
    )
    # A blank line and a line that ends a sentence keep their breaks.
    assert "high-level talks.\n\nCleverly" in text and "(Tuesday).\nHe is" in text


def test_windows_line_ends_become_two_spaces() -> None:
    crlf = WRAPPED.replace("\n", "\r\n")
    text, joined = unwrap(crlf)
    assert joined == 5 and len(text) == len(crlf)
    assert "meeting in  his new role" in text


def test_texts_that_are_not_wrapped_are_left_alone() -> None:
    # Paragraphs on lines of their own (wider than any wrap), a headline and a dateline.
    prose = (
        "Leaders meet in Hanoi\n"
        "HANOI, Sept 2 (Reuters) - Prime Minister Christopher Luxon met President Luong Cuong on Monday "
        "and the two leaders discussed trade, education and regional security at length.\n"
        "They agreed to raise ties to a comprehensive strategic partnership, officials said."
    )
    assert unwrap(prose) == (prose, 0)
    # A list of short lines is no wrap either: they end where they end.
    listing = "Attendees:\nAnn Lee, Foreign Minister\nBo Kim, Defence Minister\nCy Wu, Trade Minister\nDi Ray"
    assert unwrap(listing) == (listing, 0)
