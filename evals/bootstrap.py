"""Headline figures from per-case counts, with 95 % percentile bootstrap intervals over cases.

Every figure is a micro average recomputed from summed per-case counts (`CaseScore.counts()`), so
a resample of cases gives the figure that set of cases would have produced. The resampling is
`scipy.stats.bootstrap` (percentile method), with the cases as the observations: the per-case count
vectors are one sample resampled along its case axis, and one vectorised statistic returns every
figure at once, so all figures of a resample come from the same drawn cases. Seeded: the same
counts always give the same interval.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable, Mapping, Sequence
from typing import Any

import numpy as np
import numpy.typing as npt
from scipy import stats

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


def _stacked(keys: list[str], sums: Array) -> Array:
    """Every figure (rows, in `FIGURES` order) over summed counts (keys x resamples)."""
    figures = _figures_of(keys, np.atleast_2d(sums.T))
    return np.stack([figures[name] for name in FIGURES])


def _intervals(bootstrapped: Any) -> list[list[float] | None]:
    """Each figure's interval (`FIGURES` order): scipy's, or the percentiles of its defined resamples.

    scipy's percentile interval propagates NaN, so a figure undefined on some resamples (e.g. a
    field accuracy on resamples that drew no strict pair) would get no interval at all; for those
    the same percentiles are taken over the resamples where the figure is defined.
    """
    low, high = bootstrapped.confidence_interval
    out: list[list[float] | None] = []
    for i, dist in enumerate(bootstrapped.bootstrap_distribution):
        finite = dist[~np.isnan(dist)]
        if finite.size == dist.size:
            out.append([float(low[i]), float(high[i])])
        elif finite.size == 0:
            out.append(None)
        else:
            tail = (1 - LEVEL) / 2 * 100
            lo, hi = np.percentile(finite, [tail, 100 - tail])
            out.append([float(lo), float(hi)])
    return out


def _bootstrap(samples: tuple[Array, ...], statistic: Callable[..., Array], resamples: int, seed: int) -> Any:
    """`scipy.stats.bootstrap` over cases: each sample is keys x cases, all resampled with the same cases."""
    with warnings.catch_warnings():
        # A figure undefined on some resamples has a NaN interval, which scipy reports as degenerate
        # data; `_intervals` gives those figures the interval of their defined resamples instead.
        warnings.simplefilter("ignore", stats.DegenerateDataWarning)
        return stats.bootstrap(
            samples,
            statistic,
            n_resamples=resamples,
            method="percentile",
            confidence_level=LEVEL,
            paired=True,  # one draw of case indices for every sample (and both runs of a comparison)
            vectorized=True,
            axis=-1,
            rng=np.random.default_rng(seed),
        )


def _cis(point: Array, run: Callable[[], Any], cases: int, resamples: int) -> list[list[float] | None]:
    """The intervals of `run()`'s bootstrap, or what resampling would give where scipy cannot run it."""
    if resamples == 0:
        return [None] * len(point)  # point figures only (scipy needs at least one resample)
    if cases == 1:
        # scipy refuses to resample one observation; every resample would draw that case anyway.
        return [None if np.isnan(v) else [float(v), float(v)] for v in point]
    return _intervals(run())


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
    point = _stacked(keys, m.sum(axis=0))[:, 0]

    def statistic(sample: Array, axis: int) -> Array:
        return _stacked(keys, sample.sum(axis=axis))

    cis = _cis(point, lambda: _bootstrap((m.T,), statistic, resamples, seed), len(counts), resamples)
    return {name: {"value": _finite(point[i]), "ci": cis[i]} for i, name in enumerate(FIGURES)}


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
    pa = _stacked(keys, ma.sum(axis=0))[:, 0]
    pb = _stacked(keys, mb.sum(axis=0))[:, 0]

    def statistic(sample_a: Array, sample_b: Array, axis: int) -> Array:
        return _stacked(keys, sample_b.sum(axis=axis)) - _stacked(keys, sample_a.sum(axis=axis))

    cis = _cis(
        pb - pa, lambda: _bootstrap((ma.T, mb.T), statistic, resamples, seed), len(counts_a), resamples
    )
    for i, name in enumerate(FIGURES):
        a, b = _finite(pa[i]), _finite(pb[i])
        out[name] = {"a": a, "b": b, "delta": None if a is None or b is None else b - a, "ci": cis[i]}
    return out
