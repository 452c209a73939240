"""Reading a run's results.json, including runs written before case sets and strict scoring."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from evals.bootstrap import figures_with_intervals
from evals.scorer import CaseScore, score_case
from evals.support import ExampleValues
from service.core.config import PROJECT_ROOT

PROMPTS_ROOT = PROJECT_ROOT / "prompts"


def prompt_examples() -> ExampleValues:
    """The worked examples of every prompt under `prompts/` (what no answer may copy)."""
    return ExampleValues.load(PROMPTS_ROOT)


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


def _gold_on_disk(set_dir: str) -> dict[str, list[dict[str, Any]]]:
    folder = Path(set_dir)
    folder = folder if folder.is_absolute() else PROJECT_ROOT / folder
    out: dict[str, list[dict[str, Any]]] = {}
    for f in sorted(folder.glob("*.json")) if folder.is_dir() else []:
        doc = json.loads(f.read_text(encoding="utf-8"))
        out[doc.get("case", f.stem)] = doc.get("events", [])
    return out


def rescore(results: dict[str, Any], current_gold: bool = True) -> dict[str, Any]:
    """Score every stored prediction again with the current scorer (new fields, leak check).

    Args:
        results: a results document in the current layout.
        current_gold: take each case's gold from its set's folder on disk when it is still there
            (so two runs are judged against the same labels), else the gold stored in the run.

    Returns:
        A new document whose rows, summaries and by-tag figures come from the current scorer.
    """
    from evals.runner import summarise  # the runner owns the summary's shape

    examples = prompt_examples()
    sets = {s["name"]: s for s in results["sets"]}
    cells = []
    for cell in results["cells"]:
        per_set = {}
        for name, block in cell["sets"].items():
            stored = sets.get(name, {"cases": [], "dir": ""})
            disk = _gold_on_disk(stored.get("dir", "")) if current_gold else {}
            by_case = {c["case"]: c for c in stored["cases"]}
            rows, scores, tags = [], [], []
            for r in block["cases"]:
                case = by_case.get(r["case"], {})
                gold = disk.get(r["case"], case.get("gold", []))
                score: CaseScore = score_case(
                    r["case"],
                    gold,
                    r["prediction"],
                    case.get("text"),
                    ok=r["error"] is None,
                    examples=examples,
                )
                scores.append(score)
                tags.append(tuple(case.get("tags", [])))
                rows.append({**r, "score": score.to_dict()})
            summary = {**block["summary"], **summarise(rows, scores, tags)}
            per_set[name] = {"cases": rows, "summary": summary}
        cells.append({**cell, "sets": per_set})
    out_sets = []
    for s in results["sets"]:
        disk = _gold_on_disk(s.get("dir", "")) if current_gold else {}
        out_sets.append({**s, "cases": [{**c, "gold": disk.get(c["case"], c["gold"])} for c in s["cases"]]})
    return {**results, "sets": out_sets, "cells": cells}
