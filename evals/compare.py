"""Comparing two eval runs cell by cell: per-field deltas, and a non-zero exit on regression."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from evals.report import COLUMNS, metric


def load_results(path: Path) -> dict[str, Any]:
    """Read a run's results.json (given the run folder or the file itself)."""
    file = path / "results.json" if path.is_dir() else path
    data: dict[str, Any] = json.loads(file.read_text(encoding="utf-8"))
    return data


def compare(a: dict[str, Any], b: dict[str, Any], tolerance: float) -> tuple[list[str], list[str]]:
    """Per-field deltas from run A to run B for every prompt x model cell both runs have.

    Args:
        a: the baseline results.
        b: the candidate results.
        tolerance: how far a quality figure may fall before it counts as a regression
            (token and latency figures are reported, never flagged: they vary by machine).

    Returns:
        (lines of a readable table, list of regressions).
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
        lines.append(f"{key[0]} x {key[1]}")
        for label, path, higher, _ in COLUMNS:
            va, vb = metric(cell_a["summary"], path), metric(cell_b["summary"], path)
            if va is None and vb is None:
                continue
            if va is None or vb is None:
                lines.append(f"  {label:<20} {va!s:>8} -> {vb!s:>8}")
                continue
            delta = vb - va
            flag = ""
            quality = path[0] in ("micro", "validity")
            if quality and higher and delta < -tolerance:
                flag = "  REGRESSION"
                regressions.append(f"{key[0]} x {key[1]}: {label} {va:.3f} -> {vb:.3f}")
            lines.append(f"  {label:<20} {va:8.3f} -> {vb:8.3f}  ({delta:+.3f}){flag}")
    return lines, regressions
