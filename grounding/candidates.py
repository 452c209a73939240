"""Candidate spotting: what an article offers a model to copy (names, date phrases, offices, countries).

A 135M-parameter model cannot be trusted to copy a name or a date; the article grammar lets it
choose only among these. Each function reads the article alone, never a model answer.
"""

from __future__ import annotations

import re

from grounding.countries import normalize_country
from grounding.folding import fold_plain
from grounding.gazetteer import is_city
from grounding.vocabulary import (
    MONTH_ABBREVIATIONS,
    MONTHS,
    NOT_NAME_STARTS,
    NOT_PERSON_WORDS,
    OFFICES,
    SPEAKER_CUES,
    TITLE_WORDS,
    WEEKDAYS,
)

_MONTH = "|".join(MONTHS + MONTH_ABBREVIATIONS)
_WEEKDAY = "|".join(WEEKDAYS)
_DATE_PHRASES = re.compile(
    rf"\b(?:(?:on|last|this|next)\s+)?(?:{_WEEKDAY})\b"
    rf"|\b[0-9]{{1,2}}(?:st|nd|rd|th)?\s+(?:{_MONTH})\.?(?:,?\s+[0-9]{{4}})?\b"
    rf"|\b(?:{_MONTH})\.?\s+[0-9]{{1,2}}(?:st|nd|rd|th)?(?:,?\s+[0-9]{{4}})?\b"
    r"|\b[0-9]{4}-[0-9]{2}-[0-9]{2}\b"
    r"|\b(?:today|yesterday|tomorrow|earlier this week|last week)\b",
    re.IGNORECASE,
)
# A middle initial ("Antony J. Blinken", "Joseph R. Biden") stays inside the run.
_WORD = r"[^\W\d_][\w'\u2019-]*"
_CAP_RUN = re.compile(rf"{_WORD}(?:[ \u00a0](?:[A-Z]\.(?=[ \u00a0][A-Z])|{_WORD}))*", re.UNICODE)
_NOT_NAMES = frozenset(fold_plain(w) for w in (*MONTHS, *MONTH_ABBREVIATIONS, *WEEKDAYS))
_PLACE_CUE = re.compile(r"(?:\b(?:in|at|to|from|of|near|visit|visited)\s+)$", re.IGNORECASE)
MAX_CANDIDATES = 150


def name_runs(text: str) -> list[str]:
    """Capitalised word runs that could be names of people or places, titles cut off."""
    runs: list[str] = []
    for m in _CAP_RUN.finditer(text):
        run_words = [re.sub(r"['\u2019]s$", "", w) for w in m.group().split()]
        # Split the run at lower-case words and title words, keeping capitalised stretches.
        current: list[str] = []
        for w in [*run_words, ""]:
            if w and w[:1].isupper() and fold_plain(w) not in TITLE_WORDS:
                current.append(w)
                continue
            if current:
                for k in range(len(current)):  # "Emomali Rahmon" and "Rahmon" both
                    cand = " ".join(current[k:])
                    if fold_plain(cand) not in _NOT_NAMES and len(cand) > 2 and cand not in runs:
                        runs.append(cand)
            current = []
    return runs[:MAX_CANDIDATES]


def _is_place(run: str, text: str) -> bool:
    # A run that is always preceded by "in", "at", "to"... is a place, not a person.
    starts = [m.start() for m in re.finditer(re.escape(run), text)]
    return bool(starts) and all(_PLACE_CUE.search(text[max(0, i - 12) : i]) for i in starts)


# The little words of TITLE_WORDS: "of Trump" or "his Trump" do not make a title.
_NOT_TITLES = frozenset({"of", "the", "and", "he", "his", "her"})


def is_title_word(word: str) -> bool:
    """True for a word of a title ("President", "Minister"), not one of TITLE_WORDS' little words."""
    folded = fold_plain(word)
    return folded in TITLE_WORDS and folded not in _NOT_TITLES


def _after_title(word: str, text: str) -> bool:
    # "President Trump", "Chancellor Merkel": a surname the article never writes in full.
    return any(
        is_title_word(m.group(1)) for m in re.finditer(rf"(\w+)\.?[ \u00a0]+{re.escape(word)}\b", text)
    )


def _is_speaker(run: str, text: str) -> bool:
    # A name only ever introduced as a spokesperson is who the article quotes, not a party.
    starts = [m.start() for m in re.finditer(re.escape(run), text)]
    return bool(starts) and all(
        any(cue in text[max(0, i - 40) : i].lower() for cue in SPEAKER_CUES) for i in starts
    )


def person_candidates(text: str) -> list[str]:
    """Name runs that could be people: no pronouns, countries, demonyms, datelines or places.

    Single words are kept only as the surname of a longer run ("Putin" of "Vladimir Putin").
    """
    runs = name_runs(text)
    # "Addis Ababa", "New Delhi": a city of the gazetteer is no person, nor is its last word.
    cities = [r for r in runs if len(r.split()) > 1 and is_city(r)]
    runs = [r for r in runs if r not in cities and not any(c.endswith(" " + r) for c in cities)]
    out: list[str] = []
    for run in runs:
        parts = run.replace("-", " ").split()
        if fold_plain(parts[0]) in NOT_NAME_STARTS or run.isupper():
            continue
        if normalize_country(run) or any(normalize_country(p) for p in parts):
            continue
        if len(parts) == 1 and not any(r.endswith(" " + run) for r in runs) and not _after_title(run, text):
            continue
        if _is_place(run, text) or any(fold_plain(p) in NOT_PERSON_WORDS for p in parts):
            continue
        if _is_speaker(run, text):
            continue
        out.append(run)
    return out


def fullest(candidates: list[str]) -> list[str]:
    """Only the fullest runs: "Sonia Gandhi" stands for "Gandhi" too."""
    return [c for c in candidates if not any(c != o and c in o for o in candidates)]


def is_country_run(run: str) -> bool:
    """True when a name run is a country ("United States’" with its possessive quote too)."""
    return normalize_country(run.rstrip("’'")) is not None


def offices_mentioned(text: str) -> list[str]:
    """The offices (from `vocabulary.OFFICES`) that the article mentions."""
    folded = fold_plain(text)
    return [t for t in OFFICES if re.search(r"\b" + re.escape(fold_plain(t)) + r"\b", folded)]


def date_phrases(text: str) -> list[str]:
    """Date phrases of the article, as written, in order of first occurrence."""
    seen: list[str] = []
    for m in _DATE_PHRASES.finditer(text):
        if m.group() not in seen:
            seen.append(m.group())
    return seen


def countries_mentioned(text: str) -> list[str]:
    """Canonical names of the countries the article mentions (by name or demonym)."""
    found: list[str] = []
    for run in name_runs(text):
        for cand in (run, *run.split()):
            c = normalize_country(cand)
            if c and c not in found:
                found.append(c)
    return found


def could_name_two_people(text: str, principals: int = 0) -> bool:
    """False when the article cannot report a meeting: fewer than two capitalised runs that could be
    people (countries left out), counting `principals` (issuing office-holders) as named.

    Deliberately generous (every capitalised run counts, "Putin" alone as much as a full name): it
    only spares a model call on texts like "Ministers met." or a list of figures.
    """
    runs = [r for r in fullest(name_runs(text)) if not is_country_run(r)]
    return len(runs) + principals >= 2
