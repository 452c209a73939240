"""service.llm.salvage: the valid events of answers that failed validation as a whole."""

from __future__ import annotations

import json
from typing import Any

import pytest

from grounding.article import ArticleContext
from schemas.extraction import MAX_EVENTS
from service.llm.salvage import DroppedEvent, best_salvage, complete_events, parse_answer, salvage_answer

TEXT = (
    "Prime Minister Ann Lee met President Bo Kim in Rome on Monday. "
    "Later, Ann Lee held talks with Chancellor Cy Park. "
    "On Tuesday, Bo Kim received King Dan Roe at the palace."
)
ARTICLE = ArticleContext(TEXT)


def _event(a: str, b: str, evidence: str, **extra: Any) -> dict[str, Any]:
    return {
        "evidence": [evidence],
        "participants": [{"name": a}, {"name": b}],
        "mode": "multilateral",
        **extra,
    }


LEE_KIM = _event("Ann Lee", "Bo Kim", "Prime Minister Ann Lee met President Bo Kim in Rome on Monday.")
LEE_PARK = _event("Ann Lee", "Cy Park", "Later, Ann Lee held talks with Chancellor Cy Park.")
KIM_ROE = _event("Bo Kim", "Dan Roe", "On Tuesday, Bo Kim received King Dan Roe at the palace.")
STRANGER = _event("Ann Lee", "Zed Quill", "Later, Ann Lee held talks with Chancellor Cy Park.")


def _raw(*events: Any) -> str:
    return json.dumps({"events": list(events)})


def test_parse_answer_finds_the_object_or_none() -> None:
    assert parse_answer('{"events": []}') == {"events": []}
    assert parse_answer('```json\n{"events": []}\n```') == {"events": []}
    assert parse_answer("{not json") is None
    assert parse_answer("[1, 2]") is None
    assert parse_answer("") is None and parse_answer(None) is None


def test_each_event_is_kept_or_dropped_with_its_first_problem() -> None:
    salvage = salvage_answer(_raw(LEE_KIM, STRANGER, KIM_ROE), ARTICLE)
    assert salvage is not None
    assert [[p.name for p in e.participants] for e in salvage.extraction.events] == [
        ["Ann Lee", "Bo Kim"],
        ["Bo Kim", "Dan Roe"],
    ]
    assert salvage.dropped == (DroppedEvent(2, "participant 'Zed Quill' is not named in the article"),)
    assert salvage.reported == 3


def test_an_event_that_fails_its_own_schema_is_dropped() -> None:
    salvage = salvage_answer(_raw(LEE_KIM, {"evidence": []}, "not an event"), ARTICLE)
    assert salvage is not None and len(salvage.extraction.events) == 1
    assert [d.number for d in salvage.dropped] == [2, 3]
    assert salvage.dropped[0].problem.startswith("evidence: ")


def test_only_the_duplicate_is_dropped() -> None:
    salvage = salvage_answer(_raw(LEE_KIM, LEE_PARK, LEE_KIM), ARTICLE)
    assert salvage is not None and len(salvage.extraction.events) == 2
    assert salvage.dropped == (DroppedEvent(3, "duplicates an earlier event; report each meeting once"),)


def test_a_repeat_of_a_dropped_event_is_no_duplicate() -> None:
    # The first copy fails (its host is no participant); the second, valid, one stays.
    bad = {**LEE_KIM, "mode": "visit", "host": "Cy Park"}
    salvage = salvage_answer(_raw(bad, LEE_KIM), ARTICLE)
    assert salvage is not None and len(salvage.extraction.events) == 1
    assert salvage.dropped == (DroppedEvent(1, "host 'Cy Park' must be one of the participants"),)


def test_events_beyond_the_limit_are_dropped() -> None:
    pairs = [
        (f"Ann {a}", f"Bo {b}")
        for a, b in zip(
            ["Lee", "Ng", "Ode", "Ruiz", "Sato", "Tan", "Ueda", "Vos", "Wu", "Xu"],
            ["Kim", "Ek", "Fay", "Gil", "Ho", "Ito", "Jia", "Kay", "Lo", "Ma"],
            strict=True,
        )
    ]
    pairs = pairs[: MAX_EVENTS + 1]
    sentences = [f"Leader {a} met Leader {b}." for a, b in pairs]
    text = " ".join(sentences)
    events = [_event(a, b, s) for (a, b), s in zip(pairs, sentences, strict=True)]
    salvage = salvage_answer(_raw(*events), ArticleContext(text))
    assert salvage is not None and len(salvage.extraction.events) == MAX_EVENTS
    assert salvage.dropped == (DroppedEvent(MAX_EVENTS + 1, f"more than {MAX_EVENTS} events in one answer"),)


def test_no_events_list_nothing_to_salvage() -> None:
    assert salvage_answer("{not json", ARTICLE) is None
    assert salvage_answer('{"events": "none"}', ARTICLE) is None
    empty = salvage_answer("{}", ARTICLE)
    assert empty is not None and empty.extraction.events == [] and empty.reported == 0


def test_the_best_attempt_keeps_the_most_events() -> None:
    one = _raw(LEE_KIM, STRANGER)
    two = _raw(LEE_KIM, STRANGER, KIM_ROE)
    best = best_salvage(["{not json", two, one, None], ARTICLE)
    assert best is not None and len(best.extraction.events) == 2
    # Equal kept: fewer dropped wins; then the later attempt.
    fewer = best_salvage([_raw(LEE_KIM, STRANGER), _raw(LEE_PARK)], ARTICLE)
    assert fewer is not None and fewer.dropped == ()
    later = best_salvage([_raw(LEE_KIM), _raw(LEE_PARK)], ARTICLE)
    assert later is not None and later.extraction.events[0].participants[1].name == "Cy Park"
    assert best_salvage(["{not json", None], ARTICLE) is None


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ('{"events": [{"a": 1}, {"b": [2, "x]"]}, {"c": "cut', [{"a": 1}, {"b": [2, "x]"]}]),
        ('```json\n{"events":[\n  {"a": 1},\n  {"b"', [{"a": 1}]),
        ('{"events": [{"a": "}{"}', [{"a": "}{"}]),
        # Cut after a finished value inside the last event: jiter's partial parse alone would keep it.
        ('{"events": [{"a": 1}, {"b": {"c": 1}', [{"a": 1}]),
        ('{"events": [{"a": 1}, {"e": ["x"]', [{"a": 1}]),
        ('{"events": [{"a": 1}, {"n": 12', [{"a": 1}]),
        ('{"events": [{"a": 1}],', [{"a": 1}]),  # the array closed: nothing was cut from it
        ('{"events": [', []),
        ('{"even', []),
        (None, []),
    ],
)
def test_complete_events_of_a_cut_off_answer(raw: str | None, expected: list[Any]) -> None:
    assert complete_events(raw) == expected


def test_an_event_of_one_person_is_dropped_with_the_event_as_read() -> None:
    """Listed once (too few for the field) or twice (one person): dropped, the event kept aside for
    `lone_people`; an event with another problem as well is not."""
    once = {**LEE_PARK, "participants": [{"name": "Ann Lee"}]}
    twice = {**LEE_PARK, "participants": [{"name": "Ann Lee"}, {"name": "Lee"}]}
    stranger_alone = {**STRANGER, "participants": [{"name": "Zed Quill"}]}
    salvage = salvage_answer(_raw(LEE_KIM, once, twice, stranger_alone), ARTICLE)
    assert salvage is not None and len(salvage.extraction.events) == 1
    lone = [d.lone for d in salvage.dropped]
    assert [[p.name for p in e.participants] if e else None for e in lone] == [["Ann Lee"], ["Ann Lee"], None]
    assert lone[0] is not None and lone[0].evidence == ["Later, Ann Lee held talks with Chancellor Cy Park."]
