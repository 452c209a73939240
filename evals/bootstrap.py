"""Headline figures from per-case counts, with 95 % percentile bootstrap intervals over cases.

Every figure is a micro average recomputed from summed per-case counts (`CaseScore.counts()`), so
a resample of cases gives the figure that set of cases would have produced. Seeded: the same
counts always give the same interval.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

import numpy as np
import numpy.typing as npt

from evals.scorer import ACCURACY_FIELDS

RESAMPLES = 1000
SEED = 0
LEVEL = 0.95

Array = npt.NDArray[np.float64]
# A figure reads summed counts (name -> array over resamples) and gives values (NaN = undefined).
Figure = Callable[[Mapping[str, Array]], Array]


def _div(num: Array, den: Array) -> Array:
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(den > 0, num / np.where(den > 0, den, 1), np.nan)


def _prf(prefix: str, which: str) -> Figure:
    """Precision, recall or F1 under the scorer's conventions (nothing to find and nothing found = 1)."""

    def figure(c: Mapping[str, Array]) -> Array:
        tp, fp, fn = c[f"{prefix}.tp"], c[f"{prefix}.fp"], c[f"{prefix}.fn"]
        p = np.where(tp + fp > 0, _div(tp, tp + fp), np.where(fn == 0, 1.0, 0.0))
        r = np.where(tp + fn > 0, _div(tp, tp + fn), np.where(fp == 0, 1.0, 0.0))
        if which == "precision":
            return p
        if which == "recall":
            return r
        return np.where(p + r > 0, _div(2 * p * r, p + r), 0.0)

    return figure


def _rate(prefix: str) -> Figure:
    def figure(c: Mapping[str, Array]) -> Array:
        return _div(c[f"{prefix}.correct"], c[f"{prefix}.total"])

    return figure


# Name -> (label, figure). Order is the report's column order.
FIGURES: dict[str, tuple[str, Figure]] = {
    "event_f1_strict": ("event F1 (strict)", _prf("events_strict", "f1")),
    "event_p_strict": ("event P (strict)", _prf("events_strict", "precision")),
    "event_r_strict": ("event R (strict)", _prf("events_strict", "recall")),
    "event_f1": ("event F1 (lenient)", _prf("events", "f1")),
    "participant_f1": ("participant F1", _prf("participants", "f1")),
    **{key: (key.replace("_", " ") + " acc", _rate(key)) for key in ACCURACY_FIELDS},
    "topics_f1": ("topics F1", _prf("topics", "f1")),
    "topics_p_strict": ("topics P (strict pairs)", _prf("topics_strict", "precision")),
    "topics_r_strict": ("topics R (strict pairs)", _prf("topics_strict", "recall")),
    "outcomes_p": ("outcomes P", _prf("outcomes", "precision")),
    "outcomes_r": ("outcomes R", _prf("outcomes", "recall")),
    "outcomes_f1": ("outcomes F1", _prf("outcomes", "f1")),
    "unsupported": ("unsupported values", _rate("unsupported")),
    "example_leaks": ("example leaks (share of values)", _rate("leaks")),
    "grounding": ("grounding", _rate("grounding")),
    "success_rate": ("success rate", _rate("success")),
}


# Figures where a rise is the regression.
LOWER_IS_BETTER = frozenset({"unsupported", "example_leaks"})


def _matrix(counts: Sequence[Mapping[str, int]]) -> tuple[list[str], Array]:
    keys = sorted({k for c in counts for k in c})
    return keys, np.array([[c.get(k, 0) for k in keys] for c in counts], dtype=np.float64).reshape(
        len(counts), len(keys)
    )


def _figures_of(keys: list[str], sums: Array) -> dict[str, Array]:
    """Each figure over the rows of `sums` (one row per resample); NaN where its counts are absent."""
    columns = {k: sums[:, i] for i, k in enumerate(keys)}
    out: dict[str, Array] = {}
    for name, (_, figure) in FIGURES.items():
        try:
            out[name] = figure(columns)
        except KeyError:
            out[name] = np.full(sums.shape[0], np.nan)
    return out


def _finite(x: float) -> float | None:
    return None if np.isnan(x) else float(x)


def resample_indices(n: int, resamples: int = RESAMPLES, seed: int = SEED) -> npt.NDArray[np.int64]:
    """Case indices of each bootstrap resample (resamples x n), drawn with replacement."""
    rng = np.random.default_rng(seed)
    return rng.integers(0, n, size=(resamples, n))


def _interval(values: Array) -> list[float] | None:
    finite = values[~np.isnan(values)]
    if finite.size == 0:
        return None
    tail = (1 - LEVEL) / 2 * 100
    lo, hi = np.percentile(finite, [tail, 100 - tail])
    return [float(lo), float(hi)]


def figures_with_intervals(
    counts: Sequence[Mapping[str, int]], resamples: int = RESAMPLES, seed: int = SEED
) -> dict[str, dict[str, Any]]:
    """Every figure of a set of cases, with its 95 % percentile bootstrap interval over cases.

    Args:
        counts: one `CaseScore.counts()` per case.
        resamples: number of bootstrap resamples.
        seed: random seed (fixed, so intervals are reproducible).

    Returns:
        {figure: {"value": float | None, "ci": [low, high] | None}}; None where the figure is
        undefined (e.g. no strict pair for an accuracy). Resamples where a figure is undefined
        are left out of its interval.
    """
    if not counts:
        return {name: {"value": None, "ci": None} for name in FIGURES}
    keys, m = _matrix(counts)
    point = _figures_of(keys, m.sum(axis=0, keepdims=True))
    idx = resample_indices(len(counts), resamples, seed)
    boot = _figures_of(keys, m[idx].sum(axis=1))
    return {name: {"value": _finite(point[name][0]), "ci": _interval(boot[name])} for name in FIGURES}


def paired_differences(
    counts_a: Sequence[Mapping[str, int]],
    counts_b: Sequence[Mapping[str, int]],
    resamples: int = RESAMPLES,
    seed: int = SEED,
) -> dict[str, dict[str, Any]]:
    """B − A for every figure, with a paired bootstrap interval over the shared cases.

    Args:
        counts_a: per-case counts of run A.
        counts_b: per-case counts of run B, the same cases in the same order.
        resamples: number of bootstrap resamples.
        seed: random seed.

    Returns:
        {figure: {"a": value, "b": value, "delta": B − A, "ci": [low, high] | None}}; each resample
        draws the same cases for both runs, so case difficulty cancels out.

    Raises:
        ValueError: the two lists differ in length.
    """
    if len(counts_a) != len(counts_b):
        raise ValueError(f"paired bootstrap needs the same cases: {len(counts_a)} vs {len(counts_b)}")
    out: dict[str, dict[str, Any]] = {}
    if not counts_a:
        return out
    keys, ma = _matrix([*counts_a, *counts_b])
    ma, mb = ma[: len(counts_a)], ma[len(counts_a) :]
    pa = _figures_of(keys, ma.sum(axis=0, keepdims=True))
    pb = _figures_of(keys, mb.sum(axis=0, keepdims=True))
    idx = resample_indices(len(counts_a), resamples, seed)
    ba = _figures_of(keys, ma[idx].sum(axis=1))
    bb = _figures_of(keys, mb[idx].sum(axis=1))
    for name in FIGURES:
        a, b = _finite(pa[name][0]), _finite(pb[name][0])
        out[name] = {
            "a": a,
            "b": b,
            "delta": None if a is None or b is None else b - a,
            "ci": _interval(bb[name] - ba[name]),
        }
    return out
