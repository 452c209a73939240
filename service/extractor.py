"""The extraction pipeline: prompt -> model (validate, re-ask) -> ground and normalise -> response."""

from __future__ import annotations

import asyncio
import logging
import time
from dataclasses import dataclass, field

import openai

from grounding.article import ArticleContext
from schemas.api import ExtractRequest, ExtractResponse, Meta, Usage
from schemas.events import MeetingEvent
from service.chunking import split_text
from service.config import Settings
from service.errors import InputTooLarge, map_upstream_error
from service.llm import LLMClients
from service.normalize import drop_unreported_meetings, merge_events, to_meeting_event
from service.prompts import PromptRegistry
from service.protocol import Resolved
from service.transport import begin_request

log = logging.getLogger("service.extractor")


@dataclass
class PipelineStats:
    """What producing one result took, summed over the article's chunks."""

    attempts: int = 0
    chunks: int = 0
    dropped_events: int = 0
    usage: Usage = field(default_factory=Usage)


class LLMExtractor:
    """The production extractor: one instance per app, sharing the injected clients."""

    def __init__(self, clients: LLMClients, prompts: PromptRegistry, settings: Settings):
        self.clients = clients
        self.prompts = prompts
        self.settings = settings

    async def ready(self) -> bool:
        """True when the upstream lists models (a cheap call that proves it answers)."""
        try:
            await self.clients.openai.with_options(max_retries=0, timeout=5.0).models.list()
        except openai.OpenAIError:
            return False
        return True

    def resolve(self, request: ExtractRequest) -> Resolved:
        """Check the request against the limits and decide the prompt and model that answer it.

        Raises:
            InputTooLarge: the text is over `service_max_text_chars`.
            UnknownPrompt: the request names no loaded prompt version.
        """
        limit = self.settings.service_max_text_chars
        if len(request.text) > limit:
            raise InputTooLarge(f"text has {len(request.text)} characters; the limit is {limit}")
        prompt = self.prompts.get(request.prompt)
        return Resolved(
            prompt,
            self.prompts.fingerprint(prompt.version),
            request.model or self.clients.model,
            meeting_cues=self.settings.service_require_meeting_cue,
        )

    async def extract(self, request: ExtractRequest, request_id: str) -> ExtractResponse:
        """Extract, validate, ground and normalise the meeting events of one article.

        Args:
            request: the article and options.
            request_id: for the logs and the response's meta.

        Returns:
            The response body.

        Raises:
            ServiceError: a subclass naming the failure (upstream, invalid output, input too large).
        """
        return await self.run(request, self.resolve(request), request_id)

    async def run(self, request: ExtractRequest, resolved: Resolved, request_id: str) -> ExtractResponse:
        """Extract with an already resolved prompt and model (see `extract`); builds the meta."""
        started = time.perf_counter()
        budget = self.settings.service_request_budget_s
        transport = begin_request(budget)
        try:
            async with asyncio.timeout(budget):
                events, warnings, stats = await self._pipeline(request, resolved, request_id)
        except TimeoutError as e:
            raise map_upstream_error(e) from e
        meta = Meta(
            request_id=request_id,
            model=resolved.model,
            prompt_version=resolved.prompt.version,
            attempts=stats.attempts,
            transport_attempts=transport.http_calls,
            transport_waits_s=round(sum(transport.waits), 3),
            chunks=stats.chunks,
            dropped_events=stats.dropped_events,
            usage=stats.usage,
            latency_ms=round((time.perf_counter() - started) * 1000, 2),
            source_url=request.source_url,
        )
        log.debug(  # the access log already carries these at INFO
            "extracted",
            extra={
                "request_id": request_id,
                "events": len(events),
                "attempts": meta.attempts,
                "total_tokens": meta.usage.total_tokens,
                "latency_ms": meta.latency_ms,
            },
        )
        return ExtractResponse(events=events, meta=meta, warnings=warnings)

    async def _pipeline(
        self, request: ExtractRequest, resolved: Resolved, request_id: str
    ) -> tuple[list[MeetingEvent], list[str], PipelineStats]:
        """The pipeline: its result (events in article order, warnings) and its stats."""
        chunks = split_text(
            request.text, self.settings.service_chunk_chars, self.settings.service_chunk_overlap_chars
        )
        article = ArticleContext(request.text, request.published)
        warnings: list[str] = []
        events: list[MeetingEvent] = []
        stats = PipelineStats(chunks=len(chunks))
        for n, chunk in enumerate(chunks, start=1):
            # Sequential on purpose: one upstream serves chunks no faster in parallel on small
            # hosts, and a failure stops the remaining calls.
            messages = resolved.prompt.render(chunk.text, request.published)
            context = resolved.prompt.article(chunk.text, request.published, messages[0]["content"])
            answer = await self.clients.structured.extract(
                messages, context, resolved.model, self.settings, request_id, strict=request.strict
            )
            stats.attempts += answer.attempts
            stats.usage += answer.usage
            stats.dropped_events += len(answer.dropped)
            where = f" of chunk {n}" if len(chunks) > 1 else ""
            warnings.extend(f"dropped event {d.number}{where}: {d.problem}" for d in answer.dropped)
            if answer.cut_off:
                warnings.append(
                    f"the answer{where} was cut off at max_tokens={self.settings.llm_max_tokens}; "
                    "the events it completed are kept, later ones may be missing"
                )
            events.extend(to_meeting_event(ev, article, warnings) for ev in answer.extraction.events)
        events = merge_events(events)
        if resolved.meeting_cues:
            events, dropped = drop_unreported_meetings(events, request.text, warnings)
            stats.dropped_events += dropped
        return events, list(dict.fromkeys(warnings)), stats
