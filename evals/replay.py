"""Recorded model answers: an httpx transport that stores each upstream answer and replays it.

A run records every chat completion the pipeline asks for (`evals run --record`), keyed by the
request's method, path and body, into `llm_answers.jsonl.gz` in the run folder. An ablation
(`evals ablate`) then replays the pipeline with one post-processing step switched off: the
questions are the same, so the answers come from the recording in milliseconds and the figures
differ only by what the step did. A question the recording lacks (a step that changes what is
asked, a re-ask that went another way) goes to the live upstream and is recorded too; the count of
such misses is reported. With a deterministic upstream (temperature 0, a seed) a replay gives what a
live run would.
"""

from __future__ import annotations

import gzip
import hashlib
import json
from pathlib import Path
from typing import Any

import httpx

ANSWERS_FILE = "llm_answers.jsonl.gz"


def request_key(request: httpx.Request) -> str:
    """sha256 of what determines an answer: method, path (not host or port) and the body."""
    h = hashlib.sha256()
    h.update(request.method.encode())
    h.update(request.url.path.encode())
    h.update(b"\0")
    h.update(request.content)
    return h.hexdigest()


class RecordingTransport(httpx.AsyncBaseTransport):
    """Serves recorded answers; forwards and records what is not recorded yet."""

    def __init__(self, path: Path, inner: httpx.AsyncBaseTransport | None = None):
        """Open (or start) a recording.

        Args:
            path: the `llm_answers.jsonl.gz` file; read when it exists, appended to on `save`.
            inner: the transport for questions not recorded (a plain HTTP transport by default).
        """
        self.path = path
        self.inner = inner or httpx.AsyncHTTPTransport()
        self.answers: dict[str, dict[str, Any]] = {}
        self.hits = 0
        self.misses = 0
        if path.is_file():
            with gzip.open(path, "rt", encoding="utf-8") as f:
                for line in f:
                    if line.strip():
                        row = json.loads(line)
                        self.answers[row["key"]] = row
        self._new: list[dict[str, Any]] = []

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        """The recorded answer to `request`, else the live one (recorded when it is a 200)."""
        if request.url.path.endswith("/models"):
            return await self.inner.handle_async_request(request)
        await request.aread()
        key = request_key(request)
        row = self.answers.get(key)
        if row is not None:
            self.hits += 1
            return httpx.Response(
                row["status"], headers={"content-type": "application/json"}, content=row["body"].encode()
            )
        self.misses += 1
        response = await self.inner.handle_async_request(request)
        body = await response.aread()
        if response.status_code == 200:
            row = {"key": key, "status": 200, "body": body.decode("utf-8")}
            self.answers[key] = row
            self._new.append(row)
        # The body is already decoded: pass no content-encoding on, or it would be decoded twice.
        content_type = response.headers.get("content-type", "application/json")
        return httpx.Response(response.status_code, headers={"content-type": content_type}, content=body)

    def save(self) -> None:
        """Append the answers recorded since opening to the file."""
        if not self._new:
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with gzip.open(self.path, "at", encoding="utf-8") as f:
            for row in self._new:
                f.write(json.dumps(row, ensure_ascii=False) + "\n")
        self._new = []

    async def aclose(self) -> None:
        """Close the live transport."""
        await self.inner.aclose()
