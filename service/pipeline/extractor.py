"""The extraction pipeline: prompt -> model (validate, re-ask) -> ground and normalise -> response."""

from __future__ import annotations

import asyncio
import logging
import time
from dataclasses import dataclass, field

import openai

from grounding.article import ArticleContext
from grounding.rules.counterparts import lead_person
from grounding.rules.missed_paragraphs import MissedParagraph, focused_text, missed_paragraphs
from grounding.text.candidates import could_name_two_people, fullest
from grounding.text.language import english_share, reads_as_english
from grounding.text.wrapping import unwrap
from schemas.api import ExtractRequest, ExtractResponse, Meta, Usage
from schemas.events import MeetingEvent
from schemas.extraction import LLMEvent
from schemas.notes import Note
from service.core.config import Settings
from service.core.errors import (
    InputTooLarge,
    InvalidOutput,
    ServiceError,
    TruncatedOutput,
    map_upstream_error,
)
from service.llm.clients import LLMClients
from service.llm.transport import begin_request
from service.pipeline.chunking import split_text
from service.pipeline.lone import complete_lone, states_its_meeting
from service.pipeline.normalize import as_answered, cited_spans, first_span, read_answer
from service.pipeline.prompts import PromptRegistry
from service.pipeline.protocol import Resolved
from service.pipeline.provenance import with_provenance
from service.pipeline.step import NoteBook, run_steps
from service.pipeline.steps import build_pipeline

log = logging.getLogger("service.pipeline.extractor")

# Seconds kept free at the end of the request budget: a recall question that could not finish
# before it is not started (the answer so far is returned instead of a 504).
_RECALL_RESERVE_S = 2.0


# The note codes counted in the meta's dropped_events (besides the invalid events) and added_events.
DROPPED = frozenset(
    {
        "event_dropped_no_meeting",
        "event_dropped_one_side",
        "event_dropped_unnamed",
        "event_dropped_unasserted",
        "event_dropped_domestic",
    }
)
ADDED = frozenset({"event_added_occasion", "event_added_principal_meeting"})
# Notes that already say why an answer has no event (its events were dropped or invalid).
_EXPLAINS_NO_EVENT = DROPPED | {"event_invalid", "answer_failed"}


@dataclass
class _Job:
    """One request while the pipeline runs: what it asks, and what it has counted and noted so far."""

    request: ExtractRequest
    resolved: Resolved
    request_id: str
    article: ArticleContext
    deadline: float
    stats: PipelineStats
    notes: list[Note] = field(default_factory=list)


@dataclass
class PipelineStats:
    """What producing one result took, summed over the article's chunks."""

    attempts: int = 0
    chunks: int = 0
    recall_questions: int = 0
    dropped_events: int = 0
    added_events: int = 0
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
            recall_passes=self.settings.service_recall_passes,
            rule_recall=self.settings.service_rule_recall,
            skip_steps=tuple(sorted(self.settings.service_skip_steps)),
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
                deadline = asyncio.get_running_loop().time() + budget
                events, notes, stats = await self._pipeline(request, resolved, request_id, deadline)
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
            recall_questions=stats.recall_questions,
            dropped_events=stats.dropped_events,
            added_events=stats.added_events,
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
        warnings = list(dict.fromkeys(n.message for n in notes))
        return ExtractResponse(events=events, meta=meta, warnings=warnings, notes=notes)

    async def _pipeline(
        self, request: ExtractRequest, resolved: Resolved, request_id: str, deadline: float
    ) -> tuple[list[MeetingEvent], list[Note], PipelineStats]:
        """The pipeline: its result (events in article order, notes) and its stats."""
        # A hard-wrapped text is read with its wraps as spaces: same length, so every offset holds.
        text, wraps = unwrap(request.text)
        if wraps:
            request = request.model_copy(update={"text": text})
        chunks = split_text(
            request.text, self.settings.service_chunk_chars, self.settings.service_chunk_overlap_chars
        )
        article = ArticleContext(request.text, request.published)
        pipeline = build_pipeline(resolved)
        stats = PipelineStats(chunks=len(chunks))
        job = _Job(request, resolved, request_id, article, deadline, stats)
        notes = job.notes
        if wraps:
            book = NoteBook("language")
            book.add(
                "text_unwrapped",
                f"the text is hard-wrapped: {wraps} line breaks inside its paragraphs are read as "
                "spaces (offsets unchanged)",
            )
            notes += book.notes
        if not reads_as_english(request.text):
            share, _ = english_share(request.text)
            book = NoteBook("language")
            book.add(
                "not_english",
                f"the article does not read as English ({share:.0%} English function words); "
                "the service reads English only, so meetings may be missed",
            )
            notes += book.notes
        if "people_check" not in resolved.skip_steps and not could_name_two_people(
            request.text, len(article.principals)
        ):
            # A meeting needs two named parties; asking a model about a text naming fewer only
            # invites it to invent one.
            book = NoteBook("people_check")
            book.add(
                "no_meeting_few_people",
                "no meeting: the article names fewer than two people; the model was not asked",
            )
            return [], notes + book.notes, PipelineStats()
        failed: ServiceError | None = None
        events: list[MeetingEvent] = []
        for n, chunk in enumerate(chunks, start=1):
            # Sequential on purpose: one upstream serves chunks no faster in parallel on small
            # hosts, and a failure stops the remaining calls.
            where = f" of chunk {n}" if len(chunks) > 1 else ""
            try:
                events += await self._ask(job, chunk.text, where)
            except (InvalidOutput, TruncatedOutput) as e:
                # With recall on, the paragraphs may still be answered one by one, and the meetings
                # the text states plainly still found; the error stands if they give nothing either.
                if request.strict or not (resolved.recall_passes or resolved.rule_recall):
                    raise
                failed = failed or e
                rest = (
                    "its paragraphs are asked one by one"
                    if resolved.recall_passes
                    else "only the meetings the text states plainly are kept"
                )
                book = NoteBook("ask")
                book.add("answer_failed", f"the answer{where} failed ({e.code}); {rest}")
                notes += book.notes
        events = run_steps((*pipeline.answer, pipeline.merge), events, article, notes)
        if resolved.recall_passes:
            more = await self._recall(job, events)
            more = run_steps(pipeline.answer, more, article, notes)
            events = run_steps((pipeline.merge,), events + more, article, notes)
        events = run_steps(pipeline.article, events, article, notes)
        # Last: where every value came from, read from the events, the article and the notes.
        events = with_provenance(events, article, notes)
        stats.dropped_events += sum(n.code in DROPPED for n in notes)
        stats.added_events += sum(n.code in ADDED for n in notes)
        if failed is not None and not events:
            raise failed
        if not events and not any(n.code in _EXPLAINS_NO_EVENT for n in notes):
            # An empty answer is an answer, and says so: most texts a monitoring service gets
            # report no meeting, and a caller should tell that from a meeting that was dropped.
            book = NoteBook("ask")
            book.add(
                "no_meeting_found",
                "no meeting: the model's answer lists none and no rule found one the article states",
            )
            notes += book.notes
        return events, list(dict.fromkeys(notes)), stats

    async def _ask(
        self,
        job: _Job,
        text: str,
        where: str,
        focus: tuple[int, int] | None = None,
        asked_about: tuple[str, ...] = (),
        choices: tuple[str, ...] = (),
    ) -> list[MeetingEvent]:
        """One question to the model about `text` (the article, a chunk, or a paragraph after the
        article's lead); with `focus`, the answer must cite `text[start:end]`, name one of
        `asked_about` and list only `choices` (when given). Returns the answer's events as read
        (`normalize.read_answer`)."""
        request, resolved, stats = job.request, job.resolved, job.stats
        messages = resolved.prompt.render(text, request.published)
        # The whole article (one chunk, or a recall question) is the request's analysis, shared.
        source = job.article if text == job.article.text else text
        instructions = messages[0]["content"]
        context = resolved.prompt.article(
            source,
            request.published,
            instructions,
            focus,
            asked_about,
            choices,
            self.settings.llm_evidence_opening_words,
        )
        answer = await self.clients.structured.extract(
            messages,
            context,
            resolved.model,
            self.settings,
            job.request_id,
            strict=request.strict,
            derived=resolved.prompt.derived,
        )
        stats.attempts += answer.attempts
        stats.usage += answer.usage
        book = NoteBook("ask")
        lone = NoteBook("lone_people")
        completed: list[LLMEvent] = []
        for d in answer.dropped:
            event = (
                complete_lone(d.lone, context, lone)
                if d.lone is not None and "lone_people" not in resolved.skip_steps
                else None
            )
            if event is not None:
                completed.append(event)
                continue
            book.add("event_invalid", f"dropped event {d.number}{where}: {d.problem}")
        stats.dropped_events += len(answer.dropped) - len(completed)
        if answer.cut_off:
            book.add(
                "answer_cut_off",
                f"the answer{where} was cut off at max_tokens={self.settings.llm_max_tokens}; "
                "the events it completed are kept, later ones may be missing",
            )
        read = NoteBook("read")
        answered = [*answer.extraction.events, *completed]
        events = read_answer(as_answered(answered, context, read), job.article, read)
        job.notes.extend(book.notes + lone.notes + read.notes)
        return events

    async def _recall(self, job: _Job, found: list[MeetingEvent]) -> list[MeetingEvent]:
        """Ask again about each paragraph reporting a meeting with someone no event names.

        A question that fails costs only its own events, and no question starts that could not end
        before the request's budget: the first answer is never lost to a late one.
        """
        request, deadline = job.request, job.deadline
        missed = missed_paragraphs(
            job.article, [p.name for e in found for p in e.participants], cited_spans(found)
        )
        loop = asyncio.get_running_loop()
        events: list[MeetingEvent] = []
        book = NoteBook("recall")
        lead = lead_person(job.article)
        for paragraph in missed[: job.resolved.recall_passes]:
            left = deadline - loop.time() - _RECALL_RESERVE_S
            if left <= 0:
                book.add(
                    "recall_out_of_time",
                    "no time was left to ask about every paragraph the first answer missed",
                )
                break
            where = f" about the paragraph at {paragraph.start}"
            job.stats.recall_questions += 1
            try:
                async with asyncio.timeout(left):
                    if len(request.text) <= self.settings.service_chunk_chars:
                        # The same article as the first question (the upstream's prompt cache
                        # reuses it), only the answer must be about this paragraph.
                        focused, focus = request.text, (paragraph.start, paragraph.end)
                    else:
                        focused, start = focused_text(request.text, paragraph)
                        focus = (start, len(focused))
                    choices = _choices(job.article, paragraph, [*found, *events])
                    answer = await self._ask(job, focused, where, focus, paragraph.people, choices)
            except (InvalidOutput, TruncatedOutput, TimeoutError) as e:
                log.info("recall question failed", extra={"paragraph": paragraph.start, "error": repr(e)})
                continue
            except ServiceError as e:
                # The upstream failing now (rate limit, outage) does not undo the first answer.
                book.add(
                    "recall_failed",
                    f"a recall question failed ({e.code}); the events found before it are kept",
                )
                break
            # The lead is there for the date and place; what counts is what the paragraph reports,
            # and only as its sentences state it: the small model's answer about a paragraph is
            # as often a wrong pair as the meeting it missed.
            for event in answer:
                if not _cites(event, paragraph.start, paragraph.end):
                    continue
                if states_its_meeting(event, [*found, *events], job.article, lead):
                    events.append(event)
                else:
                    names = " and ".join(p.name for p in event.participants)
                    book.add(
                        "recall_unstated",
                        f"a recall answer's meeting of {names} is not what its sentence states; not added",
                        first_span(event),
                    )
        job.notes.extend(book.notes)
        return events


def _choices(
    article: ArticleContext, paragraph: MissedParagraph, found: list[MeetingEvent]
) -> tuple[str, ...]:
    """Who an answer about the paragraph may list: the people it names, and who may be meeting them
    though the paragraph writes them as "He" or "The Russian leader" (the people of the events
    found, the issuing office-holders, the article's lead person)."""
    text = article.text[paragraph.start : paragraph.end]
    named = [p for p in article.people if p in text]
    around = [p.name for e in found for p in e.participants] + [h.name for h in article.principals]
    lead = lead_person(article)
    return tuple(dict.fromkeys([*fullest([*named, *paragraph.people]), *around, *([lead] if lead else [])]))


def _cites(event: MeetingEvent, start: int, end: int) -> bool:
    """True when some evidence of the event lies in text[start:end]."""
    return any(
        ev.start is not None and ev.end is not None and ev.start < end and ev.end > start
        for ev in event.evidence
    )
