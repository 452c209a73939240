"""The in-flight bound and the refusal of work while the embedded model is down."""

from __future__ import annotations

import asyncio

import pytest

from schemas.api import ExtractRequest, ExtractResponse
from service.core.errors import Overloaded, UpstreamUnavailable
from service.llm.supervisor import ModelSupervisor
from service.pipeline.protocol import Resolved
from service.serving.admission import AdmittingExtractor, InflightGate, patient_admission
from tests.unit.service.llm.test_supervisor import ScriptedServer, until


def test_beyond_the_bound_a_request_is_refused_after_the_wait() -> None:
    async def scenario() -> None:
        gate = InflightGate(2, wait_s=0.01)
        release = asyncio.Event()

        async def hold() -> None:
            async with gate.slot():
                await release.wait()

        holders = [asyncio.create_task(hold()) for _ in range(2)]
        await asyncio.sleep(0)
        assert gate.busy == 2
        with pytest.raises(Overloaded) as info:
            async with gate.slot():
                pass
        assert info.value.status == 503 and info.value.headers["Retry-After"] == "1"
        release.set()
        await asyncio.gather(*holders)
        async with gate.slot():  # free again
            assert gate.busy == 1

    asyncio.run(scenario())


def test_a_waiting_request_gets_a_slot_that_frees_in_time() -> None:
    async def scenario() -> list[str]:
        gate = InflightGate(1, wait_s=5.0)
        order: list[str] = []

        async def first() -> None:
            async with gate.slot():
                order.append("first")
                await asyncio.sleep(0.01)

        async def second() -> None:
            async with gate.slot():
                order.append("second")

        await asyncio.gather(first(), second())
        return order

    assert asyncio.run(scenario()) == ["first", "second"]


def test_patient_callers_queue_instead_of_being_refused() -> None:
    async def scenario() -> int:
        gate = InflightGate(1, wait_s=0.0)
        done = 0

        async def item() -> None:
            nonlocal done
            async with gate.slot():
                await asyncio.sleep(0.001)
                done += 1

        with patient_admission():
            await asyncio.gather(*(item() for _ in range(5)))
        with pytest.raises(Overloaded):  # outside the block the short wait applies again
            async with gate.slot(), gate.slot():
                pass
        return done

    assert asyncio.run(scenario()) == 5


class _Inner:
    def __init__(self) -> None:
        self.runs = 0

    async def ready(self) -> bool:
        return True

    def resolve(self, request: ExtractRequest) -> Resolved:
        raise NotImplementedError

    async def run(self, request: ExtractRequest, resolved: Resolved, request_id: str) -> ExtractResponse:
        self.runs += 1
        raise NotImplementedError


def test_requests_are_refused_with_retry_after_while_the_model_is_down() -> None:
    async def scenario() -> None:
        server = ScriptedServer([False, True, True, True])  # the restart keeps failing
        supervisor = ModelSupervisor(server, backoff_s=5.0, max_backoff_s=5.0, max_failures=3)
        await supervisor.start()
        inner = _Inner()
        extractor = AdmittingExtractor(inner, InflightGate(2, 0.1), supervisor)
        assert await extractor.ready()
        server.crash()
        await until(lambda: not supervisor.available)
        assert not await extractor.ready()
        with pytest.raises(UpstreamUnavailable) as info:
            await extractor.run(ExtractRequest(text="x"), None, "r1")  # type: ignore[arg-type]
        assert int(info.value.headers["Retry-After"]) >= 1 and inner.runs == 0
        await supervisor.stop()

    asyncio.run(scenario())
