"""Recorded upstream answers: recorded once, replayed byte for byte, keyed by what was asked."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import httpx

from evals.replay import RecordingTransport


async def test_answers_are_recorded_then_replayed(tmp_path: Path) -> None:
    calls: list[bytes] = []

    def upstream(request: httpx.Request) -> httpx.Response:
        calls.append(request.content)
        return httpx.Response(200, json={"answer": len(calls)})

    path = tmp_path / "llm_answers.jsonl.gz"
    recording = RecordingTransport(path, httpx.MockTransport(upstream))
    async with httpx.AsyncClient(transport=recording, base_url="http://127.0.0.1:1") as client:
        first = await client.post("/v1/chat/completions", json={"q": 1})
        again = await client.post("/v1/chat/completions", json={"q": 1})
        other = await client.post("/v1/chat/completions", json={"q": 2})
    assert first.json() == again.json() == {"answer": 1} and other.json() == {"answer": 2}
    assert (recording.hits, recording.misses, len(calls)) == (1, 2, 2)
    recording.save()
    with gzip.open(path, "rt", encoding="utf-8") as f:
        assert len([json.loads(line) for line in f]) == 2

    # Another process (another port) replays from the file without asking the upstream.
    replay = RecordingTransport(path, httpx.MockTransport(upstream))
    async with httpx.AsyncClient(transport=replay, base_url="http://127.0.0.1:2") as client:
        assert (await client.post("/v1/chat/completions", json={"q": 2})).json() == {"answer": 2}
    assert (replay.hits, replay.misses, len(calls)) == (1, 0, 2)


async def test_failed_answers_are_not_recorded(tmp_path: Path) -> None:
    path = tmp_path / "a.jsonl.gz"
    recording = RecordingTransport(path, httpx.MockTransport(lambda r: httpx.Response(503)))
    async with httpx.AsyncClient(transport=recording, base_url="http://127.0.0.1:1") as client:
        assert (await client.post("/v1/chat/completions", json={})).status_code == 503
    recording.save()
    assert not path.exists()
