"""Whom a sentence's "he" or "she" refers to (grounding/rules/antecedents.py)."""

from __future__ import annotations

import datetime as dt

from grounding.article import ArticleContext
from grounding.rules.antecedents import antecedent


def _antecedent(text: str, sentence: str) -> str | None:
    return antecedent(ArticleContext(text, dt.date(2024, 3, 5)), text.index(sentence))


def test_the_subject_of_the_sentence_before_not_the_person_it_met() -> None:
    text = (
        "Foreign Minister Ana Silva had her first meeting with Secretary of State Tom Reed today. "
        "She will meet President Leo Berg tomorrow."
    )
    assert _antecedent(text, "She will") == "Ana Silva"


def test_a_person_after_with_or_for_is_not_a_subject() -> None:
    text = (
        "Secretary Ana Silva will travel to Rome. "
        "While there, the Secretary will attend a service for Ambassador Tom Reed. "
        "She will meet President Leo Berg."
    )
    # The second sentence's subject is an office, and Reed is who the service is for: back to Silva.
    assert _antecedent(text, "She will") == "Ana Silva"


def test_a_sentence_opened_by_a_pronoun_passes_the_question_back() -> None:
    text = (
        "President Leo Berg arrived in Oslo. He met King Harald V in the morning. "
        "He then met Prime Minister Jonas Lund."
    )
    assert _antecedent(text, "He then") == "Leo Berg"


def test_the_subject_after_an_opening_clause() -> None:
    text = "After talks with President Leo Berg, Chancellor Eva Roth flew home. She met Ann Lee later."
    assert _antecedent(text, "She met") == "Eva Roth"


def test_nobody_named_before() -> None:
    text = "The talks went well. She met President Leo Berg."
    assert _antecedent(text, "She met") is None
