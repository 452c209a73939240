"""Provenance: where every value of an event came from, written last, from the event, the article
and the notes the steps wrote (`schemas.events.Source`)."""

from __future__ import annotations

from grounding.article import ArticleContext
from grounding.rules.places import capital_phrase
from grounding.rules.topics import discussed_topics
from grounding.text.countries import country_written
from grounding.text.folding import fold_plain
from grounding.text.names import name_tokens, same_person
from grounding.text.spans import find_span
from schemas.events import MeetingEvent, Origin, Source
from schemas.notes import Note, NoteSpan
from service.pipeline.grounded_values import regional_cue
from service.pipeline.passages import event_passage, office_phrase

# How a step derives a participant's value from others the article gives ("country_from_pair":
# the other side of "U.S.-Turkey"; "country_from_place": the country a traveller visits them in;
# "country_of_the_article": the one country an article writes; "*_from_office": the office the
# person holds on the publication date; "country_from_title": the one government that has the
# office the article titles them with; "title_from_counterpart": the portfolio of the minister
# whose counterpart the article calls them; "country_from_another_event": the country the article
# gives the same person in another of its meetings).
_DERIVED = frozenset(
    {
        "country_from_pair",
        "country_from_place",
        "country_of_the_article",
        "country_from_office",
        "country_from_title",
        "title_from_office",
        "title_from_counterpart",
        "country_from_another_event",
    }
)
# The steps that add a whole event, and the codes of their notes.
_ADDED = {"event_added_occasion": "other_occasions", "event_added_principal_meeting": "principal_meetings"}
# The codes of notes that add one person to an answered event (the person's name starts or is in
# the message).
_JOINED = frozenset(
    {"principal_added", "subject_added", "subject_replaced", "participant_completed", "participant_replaced"}
)


def _found(article: ArticleContext, value: str | None) -> NoteSpan | None:
    """Where the article writes `value` (exactly, or but for case, accents and spacing)."""
    if not value:
        return None
    span = find_span(article.text, value, article.folded)
    if span is None or span.match == "fuzzy":
        return None
    return NoteSpan(start=span.start, end=span.end)


def _inside(span: NoteSpan | None, event: MeetingEvent) -> bool:
    return span is not None and any(
        e.start is not None and e.end is not None and span.start <= e.start and e.end <= span.end
        for e in event.evidence
    )


def _mentioning(name: str, event: MeetingEvent, article: ArticleContext) -> list[tuple[int, int]]:
    """The sentences that name the person (by surname), the event's own first, then the article's."""
    surname = name_tokens(name)[-1] if name_tokens(name) else name
    own = [
        (a, b)
        for a, b in article.sentences
        if any(
            e.start is not None and e.end is not None and a < e.end and e.start < b for e in event.evidence
        )
    ]
    rest = [s for s in article.sentences if s not in own]
    return [(a, b) for a, b in own + rest if surname in fold_plain(article.text[a:b])]


def with_provenance(
    events: list[MeetingEvent], article: ArticleContext, notes: list[Note]
) -> list[MeetingEvent]:
    """Each event with its `provenance`: one `Source` per non-empty value.

    A value the model gave and the article holds is `model` (with where the article writes it); a
    value a step read from the article is `article` (with the step and what it read); a date is
    `derived` from its phrase. An event a step added from a sentence has every value from that step.

    Args:
        events: the final events, in article order.
        article: the request's article analysis.
        notes: every note the pipeline wrote.

    Returns:
        The events, each with its provenance filled in.
    """
    return [_described(event, events, article, notes) for event in events]


def _described(
    event: MeetingEvent, events: list[MeetingEvent], article: ArticleContext, notes: list[Note]
) -> MeetingEvent:
    out: dict[str, Source] = dict(event.provenance)  # what a step recorded as it set a value
    added = next((n for n in notes if n.code in _ADDED and _inside(n.span, event)), None)
    by_step = _ADDED[added.code] if added is not None else None

    def given(key: str, value: str | None, step: str | None = None) -> None:
        """A value as the model (or the step that added the event) gave it, where the article writes it."""
        if value and key not in out:
            origin: Origin = "article" if (step or by_step) else "model"
            out[key] = Source(origin=origin, step=step or by_step, span=_found(article, value))

    for i, person in enumerate(event.participants):
        joined = next(
            (n for n in notes if n.code in _JOINED and person.name in n.message),
            None,
        )
        office = office_phrase(person.name, event, events, article)
        if office is not None and _found(article, person.name) is None:
            # The article writes the office alone ("The Prime Minister"); the name is its holder's
            # on the publication date (grounding/lexicon/offices.yaml).
            out[f"participants.{i}.name"] = Source(
                origin="derived",
                step=joined.step if joined else "offices",
                span=NoteSpan(start=office[0][0], end=office[0][1]),
            )
        given(f"participants.{i}.name", person.name, joined.step if joined else None)
        for what in ("title", "country"):
            value = getattr(person, what)
            read = next(
                (
                    n
                    for n in notes
                    if (n.code == f"{what}_from_article" or n.code in _DERIVED)
                    and n.code.startswith(what)
                    and n.message.startswith(f"{person.name}:")
                ),
                None,
            )
            if (
                what == "country"
                and office is not None
                and value == office[1]
                and read is None
                and not _found(article, value)
            ):
                # The office's country: "The Prime Minister" of a Downing Street readout.
                out[f"participants.{i}.country"] = Source(
                    origin="derived",
                    step=read.step if read else by_step or "people",
                    span=NoteSpan(start=office[0][0], end=office[0][1]),
                )
            elif value and read is not None:
                origin: Origin = "article" if read.code.endswith("_from_article") else "derived"
                out[f"participants.{i}.{what}"] = Source(origin=origin, step="people", span=read.span)
            else:
                given(f"participants.{i}.{what}", value)
            key = f"participants.{i}.country"
            if what == "country" and value and key in out and out[key].span is None:
                # A country read as a demonym or another form of its name ("Iranian", "Japan's"):
                # where the sentences naming the person, or the event's own, write it.
                written = country_written(article.text, value, _mentioning(person.name, event, article))
                if written is not None:
                    out[key] = out[key].model_copy(
                        update={"span": NoteSpan(start=written[0], end=written[1])}
                    )
    if event.host:
        # The host is one of the participants, named as the participant is.
        host = next((p.name for p in event.participants if same_person(p.name, event.host)), event.host)
        out["host"] = Source(origin="derived", step=by_step, span=_found(article, host))
    if event.date_text:
        from_context = any(n.code == "date_from_context" and event.date_text in n.message for n in notes)
        given("date_text", event.date_text, "date_context" if from_context else None)
    if event.date:
        out["date"] = Source(origin="derived", step="dates", span=_found(article, event.date_text))
    for part in ("city", "country", "venue"):
        given(f"location.{part}", getattr(event.location, part))
    city = event.location.city
    if city and out["location.city"].span is None and (phrase := capital_phrase(article.text, city)):
        # "in the French capital": the city is that country's capital (GeoNames).
        out["location.city"] = Source(
            origin="derived", step=out["location.city"].step, span=NoteSpan(start=phrase[0], end=phrase[1])
        )
    passage = event_passage(event, events, article)
    # The topics step read the passage before the article's steps added meetings after this one,
    # which may since have shortened it: the rest of the article, then, for the cue it read.
    rest = [(a, b) for a, b in article.sentences if passage and a >= passage[0][0]]
    cues = {**discussed_topics(article.text, rest), **discussed_topics(article.text, passage)}
    if "regional_issues" in event.topics and "regional_issues" not in cues:
        # A third country discussed (the topics step's `regional_cue`).
        foreign = regional_cue(event, article, passage) or regional_cue(event, article, rest)
        if foreign is not None:
            cues["regional_issues"] = foreign
    for i, topic in enumerate(event.topics):
        cue = cues.get(topic)
        out[f"topics.{i}"] = (
            Source(origin="article", step="topics", span=NoteSpan(start=cue[0], end=cue[1]))
            if cue
            else Source(origin="model", step=None, span=None)
        )
    for i, outcome in enumerate(event.outcomes):
        out[f"outcomes.{i}"] = Source(origin="article", step="outcomes", span=_found(article, outcome))
    return event.model_copy(update={"provenance": out})
