"""Admission of extractions: a bound on the ones in flight, and no waiting on a model that is down.

Without a bound, a burst against a backend that answers one request at a time (the embedded
llama.cpp server) queues inside the service until every request hits its time budget, while the
model computes answers nobody waits for any more. So each worker lets `Settings.max_inflight`
extractions run; a request that finds every slot busy waits at most `service_inflight_wait_s`, and
then gets 503 `overloaded` with `Retry-After` at once. Cache hits never take a slot: the gate sits
inside the result cache, around the work that calls the LLM.
"""

from __future__ import annotations

import asyncio
import math
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager, contextmanager
from contextvars import ContextVar

from schemas.api import ExtractRequest, ExtractResponse
from service.core.errors import Overloaded, UpstreamUnavailable
from service.llm.supervisor import ModelSupervisor
from service.pipeline.protocol import Resolved, ResolvingExtractor

# Set by callers whose work was already admitted as a whole (the items of a batch): they queue
# for a slot instead of being refused after the short wait.
_PATIENT: ContextVar[bool] = ContextVar("patient_admission", default=False)


@contextmanager
def patient_admission() -> Iterator[None]:
    """Within the block (and the tasks it starts), wait for a slot as long as it takes."""
    token = _PATIENT.set(True)
    try:
        yield
    finally:
        _PATIENT.reset(token)


class InflightGate:
    """At most `limit` holders at once; a newcomer waits at most `wait_s` for a free slot."""

    def __init__(self, limit: int, wait_s: float | None):
        """Build the gate (inside the event loop that will use it).

        Args:
            limit: slots.
            wait_s: longest wait for a slot before `Overloaded`; None = wait as long as it takes
                (in-process callers that bound their own concurrency: the CLI, the evals).
        """
        self.limit = limit
        self.wait_s = wait_s
        self._slots = asyncio.Semaphore(limit)
        self._busy = 0

    @property
    def busy(self) -> int:
        """Slots currently held."""
        return self._busy

    def _overloaded(self) -> Overloaded:
        # A slot frees when an extraction ends; a client that comes back after about the wait it
        # just gave up on has a fair chance. Never less than a second.
        retry = max(1, math.ceil(self.wait_s or 0))
        return Overloaded(
            f"{self.limit} extractions are already in flight; retry later",
            headers={"Retry-After": str(retry)},
        )

    @asynccontextmanager
    async def slot(self) -> AsyncIterator[None]:
        """Hold one slot for the block.

        Raises:
            Overloaded: no slot freed within `wait_s`.
        """
        if self.wait_s is None or _PATIENT.get():
            await self._slots.acquire()
        elif self._slots.locked():
            if self.wait_s <= 0:
                raise self._overloaded()
            try:
                await asyncio.wait_for(self._slots.acquire(), self.wait_s)
            except TimeoutError as e:
                raise self._overloaded() from e
        else:
            await self._slots.acquire()  # free: returns without suspending
        self._busy += 1
        try:
            yield
        finally:
            self._busy -= 1
            self._slots.release()


class AdmittingExtractor:
    """A `ResolvingExtractor` that refuses work while the model is down and bounds the rest."""

    def __init__(self, inner: ResolvingExtractor, gate: InflightGate, model: ModelSupervisor | None = None):
        """Wrap the extractor that calls the LLM.

        Args:
            inner: the pipeline.
            gate: the in-flight bound shared by every request of this worker.
            model: the embedded model's supervisor (None for a remote upstream).
        """
        self.inner = inner
        self.gate = gate
        self.model = model

    async def ready(self) -> bool:
        """Not ready while the embedded model is down; otherwise as ready as the upstream."""
        if self.model is not None and not self.model.available:
            return False
        return await self.inner.ready()

    def resolve(self, request: ExtractRequest) -> Resolved:
        """The wrapped extractor's resolution (limits, prompt, model)."""
        return self.inner.resolve(request)

    async def run(self, request: ExtractRequest, resolved: Resolved, request_id: str) -> ExtractResponse:
        """Run the extraction in a slot.

        Raises:
            UpstreamUnavailable: the embedded model is restarting (with `Retry-After`).
            Overloaded: every slot stayed busy for the bounded wait.
            ServiceError: whatever the pipeline raises.
        """
        self._check_model()
        async with self.gate.slot():
            self._check_model()  # it may have gone down while this request waited
            return await self.inner.run(request, resolved, request_id)

    async def extract(self, request: ExtractRequest, request_id: str) -> ExtractResponse:
        """Resolve, then `run`."""
        return await self.run(request, self.resolve(request), request_id)

    def _check_model(self) -> None:
        if self.model is not None and not self.model.available:
            raise UpstreamUnavailable(
                f"the embedded model is {self.model.state}; retry later",
                headers={"Retry-After": str(self.model.retry_after_s())},
            )
