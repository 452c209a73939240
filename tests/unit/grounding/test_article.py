"""grounding.article: one article prepared once; instructions it must not repeat."""

from __future__ import annotations

import datetime as dt

import pytest

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


def test_a_cited_number_stands_for_its_sentence() -> None:
    article = ArticleContext("A met B. They talked.", numbered=("A met B.", "They talked."))
    assert article.cited_sentence(2) == "They talked."
    assert article.cited_sentence("[1]") == "A met B." and article.cited_sentence(" 1 ") == "A met B."
    assert article.cited_sentence("A met B.") == "A met B."  # a quote stays a quote
    with pytest.raises(ValueError, match=r"sentence \[3\], which does not exist.*1 to 2"):
        article.cited_sentence(3)
    with pytest.raises(ValueError, match="does not exist"):
        article.cited_sentence(0)
    # Without numbering (a prompt that asks for quotes) a number is left for validation to refuse.
    assert ArticleContext("A met B.").cited_sentence(1) == 1
