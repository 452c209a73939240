"""Comparing two eval runs cell by cell and set by set, flagging only regressions outside the noise.

The rule: for each case set and prompt x model cell both runs have, take the cases both runs
scored; draw 1000 paired bootstrap resamples of those cases (seed 0) and recompute every quality
figure for A and for B on each; a figure regresses when the 95 % interval of B − A lies entirely
below zero. A drop inside the interval is noise at this number of cases, and is printed, not flagged.
"""

from __future__ import annotations

from typing import Any

from evals.bootstrap import FIGURES, LOWER_IS_BETTER, paired_differences
from evals.results import load_results, row_counts

__all__ = ["RULE", "compare", "load_results", "parse_pair"]

RULE = (
    "regression = the 95% paired-bootstrap interval of B - A (1000 resamples of the cases both runs "
    "share, seed 0) lies entirely below zero (above zero for a figure where lower is better: "
    "unsupported values, example leaks)"
)


def _fmt(v: float | None) -> str:
    return "–" if v is None else f"{v:.3f}"


Cell = tuple[str, str]  # (prompt, model)


def _arrow(a: str, b: str) -> str:
    return a if a == b else f"{a}->{b}"


def parse_pair(spec: str) -> tuple[Cell, Cell]:
    """`v2:qwen05=v7:qwen05` -> ((v2, qwen05), (v7, qwen05)): A's cell against B's.

    Raises:
        ValueError: not PROMPT:MODEL=PROMPT:MODEL.
    """
    try:
        left, right = spec.split("=")
        (pa, ma), (pb, mb) = left.split(":"), right.split(":")
    except ValueError as e:
        raise ValueError(f"{spec!r}: expected PROMPT:MODEL=PROMPT:MODEL, e.g. v2:qwen05=v7:qwen05") from e
    return (pa, ma), (pb, mb)


def compare(
    a: dict[str, Any], b: dict[str, Any], pairs: list[tuple[Cell, Cell]] | None = None
) -> tuple[list[str], list[str]]:
    """Per-figure deltas from run A to run B, with paired bootstrap intervals.

    Args:
        a: the baseline results (current layout: see `evals.results.upgrade`).
        b: the candidate results.
        pairs: which cell of A each cell of B is compared with, e.g. a new prompt against the
            default one on the same model; default: the cell of the same prompt and model.

    Returns:
        (lines of a readable table, list of regressions under `RULE`).
    """
    cells_a = {(c["prompt"], c["model"]): c for c in a["cells"]}
    cells_b = {(c["prompt"], c["model"]): c for c in b["cells"]}
    todo = pairs if pairs is not None else [(k, k) for k in cells_b]
    lines: list[str] = []
    regressions: list[str] = []
    for key_a, key_b in todo:
        cell_a, cell_b = cells_a.get(key_a), cells_b.get(key_b)
        key = (_arrow(key_a[0], key_b[0]), _arrow(key_a[1], key_b[1]))
        if cell_b is None:
            lines.append(f"{key_b[0]} x {key_b[1]}: not in B")
            continue
        if cell_a is None:
            lines.append(f"{key_a[0]} x {key_a[1]}: not in A" if pairs else f"{key[0]} x {key[1]}: only in B")
            continue
        for set_name, set_b in cell_b["sets"].items():
            set_a = cell_a["sets"].get(set_name)
            if set_a is None:
                lines.append(f"[{set_name}] {key[0]} x {key[1]}: set only in B")
                continue
            rows_a = {r["case"]: r for r in set_a["cases"]}
            shared = [r for r in set_b["cases"] if r["case"] in rows_a]
            lines.append(f"[{set_name}] {key[0]} x {key[1]} ({len(shared)} shared cases)")
            diffs = paired_differences(
                [row_counts(rows_a[r["case"]]) for r in shared], [row_counts(r) for r in shared]
            )
            for name, d in diffs.items():
                if d["a"] is None and d["b"] is None:
                    continue
                label = FIGURES[name][0]
                ci = d["ci"]
                flag = ""
                worse = ci is not None and (ci[0] > 0 if name in LOWER_IS_BETTER else ci[1] < 0)
                if d["delta"] is not None and worse and ci is not None:
                    flag = "  REGRESSION"
                    regressions.append(
                        f"[{set_name}] {key[0]} x {key[1]}: {label} {_fmt(d['a'])} -> {_fmt(d['b'])} "
                        f"(B-A 95% CI [{ci[0]:+.3f}, {ci[1]:+.3f}])"
                    )
                delta = "" if d["delta"] is None else f"({d['delta']:+.3f})"
                interval = "" if ci is None else f"[{ci[0]:+.3f}, {ci[1]:+.3f}]"
                lines.append(
                    f"  {label:<24} {_fmt(d['a']):>6} -> {_fmt(d['b']):>6}  {delta:>8} {interval}{flag}"
                )
    return lines, regressions
