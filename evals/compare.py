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

__all__ = ["RULE", "compare", "load_results"]

RULE = (
    "regression = the 95% paired-bootstrap interval of B - A (1000 resamples of the cases both runs "
    "share, seed 0) lies entirely below zero (above zero for a figure where lower is better: "
    "unsupported values, example leaks)"
)


def _fmt(v: float | None) -> str:
    return "–" if v is None else f"{v:.3f}"


def compare(a: dict[str, Any], b: dict[str, Any]) -> tuple[list[str], list[str]]:
    """Per-figure deltas from run A to run B, with paired bootstrap intervals.

    Args:
        a: the baseline results (current layout: see `evals.results.upgrade`).
        b: the candidate results.

    Returns:
        (lines of a readable table, list of regressions under `RULE`).
    """
    cells_a = {(c["prompt"], c["model"]): c for c in a["cells"]}
    lines: list[str] = []
    regressions: list[str] = []
    for cell_b in b["cells"]:
        key = (cell_b["prompt"], cell_b["model"])
        cell_a = cells_a.get(key)
        if cell_a is None:
            lines.append(f"{key[0]} x {key[1]}: only in B")
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
