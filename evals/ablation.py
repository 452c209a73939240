"""Per-step ablation: each post-processing step switched off, on the recorded answers of a run.

For every service cell of a run that recorded its answers (`evals run --record`), the pipeline runs
again over the run's case sets once with every step on and once per step with that step off
(`Settings.service_skip_steps`). The model's answers are replayed from the recording
(`evals/replay.py`), so a row costs seconds and differs from the first only by what the step does.
The table lands in the run's results.json (`ablation`) and its reports.
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any, get_args

from evals.cases import load_set
from evals.replay import ANSWERS_FILE
from evals.runner import EMBEDDED_MODELS, RunConfig, run_eval
from service.core.config import PROJECT_ROOT, PipelineStep

STEPS: tuple[str, ...] = get_args(PipelineStep)


def _set_folder(stored: str) -> Path:
    p = Path(stored)
    return p if p.is_absolute() else PROJECT_ROOT / p


async def ablate(
    results: dict[str, Any],
    run_dir: Path,
    steps: tuple[str, ...] = STEPS,
    base_url: str | None = None,
) -> dict[str, Any]:
    """Run the ablation of every service cell of a run (embedded models; others with `base_url`).

    Args:
        results: the run's results (for its cells and case sets).
        run_dir: the run folder holding `llm_answers.jsonl.gz`.
        steps: the steps to switch off, one per row.
        base_url: the upstream of a run's remote model (questions the recording lacks go there).

    Returns:
        {"answers": path, "steps": [...], "cells": [{"prompt", "model", "rows": [{"step", "sets":
        {set: {"event_f1_strict", "event_f1_strict_ci", "unsupported", ...}}, "asked"}]}]}

    Raises:
        FileNotFoundError: the run recorded no answers.
        ValueError: a step name is unknown.
    """
    answers = run_dir / ANSWERS_FILE
    if not answers.is_file():
        raise FileNotFoundError(f"{answers}: the run recorded no answers (run it with --record)")
    unknown = set(steps) - set(STEPS)
    if unknown:
        raise ValueError(f"unknown steps {sorted(unknown)}; known: {', '.join(STEPS)}")
    sets = [load_set(_set_folder(s["dir"])) for s in results["sets"]]
    cells = [
        c
        for c in results["cells"]
        if c.get("kind") == "service" and (c["model"] in EMBEDDED_MODELS or base_url)
    ]
    out: dict[str, Any] = {"answers": ANSWERS_FILE, "steps": list(steps), "cells": []}
    for cell in cells:
        rows = []
        for step in ("(none)", *steps):
            config = RunConfig(
                prompts=[cell["prompt"]],
                models=[cell["model"]],
                answers=answers,
                base_url=None if cell["model"] in EMBEDDED_MODELS else base_url,
                skip_steps=frozenset() if step == "(none)" else frozenset({step}),
            )
            own = [s for s in sets if s.name in cell["sets"]]  # a cell run on the test split alone
            with tempfile.TemporaryDirectory() as tmp:
                replayed = await run_eval(config, own, Path(tmp) / "ablation")
            [row_cell] = replayed["cells"]
            figures: dict[str, Any] = {}
            for name, block in row_cell["sets"].items():
                f = block["summary"]["figures"]
                figures[name] = {
                    "event_f1_strict": f["event_f1_strict"]["value"],
                    "event_f1_strict_ci": f["event_f1_strict"]["ci"],
                    "event_p_strict": f["event_p_strict"]["value"],
                    "event_r_strict": f["event_r_strict"]["value"],
                    "unsupported": f["unsupported"]["value"],
                    "success_rate": f["success_rate"]["value"],
                }
            asked = (row_cell["settings"].get("recorded_answers") or {}).get("asked", 0)
            rows.append(
                {"step": "none (all on)" if step == "(none)" else step, "sets": figures, "asked": asked}
            )
        out["cells"].append({"prompt": cell["prompt"], "model": cell["model"], "rows": rows})
    return out
