"""The bootstrap: seeded, figures recomputed from resampled counts, checked by hand on tiny sets."""

from __future__ import annotations

import numpy as np
import numpy.typing as npt
import pytest
from scipy import stats

from evals.bootstrap import figures_with_intervals, paired_differences


def _case(tp: int, fp: int, fn: int, ok: int = 1) -> dict[str, int]:
    return {
        "events_strict.tp": tp,
        "events_strict.fp": fp,
        "events_strict.fn": fn,
        "success.correct": ok,
        "success.total": 1,
        "date.correct": tp,
        "date.total": tp,
    }


# Case A: one event found (F1 1). Case B: one event missed (F1 0).
A, B = _case(1, 0, 0), _case(0, 0, 1, ok=0)


def test_point_figures_are_micro_averages_of_the_counts() -> None:
    figs = figures_with_intervals([A, B])
    # Pooled: tp 1, fp 0, fn 1 -> P 1, R 0.5, F1 2/3. Success 1 of 2.
    assert figs["event_f1_strict"]["value"] == pytest.approx(2 / 3)
    assert figs["event_p_strict"]["value"] == 1.0
    assert figs["event_r_strict"]["value"] == 0.5
    assert figs["success_rate"]["value"] == 0.5
    assert figs["date"]["value"] == 1.0
    # No counts for it: undefined, not zero.
    assert figs["city"] == {"value": None, "ci": None}


def test_interval_by_hand_on_two_cases() -> None:
    # Each resample draws two cases: AA -> F1 1, BB -> F1 0 (nothing found, one to find), AB or BA
    # -> 2/3. With 1000 resamples about a quarter are AA and a quarter BB, so the 2.5th percentile
    # is 0 and the 97.5th is 1.
    figs = figures_with_intervals([A, B])
    assert figs["event_f1_strict"]["ci"] == [0.0, 1.0]
    # date: undefined on BB resamples (no strict pair), 1.0 on all others.
    assert figs["date"]["ci"] == [1.0, 1.0]


def test_interval_matches_recomputation_from_the_drawn_cases() -> None:
    cases = [_case(1, 0, 0), _case(0, 1, 1), _case(2, 0, 1), _case(0, 0, 0)]

    def f1(drawn: npt.NDArray[np.int64]) -> float:
        # Strict event F1 of the drawn cases, one case at a time in plain Python.
        tp = sum(cases[i]["events_strict.tp"] for i in drawn)
        fp = sum(cases[i]["events_strict.fp"] for i in drawn)
        fn = sum(cases[i]["events_strict.fn"] for i in drawn)
        p = tp / (tp + fp) if tp + fp else (1.0 if fn == 0 else 0.0)
        r = tp / (tp + fn) if tp + fn else (1.0 if fp == 0 else 0.0)
        return 2 * p * r / (p + r) if p + r else 0.0

    # The same draws (seed 7) through scipy's unvectorised path: one resample of case indices at a time.
    expected = stats.bootstrap(
        (np.arange(len(cases)),),
        f1,
        n_resamples=200,
        method="percentile",
        vectorized=False,
        rng=np.random.default_rng(7),
    ).confidence_interval
    ci = figures_with_intervals(cases, resamples=200, seed=7)["event_f1_strict"]["ci"]
    assert ci == pytest.approx([expected.low, expected.high])


def test_seeded_and_degenerate() -> None:
    cases = [_case(1, 0, 0), _case(0, 1, 1), _case(2, 0, 1)]
    assert figures_with_intervals(cases) == figures_with_intervals(cases)
    single = figures_with_intervals([_case(1, 1, 0)])["event_f1_strict"]
    assert single["ci"] == [pytest.approx(2 / 3), pytest.approx(2 / 3)]
    assert figures_with_intervals([])["event_f1_strict"] == {"value": None, "ci": None}


def test_paired_differences() -> None:
    same = paired_differences([A, B], [A, B])["event_f1_strict"]
    assert same["delta"] == 0.0 and same["ci"] == [0.0, 0.0]
    # B loses the one event A found: every resample that draws case 0 drops, none rises.
    worse = paired_differences([A, A], [B, B])["event_f1_strict"]
    assert worse["delta"] == -1.0 and worse["ci"] == [-1.0, -1.0]
    # Worse on one case of five: resamples that miss it (about (4/5)^5 = 33 %) show no change,
    # so the interval reaches zero: noise, not a regression.
    five_a, five_b = [A] * 5, [B] + [A] * 4
    noisy = paired_differences(five_a, five_b)["event_f1_strict"]
    assert noisy["delta"] < 0 and noisy["ci"][1] == 0.0
    with pytest.raises(ValueError, match="same cases"):
        paired_differences([A], [A, B])
