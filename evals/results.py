"""Reading a run's results.json, including runs written before case sets and strict scoring."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from evals.bootstrap import figures_with_intervals
from evals.scorer import ACCURACY_FIELDS


def load_results(path: Path) -> dict[str, Any]:
    """Read a run's results.json (given the run folder or the file itself), in the current layout."""
    file = path / "results.json" if path.is_dir() else path
    data: dict[str, Any] = json.loads(file.read_text(encoding="utf-8"))
    return upgrade(data)


def row_counts(row: dict[str, Any]) -> dict[str, int]:
    """A case's flat counts; rebuilt from the per-field scores for runs that did not store them.

    Old runs have no strict counts: their strict figures stay undefined rather than guessed.
    """
    score = row["score"]
    if "counts" in score:
        return dict(score["counts"])
    out: dict[str, int] = {}
    for name in ("events", "participants", "topics"):
        out.update({f"{name}.{k}": int(score[name][k]) for k in ("tp", "fp", "fn")})
    for key in ACCURACY_FIELDS:
        acc = score["accuracy"][key]
        out.update({f"{key}.correct": int(acc["correct"]), f"{key}.total": int(acc["total"])})
    g = score["grounding"]
    out.update({"grounding.correct": int(g["grounded"]), "grounding.total": int(g["total"])})
    out.update({"success.correct": int(row["error"] is None), "success.total": 1})
    return out


def upgrade(results: dict[str, Any]) -> dict[str, Any]:
    """Bring a results document written before case sets (one pooled seed set) to the current layout."""
    if "sets" in results:
        return results
    name = Path(results.get("cases_dir", "seeds")).name
    name = "seeds" if name == "gold" else name
    cells = []
    for c in results["cells"]:
        summary = dict(c["summary"])
        summary["figures"] = figures_with_intervals([row_counts(r) for r in c["cases"]])
        summary.setdefault("success_rate", summary.get("validity"))
        cells.append({**c, "kind": "service", "sets": {name: {"cases": c["cases"], "summary": summary}}})
    sets = [{"name": name, "dir": results.get("cases_dir", ""), "cases": results["cases"]}]
    return {**results, "peers": [], "sets": sets, "cells": cells}
