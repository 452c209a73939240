"""Shared fixtures: settings for a mocked upstream, canned OpenAI completions, seeds and gold."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
import respx
from fastapi.testclient import TestClient

from service.api.app import create_app
from service.cli.articles import read_article
from service.core.config import Settings
from service.llm import transport

ROOT = Path(__file__).resolve().parent.parent
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))
GOLD = ROOT / "evals" / "gold" / "seeds"
LLM_BASE = "http://llm.test/v1"
SECRET_KEY = "sk-test-SECRET-do-not-leak-0123456789"


def make_settings(**overrides: Any) -> Settings:
    """Settings pointing at the mocked upstream, with no .env file and no transport retries."""
    values: dict[str, Any] = {
        "llm_base_url": LLM_BASE,
        "llm_model": "test-model",
        "llm_api_key": SECRET_KEY,
        "llm_mode": "tools",
        "llm_max_retries": 2,
        "llm_transport_retries": 0,
        "llm_timeout_s": 5.0,
        "service_cache_enabled": False,
    }
    values.update(overrides)
    return Settings(_env_file=None, **values)  # type: ignore[call-arg]


def gold_case(stem: str) -> dict[str, Any]:
    """The hand-labelled gold file of a seed."""
    data: dict[str, Any] = json.loads((GOLD / f"{stem}.json").read_text(encoding="utf-8"))
    return data


def seed(stem: str) -> tuple[str, str | None]:
    """A seed's text and publication date (ISO string or None)."""
    text, published = read_article(ROOT / "seeds" / f"{stem}.txt")
    return text, published.isoformat() if published else None


def gold_as_llm_output(stem: str) -> dict[str, Any]:
    """The answer a perfect model would give for a seed, in the LLM output format."""
    events = []
    for e in gold_case(stem)["events"]:
        events.append(
            {
                "evidence": [q["quote"] for q in e["evidence"]],
                "participants": e["participants"],
                "host": e["host"],
                "date_text": e["date_text"],
                "location": e["location"],
                "format": e["format"],
                "status": e["status"],
                "mode": e["mode"],
                "topics": e["topics"],
                "outcomes": e["outcomes"],
            }
        )
    return {"events": events}


CompletionFactory = Callable[..., dict[str, Any]]


def completion(
    payload: dict[str, Any] | str | None = None,
    *,
    mode: str = "tools",
    finish_reason: str = "stop",
    prompt_tokens: int = 100,
    completion_tokens: int = 20,
) -> dict[str, Any]:
    """An OpenAI chat-completion body carrying `payload` as tool-call arguments or as content."""
    text = payload if isinstance(payload, str) else json.dumps(payload, ensure_ascii=False)
    if mode == "tools":
        message: dict[str, Any] = {
            "role": "assistant",
            "content": None,
            "tool_calls": [
                {"id": "call_1", "type": "function", "function": {"name": "LLMExtraction", "arguments": text}}
            ],
        }
    else:
        message = {"role": "assistant", "content": text}
    return {
        "id": "chatcmpl-test",
        "object": "chat.completion",
        "created": 1700000000,
        "model": "test-model",
        "choices": [{"index": 0, "message": message, "finish_reason": finish_reason}],
        "usage": {
            "prompt_tokens": prompt_tokens,
            "completion_tokens": completion_tokens,
            "total_tokens": prompt_tokens + completion_tokens,
        },
    }


def gold_route(llm: respx.MockRouter, stem: str = "000_992ab47ca5ee5213") -> respx.Route:
    """Make the mocked upstream answer every call with a seed's gold events."""
    return llm.post("/chat/completions").mock(
        return_value=httpx.Response(200, json=completion(gold_as_llm_output(stem)))
    )


def seed_body(stem: str = "000_992ab47ca5ee5213") -> dict[str, Any]:
    """A /v1/extract body for a seed: its text and publication date."""
    text, published = seed(stem)
    return {"text": text, "published": published}


@pytest.fixture
def waits(monkeypatch: pytest.MonkeyPatch) -> list[float]:
    """Record transport back-off waits instead of sleeping."""
    recorded: list[float] = []

    async def fake_sleep(seconds: float) -> None:
        recorded.append(seconds)

    monkeypatch.setattr(transport, "sleep", fake_sleep)
    return recorded


@pytest.fixture
def completion_factory() -> CompletionFactory:
    """Build canned completions: `completion_factory(payload, mode=..., finish_reason=...)`."""
    return completion


@pytest.fixture
def llm() -> Iterator[respx.MockRouter]:
    """respx router for the upstream OpenAI HTTP API (the test client's own calls pass by)."""
    with respx.mock(base_url=LLM_BASE, assert_all_called=False) as router:
        yield router


@pytest.fixture
def client_factory() -> Iterator[Callable[..., TestClient]]:
    """Build a TestClient (lifespan running) for an app with settings overrides."""
    clients: list[TestClient] = []

    def build(**overrides: Any) -> TestClient:
        client = TestClient(create_app(make_settings(**overrides)), raise_server_exceptions=False)
        client.__enter__()
        clients.append(client)
        return client

    yield build
    for c in clients:
        c.__exit__(None, None, None)


@pytest.fixture
def client(client_factory: Callable[..., TestClient]) -> TestClient:
    """A TestClient for the default test settings."""
    return client_factory()
