"""The pipeline after the model answers: its steps, named, in the order data flows.

An answer is first read (`normalize.read_answer`: names as the article writes them, evidence
located, values cleaned), then each answer's events go through the ANSWER steps, then MERGE joins
the events of every answer (chunks, recall questions), then the ARTICLE steps check the whole set
against the article, add the meetings it states plainly and drop what it does not assert. Every
step writes a note for each change (`step.NoteBook`). The steps in OPTIONAL can be switched off
(`SERVICE_SKIP_STEPS`, for the evals' ablation); the others keep the answer well-formed.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import get_args

from service.core.config import PipelineStep
from service.pipeline.additions import add_missing_subjects, add_other_occasions, add_principal_meetings
from service.pipeline.cited import cited_people
from service.pipeline.domestic import drop_domestic_meetings
from service.pipeline.grounded_values import article_outcomes, read_people, spread_countries, supported_topics
from service.pipeline.modes import derive_modes, fill_hosts
from service.pipeline.normalize import (
    call_formats,
    call_modes,
    date_context,
    date_spans,
    drop_unasserted_meetings,
    drop_unreported_meetings,
    merge,
    merge_same_day,
    places,
    resolve_dates,
    split_listed_counterparts,
    telling_sentences,
)
from service.pipeline.protocol import Resolved
from service.pipeline.status import read_status
from service.pipeline.step import Step
from service.pipeline.trips import trip_places
from service.pipeline.unnamed import drop_unnamed_meetings

# Each answer's events, one by one.
ANSWER: tuple[Step, ...] = (
    Step(
        "telling_sentence",
        telling_sentences,
        "an event citing only a headline or dateline gets the sentence that tells its meeting",
    ),
    Step("date_context", date_context, "an undated event takes the date phrase of its sentences or headline"),
    Step("status", read_status, "planned or occurred as the evidence sentences' tense says"),
    Step("dates", resolve_dates, "each date phrase resolved against the publication date"),
    Step("call_format", call_formats, "a call the model called a meeting in person becomes a call"),
    Step("places", places, "the location as the article places the meeting; a call has none"),
    Step("call_mode", call_modes, "a call's mode is phone; only a visit has a host"),
    Step("listed_counterparts", split_listed_counterparts, "'A met X, Y and Z': one meeting per counterpart"),
    Step("cited_people", cited_people, "a person its sentences never name: whom they say met the other"),
    Step("people", read_people, "each participant's title and country as the article writes them"),
    # Only for a prompt that leaves mode and host to the service (`derived`); see build_pipeline.
    Step("modes", derive_modes, "mode and host from the format, place, people and sentences"),
    Step("topics", supported_topics, "a topic stays only where the event's sentences name it"),
    Step("outcomes", article_outcomes, "an outcome stays only where it is the article's own text"),
)
# The events of every answer together.
MERGE = Step("merge", merge, "a meeting reported twice (two chunks, a recall question) is one event")
# The whole set against the article.
ARTICLE: tuple[Step, ...] = (
    Step("meeting_cue", drop_unreported_meetings, "an event whose sentences report no meeting goes"),
    Step("missing_subjects", add_missing_subjects, "the person who met the others, put back"),
    Step("other_occasions", add_other_occasions, "another meeting of a pair found, added"),
    Step("principal_meetings", add_principal_meetings, "the principal's meetings a sentence states, added"),
    # After the rules that add meetings: an answer's event still tells them whose meetings these are.
    Step("unnamed_people", drop_unnamed_meetings, "an event of people no paragraph names meeting goes"),
    # Last, so that a meeting a rule added from a denial or a planted order goes too.
    Step("modality", drop_unasserted_meetings, "a denied, hypothetical, wished or ordered meeting goes"),
    # After every step that adds a meeting, its people read: whose each participant is is known.
    Step("domestic", drop_domestic_meetings, "a meeting of one country's people among themselves goes"),
    Step("trip_places", trip_places, "a meeting with no place: where the trip has taken its traveller"),
    # After the people of every event, the added ones too, are read: the host may be whose country it is.
    Step("hosts", fill_hosts, "a visit without a host: who receives, else the one whose country it is in"),
    Step("countries", spread_countries, "a person's country read in one meeting, in their others"),
    Step("date_spans", date_spans, "the first day of a span of days ('July 9' of 'July 9-13') is the span"),
    Step("same_day", merge_same_day, "two events of the same people, day and status are one meeting"),
)
OPTIONAL: frozenset[str] = frozenset(get_args(PipelineStep))
# Steps that run only when a setting asks for them, besides SERVICE_SKIP_STEPS.
_RULE_RECALL = frozenset({"missing_subjects", "other_occasions", "principal_meetings"})


@dataclass(frozen=True)
class Pipeline:
    """The steps one request runs, in order (the optional ones switched off are left out)."""

    answer: tuple[Step, ...]
    merge: Step
    article: tuple[Step, ...]

    @property
    def names(self) -> tuple[str, ...]:
        """The step names, in the order they run."""
        return tuple(s.name for s in (*self.answer, self.merge, *self.article))


def build_pipeline(resolved: Resolved) -> Pipeline:
    """The steps for one request, from its resolved settings.

    Args:
        resolved: the request's prompt, model and step switches (`meeting_cues`, `rule_recall`,
            `skip_steps`).

    Returns:
        The pipeline: the switched-off steps left out.
    """
    off = set(resolved.skip_steps)
    if not {"mode", "host"} & set(resolved.prompt.derived):
        off |= {"modes"}  # the model gave mode and host
    if not resolved.meeting_cues:
        off.add("meeting_cue")
    if not resolved.rule_recall:
        off |= _RULE_RECALL
    return Pipeline(
        answer=tuple(s for s in ANSWER if s.name not in off),
        merge=MERGE,
        article=tuple(s for s in ARTICLE if s.name not in off),
    )
