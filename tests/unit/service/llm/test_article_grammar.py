"""service.llm.grammar: the JSON Schema narrowed to one article's own sentences, names, dates."""

from __future__ import annotations

import unicodedata

from grounding.article import ArticleContext
from grounding.text.spans import find_span
from schemas.extraction import LLMExtraction
from service.llm.grammar import constrained_schema, evidence_openings, evidence_sentences, grammar_safe
from tests.conftest import seed


def test_article_grammar_draws_from_the_article() -> None:
    text, _ = seed("003_ee914f4da08c8a1e")
    schema = constrained_schema(ArticleContext(text))
    props = schema["$defs"]["LLMEvent"]["properties"]
    assert all(s in text for s in props["evidence"]["items"]["enum"])
    assert "on Wednesday" in props["date_text"]["anyOf"][0]["enum"]
    assert "Christopher Luxon" in schema["$defs"]["LLMParticipant"]["properties"]["name"]["enum"]
    assert "Prime Minister" in schema["$defs"]["LLMParticipant"]["properties"]["title"]["anyOf"][0]["enum"]
    country_enum = schema["$defs"]["LLMParticipant"]["properties"]["country"]["anyOf"][0]["enum"]
    assert set(country_enum) == {"Vietnam", "New Zealand"}


def test_grammar_literals_avoid_ascii_double_quotes() -> None:
    text, _ = seed("004_6d784a81d65f7209")
    assert '"' in text
    assert not any('"' in s for s in evidence_sentences(text))


def test_grammar_safe_literals() -> None:
    assert grammar_safe('He said "yes" \\ no') == "He said \u201dyes\u201d / no"
    assert evidence_sentences('He said "yes". He said \u201dyes\u201d.') == ["He said \u201dyes\u201d."]


def _literals(schema: object) -> list[str]:
    """Every enum literal of a schema, wherever it sits."""
    if isinstance(schema, dict):
        found = [v for v in schema.get("enum", []) if isinstance(v, str)]
        return found + [x for value in schema.values() for x in _literals(value)]
    if isinstance(schema, list):
        return [x for value in schema for x in _literals(value)]
    return []


def test_grammar_safe_collapses_whitespace_and_control_characters() -> None:
    assert grammar_safe("Ann Lee met\nBo\t Kim\r\n on\x0bMonday.\x07 ") == "Ann Lee met Bo Kim on Monday."


def test_no_grammar_literal_carries_a_control_character() -> None:
    text = (
        "Prime Minister Ann Lee of Canada met\nPresident Bo Kim of Kenya in\nNairobi on\nMonday "
        "at the\tState House.\nPrime Minister Lee said\r\nthe talks went well."
    )
    literals = _literals(constrained_schema(ArticleContext(text)))
    assert literals
    assert not [s for s in literals if any(unicodedata.category(c) == "Cc" for c in s) or "  " in s]
    assert "on Monday" in literals


def test_a_quote_from_a_collapsed_literal_grounds_to_the_original_offsets() -> None:
    text = "Prime Minister Ann Lee met\tBo Kim  at the\u00a0State House,\nthe ministry said.\n\nMore."
    sentence = "Prime Minister Ann Lee met\tBo Kim  at the\u00a0State House,"
    literal = grammar_safe(sentence)
    assert literal in evidence_sentences(text)
    assert literal == "Prime Minister Ann Lee met Bo Kim at the State House,"
    span = find_span(text, literal)
    assert span is not None and span.match == "tolerant"
    assert text[span.start : span.end] == sentence
    across = find_span(text, "Bo Kim at the State House, the ministry said.")
    assert across is not None
    assert text[across.start : across.end] == "Bo Kim  at the\u00a0State House,\nthe ministry said."


def test_the_grammar_has_room_for_a_summit_worth_of_meetings() -> None:
    schema = constrained_schema(ArticleContext("Prime Minister Ann Lee met President Bo Kim on Monday."))
    assert schema["properties"]["events"]["maxItems"] == 8
    assert schema["$defs"]["LLMEvent"]["properties"]["participants"]["maxItems"] == 4
    plain = LLMExtraction.model_json_schema()
    assert plain["properties"]["events"]["maxItems"] == 8
    assert plain["$defs"]["LLMEvent"]["properties"]["participants"]["maxItems"] == 4


def test_an_article_naming_nobody_can_only_be_answered_with_no_event() -> None:
    schema = constrained_schema(ArticleContext("Heavy rain fell on the capital on Tuesday."))
    assert schema["properties"]["events"]["maxItems"] == 0


def test_a_recall_question_may_cite_only_its_paragraph() -> None:
    text = "Oslo, June 3\n\nAnn Lee met Bo Kim in Oslo on Monday.\n\nAnn Lee also met Cy Ode. They talked."
    focus = text.index("Ann Lee also")
    evidence = constrained_schema(ArticleContext(text), focus=(focus, len(text)))["$defs"]["LLMEvent"][
        "properties"
    ]["evidence"]
    assert evidence["items"]["enum"] == ["Ann Lee also met Cy Ode.", "They talked."]
    numbered = constrained_schema(ArticleContext(text), numbered=4, focus=(focus, len(text)))["$defs"][
        "LLMEvent"
    ]["properties"]["evidence"]
    assert numbered["items"] == {"type": "integer", "enum": [3, 4]}


def test_evidence_openings_are_the_shortest_that_tell_sentences_apart() -> None:
    sentences = [
        "President Ann Lee met Prime Minister Bo Kim in Nairobi on Monday.",
        "President Ann Lee met the press afterwards.",
        "The talks went well.",
        "The talks",  # another sentence opens with all of it: offered whole, as before
    ]
    openings = evidence_openings(sentences, 3)
    assert openings == [
        "President Ann Lee met Prime",  # "President Ann Lee met" opens the second sentence too
        "President Ann Lee met the",
        "The talks went",
        "The talks",
    ]
    # The shortest opening is no shorter than asked; a short sentence is offered whole.
    assert evidence_openings(["Lee met Kim in Nairobi.", "Talks."], 4) == ["Lee met Kim in", "Talks."]
    # No opening is a prefix of another, so the grammar closes the quote at its end.
    assert not any(a != b and b.startswith(a) for a in openings[:3] for b in openings)


def test_an_opening_stands_for_the_sentence_it_opens() -> None:
    text = (
        "Ann Lee, the president, met Bo Kim in Nairobi on Monday. Ann Lee, the president, said "
        'the talks went well.\nKim said "the talks" were useful.'
    )
    article = ArticleContext(text).asked(opening_words=4)
    schema = constrained_schema(article)
    enum = schema["$defs"]["LLMEvent"]["properties"]["evidence"]["items"]["enum"]
    assert enum == [
        "Ann Lee, the president, met",
        "Ann Lee, the president, said",
        "Kim said \u201dthe talks\u201d",
    ]
    answer = {
        "events": [
            {"evidence": [enum[0], enum[2]], "participants": [{"name": "Ann Lee"}, {"name": "Bo Kim"}]}
        ]
    }
    event = LLMExtraction.model_validate(answer, context=article.as_validation_context()).events[0]
    assert event.evidence == [
        "Ann Lee, the president, met Bo Kim in Nairobi on Monday.",
        'Kim said "the talks" were useful.',  # as the article writes it, ASCII quotes and all
    ]
    # Without openings asked for, a quote is taken as written.
    plain = LLMExtraction.model_validate(answer, context=ArticleContext(text).as_validation_context())
    assert plain.events[0].evidence[0] == enum[0]
