"""grounding.rules.topics.outcome_sentences: what a meeting produced, as the article says it."""

from __future__ import annotations

import datetime as dt

from grounding.article import ArticleContext
from grounding.rules.topics import outcome_sentences


def _outcomes(text: str, own_date: str | None = None) -> list[str]:
    article = ArticleContext(text, dt.date(2022, 11, 10))
    return [text[a:b] for a, b in outcome_sentences(text, article.sentences, own_date)]


def test_a_sentence_that_introduces_a_list_gives_the_list_s_items() -> None:
    text = (
        "The ministers met in Warsaw on Monday and agreed to:\n\n"
        "• continue their support for the reconstruction\n"
        "- hold a second meeting in spring\n\n"
        "The ministers also condemned the attacks."
    )
    assert _outcomes(text) == [
        "continue their support for the reconstruction",
        "hold a second meeting in spring",
    ]


def test_an_act_the_sentence_dates_before_the_meeting_is_not_its_outcome() -> None:
    text = (
        "Ann Lee met Bo Kim in Oslo on Tuesday. They discussed the fund the two announced last month. "
        "They signed a treaty on fisheries. Three years ago, Oslo had agreed to host the forum."
    )
    assert _outcomes(text) == ["They signed a treaty on fisheries."]


def test_a_sentence_holding_the_meeting_s_own_date_keeps_its_outcome() -> None:
    text = "The two leaders met last October and signed a treaty on fisheries."
    assert _outcomes(text) == []
    assert _outcomes(text, own_date="last October") == [text]


def test_an_outcome_the_sentence_denies_is_none() -> None:
    """A clause that reports no outcome ("No decisions ... have been announced", "did not sign"),
    read from the last word that opens a clause of its own; an outcome beside it still counts."""
    text = (
        "Ann Lee met Bo Kim in Oslo on Tuesday. No decisions on the fund have been announced. "
        "They did not sign the treaty. Lee said that neither side agreed to the plan. "
        "They agreed to meet again, although no date was announced."
    )
    assert _outcomes(text) == ["They agreed to meet again, although no date was announced."]
