"""The scorer against hand-computed figures: perfect, perturbed, hallucinated, missed and empty answers,
the strict rule against the lenient one, and the scorer's own country and name rules."""

from __future__ import annotations

import copy
from typing import Any

import pytest

from evals.cases import load_cases
from evals.scorer import aggregate, align, align_strict, names_match, same_participants, score_case
from evals.textnorm import country_key
from tests.conftest import gold_case

STEM = "000_992ab47ca5ee5213"


def _gold() -> list[dict[str, Any]]:
    return copy.deepcopy(gold_case(STEM)["events"])


def test_names_match_tolerantly() -> None:
    assert names_match("President Cường", "Lương Cường")
    assert names_match("luong cuong", "Lương Cường")
    assert names_match("Rakhmon", "Emomali Rahmon")
    assert not names_match("Putin", "Emomali Rahmon")
    assert not names_match("President", "President Putin")


def test_gold_against_itself_is_perfect() -> None:
    for case in load_cases():
        s = score_case(case.case, case.gold, copy.deepcopy(case.gold), case.text).to_dict()
        for name in ("events_strict", "events", "participants", "topics"):
            assert s[name]["precision"] == s[name]["recall"] == s[name]["f1"] == 1.0
        for acc in s["accuracy"].values():
            assert acc["value"] == 1.0
        assert s["grounding"]["value"] == 1.0


def test_dropped_participant() -> None:
    pred = _gold()
    pred[0]["participants"] = pred[0]["participants"][:1]
    s = score_case(STEM, _gold(), pred).to_dict()
    assert s["events"]["f1"] == 1.0  # lenient: one shared participant aligns the event
    assert (s["events_strict"]["tp"], s["events_strict"]["fp"], s["events_strict"]["fn"]) == (0, 1, 1)
    assert s["participants"] == {
        "tp": 1,
        "fp": 0,
        "fn": 1,
        "precision": 1.0,
        "recall": 0.5,
        "f1": pytest.approx(2 / 3),
    }
    # Field accuracies are taken over strict pairs only: there is none.
    assert all(a["total"] == 0 for a in s["accuracy"].values())
    assert s["pairs"][0]["participants_missed"] == ["Emomali Rahmon"] and s["pairs"][0]["strict"] is False


def test_wrong_date() -> None:
    pred = _gold()
    pred[0]["date"] = "2025-09-21"
    s = score_case(STEM, _gold(), pred).to_dict()
    assert s["accuracy"]["date"] == {"correct": 0, "total": 1, "value": 0.0}
    assert s["accuracy"]["city"]["value"] == 1.0
    assert s["pairs"][0]["wrong"] == ["date"]


def test_a_venue_matches_when_one_names_the_other_in_full() -> None:
    gold, pred = _gold(), _gold()
    gold[0]["location"]["venue"] = "No 10 Downing Street"
    for venue, right in (("Downing Street", True), ("the Kremlin", False), (None, False)):
        pred[0]["location"]["venue"] = venue
        s = score_case(STEM, gold, pred).to_dict()
        assert s["accuracy"]["venue"]["value"] == (1.0 if right else 0.0), venue
    gold[0]["location"]["venue"] = None
    pred[0]["location"]["venue"] = "Under"  # a word cut out of a title is no venue
    assert score_case(STEM, gold, pred).to_dict()["pairs"][0]["wrong"] == ["venue"]


def test_hallucinated_extra_event() -> None:
    pred = _gold()
    pred.append(
        {
            "participants": [
                {"name": "Vladimir Putin", "country": "Russia"},
                {"name": "Xi Jinping", "country": "China"},
            ],
            "topics": ["trade"],
            "evidence": [],
        }
    )
    s = score_case(STEM, _gold(), pred).to_dict()
    assert (s["events"]["tp"], s["events"]["fp"], s["events"]["fn"]) == (1, 1, 0)
    assert s["events"]["precision"] == 0.5 and s["events"]["recall"] == 1.0
    assert s["events"]["f1"] == pytest.approx(2 / 3)
    assert s["participants"]["precision"] == 0.5 and s["participants"]["recall"] == 1.0
    assert s["topics"]["precision"] == pytest.approx(9 / 10)
    assert s["topics"]["f1"] == pytest.approx(2 * 0.9 / 1.9)


def test_missed_event() -> None:
    second = {
        "participants": [
            {"name": "Lương Cường", "country": "Vietnam"},
            {"name": "Antonio Guterres", "country": None},
        ],
        "topics": ["multilateral"],
        "date": None,
        "location": {},
    }
    gold = [*_gold(), second]
    s = score_case(STEM, gold, _gold()).to_dict()
    assert (s["events"]["tp"], s["events"]["fp"], s["events"]["fn"]) == (1, 0, 1)
    assert s["events"]["recall"] == 0.5 and s["events"]["precision"] == 1.0
    assert s["participants"]["recall"] == 0.5
    assert s["topics"]["recall"] == pytest.approx(9 / 10)


def test_empty_answer() -> None:
    s = score_case(STEM, _gold(), []).to_dict()
    assert s["events"] == {"tp": 0, "fp": 0, "fn": 1, "precision": 0.0, "recall": 0.0, "f1": 0.0}
    assert s["participants"]["fn"] == 2
    assert all(a["value"] is None for a in s["accuracy"].values())
    assert s["grounding"]["value"] is None
    nothing = score_case("none", [], []).to_dict()
    assert nothing["events"]["f1"] == 1.0  # nothing to find, nothing found


def test_alignment_is_one_to_one_and_optimal() -> None:
    a = {"participants": [{"name": "Ann Lee"}, {"name": "Bo Kim"}]}
    b = {"participants": [{"name": "Ann Lee"}, {"name": "Cy Ode"}]}
    # Greedy would give pred 0 (which matches both) to gold 0; the optimum pairs each with its twin.
    pred = [
        {"participants": [{"name": "Ann Lee"}, {"name": "Cy Ode"}]},
        {"participants": [{"name": "Bo Kim"}]},
    ]
    pairs = align([b, a], pred)
    assert sorted((g, p) for g, p, _ in pairs) == [(0, 0), (1, 1)]


def test_micro_and_macro_averages() -> None:
    perfect = score_case("a", _gold(), _gold())
    empty = score_case("b", _gold(), [])
    agg = aggregate([perfect, empty])
    assert agg["micro"]["events"]["f1"] == pytest.approx(2 / 3)  # tp 1, fn 1
    assert agg["macro"]["events"]["f1"] == pytest.approx(0.5)
    assert agg["micro"]["date"] == 1.0  # only the aligned pair counts


def test_grounding_checks_offsets_against_the_text() -> None:
    case = next(c for c in load_cases() if c.case == STEM)
    pred = copy.deepcopy(case.gold)
    pred[0]["evidence"].append({"quote": "made up", "start": 0, "end": 7, "match": "exact", "grounded": True})
    s = score_case(STEM, case.gold, pred, case.text).to_dict()
    assert s["grounding"] == {"grounded": 1, "total": 2, "value": 0.5}


def _event(*names: str, date: str | None = None) -> dict[str, Any]:
    return {"participants": [{"name": n} for n in names], "date": date, "location": {}, "topics": []}


def test_strict_rule_needs_the_same_participant_set() -> None:
    gold = [_event("Lương Cường", "Emomali Rahmon")]
    # Surname-tolerant and diacritics-insensitive, as the lenient name rule.
    assert same_participants(gold[0], _event("President Cuong", "Rahmon"))
    assert not same_participants(gold[0], _event("Lương Cường", "Vladimir Putin"))  # one wrong
    assert not same_participants(gold[0], _event("Lương Cường", "Emomali Rahmon", "Xi Jinping"))  # one extra
    assert not same_participants(gold[0], _event("Lương Cường"))  # one missing
    half = score_case("c", gold, [_event("Lương Cường", "Vladimir Putin")]).to_dict()
    assert half["events"]["f1"] == 1.0
    assert half["events_strict"] == {"tp": 0, "fp": 1, "fn": 1, "precision": 0.0, "recall": 0.0, "f1": 0.0}


def test_strict_alignment_is_one_to_one() -> None:
    gold = [_event("Ann Lee", "Bo Kim", date="2024-01-01")]
    pred = [_event("Bo Kim", "Ann Lee", date="2024-01-02"), _event("Ann Lee", "Bo Kim", date="2024-01-01")]
    assert len(align_strict(gold, pred)) == 1
    s = score_case("c", gold, pred).to_dict()
    assert (s["events_strict"]["tp"], s["events_strict"]["fp"], s["events_strict"]["fn"]) == (1, 1, 0)
    assert s["events_strict"]["f1"] == pytest.approx(2 / 3)
    two = [_event("Ann Lee", "Bo Kim"), _event("Ann Lee", "Cy Ode")]
    assert sorted(align_strict(two, [two[1], two[0]])) == [(0, 1), (1, 0)]


def test_field_accuracy_counts_strict_pairs_only() -> None:
    gold = [_event("Ann Lee", "Bo Kim", date="2024-01-01"), _event("Cy Ode", "Di Fox", date="2024-02-02")]
    pred = [_event("Ann Lee", "Bo Kim", date="2024-01-01"), _event("Cy Ode", "Ed Gray", date="2024-02-03")]
    s = score_case("c", gold, pred).to_dict()
    assert s["accuracy"]["date"] == {"correct": 1, "total": 1, "value": 1.0}
    assert s["events"]["tp"] == 2 and s["events_strict"]["tp"] == 1


def test_counts_carry_every_figure_and_the_failure() -> None:
    s = score_case("c", [_event("Ann Lee", "Bo Kim")], [], ok=False)
    counts = s.counts()
    assert counts["events_strict.fn"] == 1 and counts["events.fn"] == 1
    assert (counts["success.correct"], counts["success.total"]) == (0, 1)
    assert counts["date.total"] == 0


def test_scorer_country_rule_is_its_own() -> None:
    assert country_key("U.S.") == country_key("United States") == country_key("United States of America")
    assert country_key("Viet Nam") == country_key("Vietnam") == country_key("Vietnamese")
    assert country_key("Russian Federation") == country_key("Russia")
    assert country_key("the United Kingdom") == country_key("UK") == country_key("Britain")
    assert country_key("Japan") != country_key("China")
