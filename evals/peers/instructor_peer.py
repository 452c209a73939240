"""Peer (a): a plain instructor script — the same event fields, none of this project's layers.

No grounding validators, no article grammar, no date resolution, no name or country normalisation,
no chunking: one JSON-mode call per article with a plain Pydantic model and instructor's own
re-asks. Its answer is mapped to the response shape: `date` kept only when the model wrote an ISO
date, evidence offsets only where a quote occurs verbatim.
"""

from __future__ import annotations

import time
from typing import Any, Literal

import instructor
from openai import AsyncOpenAI
from pydantic import BaseModel

from evals.cases import Case
from evals.peers.common import Answer, PeerConfig, PeerFn, evidence_at, failure, iso_date

SYSTEM = (
    "Extract every meeting between named leaders or officials that the news article reports "
    '(held, or scheduled with a date). Give dates as YYYY-MM-DD. Answer {"events": []} when there is none.'
)


class Person(BaseModel):
    name: str
    title: str | None = None
    country: str | None = None


class Place(BaseModel):
    city: str | None = None
    country: str | None = None
    venue: str | None = None


class Meeting(BaseModel):
    evidence: list[str] = []
    participants: list[Person]
    host: str | None = None
    date: str | None = None
    date_text: str | None = None
    location: Place | None = None
    format: Literal["in_person", "phone", "video"] = "in_person"
    status: Literal["occurred", "planned"] = "occurred"
    mode: Literal["visit", "third_party", "multilateral", "phone"] = "visit"
    topics: list[str] = []
    outcomes: list[str] = []


class Meetings(BaseModel):
    events: list[Meeting]


def to_event(m: Meeting, text: str) -> dict[str, Any]:
    """One answer of the plain script in the service's response shape."""
    loc = m.location or Place()
    return {
        "participants": [p.model_dump() for p in m.participants],
        "host": m.host,
        "date": iso_date(m.date),
        "date_text": m.date_text,
        "location": loc.model_dump(),
        "format": m.format,
        "status": m.status,
        "mode": m.mode,
        "topics": m.topics,
        "outcomes": m.outcomes,
        "evidence": [evidence_at(text, q) for q in m.evidence],
    }


def build(config: PeerConfig) -> PeerFn:
    """The peer as an async callable over cases.

    Args:
        config: upstream and generation settings (the service's own, for a like-for-like run).

    Returns:
        A function answering one case.
    """
    client = instructor.from_openai(
        AsyncOpenAI(base_url=config.base_url, api_key=config.api_key, max_retries=0),
        mode=instructor.Mode.JSON,
    )

    async def run(case: Case) -> Answer:
        started = time.perf_counter()
        published = case.published.isoformat() if case.published else "unknown"
        try:
            result, completion = await client.chat.completions.create_with_completion(
                model=config.model,
                response_model=Meetings,
                max_retries=config.max_retries,
                temperature=config.temperature,
                seed=config.seed,
                max_tokens=config.max_tokens,
                messages=[
                    {"role": "system", "content": SYSTEM},
                    {"role": "user", "content": f"Published: {published}\n\n{case.text}"},
                ],
            )
        except Exception as e:  # any failure is a scored outcome of the peer, not a crash of the run
            return failure(e, started)
        usage = completion.usage
        meta = {
            "latency_ms": (time.perf_counter() - started) * 1000,
            "usage": {
                "prompt_tokens": usage.prompt_tokens if usage else None,
                "completion_tokens": usage.completion_tokens if usage else None,
            },
        }
        return [to_event(m, case.text) for m in result.events], meta, None

    return run
