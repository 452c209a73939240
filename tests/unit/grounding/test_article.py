"""grounding.article: one article prepared once; instructions it must not repeat."""

from __future__ import annotations

import datetime as dt

from grounding.article import ArticleContext, repeats_instructions

INSTRUCTIONS = "You extract meeting events from a news article and answer with JSON only."


def test_article_is_folded_once() -> None:
    article = ArticleContext("Ông Lương Cường met Luxon.", dt.date(2025, 2, 26))
    assert article.folded.text == "ong luong cuong met luxon."
    assert {"luong", "cuong", "luxon"} <= article.folded_words
    assert article.as_validation_context() == {"article": article}


def test_repeating_the_instructions_is_a_leak_quoting_the_article_is_not() -> None:
    article = ArticleContext("They answer with JSON only, the spokesman joked.", instructions=INSTRUCTIONS)
    assert repeats_instructions("you extract meeting events from a news article", article)
    assert not repeats_instructions("They answer with JSON only, the spokesman joked.", article)
    assert not repeats_instructions("meeting events", article)  # too short to be a leak
    assert not repeats_instructions(INSTRUCTIONS, ArticleContext("Some text."))  # no instructions known
