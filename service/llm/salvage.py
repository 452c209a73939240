"""Partial answers: the valid events of model answers that failed validation as a whole.

When every re-ask is spent, an answer with three good events and one bad one would otherwise
cost the article all four. Each event of each answer is validated on its own here (its fields,
then the article checks of `schemas.extraction.event_problems`, against the events kept before
it), the bad ones are dropped with their first problem, and the answer that keeps the most
events is chosen. Nothing here knows about instructor: the caller hands over raw answer texts.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from pydantic import ValidationError

from grounding.article import ArticleContext
from schemas.extraction import (
    MAX_EVENTS,
    EventKey,
    LLMEvent,
    LLMExtraction,
    event_problems,
    with_issuing_principal,
)


@dataclass(frozen=True)
class DroppedEvent:
    """An event of the model's answer left out, and why."""

    number: int  # 1-based position in the model's answer
    problem: str  # the first problem found, e.g. "participant 'X' is not named in the article"


@dataclass(frozen=True)
class Salvage:
    """What one answer yields event by event: the events that pass, and those dropped."""

    extraction: LLMExtraction
    dropped: tuple[DroppedEvent, ...]

    @property
    def reported(self) -> int:
        """How many events the model reported in this answer."""
        return len(self.extraction.events) + len(self.dropped)


def parse_answer(raw: str | None) -> dict[str, Any] | None:
    """The JSON object of a raw answer, or None when it holds none.

    Args:
        raw: the model's output text (message content or tool-call arguments).

    Returns:
        The object; a JSON object wrapped in prose or a Markdown fence is found too.
    """
    if not raw:
        return None
    candidates = [raw]
    first, last = raw.find("{"), raw.rfind("}")
    if 0 <= first < last:
        candidates.append(raw[first : last + 1])  # JSON modes may wrap it in a ```json fence
    for candidate in candidates:
        try:
            data = json.loads(candidate)
        except json.JSONDecodeError:
            continue
        if isinstance(data, dict):
            return data
    return None


_EVENTS_ARRAY = re.compile(r'"events"\s*:\s*\[')
_DECODER = json.JSONDecoder()


def complete_events(raw: str | None) -> list[Any]:
    """The events an answer cut off at max_tokens got to finish, in order.

    A cut-off answer is not JSON (`{"events": [{...}, {...}, {"evid`), but each event object
    before the cut is: they are decoded one by one from the start of the `events` array, and the
    unfinished one is left out.

    Args:
        raw: the model's output text, possibly cut off anywhere.

    Returns:
        The complete event objects (possibly none).
    """
    match = _EVENTS_ARRAY.search(raw or "")
    if raw is None or match is None:
        return []
    events: list[Any] = []
    pos = match.end()
    while True:
        while pos < len(raw) and raw[pos] in " \t\r\n,":
            pos += 1
        if pos >= len(raw) or raw[pos] != "{":
            return events
        try:
            item, pos = _DECODER.raw_decode(raw, pos)
        except json.JSONDecodeError:
            return events  # the event the cut fell into
        events.append(item)


def _first_error(exc: ValidationError) -> str:
    err = exc.errors(include_url=False)[0]
    loc = ".".join(str(x) for x in err.get("loc", ()))
    msg = str(err.get("msg", "")).removeprefix("Value error, ")
    return f"{loc}: {msg}" if loc else msg


def salvage_answer(raw: str | None, article: ArticleContext) -> Salvage | None:
    """Validate each event of one raw answer on its own and keep those that pass.

    Events are checked in order against the events kept before them, so a duplicate of a kept
    event is dropped and the event it repeats stays. Beyond `MAX_EVENTS` kept, the rest are
    dropped too.

    Args:
        raw: the model's output text.
        article: what the events must agree with (the text the model read, its instructions).

    Returns:
        The kept and dropped events, or None when the answer is not a JSON object with an
        `events` list (nothing can be salvaged from it).
    """
    data = parse_answer(raw)
    events = data.get("events", []) if data is not None else None
    if not isinstance(events, list):
        return None
    return _salvage_events(events, article)


def salvage_cut_off(raw: str | None, article: ArticleContext) -> Salvage | None:
    """`salvage_answer` for an answer cut off at max_tokens: its complete events, checked one by one.

    Args:
        raw: the cut-off output text.
        article: what the events must agree with.

    Returns:
        The kept and dropped events among those finished before the cut, or None when none was.
    """
    events = complete_events(raw)
    return _salvage_events(events, article) if events else None


def _salvage_events(events: list[Any], article: ArticleContext) -> Salvage:
    kept: list[LLMEvent] = []
    keys: list[EventKey] = []
    dropped: list[DroppedEvent] = []
    for number, item in enumerate(events, start=1):
        try:
            event = LLMEvent.model_validate(item)
        except ValidationError as e:
            dropped.append(DroppedEvent(number, _first_error(e)))
            continue
        event = with_issuing_principal(event, article)
        problems, key = event_problems(event, article, keys)
        if problems:
            dropped.append(DroppedEvent(number, problems[0]))
        elif len(kept) >= MAX_EVENTS:
            dropped.append(DroppedEvent(number, f"more than {MAX_EVENTS} events in one answer"))
        else:
            kept.append(event)
            keys.append(key)
    return Salvage(LLMExtraction(events=kept), tuple(dropped))


def best_salvage(raws: Iterable[str | None], article: ArticleContext) -> Salvage | None:
    """The salvage of the answer that keeps the most events (then drops the fewest, then the latest).

    Args:
        raws: the raw answers, in the order they were given.
        article: what the events must agree with.

    Returns:
        The best salvage, or None when no answer is a JSON object with an `events` list.
    """
    best: Salvage | None = None
    for raw in raws:
        salvage = salvage_answer(raw, article)
        if salvage is None:
            continue
        if best is None or (len(salvage.extraction.events), -len(salvage.dropped)) >= (
            len(best.extraction.events),
            -len(best.dropped),
        ):
            best = salvage
    return best
