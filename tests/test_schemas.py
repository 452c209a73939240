"""Grounding, names, countries, dates and the article validators, without any HTTP."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from pydantic import ValidationError

from schemas.countries import normalize_country
from schemas.dates import resolve_date
from schemas.extraction import ArticleContext, LLMExtraction
from schemas.mentions import canonical_name, is_mentioned
from schemas.text import find_span, fold
from tests.conftest import gold_as_llm_output, seed


@pytest.mark.parametrize(
    ("phrase", "published", "direction", "expected"),
    [
        ("on Wednesday", "2025-02-26", "past", "2025-02-26"),
        ("on Thursday", "2021-05-21", "past", "2021-05-20"),
        ("said on Thursday", "2021-05-21", "past", "2021-05-20"),
        ("last Friday", "2021-05-21", "past", "2021-05-14"),
        ("on Friday", "2025-09-23", "future", "2025-09-26"),
        ("next Tuesday", "2025-09-23", "future", "2025-09-30"),
        ("September 22", "2025-09-23", "past", "2025-09-22"),
        ("22 September 2025", None, "past", "2025-09-22"),
        ("yesterday", "2025-09-23", "past", "2025-09-22"),
        ("September 22", None, "past", None),
        ("on Wednesday", None, "past", None),
        ("in late October", "2025-09-23", "future", None),
        ("last week", "2025-09-23", "past", None),
        (None, "2025-09-23", "past", None),
    ],
)
def test_resolve_date(
    phrase: str | None, published: str | None, direction: Any, expected: str | None
) -> None:
    pub = dt.date.fromisoformat(published) if published else None
    got = resolve_date(phrase, pub, direction)
    assert (got.isoformat() if got else None) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Việt Nam", "Vietnam"),
        ("Viet Nam", "Vietnam"),
        ("Vietnamese", "Vietnam"),
        ("Russian Federation", "Russia"),
        ("the Republic of Tajikistan", "Tajikistan"),
        ("Tajikistani", "Tajikistan"),
        ("NZ", "New Zealand"),
        ("USA", "United States"),
        ("Kazakh", "Kazakhstan"),
        ("Nam", None),
        ("Moscow", None),
        ("", None),
        (None, None),
    ],
)
def test_normalize_country(raw: str | None, expected: str | None) -> None:
    assert normalize_country(raw) == expected


def test_find_span_exact_tolerant_fuzzy_and_missing() -> None:
    text = "HÀ NỘI — State President Lương Cường received PM Luxon on Wednesday.\nThey  talked “trade”."
    exact = find_span(text, "received PM Luxon")
    assert exact is not None and exact.match == "exact"
    assert text[exact.start : exact.end] == "received PM Luxon"
    tolerant = find_span(text, "state president luong cuong")
    assert tolerant is not None and tolerant.match == "tolerant"
    assert text[tolerant.start : tolerant.end] == "State President Lương Cường"
    spaced = find_span(text, 'They talked "trade".')
    assert spaced is not None and text[spaced.start : spaced.end] == "They  talked “trade”."
    fuzzy = find_span(text, "State President Luong Cuong recieved PM Luxon on Wednesday")
    assert fuzzy is not None and fuzzy.match == "fuzzy"
    assert "Luxon" in text[fuzzy.start : fuzzy.end]
    assert find_span(text, "The presidents played chess on the moon") is None
    assert find_span(text, "   ") is None


def test_fold_keeps_offsets() -> None:
    folded = fold("  Đà  Nẵng ")
    assert folded.text == "da nang"
    assert folded.to_source(0, 7) == (2, 10)


def test_names_are_matched_tolerantly_and_restored() -> None:
    text, _ = seed("003_ee914f4da08c8a1e")
    words = ArticleContext(text).folded_words
    assert is_mentioned("President Cường", words)
    assert is_mentioned("Luong Cuong", words)
    assert is_mentioned("PM Luxon", words)
    assert not is_mentioned("Boris Johnson", words)
    assert not is_mentioned("President", words)
    assert canonical_name("President Cuong", text) == "Lương Cường"
    assert canonical_name("luxon", text) == "Christopher Luxon"
    assert canonical_name("Ha Noi", text) == "Hà Nội"  # running text, not the all-caps dateline


def _validate(answer: dict[str, Any], text: str, published: str | None) -> LLMExtraction:
    ctx = ArticleContext(text, dt.date.fromisoformat(published) if published else None)
    return LLMExtraction.model_validate(answer, context=ctx.as_validation_context())


def test_gold_answers_pass_the_validators() -> None:
    for stem in ("000_992ab47ca5ee5213", "001_80fe66ff6ee15a4c", "003_ee914f4da08c8a1e"):
        text, published = seed(stem)
        assert _validate(gold_as_llm_output(stem), text, published).events


@pytest.mark.parametrize(
    ("mutate", "message"),
    [
        (
            lambda e: e["participants"].__setitem__(1, {"name": "Boris Johnson"}),
            "'Boris Johnson' is not named",
        ),
        (lambda e: e["evidence"].append("Rahmon sang a song."), "is not in the article"),
        (lambda e: e.update(host="Vladimir Putin", mode="visit"), "host 'Vladimir Putin' must be one of"),
        (lambda e: e["participants"].__setitem__(1, {"name": "President Cường"}), "needs two different"),
    ],
)
def test_validators_reject_what_the_article_does_not_say(mutate: Any, message: str) -> None:
    stem = "000_992ab47ca5ee5213"
    text, published = seed(stem)
    answer = gold_as_llm_output(stem)
    mutate(answer["events"][0])
    with pytest.raises(ValidationError, match=message):
        _validate(answer, text, published)


def test_duplicate_events_are_rejected() -> None:
    stem = "000_992ab47ca5ee5213"
    text, published = seed(stem)
    answer = gold_as_llm_output(stem)
    answer["events"].append(answer["events"][0])
    with pytest.raises(ValidationError, match="duplicates an earlier event"):
        _validate(answer, text, published)


def test_occurred_after_publication_is_rejected() -> None:
    text = "President Ana Lima met Prime Minister Rui Costa on 3 March 2025 in Lisbon."
    answer = {
        "events": [
            {
                "evidence": [text],
                "participants": [{"name": "Ana Lima"}, {"name": "Rui Costa"}],
                "date_text": "3 March 2025",
                "status": "occurred",
            }
        ]
    }
    with pytest.raises(ValidationError, match="after publication on 2025-02-01"):
        _validate(answer, text, "2025-02-01")
    answer["events"][0]["status"] = "planned"
    assert _validate(answer, text, "2025-02-01").events[0].status == "planned"


def test_repeated_participant_is_merged_keeping_fuller_name() -> None:
    stem = "000_992ab47ca5ee5213"
    text, published = seed(stem)
    answer = gold_as_llm_output(stem)
    answer["events"][0]["participants"].append({"name": "Cường", "title": None, "country": None})
    event = _validate(answer, text, published).events[0]
    assert [p.name for p in event.participants] == ["Lương Cường", "Emomali Rahmon"]


def test_schema_is_grammar_friendly() -> None:
    schema = str(LLMExtraction.model_json_schema())
    assert "\\d" not in schema
    assert "maxItems" in schema
