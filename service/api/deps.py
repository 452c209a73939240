"""Typed FastAPI dependencies: what a handler may ask for, built once by the app and its lifespan.

Only this module reads `app.state`; handlers declare what they need with the `...Dep` types.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, TypeVar

from fastapi import Depends, Request

from service.core.config import Settings
from service.core.metrics import Metrics
from service.llm.supervisor import ModelHealth, ModelSupervisor
from service.pipeline.prompts import PromptRegistry
from service.pipeline.protocol import Extractor
from service.serving.admission import InflightGate
from service.serving.security import CallerLimiter, identify

T = TypeVar("T")


def from_app_state(name: str, kind: type[T]) -> Callable[[Request], T]:
    """A dependency returning `app.state.<name>`, checked to be a `kind`.

    Args:
        name: the attribute the app factory (or its lifespan) set on `app.state`.
        kind: its type (a runtime-checkable protocol for the extractor).

    Returns:
        The dependency function.

    Raises:
        RuntimeError: (from the dependency) the attribute is missing or of another type.
    """

    def dependency(request: Request) -> T:
        value = getattr(request.app.state, name, None)
        if not isinstance(value, kind):
            raise RuntimeError(f"app.state.{name} is {type(value).__name__}, not {kind.__name__}")
        return value

    dependency.__name__ = f"get_{name}"
    return dependency


ExtractorDep = Annotated[Extractor, Depends(from_app_state("extractor", Extractor))]
SettingsDep = Annotated[Settings, Depends(from_app_state("settings", Settings))]
PromptsDep = Annotated[PromptRegistry, Depends(from_app_state("prompts", PromptRegistry))]
MetricsDep = Annotated[Metrics, Depends(from_app_state("metrics", Metrics))]


def model_health(request: Request) -> ModelHealth | None:
    """Dependency: the embedded model's state, or None when the upstream is remote (or injected)."""
    supervisor: ModelSupervisor | None = request.app.state.model_supervisor
    return supervisor.health() if supervisor is not None else None


def inflight_gate(request: Request) -> InflightGate | None:
    """Dependency: the in-flight bound the lifespan built (None for an injected extractor)."""
    gate: InflightGate | None = request.app.state.gate
    return gate


ModelHealthDep = Annotated[ModelHealth | None, Depends(model_health)]
GateDep = Annotated[InflightGate | None, Depends(inflight_gate)]


async def guard_caller(request: Request, settings: SettingsDep) -> str:
    """Dependency of the /v1 routes: authenticate, then rate-limit the caller.

    Returns:
        The caller's identity (a hash of its key, or its address when keys are off).

    Raises:
        Unauthorized: keys are configured and the request carries no valid one.
        RateLimited: the caller's bucket is empty.
    """
    identity = identify(request, settings)
    limiter = rate_limiter(request)
    if limiter is not None:
        await limiter.take(identity)
    return identity


def rate_limiter(request: Request) -> CallerLimiter | None:
    """The app's per-caller rate limiter (local or on Redis); None when rate limiting is off."""
    limiter: CallerLimiter | None = request.app.state.rate_limiter
    return limiter


CallerDep = Annotated[str, Depends(guard_caller)]
RateLimiterDep = Annotated[CallerLimiter | None, Depends(rate_limiter)]
