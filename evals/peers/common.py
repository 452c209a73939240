"""What both peers share: their configuration, the answer shape, and mapping helpers."""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

from evals.cases import Case

PEERS = ("instructor", "langextract")

# (events in the service's response shape, meta, error) — the runner's answer shape.
Answer = tuple[list[dict[str, Any]], dict[str, Any] | None, dict[str, Any] | None]
PeerFn = Callable[[Case], Awaitable[Answer]]


@dataclass(frozen=True)
class PeerConfig:
    """The upstream a peer talks to, and the generation settings the service uses too."""

    base_url: str
    model: str
    api_key: str = "not-needed"
    temperature: float = 0.0
    seed: int | None = 0
    max_tokens: int = 1024
    max_retries: int = 2
    chunk_chars: int = 6000
    # Seconds a case may take (the runner's --case-budget-s); a peer that runs in a thread
    # enforces it itself, since the runner can only stop waiting for it.
    budget_s: float | None = None


def iso_date(value: Any) -> str | None:
    """The value when it is an ISO calendar date (YYYY-MM-DD), else None: peers get no date resolution."""
    if not isinstance(value, str):
        return None
    try:
        return dt.date.fromisoformat(value.strip()).isoformat()
    except ValueError:
        return None


def evidence_at(text: str, quote: str) -> dict[str, Any]:
    """Evidence for a quote: offsets only where it occurs verbatim (no tolerant or fuzzy search)."""
    start = text.find(quote) if quote else -1
    if start < 0:
        return {"quote": quote, "start": None, "end": None, "match": None, "grounded": False}
    return {"quote": quote, "start": start, "end": start + len(quote), "match": "exact", "grounded": True}


def failure(e: BaseException, started: float) -> Answer:
    """A peer's exception as a scored failure (the case counts against its success rate)."""
    detail = " ".join(str(e).split())[:300]
    return (
        [],
        {"latency_ms": (time.perf_counter() - started) * 1000},
        {"code": type(e).__name__, "detail": detail},
    )


def open_peer(name: str, config: PeerConfig) -> PeerFn:
    """Build a peer by name.

    Raises:
        ValueError: unknown peer.
        ImportError: the peer's package is not installed (`pip install -e '.[peers]'`).
    """
    if name == "instructor":
        from evals.peers.instructor_peer import build

        return build(config)
    if name == "langextract":
        from evals.peers.langextract_peer import build as build_lx

        return build_lx(config)
    raise ValueError(f"unknown peer {name!r}; known: {', '.join(PEERS)}")
