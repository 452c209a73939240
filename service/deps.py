"""Typed FastAPI dependencies: what a handler may ask for, built once by the app and its lifespan."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request

from service.config import Settings
from service.metrics import Metrics
from service.prompts import PromptRegistry
from service.protocol import Extractor
from service.security import RateLimiter, identify


def get_extractor(request: Request) -> Extractor:
    """The extractor built by the lifespan."""
    extractor: Extractor = request.app.state.extractor
    return extractor


def get_settings(request: Request) -> Settings:
    """The settings the app was created with."""
    settings: Settings = request.app.state.settings
    return settings


def get_prompts(request: Request) -> PromptRegistry:
    """The prompt registry loaded at start-up."""
    prompts: PromptRegistry = request.app.state.prompts
    return prompts


def get_metrics(request: Request) -> Metrics:
    """The app's own metrics."""
    metrics: Metrics = request.app.state.metrics
    return metrics


def get_rate_limiter(request: Request) -> RateLimiter | None:
    """The per-caller rate limiter, or None when rate limiting is off."""
    limiter: RateLimiter | None = request.app.state.rate_limiter
    return limiter


ExtractorDep = Annotated[Extractor, Depends(get_extractor)]
SettingsDep = Annotated[Settings, Depends(get_settings)]
PromptsDep = Annotated[PromptRegistry, Depends(get_prompts)]
MetricsDep = Annotated[Metrics, Depends(get_metrics)]
RateLimiterDep = Annotated[RateLimiter | None, Depends(get_rate_limiter)]


async def guard_caller(request: Request, settings: SettingsDep, limiter: RateLimiterDep) -> str:
    """Dependency of the /v1 routes: authenticate, then rate-limit the caller.

    Returns:
        The caller's identity (a hash of its key, or its address when keys are off).

    Raises:
        Unauthorized: keys are configured and the request carries no valid one.
        RateLimited: the caller's bucket is empty.
    """
    identity = identify(request, settings)
    if limiter is not None:
        limiter.check(identity)
    return identity
