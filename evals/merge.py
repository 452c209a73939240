"""Joining eval runs made separately (one model per process, or on several machines) into one run."""

from __future__ import annotations

import datetime as dt
from typing import Any


class MergeError(ValueError):
    """The runs cannot be joined: they were scored on different cases or gold."""


def _fingerprint(results: dict[str, Any]) -> list[tuple[str, list[tuple[str, Any]]]]:
    # Cases and gold must match exactly: a cell scored on other gold is not comparable.
    return [(s["name"], [(c["case"], c["gold"]) for c in s["cases"]]) for s in results["sets"]]


def merge_runs(runs: list[dict[str, Any]], run_id: str) -> dict[str, Any]:
    """Join the cells of several runs made on the same case sets into one results document.

    Args:
        runs: results documents (as `evals.results.load_results` returns them), in the order their
            cells should appear; a cell (prompt, model) found twice keeps its last occurrence.
        run_id: the merged run's id (its folder name).

    Returns:
        One results document: the union of the cells, the prompts, models and peers of all runs,
        their wall times summed.

    Raises:
        MergeError: fewer than two runs, or runs scored on different cases or gold.
    """
    if len(runs) < 2:
        raise MergeError("merge needs at least two runs")
    first = _fingerprint(runs[0])
    for other in runs[1:]:
        if _fingerprint(other) != first:
            a, b = runs[0].get("run_id"), other.get("run_id")
            raise MergeError(f"run {b!r} was scored on other cases or gold than {a!r}")
    cells: dict[tuple[str, str], dict[str, Any]] = {}
    for results in runs:
        for cell in results["cells"]:
            cells.pop((cell["prompt"], cell["model"]), None)
            cells[(cell["prompt"], cell["model"])] = cell

    def union(key: str) -> list[str]:
        return list(dict.fromkeys(v for r in runs for v in r.get(key, [])))

    return {
        "run_id": run_id,
        "created": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "merged_from": [r.get("run_id") for r in runs],
        # From the cells, not the runs: a peers-only run records the default prompt it never ran.
        "prompts": list(dict.fromkeys(c["prompt"] for c in cells.values() if c.get("kind") != "peer")),
        "models": union("models"),
        "peers": union("peers"),
        "wall_time_s": round(sum(float(r.get("wall_time_s") or 0) for r in runs), 1),
        "sets": runs[0]["sets"],
        "cells": list(cells.values()),
    }
