"""Running every case through the service's own pipeline, for each prompt x model, and scoring it."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import statistics
import time
import uuid
from collections import Counter
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
from tqdm import tqdm

from evals.cases import Case
from evals.scorer import aggregate, score_case
from schemas.api import ExtractRequest
from service.config import PROJECT_ROOT, Settings
from service.errors import ServiceError
from service.runtime import open_extractor

EMBEDDED_MODELS = ("smollm2", "gemma3")
RUNS_DIR = PROJECT_ROOT / "evals" / "runs"
REGISTRY = RUNS_DIR / "registry.jsonl"

# Answers one case: (case, prompt, model) -> (events, meta, error).
Extract = Callable[[Case, str, str], Any]


@dataclass(frozen=True)
class RunConfig:
    """What to run: prompts x models over cases, through which backend."""

    prompts: list[str]
    models: list[str]
    base_url: str | None = None
    service_url: str | None = None
    api_key: str | None = None


def _settings_for(model: str, config: RunConfig) -> Settings:
    if model in EMBEDDED_MODELS and not config.base_url:
        return Settings(
            llm_base_url=None,
            llm_embedded_model=model,  # type: ignore[arg-type]
            llm_model=None,
            service_cache_enabled=False,
        )
    if not config.base_url:
        raise ValueError(f"model {model!r} is not embedded ({', '.join(EMBEDDED_MODELS)}); pass --base-url")
    extra: dict[str, Any] = {
        "llm_base_url": config.base_url,
        "llm_model": model,
        "service_cache_enabled": False,
    }
    if config.api_key:
        extra["llm_api_key"] = config.api_key
    return Settings(**extra)


def prompt_fingerprints(settings: Settings, versions: list[str]) -> dict[str, str]:
    """sha256 of each prompt file, so a result names the exact prompt text that produced it."""
    folder = settings.service_prompts_dir / settings.service_prompt_name
    return {v: hashlib.sha256((folder / f"{v}.yaml").read_bytes()).hexdigest()[:16] for v in versions}


@asynccontextmanager
async def _in_process(model: str, config: RunConfig) -> AsyncIterator[tuple[Extract, dict[str, Any]]]:
    settings = _settings_for(model, config)
    async with open_extractor(settings) as extractor:
        served_model = getattr(getattr(extractor, "clients", None), "model", model)

        async def run(case: Case, prompt: str, _: str) -> tuple[list[Any], dict[str, Any] | None, Any]:
            req = ExtractRequest(text=case.text, published=case.published, prompt=prompt)
            try:
                resp = await extractor.extract(req, uuid.uuid4().hex)
            except ServiceError as e:
                return [], None, {"code": e.code, "detail": e.detail}
            return [e.model_dump(mode="json") for e in resp.events], resp.meta.model_dump(mode="json"), None

        info = {
            "backend": "embedded" if settings.embedded else "openai-compatible",
            "served_model": served_model,
            "mode": settings.resolved_mode,
            "max_retries": settings.llm_max_retries,
            "temperature": settings.llm_temperature,
            "seed": settings.llm_seed,
            "max_tokens": settings.llm_max_tokens,
            "n_ctx": settings.llm_n_ctx,
            "grounded_grammar": settings.llm_grounded_grammar,
            "prompt_sha256": prompt_fingerprints(settings, config.prompts),
        }
        yield run, info


@asynccontextmanager
async def _over_http(config: RunConfig) -> AsyncIterator[tuple[Extract, dict[str, Any]]]:
    assert config.service_url
    async with httpx.AsyncClient(base_url=config.service_url, timeout=600) as client:

        async def run(case: Case, prompt: str, model: str) -> tuple[list[Any], dict[str, Any] | None, Any]:
            body: dict[str, Any] = {"text": case.text, "prompt": prompt}
            if case.published:
                body["published"] = case.published.isoformat()
            if model != "default":
                body["model"] = model
            r = await client.post("/v1/extract", json=body)
            data = r.json()
            if r.status_code != 200:
                return (
                    [],
                    None,
                    {"code": data.get("code", str(r.status_code)), "detail": data.get("detail", "")},
                )
            return data["events"], data["meta"], None

        yield run, {"backend": "service", "service_url": config.service_url}


def _summary(rows: list[dict[str, Any]], scores: list[Any]) -> dict[str, Any]:
    ok = [r for r in rows if r["error"] is None]
    metas = [r["meta"] for r in ok if r["meta"]]
    latencies = [m["latency_ms"] / 1000 for m in metas]
    summary = aggregate(scores)
    summary["validity"] = len(ok) / len(rows) if rows else None
    summary["errors"] = dict(Counter(r["error"]["code"] for r in rows if r["error"]))
    summary["mean_attempts"] = statistics.mean(m["attempts"] for m in metas) if metas else None
    summary["mean_prompt_tokens"] = (
        statistics.mean(m["usage"]["prompt_tokens"] for m in metas) if metas else None
    )
    summary["mean_completion_tokens"] = (
        statistics.mean(m["usage"]["completion_tokens"] for m in metas) if metas else None
    )
    summary["median_latency_s"] = statistics.median(latencies) if latencies else None
    summary["mean_latency_s"] = statistics.mean(latencies) if latencies else None
    return summary


async def run_eval(config: RunConfig, cases: list[Case], cases_dir: Path, out_dir: Path) -> dict[str, Any]:
    """Run every case for every prompt x model through the service's pipeline, and score it.

    Args:
        config: prompts, models and backend.
        cases: the loaded cases.
        cases_dir: where they came from (recorded).
        out_dir: the run folder (its name is the run id).

    Returns:
        The results document, for `save_run`.
    """
    started = time.perf_counter()
    run_id = out_dir.name
    cells: list[dict[str, Any]] = []
    bar = tqdm(total=len(config.prompts) * len(config.models) * len(cases), desc="eval", unit="case")
    for model in config.models:
        opener = _over_http(config) if config.service_url else _in_process(model, config)
        async with opener as (extract, info):
            for prompt in config.prompts:
                rows: list[dict[str, Any]] = []
                scores = []
                for case in cases:
                    bar.set_postfix_str(f"{prompt} {model} {case.case}")
                    events, meta, error = await extract(case, prompt, model)
                    score = score_case(case.case, case.gold, events, case.text)
                    scores.append(score)
                    rows.append(
                        {
                            "case": case.case,
                            "prediction": events,
                            "meta": meta,
                            "error": error,
                            "score": score.to_dict(),
                        }
                    )
                    bar.update(1)
                cells.append(
                    {
                        "prompt": prompt,
                        "model": model,
                        "settings": info,
                        "cases": rows,
                        "summary": _summary(rows, scores),
                    }
                )
    bar.close()
    results = {
        "run_id": run_id,
        "created": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "cases_dir": str(cases_dir),
        "prompts": config.prompts,
        "models": config.models,
        "wall_time_s": round(time.perf_counter() - started, 1),
        "cases": [
            {
                "case": c.case,
                "published": c.published.isoformat() if c.published else None,
                "text": c.text,
                "gold": c.gold,
            }
            for c in cases
        ],
        "cells": cells,
    }
    return results


def save_run(results: dict[str, Any], out_dir: Path) -> None:
    """Write results.json, report.md and report.html, and add the run to the registry."""
    from evals.report import write_reports

    out_dir.mkdir(parents=True, exist_ok=True)
    (out_dir / "results.json").write_text(
        json.dumps(results, ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
    )
    write_reports(results, out_dir)
    _register(results, out_dir)


def _register(results: dict[str, Any], out_dir: Path) -> None:
    """Append the run to the registry of eval runs (one JSON line per run)."""
    line = {
        "run_id": results["run_id"],
        "created": results["created"],
        "path": str(out_dir.relative_to(PROJECT_ROOT))
        if out_dir.is_relative_to(PROJECT_ROOT)
        else str(out_dir),
        "prompts": results["prompts"],
        "models": results["models"],
        "event_f1": {
            f"{c['prompt']}x{c['model']}": round(c["summary"]["micro"]["events"]["f1"], 3)
            for c in results["cells"]
        },
    }
    REGISTRY.parent.mkdir(parents=True, exist_ok=True)
    with REGISTRY.open("a", encoding="utf-8") as f:
        f.write(json.dumps(line) + "\n")
