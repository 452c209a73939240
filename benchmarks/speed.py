"""Where an embedded model's seconds go, per article, against the floor measured in the same run.

For each model and each variant of the server's settings (`NAME:ENV=VALUE,...`), one service runs
on the embedded model with llama.cpp's log in a file; the articles (seeds, dev and test under
2,000 characters) are sent one at a time, the variants taking turns article by article so that a
slower minute of the machine falls on all of them alike. llama.cpp prints its own timings for every
completion (`llama_perf_context_print`): prompt tokens evaluated after its prefix cache and the
seconds they took, tokens generated and their seconds. From those:

- **floor** of an article: its own tokens evaluated once plus `FLOOR_ANSWER_TOKENS` generated, at
  the prompt and generation rates this run measured on the same model file (the instructions and
  worked example come first and are reused from the cache, so they cost nothing in steady state);
- **breakdown**: the request's seconds in prompt evaluation, in generation, in calls after the
  first (re-asks, extra questions), and the service's own (wall minus llama.cpp's total);
- **identical**: whether a variant's events equal the first variant's, article by article.
"""

from __future__ import annotations

import re
import statistics
import time
from contextlib import ExitStack
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import httpx

from benchmarks.procs import ROOT, service
from service.cli.articles import read_article

FLOOR_ANSWER_TOKENS = 60  # names or their numbers, a date phrase, a place, sentence numbers
MAX_CHARS = 2000
SETS = (ROOT / "seeds", ROOT / "evals" / "gold" / "dev", ROOT / "evals" / "gold" / "test")

_PROMPT = re.compile(r"prompt eval time =\s*([\d.]+) ms /\s*(\d+) tokens")
_GEN = re.compile(r"\beval time =\s*([\d.]+) ms /\s*(\d+) runs")
_TOTAL = re.compile(r"total time =\s*([\d.]+) ms")


@dataclass(frozen=True)
class Call:
    """One completion as llama.cpp timed it."""

    prompt_ms: float
    prompt_tokens: int  # evaluated, i.e. after the prefix cache
    gen_ms: float
    gen_tokens: int
    total_ms: float


def parse_calls(log: str) -> list[Call]:
    """The completions timed in a stretch of llama.cpp's log, in order.

    Args:
        log: text the server wrote (any number of `llama_perf_context_print` blocks).

    Returns:
        One `Call` per block that has a total line; a block cut off mid-way is left out.
    """
    calls: list[Call] = []
    prompt: tuple[float, int] | None = None
    gen: tuple[float, int] | None = None
    for line in log.splitlines():
        if m := _PROMPT.search(line):
            prompt, gen = (float(m[1]), int(m[2])), None
        elif (m := _GEN.search(line)) and prompt is not None:
            gen = (float(m[1]), int(m[2]))
        elif (m := _TOTAL.search(line)) and prompt is not None:
            g = gen or (0.0, 0)
            calls.append(Call(prompt[0], prompt[1], g[0], g[1], float(m[1])))
            prompt, gen = None, None
    return calls


def articles(limit: int | None) -> list[tuple[str, str, str | None]]:
    """(name, text, published) of the seeds, dev and test articles under `MAX_CHARS`.

    With `limit`, an evenly spaced subset in the same order, so every set keeps its share.
    """
    found: list[tuple[str, str, str | None]] = []
    for folder in SETS:
        for path in sorted(folder.glob("*.txt")):
            text, published = read_article(path)
            if len(text) < MAX_CHARS:
                day = published.isoformat() if published else None
                found.append((f"{folder.name}/{path.stem}", text, day))
    if limit is None or limit >= len(found):
        return found
    step = len(found) / limit
    return [found[int(i * step)] for i in range(limit)]


def _rates(calls: list[Call]) -> tuple[float, float]:
    """Seconds per prompt token and per generated token over this run's calls of one server."""
    big = [c for c in calls if c.prompt_tokens >= 32]  # a few-token eval is all overhead
    prompt_s = sum(c.prompt_ms for c in big) / 1000 / max(1, sum(c.prompt_tokens for c in big))
    gen_s = sum(c.gen_ms for c in calls) / 1000 / max(1, sum(c.gen_tokens for c in calls))
    return prompt_s, gen_s


def _summary(rows: list[dict[str, Any]], reference: dict[str, list[Any]] | None) -> dict[str, Any]:
    ok = [r for r in rows if r["status"] == 200]

    def med(key: str) -> float | None:
        return statistics.median(r[key] for r in ok) if ok else None

    out: dict[str, Any] = {
        "articles": len(rows),
        "ok": len(ok),
        "median_s": med("seconds"),
        "median_floor_s": med("floor_s"),
        "ratio_to_floor": (statistics.median(r["seconds"] / r["floor_s"] for r in ok) if ok else None),
        "median_prompt_tokens": med("prompt_tokens"),
        "median_gen_tokens": med("gen_tokens"),
        "median_prompt_s": med("prompt_s"),
        "median_gen_s": med("gen_s"),
        "median_extra_calls_s": med("extra_calls_s"),
        "median_sampling_s": med("sampling_s") if all("sampling_s" in r for r in ok) else None,
        "median_own_s": med("own_s"),
        "median_calls": med("calls"),
    }
    if reference is not None:
        same = [r for r in rows if r["name"] in reference and reference[r["name"]] == r["events"]]
        out["identical_to_first"] = f"{len(same)} of {len(rows)}"
    return out


def bench_speed(
    models: list[str], variants: dict[str, dict[str, str]], limit: int | None, logs: Path
) -> dict[str, Any]:
    """Time each model x variant over the articles; see the module docstring.

    Args:
        models: embedded model keys (`LLM_EMBEDDED_MODEL`).
        variants: name -> extra environment of the service (the first is the reference).
        limit: how many articles (evenly spaced), or None for all.
        logs: where the services' and llama.cpp's logs go.

    Returns:
        {"models": {model: {"rates": ..., "variants": {name: summary}, "rows": [...]}}, ...}.
    """
    from llama_cpp import Llama

    from service.core.config import Settings
    from service.llm.embedded import resolve_model

    chosen = articles(limit)
    result: dict[str, Any] = {
        "articles": len(chosen),
        "floor_answer_tokens": FLOOR_ANSWER_TOKENS,
        "models": {},
    }
    for model in models:
        settings = Settings(_env_file=None, llm_embedded_model=model)  # type: ignore[call-arg,arg-type]
        vocab = Llama(model_path=str(resolve_model(settings).path), vocab_only=True, verbose=False)
        servers: dict[str, tuple[str, Path]] = {}
        rows: dict[str, list[dict[str, Any]]] = {name: [] for name in variants}
        calls: dict[str, list[Call]] = {name: [] for name in variants}
        with ExitStack() as stack:
            for name, extra in variants.items():
                llama_log = logs / f"llama-{model}-{name}.log"
                llama_log.unlink(missing_ok=True)
                env = {
                    "LLM_EMBEDDED_MODEL": model,
                    "LLM_EMBEDDED_LOG_PATH": str(llama_log),
                    "SERVICE_CACHE_ENABLED": "false",
                    "SERVICE_REQUEST_BUDGET_S": "900",
                    "LLM_TIMEOUT_S": "900",
                    **extra,
                }
                url, _ = stack.enter_context(service(env, log=logs / f"service-{model}-{name}.log"))
                servers[name] = (url, llama_log)
                # Warm-up: the instructions and worked example in llama.cpp's prefix cache, as in
                # steady state; not measured.
                httpx.post(f"{url}/v1/extract", json={"text": chosen[0][1]}, timeout=900)
            for article_name, text, published in chosen:
                article_tokens = len(vocab.tokenize(text.encode("utf-8"), add_bos=False))
                for name, (url, llama_log) in servers.items():
                    before = llama_log.stat().st_size
                    t = time.perf_counter()
                    r = httpx.post(
                        f"{url}/v1/extract", json={"text": text, "published": published}, timeout=900
                    )
                    seconds = time.perf_counter() - t
                    time.sleep(0.2)  # let the server flush its timings
                    with llama_log.open("rb") as f:
                        f.seek(before)
                        made = parse_calls(f.read().decode(errors="replace"))
                    calls[name] += made
                    body = r.json() if r.status_code == 200 else {}
                    llm_s = sum(c.total_ms for c in made) / 1000
                    rows[name].append(
                        {
                            "name": article_name,
                            "status": r.status_code,
                            "seconds": seconds,
                            "article_tokens": article_tokens,
                            "calls": len(made),
                            "prompt_tokens": sum(c.prompt_tokens for c in made),
                            "prompt_s": sum(c.prompt_ms for c in made) / 1000,
                            "gen_tokens": sum(c.gen_tokens for c in made),
                            "gen_s": sum(c.gen_ms for c in made) / 1000,
                            "extra_calls_s": sum(c.total_ms for c in made[1:]) / 1000,
                            # llama.cpp's total less its prompt and generation: sampling (the
                            # grammar) and the server's own bookkeeping.
                            "sampling_s": sum(c.total_ms - c.prompt_ms - c.gen_ms for c in made) / 1000,
                            "own_s": max(0.0, seconds - llm_s),
                            "events": [
                                {k: e.get(k) for k in ("participants", "date", "location", "status")}
                                for e in body.get("events", [])
                            ],
                        }
                    )
        first = next(iter(variants))
        prompt_rate, gen_rate = _rates(calls[first])
        for name in variants:
            for row in rows[name]:
                row["floor_s"] = row["article_tokens"] * prompt_rate + FLOOR_ANSWER_TOKENS * gen_rate
        reference = {r["name"]: r["events"] for r in rows[first]}
        result["models"][model] = {
            "rates": {
                "prompt_tokens_per_s": 1 / prompt_rate if prompt_rate else None,
                "gen_tokens_per_s": 1 / gen_rate if gen_rate else None,
                "variants_rates": {
                    n: dict(zip(("prompt_s_per_token", "gen_s_per_token"), _rates(c), strict=True))
                    for n, c in calls.items()
                },
            },
            "variants": {
                name: _summary(rows[name], None if name == first else reference) for name in variants
            },
            "calls": {name: [asdict(c) for c in cs] for name, cs in calls.items()},
            "rows": rows,
        }
    return result


def parse_variant(spec: str) -> tuple[str, dict[str, str]]:
    """`NAME:ENV=VALUE,ENV=VALUE` (or just `NAME` for the settings as they are).

    Raises:
        ValueError: an entry without `=`.
    """
    name, _, rest = spec.partition(":")
    env: dict[str, str] = {}
    for item in filter(None, rest.split(",")):
        key, sep, value = item.partition("=")
        if not sep:
            raise ValueError(f"variant {name!r}: {item!r} is not ENV=VALUE")
        env[key.strip()] = value.strip()
    return name, env


def _fmt(value: float | None, digits: int = 1) -> str:
    return "–" if value is None else f"{value:.{digits}f}"


def speed_table(speed: dict[str, Any]) -> str:
    """The breakdown, one line per model x variant (medians over the articles)."""
    lines = [
        "| model | variant | s/article | floor | × floor | prompt tok (after cache) | gen tok "
        "| s prompt | s gen | s sampling | s extra calls | s service | identical answers |",
        "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|",
    ]
    for model, m in speed["models"].items():
        for name, s in m["variants"].items():
            lines.append(
                f"| {model} | {name} | {_fmt(s['median_s'])} | {_fmt(s['median_floor_s'])} "
                f"| {_fmt(s['ratio_to_floor'], 2)} | {_fmt(s['median_prompt_tokens'], 0)} "
                f"| {_fmt(s['median_gen_tokens'], 0)} | {_fmt(s['median_prompt_s'])} "
                f"| {_fmt(s['median_gen_s'])} | {_fmt(s.get('median_sampling_s'))} "
                f"| {_fmt(s['median_extra_calls_s'])} | {_fmt(s['median_own_s'], 2)} "
                f"| {s.get('identical_to_first', '(reference)')} |"
            )
    return "\n".join(lines)
