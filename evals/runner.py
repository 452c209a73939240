"""Running every case set through the service's pipeline (each prompt x model) and the peers; scoring it."""

from __future__ import annotations

import asyncio
import datetime as dt
import hashlib
import json
import statistics
import time
import uuid
from collections import Counter
from collections.abc import AsyncIterator, Callable
from contextlib import AsyncExitStack, asynccontextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, get_args

import httpx
from tqdm import tqdm

from evals.bootstrap import figures_with_intervals
from evals.cases import Case, CaseSet
from evals.peers import PeerConfig, open_peer
from evals.replay import RecordingTransport
from evals.scorer import CaseScore, aggregate, score_case
from schemas.api import ExtractRequest
from service.core.config import PROJECT_ROOT, REMOTE_MAX_RETRIES, EmbeddedModel, Settings
from service.core.errors import ServiceError
from service.llm.embedded import EmbeddedServer
from service.serving.runtime import DEFAULT_REMOTE_MODEL, open_extractor

EMBEDDED_MODELS: tuple[str, ...] = get_args(EmbeddedModel)
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
    peers: tuple[str, ...] = ()
    peer_model: str | None = None
    # Seconds one case may take before it counts as an error (`case_timeout`); None: no limit.
    # The service stops itself at SERVICE_REQUEST_BUDGET_S; a peer has no budget of its own, and a
    # small model looping to max_tokens on every re-ask can hold one case for many minutes.
    case_budget_s: float | None = None
    # Where the upstream's answers are recorded and replayed from (evals/replay.py); None: live only.
    answers: Path | None = None
    # Post-processing steps switched off (Settings.service_skip_steps): the ablation's knob.
    skip_steps: frozenset[str] = frozenset()
    # A live run of the same cells whose answers this run replays: a replayed case takes that run's
    # seconds and latency (the model's time), not the replay's milliseconds.
    timing_from: Path | None = None


def _settings_for(model: str, config: RunConfig) -> Settings:
    if model in EMBEDDED_MODELS and not config.base_url:
        return Settings(
            llm_base_url=None,
            llm_embedded_model=model,  # type: ignore[arg-type]
            llm_model=None,
            service_cache_enabled=False,
            service_skip_steps=config.skip_steps,  # type: ignore[arg-type]
        )
    if not config.base_url:
        raise ValueError(f"model {model!r} is not embedded ({', '.join(EMBEDDED_MODELS)}); pass --base-url")
    extra: dict[str, Any] = {
        "llm_base_url": config.base_url,
        "llm_model": model,
        "service_cache_enabled": False,
        "service_skip_steps": config.skip_steps,
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
    recording = RecordingTransport(config.answers) if config.answers else None
    async with AsyncExitStack() as stack:
        extractor = await stack.enter_async_context(open_extractor(settings, transport=recording))
        if recording is not None:
            stack.callback(recording.save)
        served_model = getattr(getattr(extractor, "clients", None), "model", model)

        async def run(case: Case, prompt: str, _: str) -> tuple[list[Any], dict[str, Any] | None, Any]:
            req = ExtractRequest(text=case.text, published=case.published, prompt=prompt)
            asked = recording.misses if recording is not None else 0
            try:
                resp = await extractor.extract(req, uuid.uuid4().hex)
            except ServiceError as e:
                return [], None, {"code": e.code, "detail": e.detail}
            meta = resp.meta.model_dump(mode="json")
            if recording is not None:
                # Every answer of this case came from the recording: its seconds are not the model's.
                meta["replayed"] = recording.misses == asked and bool(recording.answers)
            return [e.model_dump(mode="json") for e in resp.events], meta, None

        info = {
            "backend": "embedded" if settings.embedded else "openai-compatible",
            "served_model": served_model,
            "mode": settings.resolved_mode,
            "max_retries": settings.max_retries,
            "temperature": settings.llm_temperature,
            "seed": settings.llm_seed,
            "max_tokens": settings.llm_max_tokens,
            "n_ctx": settings.llm_n_ctx,
            "grounded_grammar": settings.llm_grounded_grammar,
            # The pipeline's own switches, so two runs of one prompt x model can be told apart.
            "require_meeting_cue": settings.service_require_meeting_cue,
            "recall_passes": settings.service_recall_passes,
            "rule_recall": settings.service_rule_recall,
            "skip_steps": sorted(settings.service_skip_steps),
            "request_budget_s": settings.service_request_budget_s,
            "n_threads": settings.llm_n_threads,
            "prompt_sha256": prompt_fingerprints(settings, config.prompts),
        }
        yield run, info
        if recording is not None:
            info["recorded_answers"] = {"replayed": recording.hits, "asked": recording.misses}


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


@asynccontextmanager
async def _peer(name: str, model: str, config: RunConfig) -> AsyncIterator[tuple[Extract, dict[str, Any]]]:
    """A peer on the same upstream: --base-url, else the embedded server started as the service does."""
    settings = _settings_for(model, config)
    server: EmbeddedServer | None = None
    if settings.embedded:
        server = EmbeddedServer(settings)
        await server.start()
        base_url, served = server.base_url, server.info.name
    else:
        base_url, served = str(settings.llm_base_url), settings.llm_model or DEFAULT_REMOTE_MODEL
    try:
        peer_config = PeerConfig(
            base_url=base_url,
            model=served,
            api_key=settings.llm_api_key.get_secret_value(),
            temperature=settings.llm_temperature,
            seed=settings.llm_seed,
            max_tokens=settings.llm_max_tokens,
            # A peer has no partial answers to fall back on: it keeps the hosted default's re-asks.
            max_retries=REMOTE_MAX_RETRIES if settings.llm_max_retries is None else settings.llm_max_retries,
            chunk_chars=settings.service_chunk_chars,
            budget_s=config.case_budget_s,
        )
        peer = open_peer(name, peer_config)

        async def run(case: Case, _prompt: str, _model: str) -> Any:
            return await peer(case)

        info = {
            "backend": f"peer:{name}",
            "served_model": served,
            "temperature": peer_config.temperature,
            "seed": peer_config.seed,
            "max_tokens": peer_config.max_tokens,
            "max_retries": peer_config.max_retries,
            "chunk_chars": peer_config.chunk_chars,
        }
        yield run, info
    finally:
        if server is not None:
            await server.stop()


def _mean(values: list[float]) -> float | None:
    return statistics.mean(values) if values else None


def _by_tag(
    tags: list[tuple[str, ...]], rows: list[dict[str, Any]], scores: list[CaseScore]
) -> dict[str, Any]:
    """Figures per tag: strict event F1, status and date accuracy, unsupported values; for negatives,
    how many got no event."""
    out: dict[str, Any] = {}
    for tag in sorted({t for case_tags in tags for t in case_tags}):
        idx = [i for i, case_tags in enumerate(tags) if tag in case_tags]
        figs = figures_with_intervals([scores[i].counts() for i in idx], resamples=0)
        out[tag] = {
            "cases": len(idx),
            "event_f1_strict": figs["event_f1_strict"]["value"],
            "event_r_strict": figs["event_r_strict"]["value"],
            "status": figs["status"]["value"],
            "date": figs["date"]["value"],
            "unsupported": figs["unsupported"]["value"],
            "no_event": sum(1 for i in idx if rows[i]["error"] is None and not rows[i]["prediction"]),
        }
    return out


def summarise(
    rows: list[dict[str, Any]], scores: list[CaseScore], tags: list[tuple[str, ...]]
) -> dict[str, Any]:
    """The summary of one cell on one case set: figures with intervals, cost, errors, per tag.

    Args:
        rows: the stored rows (prediction, meta, error, seconds) in case order.
        scores: each row's score.
        tags: each case's tags.

    Returns:
        The summary document of `results.json`.
    """
    ok = [r for r in rows if r["error"] is None]
    metas = [r["meta"] for r in ok if r["meta"]]
    latencies = [m["latency_ms"] / 1000 for m in metas if m.get("latency_ms") is not None]
    summary = aggregate(scores)
    summary["figures"] = figures_with_intervals([s.counts() for s in scores])
    summary["success_rate"] = len(ok) / len(rows) if rows else None
    summary["errors"] = dict(Counter(r["error"]["code"] for r in rows if r["error"]))
    summary["mean_attempts"] = _mean([m["attempts"] for m in metas if m.get("attempts") is not None])
    usage = [m["usage"] for m in metas if m.get("usage")]
    summary["mean_prompt_tokens"] = _mean(
        [u["prompt_tokens"] for u in usage if u.get("prompt_tokens") is not None]
    )
    summary["mean_completion_tokens"] = _mean(
        [u["completion_tokens"] for u in usage if u.get("completion_tokens") is not None]
    )
    summary["median_latency_s"] = statistics.median(latencies) if latencies else None
    summary["seconds_per_article"] = _mean([r["seconds"] for r in rows])
    summary["by_tag"] = _by_tag(tags, rows, scores)
    return summary


async def _answer(extract: Extract, case: Case, prompt: str, model: str, budget_s: float | None) -> Any:
    try:
        async with asyncio.timeout(budget_s):
            return await extract(case, prompt, model)
    except TimeoutError:
        return [], None, {"code": "case_timeout", "detail": f"no answer within {budget_s:g} s"}


def live_timing(path: Path) -> dict[tuple[str, str, str, str], tuple[float, float | None]]:
    """(set, case, prompt, model) -> (seconds, latency_ms) of every answered case of a live run."""
    from evals.results import load_results

    out: dict[tuple[str, str, str, str], tuple[float, float | None]] = {}
    for cell in load_results(path)["cells"]:
        for name, block in cell["sets"].items():
            for r in block["cases"]:
                latency = (r.get("meta") or {}).get("latency_ms")
                out[(name, r["case"], cell["prompt"], cell["model"])] = (r["seconds"], latency)
    return out


async def _run_cell(
    extract: Extract,
    prompt: str,
    model: str,
    sets: list[CaseSet],
    bar: tqdm[Any],
    budget_s: float | None = None,
    timing: dict[tuple[str, str, str, str], tuple[float, float | None]] | None = None,
) -> dict[str, Any]:
    """One matrix row: every case of every set, scored per set."""
    from evals.results import prompt_examples

    examples = prompt_examples()
    out: dict[str, Any] = {}
    for case_set in sets:
        rows: list[dict[str, Any]] = []
        scores: list[CaseScore] = []
        for case in case_set.cases:
            bar.set_postfix_str(f"{prompt} {model} {case.case}")
            started = time.perf_counter()
            events, meta, error = await _answer(extract, case, prompt, model, budget_s)
            seconds = time.perf_counter() - started
            live = (timing or {}).get((case_set.name, case.case, prompt, model))
            if live is not None and meta is not None and meta.get("replayed"):
                seconds = live[0]
                meta["latency_ms"] = live[1]
                meta["timing"] = "live run (answers replayed)"
            score = score_case(case.case, case.gold, events, case.text, ok=error is None, examples=examples)
            scores.append(score)
            rows.append(
                {
                    "case": case.case,
                    "prediction": events,
                    "meta": meta,
                    "error": error,
                    "seconds": round(seconds, 3),
                    "score": score.to_dict(),
                }
            )
            bar.update(1)
        tags = [c.tags for c in case_set.cases]
        out[case_set.name] = {"cases": rows, "summary": summarise(rows, scores, tags)}
    return out


def default_peer_model() -> str:
    """The model the peers run on when none is named: the service's default embedded model."""
    return str(Settings(_env_file=None).llm_embedded_model)  # type: ignore[call-arg]


async def run_eval(config: RunConfig, sets: list[CaseSet], out_dir: Path) -> dict[str, Any]:
    """Run every case set for every prompt x model through the service's pipeline, then the peers.

    Args:
        config: prompts, models, peers and backend.
        sets: the loaded case sets (scored and reported separately).
        out_dir: the run folder (its name is the run id).

    Returns:
        The results document, for `save_run`.
    """
    started = time.perf_counter()
    names = [s.name for s in sets]
    if len(set(names)) != len(names):
        raise ValueError(f"case sets need distinct folder names: {names}")
    cells: list[dict[str, Any]] = []
    n_cases = sum(len(s.cases) for s in sets)
    peer_model = config.peer_model or (config.models[0] if config.base_url else default_peer_model())
    total = (len(config.prompts) * len(config.models) + len(config.peers)) * n_cases
    bar = tqdm(total=total, desc="eval", unit="case")
    timing = live_timing(config.timing_from) if config.timing_from else None
    for model in config.models:
        opener = _over_http(config) if config.service_url else _in_process(model, config)
        async with opener as (extract, info):
            for prompt in config.prompts:
                per_set = await _run_cell(extract, prompt, model, sets, bar, config.case_budget_s, timing)
                cells.append(
                    {"prompt": prompt, "model": model, "kind": "service", "settings": info, "sets": per_set}
                )
    for name in config.peers:
        async with _peer(name, peer_model, config) as (extract, info):
            label = f"peer:{name}"
            per_set = await _run_cell(extract, label, peer_model, sets, bar, config.case_budget_s)
            cells.append(
                {"prompt": label, "model": peer_model, "kind": "peer", "settings": info, "sets": per_set}
            )
    bar.close()
    return {
        "run_id": out_dir.name,
        "created": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "prompts": config.prompts,
        "models": config.models,
        "peers": list(config.peers),
        "case_budget_s": config.case_budget_s,
        "wall_time_s": round(time.perf_counter() - started, 1),
        "sets": [
            {
                "name": s.name,
                "dir": _display_path(s.folder),
                "cases": [
                    {
                        "case": c.case,
                        "published": c.published.isoformat() if c.published else None,
                        "tags": list(c.tags),
                        "text": c.text,
                        "gold": c.gold,
                    }
                    for c in s.cases
                ],
            }
            for s in sets
        ],
        "cells": cells,
    }


def save_run(results: dict[str, Any], out_dir: Path, register: bool = True) -> None:
    """Write results.json, report.md and report.html, and (unless `register` is False, for a run
    rewritten in place) add the run to the registry.

    Only runs written under the project's `evals/runs/` are registered: the registry is committed,
    and a line pointing at a scratch directory (a cell run elsewhere before `evals merge`) would
    name a path no one else has.
    """
    from evals.report import write_reports

    out_dir.mkdir(parents=True, exist_ok=True)
    (out_dir / "results.json").write_text(
        json.dumps(results, ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
    )
    write_reports(results, out_dir)
    if register and out_dir.resolve().is_relative_to(RUNS_DIR.resolve()):
        _register(results, out_dir)


def _register(results: dict[str, Any], out_dir: Path) -> None:
    """Append the run to the registry of eval runs (one JSON line per run)."""
    line = {
        "run_id": results["run_id"],
        "created": results["created"],
        "path": _display_path(out_dir),
        "prompts": results["prompts"],
        "models": results["models"],
        "peers": results.get("peers", []),
        "event_f1_strict": {
            f"{name}:{c['prompt']}x{c['model']}": _rounded(
                s["summary"]["figures"]["event_f1_strict"]["value"]
            )
            for c in results["cells"]
            for name, s in c["sets"].items()
        },
    }
    REGISTRY.parent.mkdir(parents=True, exist_ok=True)
    with REGISTRY.open("a", encoding="utf-8") as f:
        f.write(json.dumps(line) + "\n")


def _rounded(value: float | None) -> float | None:
    return None if value is None else round(value, 3)


def _display_path(path: Path) -> str:
    """Repository-relative when inside the repository (results stay portable between clones)."""
    resolved = path.resolve()
    return str(resolved.relative_to(PROJECT_ROOT)) if resolved.is_relative_to(PROJECT_ROOT) else str(path)
