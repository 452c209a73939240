"""`python -m benchmarks`: service overhead, throughput, concurrency, cache, soak, embedded model.

Every figure comes from one run on this machine: ratios compare things measured side by side,
latencies are medians/percentiles of many requests. Results go to benchmarks/results/.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import statistics
import time
from pathlib import Path
from typing import Any

import httpx

from benchmarks.load import load, pct, seed_body, sequential
from benchmarks.procs import ROOT, process, redis_server, rss_mb, service, stub
from benchmarks.speed import bench_speed, parse_variant, speed_table
from service.cli.articles import read_article
from service.llm.embedded import free_port

OUT = ROOT / "benchmarks" / "results"


def service_env(base_url: str, **extra: str) -> dict[str, str]:
    """The service pointed at a stub: tools mode, no cache, no transport retries to hide anything."""
    env = {
        "LLM_BASE_URL": base_url,
        "LLM_MODEL": "stub",
        "LLM_MODE": "tools",
        "SERVICE_CACHE_ENABLED": "false",
        "SERVICE_LOG_LEVEL": "INFO",
    }
    env.update(extra)
    return env


def bench_overhead(n: int, latency: float, logs: Path) -> dict[str, Any]:
    """Service latency minus the stub's own latency, seen from the same client, same run."""
    body = seed_body()
    with stub(latency=latency, log=logs / "stub.log") as upstream:
        direct_body = {"model": "stub", "messages": [{"role": "user", "content": body["text"]}], "tools": []}
        direct = asyncio.run(sequential(f"{upstream}/chat/completions", direct_body, n))
        with service(service_env(upstream), log=logs / "service-overhead.log") as (url, _):
            through = asyncio.run(sequential(f"{url}/v1/extract", body, n))
    return {
        "stub_latency_s": latency,
        "direct_p50_ms": pct(direct, 50) * 1000,
        "service_p50_ms": pct(through, 50) * 1000,
        "overhead_p50_ms": (pct(through, 50) - pct(direct, 50)) * 1000,
        "overhead_p99_ms": (pct(through, 99) - pct(direct, 99)) * 1000,
        "n": n,
    }


def bench_throughput(n: int, concurrency: int, logs: Path) -> dict[str, Any]:
    """Requests/s through the service (instant stub) vs a bare FastAPI endpoint with the same JSON."""
    body = seed_body()
    with (
        stub(latency=0.0, log=logs / "stub.log") as upstream,
        service(service_env(upstream), log=logs / "service-throughput.log") as (url, _),
    ):
        sample = httpx.post(f"{url}/v1/extract", json=body, timeout=60).content
        svc = asyncio.run(load(f"{url}/v1/extract", body, n, concurrency))
    body_file = logs / "bare-body.json"
    body_file.write_bytes(sample)
    port = free_port()
    with process(
        ["-m", "benchmarks.bare", "--port", str(port), "--body", str(body_file)],
        "/docs",
        port,
        log=logs / "bare.log",
    ):
        bare = asyncio.run(load(f"http://127.0.0.1:{port}/v1/extract", body, n, concurrency))
    return {"service": svc, "bare": bare, "ratio": svc["rps"] / bare["rps"], "concurrency": concurrency}


def bench_concurrency(logs: Path) -> dict[str, Any]:
    """100 concurrent requests against a stub that takes 1 s: fully async means about 1 s in all."""
    body = seed_body()
    with (
        stub(latency=1.0, log=logs / "stub.log") as upstream,
        service(service_env(upstream), log=logs / "service-concurrency.log") as (url, _),
    ):
        asyncio.run(load(f"{url}/v1/extract", body, 4, 4))  # warm-up
        result = asyncio.run(load(f"{url}/v1/extract", body, 100, 100))
    return result


def bench_cache(n: int, logs: Path) -> dict[str, Any]:
    """Latency of cache hits (same article again), measured at the client."""
    body = seed_body()
    with (
        stub(latency=0.05, log=logs / "stub.log") as upstream,
        service(
            service_env(upstream, SERVICE_CACHE_ENABLED="true", SERVICE_CACHE_DIR=str(logs / "cache")),
            log=logs / "service-cache.log",
        ) as (url, _),
    ):
        lat = asyncio.run(sequential(f"{url}/v1/extract", body, n))
        cached = httpx.post(f"{url}/v1/extract", json=body, timeout=10).json()["meta"]["cached"]
    return {"p50_ms": pct(lat, 50) * 1000, "p99_ms": pct(lat, 99) * 1000, "n": n, "cached": cached}


def bench_soak(n: int, concurrency: int, logs: Path) -> dict[str, Any]:
    """n requests at `concurrency`: error count and resident-memory growth of the service."""
    body = seed_body()
    with (
        stub(latency=0.0, log=logs / "stub.log") as upstream,
        service(service_env(upstream), log=logs / "service-soak.log") as (url, proc),
    ):
        asyncio.run(load(f"{url}/v1/extract", body, 500, concurrency))  # warm-up: pools, caches, imports
        before = rss_mb(proc.pid)
        result = asyncio.run(load(f"{url}/v1/extract", body, n, concurrency))
        after = rss_mb(proc.pid)
        alive = proc.poll() is None
    return {
        **result,
        "rss_before_mb": before,
        "rss_after_mb": after,
        "rss_growth_mb": after - before,
        "alive": alive,
    }


def bench_workers(n: int, concurrency: int, logs: Path) -> dict[str, Any]:
    """Throughput with 1 worker, 2 workers, and 2 workers sharing state on Redis (instant stub).

    Needs `redis-server` on the PATH (the Makefile installs it for the tests).

    Every request carries a distinct article, so each one is a cache miss that is looked up and
    stored (local SQLite, or Redis): the rows compare the full per-request work.
    """
    body = seed_body()
    rows: dict[str, Any] = {}
    redis_dir = logs / "redis"
    redis_dir.mkdir(exist_ok=True)
    with stub(latency=0.0, log=logs / "stub.log") as upstream, redis_server(redis_dir) as redis_url:
        configs: dict[str, dict[str, str]] = {
            "1 worker": {"SERVICE_WORKERS": "1"},
            "2 workers": {"SERVICE_WORKERS": "2"},
            "2 workers + Redis": {"SERVICE_WORKERS": "2", "SERVICE_REDIS_URL": redis_url},
        }
        for name, extra in configs.items():
            env = service_env(
                upstream,
                SERVICE_CACHE_ENABLED="true",
                SERVICE_CACHE_DIR=str(logs / f"cache-{len(rows)}"),
                **extra,
            )
            with service(env, log=logs / f"service-workers-{len(rows)}.log") as (url, _):
                asyncio.run(load(f"{url}/v1/extract", body, 200, concurrency, vary=True))  # warm-up
                rows[name] = asyncio.run(load(f"{url}/v1/extract", body, n, concurrency, vary=True))
    return {"rows": rows, "concurrency": concurrency}


def bench_embedded(logs: Path) -> dict[str, Any]:
    """The embedded model on each seed: seconds per article, and prompt tokens besides the article.

    Prompt tokens come from the model's own usage report; the article's share is counted with the
    same model's tokenizer, so the rest is what instructions, example and chat template cost.
    """
    from llama_cpp import Llama

    from service.core.config import Settings
    from service.llm.embedded import resolve_model

    vocab = Llama(model_path=str(resolve_model(Settings()).path), vocab_only=True, verbose=False)
    rows: list[dict[str, Any]] = []
    env = {"SERVICE_CACHE_ENABLED": "false", "LLM_MAX_RETRIES": "0"}  # one call each: usage = one prompt
    with service(env, log=logs / "service-embedded.log") as (url, _):
        for prompt in ("v1", "v2"):
            for path in sorted((ROOT / "seeds").glob("*.txt")):
                text, published = read_article(path)
                body = {
                    "text": text,
                    "prompt": prompt,
                    "published": published.isoformat() if published else None,
                }
                t = time.perf_counter()
                r = httpx.post(f"{url}/v1/extract", json=body, timeout=600)
                seconds = time.perf_counter() - t
                article_tokens = len(vocab.tokenize(text.encode("utf-8"), add_bos=False))
                meta = r.json().get("meta") if r.status_code == 200 else None
                rows.append(
                    {
                        "seed": path.stem,
                        "prompt": prompt,
                        "seconds": seconds,
                        "status": r.status_code,
                        "article_tokens": article_tokens,
                        "prompt_tokens": meta["usage"]["prompt_tokens"] if meta else None,
                    }
                )
    overhead: dict[str, float | None] = {}
    for prompt in ("v1", "v2"):
        extra = [
            row["prompt_tokens"] - row["article_tokens"]
            for row in rows
            if row["prompt"] == prompt and row["prompt_tokens"] is not None
        ]
        overhead[prompt] = statistics.median(extra) if extra else None
    secs = [row["seconds"] for row in rows if row["prompt"] == "v2"]
    return {
        "per_seed": rows,
        "median_s": statistics.median(secs),
        "mean_s": statistics.mean(secs),
        "instruction_prompt_tokens": overhead,
    }


def _row(measure: str, result: str, target: str, met: bool | None) -> str:
    return f"| {measure} | {result} | {target} | {'–' if met is None else 'yes' if met else 'no'} |"


def table(results: dict[str, Any]) -> str:
    """The README table: one line per measure, with its target and whether it is met."""
    rows = ["| measure | result | target | met |", "|---|---:|---:|:-:|"]
    if o := results.get("overhead"):
        p50, p99 = o["overhead_p50_ms"], o["overhead_p99_ms"]
        rows.append(_row("service overhead p50", f"{p50:.2f} ms", "≤ 3 ms", p50 <= 3))
        rows.append(_row("service overhead p99", f"{p99:.2f} ms", "≤ 15 ms", p99 <= 15))
    if t := results.get("throughput"):
        svc, bare = t["service"]["rps"], t["bare"]["rps"]
        rows.append(
            _row(
                f"throughput vs bare FastAPI (c={t['concurrency']})",
                f"{svc:.0f} / {bare:.0f} req/s = {t['ratio']:.0%}",
                "≥ 40 %",
                t["ratio"] >= 0.4,
            )
        )
    if c := results.get("concurrency"):
        ok = c["wall_s"] <= 1.5 and not c["errors"]
        rows.append(
            _row(
                "100 concurrent × 1 s upstream",
                f"{c['wall_s']:.2f} s wall, errors {c['errors'] or 0}",
                "≤ 1.5 s",
                ok,
            )
        )
    if k := results.get("cache"):
        rows.append(
            _row(
                "cache hit latency p50 (p99)",
                f"{k['p50_ms']:.2f} ms ({k['p99_ms']:.2f} ms)",
                "≤ 5 ms",
                k["p50_ms"] <= 5,
            )
        )
    if s := results.get("soak"):
        errors = sum(s["errors"].values())
        rows.append(
            _row(
                f"soak: {s['n']} requests at c=64",
                f"{errors} errors, RSS {s['rss_growth_mb']:+.1f} MB ({s['rps']:.0f} req/s)",
                "0 errors, ≤ 50 MB",
                errors == 0 and s["rss_growth_mb"] <= 50,
            )
        )
    if w := results.get("workers"):
        base = w["rows"]["1 worker"]["rps"]
        for name, row in w["rows"].items():
            errors = sum(row["errors"].values())
            rows.append(
                _row(
                    f"throughput, {name} (c={w['concurrency']}, every request a cache miss)",
                    f"{row['rps']:.0f} req/s = {row['rps'] / base:.2f}× 1 worker, errors {errors}",
                    "–",
                    None,
                )
            )
    if e := results.get("embedded"):
        rows.append(
            _row(
                "embedded model: seconds per seed article",
                f"median {e['median_s']:.1f} s (mean {e['mean_s']:.1f} s)",
                "–",
                None,
            )
        )
        tok = e["instruction_prompt_tokens"]
        rows.append(
            _row(
                "embedded model: prompt tokens besides the article",
                f"v1 {tok.get('v1')}, v2 {tok.get('v2')}",
                "–",
                None,
            )
        )
    return "\n".join(rows)


def main() -> None:
    """Run the selected benchmarks and write benchmarks/results/latest.{json,md}."""
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument(
        "--only",
        action="append",
        choices=["overhead", "throughput", "concurrency", "cache", "soak", "workers", "embedded", "speed"],
        help="run only these (repeatable)",
    )
    p.add_argument("--n", type=int, default=300, help="requests for latency measures")
    p.add_argument("--throughput-n", type=int, default=2000)
    p.add_argument("--soak-n", type=int, default=10_000)
    p.add_argument("--stub-latency", type=float, default=0.05)
    p.add_argument(
        "--speed-model",
        action="append",
        dest="speed_models",
        help="speed: embedded model (repeatable; default qwen05)",
    )
    p.add_argument(
        "--speed-variant",
        action="append",
        dest="speed_variants",
        help="speed: NAME:ENV=VALUE,... server settings to compare (repeatable; the first is the reference; "
        "default: the settings as they are)",
    )
    p.add_argument(
        "--speed-articles", type=int, default=None, help="speed: evenly spaced subset of the articles"
    )
    a = p.parse_args()
    which = a.only or ["overhead", "throughput", "concurrency", "cache", "soak", "workers", "embedded"]
    OUT.mkdir(parents=True, exist_ok=True)
    logs = OUT / "logs"
    logs.mkdir(exist_ok=True)
    results: dict[str, Any] = {}
    if a.only and (OUT / "latest.json").exists():
        # A partial run updates its measures and keeps the others of the last run.
        results = json.loads((OUT / "latest.json").read_text(encoding="utf-8"))
    results["created"] = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
    steps = {
        "overhead": lambda: bench_overhead(a.n, a.stub_latency, logs),
        "throughput": lambda: bench_throughput(a.throughput_n, 32, logs),
        "concurrency": lambda: bench_concurrency(logs),
        "cache": lambda: bench_cache(a.n, logs),
        "soak": lambda: bench_soak(a.soak_n, 64, logs),
        "workers": lambda: bench_workers(a.throughput_n, 32, logs),
        "embedded": lambda: bench_embedded(logs),
        "speed": lambda: bench_speed(
            a.speed_models or ["qwen05"],
            dict(parse_variant(v) for v in a.speed_variants or ["default"]),
            a.speed_articles,
            logs,
        ),
    }
    for name in which:
        print(f"running {name} ...", flush=True)
        results[name] = steps[name]()
    md = table(results)
    if "speed" in results:
        md += "\n\n" + speed_table(results["speed"])
    (OUT / "latest.json").write_text(
        json.dumps(results, indent=1, ensure_ascii=False) + "\n", encoding="utf-8"
    )
    (OUT / "latest.md").write_text(md + "\n", encoding="utf-8")
    print(md)


if __name__ == "__main__":
    main()
