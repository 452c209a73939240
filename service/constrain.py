"""Article-specific output grammars for servers that compile JSON Schema to a grammar (llama.cpp).

A 135M-parameter model cannot be trusted to copy a sentence or a name. When the upstream enforces
the schema token by token, we tighten the schema for each article instead: evidence must be one
of the article's sentences, names one of its capitalised name runs, dates one of its date phrases,
countries one of the countries it mentions. Grounding then holds by construction, and the
validators (which still run) catch what the grammar cannot express, such as a repeated participant.
"""

from __future__ import annotations

import copy
import re
from typing import Any

from schemas.countries import normalize_country
from schemas.extraction import LLMExtraction
from schemas.mentions import TITLE_WORDS
from schemas.text import fold_plain
from service.chunking import sentence_spans

_MONTHS = (
    "January|February|March|April|May|June|July|August|September|October|November|December|"
    "Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec"
)
_WEEKDAYS = "Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday"
_DATE_PHRASES = re.compile(
    rf"\b(?:(?:on|last|this|next)\s+)?(?:{_WEEKDAYS})\b"
    rf"|\b[0-9]{{1,2}}(?:st|nd|rd|th)?\s+(?:{_MONTHS})\.?(?:,?\s+[0-9]{{4}})?\b"
    rf"|\b(?:{_MONTHS})\.?\s+[0-9]{{1,2}}(?:st|nd|rd|th)?(?:,?\s+[0-9]{{4}})?\b"
    r"|\b[0-9]{4}-[0-9]{2}-[0-9]{2}\b"
    r"|\b(?:today|yesterday|tomorrow|earlier this week|last week)\b",
    re.IGNORECASE,
)
_CAP_RUN = re.compile(r"(?:[^\W\d_][\w'\u2019-]*)(?:[ \u00a0][^\W\d_][\w'\u2019-]*)*", re.UNICODE)
_NOT_NAMES = frozenset(fold_plain(w) for w in (_MONTHS + "|" + _WEEKDAYS).split("|"))
_MAX_SENTENCE = 600
_MAX_CANDIDATES = 150


def _grammar_safe(value: str) -> str:
    # llama.cpp's schema-to-grammar converter mis-escapes ASCII double quotes and backslashes
    # inside enum literals (the grammar then fails to parse). Typographic quotes fold back to
    # ASCII in tolerant grounding, so the quote still maps to the right offsets.
    return value.replace('"', "\u201d").replace("\\", "/")


def sentences(text: str) -> list[str]:
    """The article's sentences, stripped, each at most `_MAX_SENTENCE` characters."""
    out: list[str] = []
    for start, end in sentence_spans(text):
        s = _grammar_safe(text[start:end].strip())
        if 10 <= len(s) <= _MAX_SENTENCE and s not in out:
            out.append(s)
    return out


def name_runs(text: str) -> list[str]:
    """Capitalised word runs that could be names of people or places, titles cut off."""
    runs: list[str] = []
    for m in _CAP_RUN.finditer(text):
        words = [re.sub(r"['\u2019]s$", "", w) for w in m.group().split()]
        # Split the run at lower-case words and title words, keeping capitalised stretches.
        current: list[str] = []
        for w in [*words, ""]:
            if w and w[:1].isupper() and fold_plain(w) not in TITLE_WORDS:
                current.append(w)
                continue
            if current:
                for k in range(len(current)):  # "Emomali Rahmon" and "Rahmon" both
                    cand = " ".join(current[k:])
                    if fold_plain(cand) not in _NOT_NAMES and len(cand) > 2 and cand not in runs:
                        runs.append(cand)
            current = []
    return runs[:_MAX_CANDIDATES]


_PRONOUNS = frozenset(
    {
        "he",
        "she",
        "they",
        "it",
        "we",
        "i",
        "you",
        "the",
        "this",
        "that",
        "these",
        "those",
        "both",
        "during",
        "while",
        "as",
        "in",
        "on",
        "at",
        "last",
        "following",
        "our",
        "his",
        "her",
        "their",
        "photo",
        "then",
    }
)


_PLACE_CUE = re.compile(r"(?:\b(?:in|at|to|from|of|near|visit|visited)\s+)$", re.IGNORECASE)
_TITLES = (
    "State President",
    "Vice President",
    "President",
    "Prime Minister",
    "Deputy Prime Minister",
    "PM",
    "Foreign Minister",
    "Minister of Foreign Affairs",
    "Minister",
    "Chancellor",
    "King",
    "Queen",
    "Crown Prince",
    "Prince",
    "Emir",
    "Sultan",
    "Premier",
    "Head of State",
    "Governor-General",
    "Secretary-General",
    "General Secretary",
    "Chairman",
    "Speaker",
    "Leader of the Nation",
    "Ambassador",
)


def _is_place(run: str, text: str) -> bool:
    # A run that is always preceded by "in", "at", "to"... is a place, not a person.
    starts = [m.start() for m in re.finditer(re.escape(run), text)]
    return bool(starts) and all(_PLACE_CUE.search(text[max(0, i - 12) : i]) for i in starts)


def person_candidates(text: str) -> list[str]:
    """Name runs that could be people: no pronouns, countries, demonyms, datelines or places.

    Single words are kept only as the surname of a longer run ("Putin" of "Vladimir Putin").
    """
    runs = name_runs(text)
    out: list[str] = []
    for run in runs:
        parts = run.replace("-", " ").split()
        if fold_plain(parts[0]) in _PRONOUNS or run.isupper():
            continue
        if normalize_country(run) or any(normalize_country(p) for p in parts):
            continue
        if len(parts) == 1 and not any(r.endswith(" " + run) for r in runs):
            continue
        if _is_place(run, text):
            continue
        out.append(run)
    return out


def titles(text: str) -> list[str]:
    """Common offices that the article mentions, as the title vocabulary."""
    folded = fold_plain(text)
    return [t for t in _TITLES if re.search(r"\b" + re.escape(fold_plain(t)) + r"\b", folded)]


def date_phrases(text: str) -> list[str]:
    """Date phrases of the article, as written."""
    seen: list[str] = []
    for m in _DATE_PHRASES.finditer(text):
        if m.group() not in seen:
            seen.append(m.group())
    return seen


def countries(text: str) -> list[str]:
    """Canonical names of the countries the article mentions (by name or demonym)."""
    found: list[str] = []
    for run in name_runs(text):
        for cand in (run, *run.split()):
            c = normalize_country(cand)
            if c and c not in found:
                found.append(c)
    return found


def _nullable_enum(values: list[str]) -> dict[str, Any]:
    if not values:
        return {"type": "null"}
    return {"anyOf": [{"type": "string", "enum": values}, {"type": "null"}]}


def constrained_schema(text: str) -> dict[str, Any]:
    """LLMExtraction's JSON Schema, narrowed to what this article contains.

    Args:
        text: the article (or chunk) the model reads.

    Returns:
        A JSON Schema whose strings are drawn from the article wherever the field must be grounded.
    """
    schema = copy.deepcopy(LLMExtraction.model_json_schema())
    defs = schema["$defs"]
    names = person_candidates(text) or ["(none)"]
    places = _nullable_enum(name_runs(text))
    nations = _nullable_enum(countries(text))
    sents = sentences(text) or [text.strip()[:_MAX_SENTENCE]]

    event = defs["LLMEvent"]["properties"]
    event["evidence"]["items"] = {"type": "string", "enum": sents}
    event["evidence"]["maxItems"] = 2
    event["host"] = _nullable_enum(names)
    event["date_text"] = _nullable_enum(date_phrases(text))
    person = defs["LLMParticipant"]["properties"]
    person["name"] = {"type": "string", "enum": names}
    person["country"] = nations
    # Offices come from a vocabulary of those the article mentions: tiny models otherwise emit
    # codes and invented words.
    person["title"] = _nullable_enum(titles(text))
    defs["LLMEvent"]["properties"]["participants"]["maxItems"] = 3
    loc = defs["LLMLocation"]["properties"]
    loc["city"] = places
    loc["venue"] = places
    loc["country"] = nations
    schema["properties"]["events"]["maxItems"] = 3
    return schema
