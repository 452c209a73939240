"""Language knowledge as data: the English word lists, patterns and tables of `grounding`.

Each YAML file here holds the keys of one concept (dates and calendar words, people and titles,
countries, places, meetings, modality, office-holders, English function words); `SCHEMA` says
which keys each file must hold and of what kind. Code asks for a key by name (`words`, `word_set`,
`table`, `number`, `regex`, `any_of`, `patterns`, `office_terms`); each file is read once
(cached). `check_lexicon` validates every file against `SCHEMA` at start-up: a missing or unknown
key, a value of the wrong type, or a pattern that does not compile raises `LexiconError` before
any request is served, not on the article that reaches it.

Patterns may hold placeholders `{key}` (a key of the same file) or `{file.key}` (of another file):
a word list (`words`, `alternatives`) is replaced by its items joined with "|" (inserted as
written, so they are regex alternatives), a pattern by its text. So a word list is written once and
used in every pattern that needs it. Regex quantifiers (`{1,2}`) are not placeholders.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any, Literal

import yaml

LEXICON_DIR = Path(__file__).parent

# What a key holds:
# - words: a list of plain strings (a word list);
# - alternatives: a list of regex fragments, joined with "|" (`any_of` wraps them in \b(?:...)\b);
# - regex / regex_cased: one pattern, compiled case-insensitively / case-sensitively;
# - regexes: a list of case-insensitive patterns;
# - table: a mapping of strings to strings;
# - pattern_table: a mapping of strings to case-insensitive patterns;
# - number: an int or a float;
# - offices: the office-holder tables (`grounding/rules/offices.py`).
Kind = Literal[
    "words", "alternatives", "regex", "regex_cased", "regexes", "table", "pattern_table", "number", "offices"
]

SCHEMA: dict[str, dict[str, Kind]] = {
    "outcomes": {
        "outcome_verbs": "regex",
        "not_this_meeting": "regex",
        "earlier_time": "regex",
        "list_item": "regex",
        "clause_opener": "regex",
        "no_outcome": "regex",
        "side_words": "regex",
        "doer_skip": "regex",
        "stance": "regex",
        "concurred": "regex",
        "one_side_verbs": "regex",
        "joint_doers": "regex",
        "joined_doers": "regex_cased",
    },
    "discussion": {"discussion_cues": "regex", "goes_on": "regex", "occasion_before": "regex"},
    "topics": {
        "trade": "regex",
        "investment": "regex",
        "energy": "regex",
        "agriculture": "regex",
        "transport": "regex",
        "security": "regex",
        "defense": "regex",
        "education": "regex",
        "science_technology": "regex",
        "culture": "regex",
        "tourism": "regex",
        "health": "regex",
        "migration": "regex",
        "environment": "regex",
        "multilateral": "regex",
        "regional_issues": "regex",
    },
    "english": {
        "function_words": "words",
        "min_share": "number",
        "min_share_without_names": "number",
        "min_words": "number",
        "title_abbreviation_end": "regex_cased",
    },
    "calendar": {
        "weekdays": "words",
        "months": "words",
        "month_abbreviations": "words",
        "weekday_modifiers": "words",
        "weekday_forward": "words",
        "weekday_back": "words",
        "date_phrase": "regex",
        "weekday_phrase": "regex_cased",
        "range_head": "regex",
        "leading_noise": "regex",
        "spoken": "alternatives",
        "period_only": "regex",
        "relative_words": "regex",
        "meeting_time": "regex",
        "period_phrase": "regex",
        "same_day": "words",
        "relative_aside": "regex",
        "clause_break": "regex",
        "next_day": "words",
        "previous_day": "words",
        "on_that_day": "words",
    },
    "people": {
        "pronoun_surnames": "words",
        "portfolio_minister": "regex",
        "counterpart_before": "regex_cased",
        "possessed_people": "words",
        "title_words": "words",
        "office_bodies": "words",
        "office_held_since": "words",
        "title_suffixes": "words",
        "international_office": "regex",
        "posted_office": "regex",
        "body_heads": "words",
        "venue_heads": "words",
        "body_name_before": "regex_cased",
        "apposition_lead_words": "words",
        "portfolio_list_end": "regex_cased",
        "office_words": "words",
        "office_heads": "words",
        "apposition_end_verbs": "words",
        "portfolio_words": "words",
        "body_words": "words",
        "title_little_words": "words",
        "title_joiners": "words",
        "honorifics": "words",
        "styles_of_address": "words",
        "post_nominals": "words",
        "noble_ranks": "words",
        "military_ranks": "words",
        "subject_ranks": "pattern_table",
        "military_branches": "words",
        "rank_modifiers": "words",
        "general_offices": "words",
        "plural_offices": "words",
        "office_phrases": "words",
        "not_person_words": "words",
        "speaker_cues": "words",
        "quote_attribution": "regex",
        "question_to_office": "regex",
        "companion_before": "regex",
        "reporter_before": "regex",
        "not_name_starts": "words",
        "not_name_prepositions": "words",
        "name_particles": "words",
        "articles": "words",
        "relational_nouns": "words",
        "role_nouns": "words",
        "group_of_country": "regex_cased",
        "office_as_after": "regex_cased",
        "title_complements": "words",
        "title_addressees": "words",
        "foreign_facing_offices": "words",
        "leader_office": "regex",
    },
    "countries": {
        "preferred_names": "table",
        "aliases": "table",
        "written_abbreviations": "regex_cased",
        "official_names": "regex_cased",
        "joined_pair": "regex_cased",
        "dropped_prefixes": "words",
        "name_joiners": "words",
        "fallback_prefixes": "words",
        "code_lookalikes": "words",
    },
    "places": {
        "where_clause": "regex",
        "venue_openers": "words",
        "venue_then_city": "regex",
        "place_prepositions": "words",
        "venue_words": "words",
        "city_name_words": "words",
        "visit_words": "words",
        "place_cue_before_run": "regex",
        "country_as_place": "regex_cased",
        "listed_places": "regex_cased",
        "place_before": "regex",
        "capital_after": "regex_cased",
        "abbreviated_place": "regex",
        "of_body_before": "regex",
        "of_country_after": "regex_cased",
        "seat_venues": "table",
        "travel_verbs": "regex",
        "destination_end": "regex",
        "whereabouts": "regex",
        "place_preposition_end": "regex",
        "office_to": "regex",
        "past_travel_verbs": "alternatives",
        "host_verbs": "regex",
        "subject_not_after": "regex",
        "passive_before": "regex",
        "determiner_before": "regex",
        "noun_before_in": "regex",
        "issue_nouns": "words",
        "possessive_place_words": "words",
        "invited_before": "regex",
        "city_states": "words",
        "gathering_words": "regex",
        "dateline": "regex_cased",
    },
    "meetings": {
        "source_of_report": "regex_cased",
        "opening_clause_end": "regex_cased",
        "reporting_words": "alternatives",
        "strong_meeting_verbs": "alternatives",
        "talks_opener": "regex",
        "told_after_opener": "alternatives",
        "call": "regex",
        "video": "regex",
        "joint": "alternatives",
        "joined_persons": "alternatives",
        "subject_opening": "regex",
        "unnamed_subject": "regex",
        "trip_subject": "regex",
        "pronoun_subject": "regex",
        "participial_opener": "regex",
        "first_person_subject": "regex_cased",
        "possessive_subject": "regex_cased",
        "separate": "alternatives",
        "future_tense": "alternatives",
        "future_after_noun": "alternatives",
        "past_meeting_verbs": "alternatives",
        "future_before_verb": "alternatives",
        "future_taking_part": "regex",
        "past_list": "alternatives",
        "another_meeting": "regex",
        "earlier_meeting": "regex",
        "past_time": "regex",
        "later_meeting": "alternatives",
        "vague_prospect": "regex",
        "meeting_between": "regex",
        "between_again": "regex",
        "reciprocal_meeting": "regex",
        "group_auxiliaries": "regex",
        "met_with_others": "regex",
        "group_gap_words": "words",
        "object_pronoun": "regex",
        "agent_before": "regex_cased",
        "described_person": "regex",
        "named_object": "regex_cased",
        "joined_with_speaker": "regex_cased",
        "group_object_lead": "regex",
        "then_office": "regex_cased",
        "coordinated_before": "regex_cased",
        "each_on_their_own": "regex",
        "after_talks": "regex",
        "group_count_words": "words",
        "joint_counts": "words",
        "occasion_aside": "regex",
        "also_before": "regex",
        "after_talks_reach": "regex",
        "group_members": "regex",
        "time_between": "regex",
        "place_or_day_between": "regex",
        "not_a_meeting": "regexes",
        "others_will": "regex",
        "pair_reference": "alternatives",
        "pair_subject": "regex",
        "pair_joined": "regex",
        "and_another_act": "regex",
        "possessed_noun_before": "regex",
        "schedule_entry": "regex",
        "clause_cut": "regex_cased",
        "contrast_cut": "regex_cased",
    },
    "modality": {
        "scoped_meeting_words": "alternatives",
        "denied": "regexes",
        "hypothetical": "regexes",
        "wished": "regexes",
        "instruction": "regexes",
    },
    "offices": {
        "not_named": "regex_cased",
        "contexts": "table",
        "offices": "offices",
        "national_offices": "pattern_table",
    },
}

_OFFICE_FIELDS = frozenset({"title", "country", "phrase", "context", "holders"})
_PLACEHOLDER = re.compile(r"\{([a-z_]+)(?:\.([a-z_]+))?\}")


class LexiconError(ValueError):
    """A lexicon file is missing a key, holds a wrong type, or a pattern that does not compile."""


@dataclass(frozen=True)
class Term:
    """One holder of an office: from `start` to `end` (inclusive; None while in office)."""

    name: str
    start: dt.date
    end: dt.date | None
    source: str


@dataclass(frozen=True)
class OfficeEntry:
    """An office whose holder a readout writes by office alone, as the lexicon describes it."""

    title: str
    country: str
    phrase: re.Pattern[str]
    context: re.Pattern[str]
    # The holders in order, each with the dates held and a source.
    terms: tuple[Term, ...]

    def holder_on(self, day: dt.date) -> str | None:
        """Who held the office on `day` (on a handover day, the successor); None before the first."""
        holder = None
        for term in self.terms:
            if term.start <= day and (term.end is None or day <= term.end):
                holder = term.name
        return holder


def _read(directory: Path, name: str) -> dict[str, Any]:
    path = directory / f"{name}.yaml"
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as e:
        raise LexiconError(f"{path}: {e}") from e
    if not isinstance(data, dict):
        raise LexiconError(f"{path}: not a mapping")
    return data


@cache
def load(name: str) -> dict[str, Any]:
    """The mapping of `grounding/lexicon/<name>.yaml`, read once.

    Raises:
        LexiconError: the file is missing, not YAML, or not a mapping.
    """
    return _read(LEXICON_DIR, name)


def _kind(name: str, key: str, *allowed: Kind) -> Kind:
    kind = SCHEMA.get(name, {}).get(key)
    if kind is None or kind not in allowed:
        raise LexiconError(f"{name}.yaml: {key!r} is not a key of kind {'/'.join(allowed)}")
    return kind


def _strings(name: str, key: str, value: object) -> tuple[str, ...]:
    if not isinstance(value, list) or not value or not all(isinstance(v, str) for v in value):
        raise LexiconError(f"{name}.yaml: {key!r} must be a non-empty list of strings")
    return tuple(value)


def _fill(name: str, key: str, pattern: str, data: dict[str, dict[str, Any]]) -> str:
    """The pattern with each `{key}` / `{file.key}` placeholder replaced by that list's alternation."""

    def replace(m: re.Match[str]) -> str:
        file, other = (m.group(1), m.group(2)) if m.group(2) else (name, m.group(1))
        kind = SCHEMA.get(file, {}).get(other)
        if kind in ("regex", "regex_cased") and isinstance(data[file].get(other), str):
            # A pattern may itself name lists ("{calendar.weekdays}"): filled in turn.
            return _fill(file, other, str(data[file][other]), data)
        if kind not in ("words", "alternatives"):
            raise LexiconError(f"{name}.yaml: {key!r}: placeholder {m.group()} names no word list or pattern")
        return "|".join(_strings(file, other, data[file].get(other)))

    return _PLACEHOLDER.sub(replace, pattern)


def _compile(
    name: str, key: str, pattern: object, flags: int, data: dict[str, dict[str, Any]]
) -> re.Pattern[str]:
    if not isinstance(pattern, str):
        raise LexiconError(f"{name}.yaml: {key!r} must be a pattern (a string)")
    try:
        return re.compile(_fill(name, key, pattern, data), flags)
    except re.error as e:
        raise LexiconError(f"{name}.yaml: {key!r}: {pattern!r}: {e}") from e


def _loaded() -> dict[str, dict[str, Any]]:
    return {name: load(name) for name in SCHEMA}


def words(name: str, key: str) -> tuple[str, ...]:
    """The word list (or list of regex alternatives) under `key`, in file order."""
    _kind(name, key, "words", "alternatives")
    return _strings(name, key, load(name).get(key))


def word_set(name: str, key: str) -> frozenset[str]:
    """The word list under `key`, as a set (for membership tests)."""
    return frozenset(words(name, key))


def _is_table(value: object) -> bool:
    return isinstance(value, dict) and all(
        isinstance(k, str) and isinstance(v, str) for k, v in value.items()
    )


def table(name: str, key: str) -> dict[str, str]:
    """The string-to-string mapping under `key`, in file order."""
    _kind(name, key, "table")
    value = load(name).get(key)
    if not isinstance(value, dict) or not all(
        isinstance(k, str) and isinstance(v, str) for k, v in value.items()
    ):
        raise LexiconError(f"{name}.yaml: {key!r} must be a mapping of strings to strings")
    return dict(value)


@cache
def pattern_table(name: str, key: str) -> dict[str, re.Pattern[str]]:
    """The mapping under `key`, each value compiled as a case-insensitive pattern."""
    _kind(name, key, "pattern_table")
    data = _loaded()
    value = data[name].get(key)
    if not isinstance(value, dict) or not _is_table(value):
        raise LexiconError(f"{name}.yaml: {key!r} must be a mapping of strings to patterns")
    return {str(k): _compile(name, key, v, re.IGNORECASE, data) for k, v in value.items()}


def number(name: str, key: str) -> float:
    """The number under `key`."""
    _kind(name, key, "number")
    value = load(name).get(key)
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise LexiconError(f"{name}.yaml: {key!r} must be a number")
    return float(value)


@cache
def regex(name: str, key: str) -> re.Pattern[str]:
    """The compiled pattern under `key` (case-insensitive for kind "regex", as written for "regex_cased")."""
    kind = _kind(name, key, "regex", "regex_cased")
    flags = re.IGNORECASE if kind == "regex" else 0
    return _compile(name, key, load(name).get(key), flags, _loaded())


@cache
def any_of(name: str, key: str) -> re.Pattern[str]:
    """A case-insensitive pattern matching any of the alternatives under `key` as whole words."""
    _kind(name, key, "alternatives")
    return _compile(name, key, r"\b(?:" + "|".join(words(name, key)) + r")\b", re.IGNORECASE, _loaded())


@cache
def patterns(name: str, key: str) -> tuple[re.Pattern[str], ...]:
    """The compiled case-insensitive patterns under `key` (kind "regexes"), placeholders filled."""
    _kind(name, key, "regexes")
    raw = load(name).get(key)
    if not isinstance(raw, list) or not raw:
        raise LexiconError(f"{name}.yaml: {key!r} must be a list of patterns")
    data = _loaded()
    return tuple(_compile(name, key, p, re.IGNORECASE, data) for p in raw)


def _date(name: str, key: str, value: object) -> dt.date:
    if not isinstance(value, dt.date):
        raise LexiconError(f"{name}.yaml: {key}: {value!r} is not a date (YYYY-MM-DD)")
    return value


def _offices(name: str, data: dict[str, dict[str, Any]]) -> tuple[OfficeEntry, ...]:
    raw, contexts = data[name].get("offices"), data[name].get("contexts")
    if not isinstance(raw, list) or not raw or not isinstance(contexts, dict):
        raise LexiconError(f"{name}.yaml: 'offices' must be a list and 'contexts' a mapping")
    entries: list[OfficeEntry] = []
    for i, office in enumerate(raw):
        where = f"offices[{i}]"
        if not isinstance(office, dict) or not {"title", "country", "phrase", "context", "holders"} <= set(
            office
        ):
            raise LexiconError(f"{name}.yaml: {where} needs title, country, phrase, context and holders")
        if office["context"] not in contexts:
            raise LexiconError(f"{name}.yaml: {where}: unknown context {office['context']!r}")
        holders = office["holders"]
        if not isinstance(holders, list) or not holders:
            raise LexiconError(f"{name}.yaml: {where}: holders must be a non-empty list")
        terms: list[Term] = []
        for j, h in enumerate(holders):
            at = f"{where}.holders[{j}]"
            if not isinstance(h, dict) or not all(isinstance(h.get(k), str) for k in ("name", "source")):
                raise LexiconError(f"{name}.yaml: {at} needs a name and a source")
            end = None if h.get("to") is None else _date(name, at, h["to"])
            terms.append(Term(h["name"], _date(name, at, h.get("from")), end, h["source"]))
        for a, b in itertools.pairwise(terms):
            # Contiguous terms: the next holder starts the day the last one leaves or the day after.
            if a.end is None or not a.start <= a.end <= b.start <= a.end + dt.timedelta(days=1):
                raise LexiconError(
                    f"{name}.yaml: {where}: {a.name}'s term does not end where {b.name}'s starts"
                )
        entries.append(
            OfficeEntry(
                str(office["title"]),
                str(office["country"]),
                _compile(name, f"{where}.phrase", office["phrase"], 0, data),
                _compile(name, f"{where}.context", contexts[office["context"]], 0, data),
                tuple(terms),
            )
        )
    return tuple(entries)


@cache
def office_terms(name: str = "offices") -> tuple[OfficeEntry, ...]:
    """The offices of `offices.yaml`, each with its phrase, context pattern and holders in order."""
    _kind(name, "offices", "offices")
    return _offices(name, _loaded())


def _check(name: str, key: str, kind: Kind, data: dict[str, dict[str, Any]]) -> None:
    value = data[name][key]
    if kind in ("words", "alternatives"):
        items = _strings(name, key, value)
        if kind == "alternatives":
            _compile(name, key, "|".join(items), 0, data)
    elif kind in ("regex", "regex_cased"):
        _compile(name, key, value, 0, data)
    elif kind == "regexes":
        if not isinstance(value, list) or not value:
            raise LexiconError(f"{name}.yaml: {key!r} must be a list of patterns")
        for pattern in value:
            _compile(name, key, pattern, 0, data)
    elif kind == "table":
        if not isinstance(value, dict) or not all(
            isinstance(k, str) and isinstance(v, str) for k, v in value.items()
        ):
            raise LexiconError(f"{name}.yaml: {key!r} must be a mapping of strings to strings")
    elif kind == "pattern_table":
        if not _is_table(value):
            raise LexiconError(f"{name}.yaml: {key!r} must be a mapping of strings to patterns")
        for pattern in value.values():
            _compile(name, key, pattern, re.IGNORECASE, data)
    elif kind == "number":
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise LexiconError(f"{name}.yaml: {key!r} must be a number")
    else:
        _offices(name, data)


def check_lexicon(directory: Path | None = None) -> None:
    """Validate every lexicon file against `SCHEMA` (at start-up, so a broken file fails before any request).

    Args:
        directory: where the YAML files are; the package's own lexicon (as loaded) when None.

    Raises:
        LexiconError: a file or key is missing, a key is unknown, a value has the wrong type, a
            placeholder names no word list, or a pattern does not compile.
    """
    data = {name: (load(name) if directory is None else _read(directory, name)) for name in SCHEMA}
    for name, keys in SCHEMA.items():
        missing = sorted(set(keys) - set(data[name]))
        unknown = sorted(set(data[name]) - set(keys))
        if missing or unknown:
            raise LexiconError(f"{name}.yaml: missing keys {missing}, unknown keys {unknown}")
        for key, kind in keys.items():
            _check(name, key, kind, data)
