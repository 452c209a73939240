"""service.article_grammar: the JSON Schema narrowed to one article's own sentences, names, dates."""

from __future__ import annotations

from service.article_grammar import constrained_schema, evidence_sentences, grammar_safe
from tests.conftest import seed


def test_article_grammar_draws_from_the_article() -> None:
    text, _ = seed("003_ee914f4da08c8a1e")
    schema = constrained_schema(text)
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
