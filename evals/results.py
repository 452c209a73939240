"""Reading a run's results.json, including runs written before case sets and strict scoring."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from evals.bootstrap import figures_with_intervals
from evals.scorer import score_case


def load_results(path: Path) -> dict[str, Any]:
    """Read a run's results.json (given the run folder or the file itself), in the current layout."""
    file = path / "results.json" if path.is_dir() else path
    data: dict[str, Any] = json.loads(file.read_text(encoding="utf-8"))
    return upgrade(data)


def row_counts(row: dict[str, Any]) -> dict[str, int]:
    """A case's flat counts, as `CaseScore.counts()` stored them."""
    return dict(row["score"]["counts"])


def upgrade(results: dict[str, Any]) -> dict[str, Any]:
    """Bring a results document written before case sets (one pooled seed set) to the current layout.

    Such runs stored their predictions with the gold and the article, so every case is scored again
    with the current scorer: old and new runs are then judged by the same rules, strict included.
    """
    if "sets" in results:
        return results
    name = Path(results.get("cases_dir", "seeds")).name
    name = "seeds" if name == "gold" else name
    by_case = {c["case"]: c for c in results["cases"]}
    cells = []
    for c in results["cells"]:
        rows = []
        for r in c["cases"]:
            case = by_case[r["case"]]
            score = score_case(
                r["case"], case["gold"], r["prediction"], case.get("text"), ok=r["error"] is None
            )
            rows.append({**r, "score": score.to_dict()})
        summary = dict(c["summary"])
        summary["figures"] = figures_with_intervals([row_counts(r) for r in rows])
        summary.setdefault("success_rate", summary.get("validity"))
        cells.append({**c, "kind": "service", "sets": {name: {"cases": rows, "summary": summary}}})
    sets = [{"name": name, "dir": results.get("cases_dir", ""), "cases": results["cases"]}]
    return {**results, "peers": [], "sets": sets, "cells": cells}
