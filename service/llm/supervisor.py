"""Supervision of the embedded llama.cpp server: restart it when it exits, and say how it is doing.

A task owned by the app's lifespan waits on the child. When it exits, the supervisor restarts it
on the same port (so the clients built once keep their base URL), immediately after a crash that
follows a stable run, with doubling back-off while starts keep failing. While it is down,
extractions are refused at once with 503 and a `Retry-After` (service.serving.admission), `/readyz` fails,
and `/healthz` reports the state; after `llm_embedded_max_restart_failures` failures in a row
`/healthz` answers 503 so an orchestrator replaces the whole process.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import math
import time
from dataclasses import dataclass
from typing import Literal, Protocol

from service.llm.models import EmbeddedModelError

log = logging.getLogger("service.llm.supervisor")

ModelState = Literal["starting", "running", "restarting", "failed", "stopped"]
# A child that ran at least this long before exiting crashed after a stable run: restart it at
# once. One that dies sooner counts as one more consecutive failure (crash loops back off).
STABLE_RUN_S = 30.0


class Supervised(Protocol):
    """What the supervisor needs from a server (service.llm.embedded.EmbeddedServer)."""

    @property
    def pid(self) -> int | None: ...

    async def start(self) -> None: ...

    async def wait_exit(self) -> int: ...

    def log_tail(self) -> str: ...

    async def stop(self) -> None: ...


@dataclass(frozen=True)
class ModelHealth:
    """A snapshot of the supervised model for `/healthz`."""

    state: ModelState
    restarts: int
    consecutive_failures: int
    pid: int | None
    last_exit_code: int | None
    last_start_s: float | None
    healthy: bool


class ModelSupervisor:
    """Starts a server, watches it, restarts it with back-off, and reports its state."""

    def __init__(
        self,
        server: Supervised,
        *,
        backoff_s: float = 1.0,
        max_backoff_s: float = 30.0,
        max_failures: int = 3,
    ):
        """Supervise `server`.

        Args:
            server: the child process wrapper.
            backoff_s: the first wait before a restart that follows a failure (doubles each time).
            max_backoff_s: the longest wait between restarts.
            max_failures: consecutive failures after which the model reports unhealthy.
        """
        self.server = server
        self.backoff_s = backoff_s
        self.max_backoff_s = max_backoff_s
        self.max_failures = max_failures
        self.state: ModelState = "stopped"
        self.restarts = 0
        self.consecutive_failures = 0
        self.last_exit_code: int | None = None
        self.last_start_s: float | None = None
        self._next_attempt = 0.0
        self._task: asyncio.Task[None] | None = None

    @property
    def available(self) -> bool:
        """True while the model runs and can take requests."""
        return self.state == "running"

    def health(self) -> ModelHealth:
        """The current state, restart count and last exit, and whether an orchestrator should act."""
        return ModelHealth(
            state=self.state,
            restarts=self.restarts,
            consecutive_failures=self.consecutive_failures,
            pid=self.server.pid,
            last_exit_code=self.last_exit_code,
            last_start_s=round(self.last_start_s, 3) if self.last_start_s is not None else None,
            healthy=self.state != "failed",
        )

    def retry_after_s(self) -> int:
        """Whole seconds a client should wait: the pending back-off plus one start's duration."""
        backoff = max(0.0, self._next_attempt - time.monotonic())
        return max(1, math.ceil(backoff + (self.last_start_s or 1.0)))

    async def start(self) -> None:
        """Start the server, then watch it in a background task.

        Raises:
            EmbeddedModelError: the first start failed (the service should not come up).
        """
        self.state = "starting"
        await self._start_once()
        self.state = "running"
        self._task = asyncio.create_task(self._watch(), name="embedded-model-supervisor")

    async def stop(self) -> None:
        """Stop watching, then stop the server."""
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
            self._task = None
        await self.server.stop()
        self.state = "stopped"

    async def _start_once(self) -> None:
        started = time.monotonic()
        await self.server.start()
        self.last_start_s = time.monotonic() - started

    def _backoff(self) -> float:
        if self.consecutive_failures == 0:
            return 0.0
        return float(min(self.max_backoff_s, self.backoff_s * 2.0 ** (self.consecutive_failures - 1)))

    async def _watch(self) -> None:
        while True:
            running_since = time.monotonic()
            code = await self.server.wait_exit()
            self.last_exit_code = code
            if time.monotonic() - running_since < STABLE_RUN_S:
                self.consecutive_failures += 1
            else:
                self.consecutive_failures = 0
            self.state = "restarting" if self.consecutive_failures < self.max_failures else "failed"
            log.error(
                "embedded model exited with %s; restarting (log tail: %s)",
                code,
                self.server.log_tail()[-500:],
            )
            await self._restart()

    async def _restart(self) -> None:
        """Start the server again, backing off while starts fail, until one succeeds."""
        while True:
            wait = self._backoff()
            self._next_attempt = time.monotonic() + wait
            await asyncio.sleep(wait)
            try:
                await self._start_once()
            except EmbeddedModelError as e:
                self.consecutive_failures += 1
                if self.consecutive_failures >= self.max_failures:
                    self.state = "failed"
                log.error("embedded model restart failed (%d in a row): %s", self.consecutive_failures, e)
                continue
            self.restarts += 1
            self.state = "running"
            log.warning(
                "embedded model restarted in %.1f s (restart %d)", self.last_start_s or 0.0, self.restarts
            )
            return
