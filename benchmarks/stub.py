"""A stub OpenAI-compatible upstream on loopback, with configurable latency and injected faults.

    python -m benchmarks.stub --port 9001 --latency 0.05
    python -m benchmarks.stub --port 9001 --fail-rate 0.3 --faults 429,500,503,timeout

Every chat completion answers with the same canned extraction (seed 000's gold events, as tool-call
arguments or as content, whichever the request asked for), after `--latency` seconds; a share of
calls (`--fail-rate`, chosen with a seeded RNG) fails instead with one of `--faults`.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import random
from pathlib import Path
from typing import Any

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from evals.upstream import completion_body

ROOT = Path(__file__).resolve().parent.parent
FAULTS = ("429", "500", "502", "503", "504", "timeout", "bad_json", "empty")


def canned_answer() -> dict[str, Any]:
    """Seed 000's gold events in the LLM output format (what a perfect model would answer)."""
    gold = json.loads(
        (ROOT / "evals" / "gold" / "seeds" / "000_992ab47ca5ee5213.json").read_text(encoding="utf-8")
    )
    events = []
    for e in gold["events"]:
        events.append(
            {
                "evidence": [q["quote"] for q in e["evidence"]],
                **{
                    k: e[k]
                    for k in (
                        "participants",
                        "host",
                        "date_text",
                        "location",
                        "format",
                        "status",
                        "mode",
                        "topics",
                        "outcomes",
                    )
                },
            }
        )
    return {"events": events}


def build_app(latency: float, fail_rate: float, faults: list[str], timeout_s: float, seed: int) -> Starlette:
    """The stub's ASGI app."""
    answer = json.dumps(canned_answer(), ensure_ascii=False)
    rng = random.Random(seed)
    # abandoned: answers whose client (the service) had already hung up, i.e. cancelled calls.
    stats = {"calls": 0, "faults": 0, "answered": 0, "abandoned": 0}

    async def chat(request: Request) -> Response:
        body = await request.json()
        stats["calls"] += 1
        if faults and rng.random() < fail_rate:
            stats["faults"] += 1
            fault = rng.choice(faults)
            if fault == "timeout":
                await asyncio.sleep(timeout_s)
            elif fault == "bad_json":
                return JSONResponse(completion_body('{"events": [', "tools" in body))
            elif fault == "empty":
                return JSONResponse({**completion_body("", False), "choices": []})
            else:
                return JSONResponse({"error": {"message": f"injected {fault}"}}, status_code=int(fault))
        if latency:
            await asyncio.sleep(latency)
            if await request.is_disconnected():
                stats["abandoned"] += 1
                return Response(status_code=499)
        stats["answered"] += 1
        return JSONResponse(completion_body(answer, "tools" in body))

    async def models(_: Request) -> Response:
        return JSONResponse({"object": "list", "data": [{"id": "stub", "object": "model"}]})

    async def stats_route(_: Request) -> Response:
        return JSONResponse(stats)

    return Starlette(
        routes=[
            Route("/v1/chat/completions", chat, methods=["POST"]),
            Route("/v1/models", models),
            Route("/stats", stats_route),
        ]
    )


def main() -> None:
    """Serve the stub."""
    import uvicorn

    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--port", type=int, required=True)
    p.add_argument("--latency", type=float, default=0.0, help="seconds before each answer")
    p.add_argument("--fail-rate", type=float, default=0.0, help="share of calls that fail")
    p.add_argument("--faults", default="", help=f"comma-separated, from {','.join(FAULTS)}")
    p.add_argument("--timeout-s", type=float, default=30.0, help="how long a 'timeout' fault hangs")
    p.add_argument("--seed", type=int, default=1)
    a = p.parse_args()
    faults = [f for f in a.faults.split(",") if f]
    unknown = set(faults) - set(FAULTS)
    if unknown:
        p.error(f"unknown faults {sorted(unknown)}")
    app = build_app(a.latency, a.fail_rate, faults, a.timeout_s, a.seed)
    uvicorn.run(app, host="127.0.0.1", port=a.port, log_level="warning", access_log=False)


if __name__ == "__main__":
    main()
