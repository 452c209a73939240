"""Joining eval runs made separately (one model per process, or on several machines) into one run."""

from __future__ import annotations

import datetime as dt
from typing import Any


class MergeError(ValueError):
    """The runs cannot be joined: they were scored on different cases or gold."""


def _fingerprints(results: dict[str, Any]) -> dict[str, list[tuple[str, Any]]]:
    # Cases and gold must match exactly: a cell scored on other gold is not comparable.
    return {s["name"]: [(c["case"], c["gold"]) for c in s["cases"]] for s in results["sets"]}


def merge_runs(runs: list[dict[str, Any]], run_id: str) -> dict[str, Any]:
    """Join the cells of several runs into one results document.

    Runs may hold different case sets (a cell run on the test split alone beside one run on every
    set); a set that several runs hold must have the same cases and gold in each.

    Args:
        runs: results documents (as `evals.results.load_results` returns them), in the order their
            cells should appear; a cell (prompt, model) found in several runs keeps the union of
            its sets, a set found twice its last occurrence.
        run_id: the merged run's id (its folder name).

    Returns:
        One results document: the union of the sets and cells, the prompts, models and peers of all
        runs, their wall times summed.

    Raises:
        MergeError: fewer than two runs, or a set scored on different cases or gold in two runs.
    """
    if len(runs) < 2:
        raise MergeError("merge needs at least two runs")
    seen: dict[str, tuple[Any, list[tuple[str, Any]]]] = {}
    sets: dict[str, dict[str, Any]] = {}
    for results in runs:
        for name, fingerprint in _fingerprints(results).items():
            if name in seen and seen[name][1] != fingerprint:
                a, b = seen[name][0], results.get("run_id")
                raise MergeError(f"run {b!r} scored set {name!r} on other cases or gold than {a!r}")
            seen.setdefault(name, (results.get("run_id"), fingerprint))
        for s in results["sets"]:
            sets.setdefault(s["name"], s)
    cells: dict[tuple[str, str], dict[str, Any]] = {}
    for results in runs:
        for cell in results["cells"]:
            key = (cell["prompt"], cell["model"])
            earlier = cells.pop(key, None)
            joined = {**(earlier or {}).get("sets", {}), **cell["sets"]}
            cells[key] = {**cell, "sets": joined}

    def union(key: str) -> list[str]:
        return list(dict.fromkeys(v for r in runs for v in r.get(key, [])))

    ablations = [r["ablation"] for r in runs if r.get("ablation")]
    extra: dict[str, Any] = {}
    if ablations:
        # Each run's ablation table comes along (its cells replayed that run's recorded answers).
        extra["ablation"] = {**ablations[0], "cells": [c for a in ablations for c in a["cells"]]}
    return {
        **extra,
        "run_id": run_id,
        "created": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "merged_from": [r.get("run_id") for r in runs],
        # From the cells, not the runs: a peers-only run records the default prompt it never ran.
        "prompts": list(dict.fromkeys(c["prompt"] for c in cells.values() if c.get("kind") != "peer")),
        "models": union("models"),
        "peers": union("peers"),
        "wall_time_s": round(sum(float(r.get("wall_time_s") or 0) for r in runs), 1),
        "sets": list(sets.values()),
        "cells": list(cells.values()),
    }
