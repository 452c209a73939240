"""The embedded model's supervisor: restarts, back-off, and the state /healthz reports."""

from __future__ import annotations

import asyncio
from collections.abc import Callable

from service.llm.models import EmbeddedModelError
from service.llm.supervisor import ModelSupervisor


class ScriptedServer:
    """A server whose starts fail as scripted and which exits when told to."""

    def __init__(self, failing_starts: list[bool] | None = None):
        self.failing_starts = list(failing_starts or [])
        self.starts = 0
        self.running = False
        self._exit: asyncio.Future[int] | None = None

    @property
    def pid(self) -> int | None:
        return 4242 if self.running else None

    async def start(self) -> None:
        self.starts += 1
        if self.failing_starts and self.failing_starts.pop(0):
            raise EmbeddedModelError("scripted start failure")
        self.running = True
        self._exit = asyncio.get_running_loop().create_future()

    async def wait_exit(self) -> int:
        assert self._exit is not None
        return await self._exit

    def crash(self, code: int = -9) -> None:
        assert self._exit is not None
        self.running = False
        self._exit.set_result(code)

    def log_tail(self) -> str:
        return "segfault"

    async def stop(self) -> None:
        self.running = False


async def until(condition: Callable[[], bool], timeout_s: float = 5.0) -> None:
    """Wait until the supervisor's task has brought about `condition` (it exposes no event)."""

    async def poll() -> None:
        while not condition():  # noqa: ASYNC110 - polling state another task changes
            await asyncio.sleep(0.001)

    await asyncio.wait_for(poll(), timeout_s)


def test_a_crashed_model_is_restarted_and_reported() -> None:
    async def scenario() -> None:
        server = ScriptedServer()
        supervisor = ModelSupervisor(server, backoff_s=0.01, max_backoff_s=0.02, max_failures=3)
        await supervisor.start()
        assert supervisor.available and supervisor.health().state == "running"
        server.crash(-9)
        await until(lambda: not supervisor.available)
        await until(lambda: supervisor.available)
        health = supervisor.health()
        assert (health.state, health.restarts, health.last_exit_code, health.pid) == ("running", 1, -9, 4242)
        assert health.healthy and server.starts == 2
        await supervisor.stop()
        assert supervisor.health().state == "stopped" and not server.running

    asyncio.run(scenario())


def test_restarts_that_keep_failing_turn_the_model_unhealthy_then_recover() -> None:
    async def scenario() -> None:
        # After the crash: three failed starts, then a good one.
        server = ScriptedServer([False, True, True, True, False])
        supervisor = ModelSupervisor(server, backoff_s=0.01, max_backoff_s=0.05, max_failures=3)
        await supervisor.start()
        server.crash(1)
        await until(lambda: supervisor.health().state == "failed")
        failed = supervisor.health()
        assert not failed.healthy and failed.consecutive_failures >= 3
        assert supervisor.retry_after_s() >= 1
        await until(lambda: supervisor.available)  # it keeps trying, and the fifth start works
        assert supervisor.health().healthy and server.starts == 5
        await supervisor.stop()

    asyncio.run(scenario())


def test_backoff_doubles_up_to_its_cap() -> None:
    supervisor = ModelSupervisor(ScriptedServer(), backoff_s=1.0, max_backoff_s=5.0, max_failures=3)
    waits = []
    for failures in range(5):
        supervisor.consecutive_failures = failures
        waits.append(supervisor._backoff())
    assert waits == [0.0, 1.0, 2.0, 4.0, 5.0]
