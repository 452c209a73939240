"""Stop the work of a request whose client went away.

An ASGI server does not cancel a handler when its client disconnects; it only delivers an
`http.disconnect` message to whoever listens. Left alone, an extraction would run to the end and
keep the model busy (the embedded model computes one answer at a time) for an answer nobody reads.
`cancel_on_disconnect` listens while the work runs and cancels it, upstream HTTP call included.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Awaitable
from typing import TypeVar

from starlette.requests import Request

from service.core.errors import ClientClosedRequest

T = TypeVar("T")


async def cancel_on_disconnect(request: Request, work: Awaitable[T]) -> T:
    """Run `work`, cancelling it if the client disconnects first.

    Call after the body has been read (the route's body parameter guarantees it): from then on the
    only message the server can deliver is `http.disconnect`.

    Args:
        request: the request whose client is watched.
        work: the extraction.

    Returns:
        What `work` returns.

    Raises:
        ClientClosedRequest: the client disconnected; `work` was cancelled.
        Exception: whatever `work` raises.
    """
    task = asyncio.ensure_future(work)
    disconnected = asyncio.Event()

    async def watch() -> None:
        while True:
            message = await request.receive()
            if message["type"] == "http.disconnect":
                disconnected.set()
                task.cancel()
                return

    watcher = asyncio.create_task(watch())
    try:
        return await task
    except asyncio.CancelledError:
        if disconnected.is_set() and not current_task_cancelling():
            raise ClientClosedRequest("the client disconnected; the extraction was cancelled") from None
        raise
    finally:
        watcher.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await watcher


def current_task_cancelling() -> bool:
    """True when the current task itself is being cancelled (not just some work it awaited)."""
    current = asyncio.current_task()
    return current is not None and current.cancelling() > 0
