"""Whom a sentence's "he" or "she" refers to (grounding/rules/antecedents.py)."""

from __future__ import annotations

import datetime as dt

from grounding.article import ArticleContext
from grounding.rules.antecedents import antecedent, named_only_as_object, speaker


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


def test_who_a_quotation_opening_the_sentence_is_attributed_to_is_its_subject() -> None:
    text = (
        '"I had a very good meeting with Prime Minister Leo Berg," President Ann Lee told reporters. '
        "She will meet Chancellor Eva Roth on Tuesday."
    )
    # Not Berg, named inside the quotation.
    assert _antecedent(text, "She will") == "Ann Lee"


def test_nobody_named_before() -> None:
    text = "The talks went well. She met President Leo Berg."
    assert _antecedent(text, "She met") is None


def test_a_person_met_the_sentence_before_is_not_whom_he_stands_for() -> None:
    # "Cleverly" alone is no person candidate (one word, an English adverb): the antecedent is
    # unknown, but it is not Blinken, whom the sentence names after "with".
    text = (
        "Cleverly is due to have his first bilateral meeting with US Secretary of State Antony Blinken "
        "later today. He is also due to meet Ukrainian Foreign Minister Dmytro Kuleba tomorrow."
    )
    article = ArticleContext(text, dt.date(2022, 9, 20))
    at = text.index("He is")
    assert antecedent(article, at) is None
    assert named_only_as_object(article, at, "Antony Blinken")
    assert not named_only_as_object(article, at, "Dmytro Kuleba")  # not named there at all
    # Named as the subject, he is whom "He" stands for.
    text = "Antony Blinken met Cleverly today. He is also due to meet Foreign Minister Dmytro Kuleba."
    article = ArticleContext(text, dt.date(2022, 9, 20))
    assert not named_only_as_object(article, text.index("He is"), "Antony Blinken")


def _speaker(text: str, sentence: str) -> str | None:
    article = ArticleContext(text, dt.date(2024, 3, 5))
    at = text.index(sentence)
    start = next(a for a, b in article.sentences if a <= at < b)
    return speaker(article, start)


def test_the_speaker_of_a_quotation_is_whom_it_is_attributed_to() -> None:
    text = (
        "Prime Minister Ann Lee has announced a state visit.\n"
        "“This is a great day for both countries,” Ms Lee says.\n"
        "“Our ties are deep. I spoke with President Leo Berg last week.”\n"
    )
    assert _speaker(text, "I spoke") == "Ann Lee"
    # "told reporters" attributes a quotation as "said" does.
    told = '"I met President Leo Berg this morning," Prime Minister Ann Lee told reporters.'
    assert _speaker(told, "I met") == "Ann Lee"


def test_the_speaker_of_a_transcript_turn_is_its_speaker_line() -> None:
    text = (
        "Written answers\n"
        "Tom Reed (Dublin North, Labour)\n"
        "12. To ask the Minister about his meetings.\n"
        "Ann Lee (Cork East, Fine Gael)\n"
        "I have met my counterpart twice.\n"
        "I met Foreign Secretary Leo Berg in London in June.\n"
    )
    assert _speaker(text, "I met") == "Ann Lee"


def test_a_capitalised_label_opening_a_paragraph_names_the_turn_s_speaker() -> None:
    text = (
        "Remarks by Secretary of State Leo Berg\n"
        "SECRETARY BERG: Good morning. It is a pleasure to be here.\n"
        "Yesterday I met President Ann Lee.\n"
        "QUESTION: Did you meet anyone else? I ask because I met no one.\n"
    )
    assert _speaker(text, "Yesterday I met") == "Leo Berg"
    # A label that names no one the article knows: no speaker.
    assert _speaker(text, "I ask") is None


def test_a_heading_ends_a_speaker_s_turn() -> None:
    text = "Tom Reed\nQuestion:\nTo ask the Minister about his meetings.\nWritten answers\nI met Leo Berg.\n"
    assert _speaker(text, "I met") is None


def test_a_written_answer_is_by_the_office_its_question_asks() -> None:
    """No speaker line: the answer under "Deputy X asked the Tánaiste ..." is the Tánaiste's, the
    office-holder on the publication day (offices.yaml)."""
    text = (
        "Dáil Éireann Debate\n"
        "Ceisteanna (141)\n"
        "141. Deputy Tom Reed asked the Tánaiste and Minister for Foreign Affairs the details of his visit.\n"
        "Written answers\n"
        "I travelled to the United States in February.\n"
        "I met US Special Representative Jason Greenblatt to discuss Middle East issues.\n"
    )
    article = ArticleContext(text, dt.date(2019, 2, 12))
    at = text.index("I met US")
    assert speaker(article, at) == "Simon Coveney"
    # A heading with no question asked of an office above it: no speaker.
    bare = text.replace("asked the Tánaiste and Minister for Foreign Affairs", "wrote about")
    assert speaker(ArticleContext(bare, dt.date(2019, 2, 12)), bare.index("I met US")) is None
