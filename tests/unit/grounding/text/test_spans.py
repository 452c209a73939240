"""grounding.text.spans: quotes located exactly, tolerantly or fuzzily; never invented offsets."""

from __future__ import annotations

from typing import get_args

from grounding.text.spans import Found, MatchKind, find_span, ground_quotes

TEXT = "HÀ NỘI — State President Lương Cường received PM Luxon on Wednesday.\nThey  talked “trade”."


def test_find_span_exact_tolerant_fuzzy_and_missing() -> None:
    exact = find_span(TEXT, "received PM Luxon")
    assert exact is not None and exact.match == "exact"
    assert TEXT[exact.start : exact.end] == "received PM Luxon"
    tolerant = find_span(TEXT, "state president luong cuong")
    assert tolerant is not None and tolerant.match == "tolerant"
    assert TEXT[tolerant.start : tolerant.end] == "State President Lương Cường"
    spaced = find_span(TEXT, 'They talked "trade".')
    assert spaced is not None and TEXT[spaced.start : spaced.end] == "They  talked “trade”."
    fuzzy = find_span(TEXT, "State President Luong Cuong recieved PM Luxon on Wednesday")
    assert fuzzy is not None and fuzzy.match == "fuzzy"
    assert "Luxon" in TEXT[fuzzy.start : fuzzy.end]
    assert find_span(TEXT, "The presidents played chess on the moon") is None
    assert find_span(TEXT, "   ") is None


def test_ground_quotes_keeps_order_drops_repeats_keeps_unfound() -> None:
    grounded = ground_quotes(
        ["They talked", "received PM Luxon", "they  TALKED", "made up entirely", "received PM Luxon"], TEXT
    )
    assert [(q, s.match if s else None) for q, s in grounded] == [
        ("They talked", "tolerant"),
        ("received PM Luxon", "exact"),
        ("made up entirely", None),
    ]


def test_one_match_kind_for_found_and_not_found() -> None:
    assert get_args(MatchKind) == (*get_args(Found), "none")
