"""Partial answers: the valid events of model answers that failed validation as a whole.

When every re-ask is spent, an answer with three good events and one bad one would otherwise
cost the article all four. Each event of each answer is validated on its own here (its fields,
then the article checks of `schemas.extraction.event_problems`, against the events kept before
it), the bad ones are dropped with their first problem, and the answer that keeps the most
events is chosen. Nothing here knows about instructor: the caller hands over raw answer texts.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, Literal

import jiter
from pydantic import ValidationError

from grounding.article import ArticleContext
from schemas.extraction import (
    MAX_EVENTS,
    EventKey,
    LLMEvent,
    LLMExtraction,
    as_read,
    event_problems,
)


@dataclass(frozen=True)
class DroppedEvent:
    """An event of the model's answer left out, and why."""

    number: int  # 1-based position in the model's answer
    problem: str  # the first problem found, e.g. "participant 'X' is not named in the article"
    # The event as read, when its one problem is that it lists a single person: the sentences it
    # cites may still say who else met (`service.pipeline.lone`).
    lone: LLMEvent | None = None


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


# Appended after the last event, this object becomes the next event only when that event was
# finished: inside an unfinished one it is a syntax error or lands nested in it.
_PROBE = {"__complete__": True}
_PROBE_TEXT = ', {"__complete__": true}'


def _events_of(text: str, partial_mode: Literal["off", "on"]) -> list[Any] | None:
    """The `events` list of a JSON object text (None when the text or the list is not there)."""
    try:
        data = jiter.from_json(text.encode(), partial_mode=partial_mode)
    except ValueError:
        return None
    events = data.get("events") if isinstance(data, dict) else None
    return events if isinstance(events, list) else None


def complete_events(raw: str | None) -> list[Any]:
    """The events an answer cut off at max_tokens got to finish, in order.

    A cut-off answer is not JSON (`{"events": [{...}, {...}, {"evid`); jiter's partial mode reads
    it as far as it goes. It also completes the event the cut fell into (an unfinished string is
    dropped by `partial_mode="on"` and kept by `"trailing-strings"`; either way the half event is
    there), so a probe decides whether the last event was finished: an object appended after it
    becomes one more event only if it was.

    Args:
        raw: the model's output text, possibly cut off anywhere.

    Returns:
        The complete event objects (possibly none).
    """
    start = (raw or "").find("{")
    if raw is None or start < 0:
        return []
    # A JSON mode may open a ```json fence first; a cut right after an event leaves its comma.
    text = raw[start:].rstrip(" \t\r\n,")
    # Not cut inside the array: the whole object, or all of it but the closing brace.
    whole = parse_answer(raw)
    closed = whole.get("events") if whole is not None else _events_of(text + "}", "off")
    if isinstance(closed, list):
        return closed
    events = _events_of(text, "on")
    if not events:
        return []
    if _events_of(text + _PROBE_TEXT, "on") == [*events, _PROBE]:
        return events
    return events[:-1]  # the event the cut fell into


def _first_error(exc: ValidationError) -> str:
    err = exc.errors(include_url=False)[0]
    loc = ".".join(str(x) for x in err.get("loc", ()))
    msg = str(err.get("msg", "")).removeprefix("Value error, ")
    return f"{loc}: {msg}" if loc else msg


def _lone_listed(item: Any, error: ValidationError, article: ArticleContext) -> LLMEvent | None:
    """The event of an answer that lists one person (too few for a meeting) and is otherwise valid."""
    short = [e for e in error.errors() if e["type"] == "too_short" and tuple(e["loc"]) == ("participants",)]
    if len(short) != len(error.errors()) or not isinstance(item, dict):
        return None
    try:
        # Listed twice, the person passes the field's length and `as_read` names them once: the
        # same event as a model that writes the one person twice (the grammar's two entries).
        event = LLMEvent.model_validate(
            {**item, "participants": item["participants"] * 2}, context=article.as_validation_context()
        )
    except ValidationError:
        return None
    read = as_read(event, article)
    problems, _ = event_problems(read, article, [])
    return read if len(read.participants) == 1 and len(problems) == 1 else None


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
            event = LLMEvent.model_validate(item, context=article.as_validation_context())
        except ValidationError as e:
            dropped.append(DroppedEvent(number, _first_error(e), _lone_listed(item, e, article)))
            continue
        # Checked as the pipeline will read it; kept as the model wrote it (the pipeline notes each change).
        read = as_read(event, article)
        problems, key = event_problems(read, article, keys)
        if problems:
            lone = read if len(problems) == 1 and len(read.participants) == 1 else None
            dropped.append(DroppedEvent(number, problems[0], lone))
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
