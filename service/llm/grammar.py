"""Article grammars: LLMExtraction's JSON Schema narrowed to one article, for llama.cpp.

A 135M-parameter model cannot be trusted to copy a sentence or a name. When the upstream compiles
the JSON Schema into a grammar and enforces it token by token, we tighten the schema for each
article instead: evidence must be one of the article's sentences, names one of its capitalised
name runs, dates one of its date phrases, countries one of the countries it mentions, titles one
of the offices it mentions (all spotted by `grounding`). Grounding then holds by construction, and
the validators (which still run) catch what the grammar cannot express, such as a repeated
participant.
"""

from __future__ import annotations

import copy
import re
import unicodedata
from collections.abc import Collection
from typing import Any

from grounding.article import ArticleContext
from grounding.text.sentences import MAX_SENTENCE, sentence_spans, sentences
from schemas.extraction import MAX_EVENTS, MAX_PARTICIPANTS, LLMExtraction

_WHITESPACE_RUN = re.compile(r"\s+")


def _control_to_space(ch: str) -> str:
    return " " if unicodedata.category(ch) == "Cc" else ch


def grammar_safe(value: str) -> str:
    """A string made safe as a grammar enum literal.

    llama.cpp's schema-to-grammar converter mis-escapes ASCII double quotes and backslashes inside
    enum literals (the grammar then fails to parse). Typographic quotes fold back to ASCII in
    tolerant grounding, so a quote chosen from the grammar still maps to the right offsets.
    Control characters (line breaks, tabs) become spaces and every whitespace run one space: the
    grammar would otherwise let them raw into a JSON string, which no parser accepts. Tolerant
    grounding collapses whitespace too, so the offsets still come out right.
    """
    value = "".join(_control_to_space(ch) for ch in value)
    value = _WHITESPACE_RUN.sub(" ", value).strip()
    return value.replace('"', "\u201d").replace("\\", "/")


def grammar_literals(values: list[str]) -> list[str]:
    """Values as grammar enum literals: grammar-safe, distinct, none empty, in order."""
    return [v for v in dict.fromkeys(grammar_safe(v) for v in values) if v]


def evidence_sentences(text: str) -> list[str]:
    """The article's sentences as grammar literals (distinct, grammar-safe)."""
    return grammar_literals(sentences(text))


def evidence_openings(literals: list[str], words: int, every: list[str] | None = None) -> list[str]:
    """Each sentence's shortest opening of at least `words` words that no other sentence opens
    with (the whole sentence when it is shorter, or when another sentence opens with all of it).

    The model then writes an opening and the grammar closes the quote: the rest of the sentence
    is neither generated nor evaluated; `ArticleContext.opened_sentence` puts it back.

    Args:
        literals: the sentences offered (grammar literals).
        words: the fewest words an opening has.
        every: all the article's sentences, which an opening must tell apart (default: `literals`);
            an opening unique in the article is also unique in a passage of it.

    Returns:
        The openings, in the literals' order, distinct, none a prefix of another.
    """
    others = every if every is not None else literals
    out: list[str] = []
    for sentence in literals:
        parts = sentence.split(" ")
        opening = sentence
        for n in range(max(1, words), len(parts)):
            head = " ".join(parts[:n])
            if not any(o != sentence and (o + " ").startswith(head + " ") for o in others):
                opening = head
                break
        out.append(opening)
    # An opening that another one continues would let the model stop early; such a sentence is
    # offered whole (then no other literal is its prefix but as a whole sentence, as before).
    continued = [any(o != op and o.startswith(op) for o in out) for op in out]
    return grammar_literals([s if c else op for op, s, c in zip(out, literals, continued, strict=True)])


def _nullable_enum(values: list[str]) -> dict[str, Any]:
    literals = grammar_literals(values)
    if not literals:
        return {"type": "null"}
    return {"anyOf": [{"type": "string", "enum": literals}, {"type": "null"}]}


def cited_by_number(schema: dict[str, Any], numbers: list[int]) -> dict[str, Any]:
    """A copy of an LLMExtraction JSON Schema whose evidence items are sentence numbers.

    Args:
        schema: LLMExtraction's schema (plain or narrowed to an article).
        numbers: the numbers the model may cite (all the article's, or those of a passage).

    Returns:
        The schema with evidence as a short list of the article's sentence numbers.
    """
    out = copy.deepcopy(schema)
    evidence = out["$defs"]["LLMEvent"]["properties"]["evidence"]
    evidence["items"] = {"type": "integer", "enum": numbers or [1]}
    evidence["maxItems"] = 2
    evidence["description"] = "Numbers of the sentences that report this meeting."
    return out


def constrained_schema(
    article: ArticleContext, numbered: int = 0, focus: tuple[int, int] | None = None
) -> dict[str, Any]:
    """LLMExtraction's JSON Schema, narrowed to what this article contains.

    Args:
        article: the article (or chunk) the model reads, analysed once.
        numbered: when the prompt numbers the article's sentences, how many there are: evidence is
            then cited by number, not copied.
        focus: evidence only from `text[start:end]` (the paragraph a recall question is about).

    Returns:
        A JSON Schema whose strings are drawn from the article wherever the field must be grounded.
    """
    schema = copy.deepcopy(LLMExtraction.model_json_schema())
    defs = schema["$defs"]
    text = article.text
    # A recall question offers its paragraph's people and who may be meeting them, not everyone.
    names = grammar_literals(list(article.choices or article.people)) or ["(none)"]
    places = _nullable_enum(list(article.name_runs))
    nations = _nullable_enum(list(article.countries))
    cited = text[focus[0] : focus[1]] if focus else text
    sents = evidence_sentences(cited) or grammar_literals([cited.strip()[:MAX_SENTENCE]]) or ["(none)"]
    if article.opening_words:
        # A passage's openings must tell its sentences from the whole article's, which a recall
        # question's validator matches against.
        every = evidence_sentences(text) if focus else None
        sents = evidence_openings(sents, article.opening_words, every)

    event = defs["LLMEvent"]["properties"]
    event["evidence"]["items"] = {"type": "string", "enum": sents}
    event["evidence"]["maxItems"] = 2
    event["host"] = _nullable_enum(names)
    event["date_text"] = _nullable_enum(list(article.date_phrases))
    person = defs["LLMParticipant"]["properties"]
    person["name"] = {"type": "string", "enum": names}
    person["country"] = nations
    # Offices come from a vocabulary of those the article mentions: tiny models otherwise emit
    # codes and invented words.
    person["title"] = _nullable_enum(list(article.offices))
    defs["LLMEvent"]["properties"]["participants"]["maxItems"] = MAX_PARTICIPANTS
    loc = defs["LLMLocation"]["properties"]
    loc["city"] = places
    loc["venue"] = places
    loc["country"] = nations
    # The model's own limits: an article may report as many meetings as a valid answer holds; one
    # that names nobody the model may list reports none (every answer with an event would be
    # re-asked until the attempts run out).
    schema["properties"]["events"]["maxItems"] = MAX_EVENTS if article.people else 0
    return cited_by_number(schema, citable_numbers(text, numbered, focus)) if numbered else schema


def citable_numbers(text: str, numbered: int, focus: tuple[int, int] | None = None) -> list[int]:
    """The sentence numbers (1-based, of `numbered` shown) whose sentence starts inside `focus`."""
    spans = sentence_spans(text)[:numbered]
    return [n for n, (start, _) in enumerate(spans, start=1) if not focus or focus[0] <= start < focus[1]]


def without_derived(schema: dict[str, Any], derived: Collection[str]) -> dict[str, Any]:
    """A copy of an LLMExtraction JSON Schema without the fields the service derives itself.

    The model is then never asked for them (llama.cpp's grammar cannot emit them, a hosted model
    sees no such property), and LLMExtraction's defaults stand in until the pipeline fills them.

    Args:
        schema: LLMExtraction's schema (plain, narrowed to an article, or cited by number).
        derived: names from `service.pipeline.prompts.DerivedField`.

    Returns:
        The schema without those properties (the same dict when there are none).
    """
    if not derived:
        return schema
    out = copy.deepcopy(schema)
    for name in derived:
        # "participant_title" is LLMParticipant's `title`; the others are LLMEvent's own fields.
        prop = name.removeprefix("participant_")
        model = "LLMParticipant" if prop != name else "LLMEvent"
        definition = out["$defs"][model]
        definition["properties"].pop(prop, None)
        if prop in definition.get("required", []):
            definition["required"].remove(prop)
    return out
