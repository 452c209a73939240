"""What the routes and the cache need from an extractor; importing it never imports instructor."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol, runtime_checkable

from schemas.api import ExtractRequest, ExtractResponse
from service.pipeline.prompts import PromptSpec


@runtime_checkable
class Extractor(Protocol):
    """What the routes need from the pipeline."""

    async def extract(self, request: ExtractRequest, request_id: str) -> ExtractResponse: ...

    async def ready(self) -> bool: ...


@dataclass(frozen=True)
class Resolved:
    """What answers one request, decided once: the prompt (and its file's hash) and the model.

    The same values name the cache entry and fill the response's meta.
    """

    prompt: PromptSpec
    prompt_hash: str
    model: str
    # Whether events whose evidence reports no meeting are dropped (SERVICE_REQUIRE_MEETING_CUE).
    meeting_cues: bool = True
    # How many paragraphs the first answer missed are asked about again (SERVICE_RECALL_PASSES).
    recall_passes: int = 0
    # Whether meetings a sentence states plainly are added without the model (SERVICE_RULE_RECALL).
    rule_recall: bool = True
    # Post-processing steps switched off (SERVICE_SKIP_STEPS), sorted.
    skip_steps: tuple[str, ...] = ()


class ResolvingExtractor(Extractor, Protocol):
    """An extractor that resolves a request first and then runs it (what the cache wraps)."""

    def resolve(self, request: ExtractRequest) -> Resolved: ...

    async def run(self, request: ExtractRequest, resolved: Resolved, request_id: str) -> ExtractResponse: ...
