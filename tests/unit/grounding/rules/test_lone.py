"""grounding.rules.lone: who a cited sentence says met, read from its grammar."""

from __future__ import annotations

import datetime as dt

import pytest

from grounding.article import ArticleContext
from grounding.rules.lone import lone_meeting, states_meeting


def _whole(text: str) -> list[tuple[int, int]]:
    return [(0, len(text))]


@pytest.mark.parametrize(
    ("text", "name", "people"),
    [
        (
            "Prime Minister Ann Lee held talks with Chancellor Cy Park in Oslo on Monday.",
            "Ann Lee",
            ("Ann Lee", "Cy Park"),
        ),
        (
            "Prime Minister Ann Lee held talks with Chancellor Cy Park in Oslo on Monday.",
            "Cy Park",
            ("Ann Lee", "Cy Park"),
        ),
        (
            "King Dan Roe received Foreign Minister Eva Moss at the palace.",
            "Eva Moss",
            ("Dan Roe", "Eva Moss"),
        ),
        ("President Bo Kim and President Tor Lind met in Geneva.", "Bo Kim", ("Bo Kim", "Tor Lind")),
        (
            "President Bo Kim will meet Prime Minister Ann Lee and Chancellor Cy Park next week.",
            "Bo Kim",
            ("Bo Kim", "Ann Lee", "Cy Park"),
        ),
        # A person written only as someone's owner is not whom the meeting was with.
        (
            "Secretary Bo Kim met General Tor Lind, King Dan Roe's military adviser, and Prince Eli Vos.",
            "Bo Kim",
            ("Bo Kim", "Tor Lind", "Eli Vos"),
        ),
    ],
)
def test_the_other_side_of_the_meeting_word(text: str, name: str, people: tuple[str, ...]) -> None:
    found = lone_meeting(ArticleContext(text), name, _whole(text))
    assert found is not None and found.people == people and (found.start, found.end) == (0, len(text))


@pytest.mark.parametrize(
    "text",
    [
        "Prime Minister Ann Lee met her counterpart in Oslo on Monday.",  # nobody named
        "There are no plans for Prime Minister Ann Lee to meet Chancellor Cy Park.",  # denied
        "Prime Minister Ann Lee hopes to meet Chancellor Cy Park at an early date.",  # a wish
        "Prime Minister Ann Lee discussed trade with ministers in Oslo.",  # no strong meeting word
        # Words of a party's name are no one met.
        "Prime Minister Ann Lee held talks with the leaders of the Movement for Democratic Change.",
    ],
)
def test_no_meeting_with_a_named_person(text: str) -> None:
    assert lone_meeting(ArticleContext(text), "Ann Lee", _whole(text)) is None


def test_only_the_cited_sentences_are_read() -> None:
    text = "Prime Minister Ann Lee arrived in Oslo. She later met Chancellor Cy Park."
    article = ArticleContext(text)
    assert lone_meeting(article, "Ann Lee", [(0, 38)]) is None


def test_an_office_at_the_start_is_its_holder() -> None:
    text = "The Prime Minister met President Bo Kim in London today."
    article = ArticleContext(text, dt.date(2025, 1, 6))
    offices = [(0, 18, "Keir Starmer")]
    found = lone_meeting(article, "Bo Kim", _whole(text), offices)
    assert found is not None and found.people == ("Keir Starmer", "Bo Kim")


def test_a_sentence_states_a_meeting_of_the_people_it_names() -> None:
    text = "Prime Minister Ann Lee met President Bo Kim on Monday. He also met Chancellor Cy Park."
    article = ArticleContext(text)
    first, second = (0, 54), (55, len(text))
    assert states_meeting(article, ["Ann Lee", "Bo Kim"], [first])
    assert not states_meeting(article, ["Ann Lee", "Cy Park"], [first])  # not who it names
    # "He": someone already met in the article may stand for it; anyone else may not.
    assert states_meeting(article, ["Ann Lee", "Cy Park"], [second], subjects=["Ann Lee"])
    assert not states_meeting(article, ["Ann Lee", "Cy Park"], [second])
    denied = "Ann Lee denied that she met Bo Kim."
    assert not states_meeting(ArticleContext(denied), ["Ann Lee", "Bo Kim"], _whole(denied))
