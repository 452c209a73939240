"""From validated model output to the public events: grounding, normalisation, merging."""

from __future__ import annotations

from collections.abc import Iterable

from grounding.article import ArticleContext
from grounding.rules.cues import call_format, has_meeting_cue, reports_meeting, says_met_together
from grounding.rules.modality import NOT_REPORTED, modality
from grounding.rules.places import named_countries, stated_as_place
from grounding.text.candidates import date_phrases
from grounding.text.countries import normalize_country
from grounding.text.dates import direction_of, resolve_date
from grounding.text.folding import fold_plain, words
from grounding.text.gazetteer import city_country, is_city
from grounding.text.names import canonical_name, first_named, name_tokens, same_person, surnames_named
from grounding.text.sentences import paragraph_at, sentence_spans
from grounding.text.spans import find_span, ground_quotes
from schemas.events import Evidence, Location, MeetingEvent, MeetingFormat, Participant
from schemas.extraction import LLMEvent, LLMLocation


def _clean(value: str | None) -> str | None:
    if value is None:
        return None
    value = " ".join(value.split())
    return value or None


def _dedupe(items: Iterable[str]) -> list[str]:
    seen: set[str] = set()
    out: list[str] = []
    for item in items:
        key = fold_plain(item)
        if key and key not in seen:
            seen.add(key)
            out.append(item)
    return out


def ground(quotes: Iterable[str], article: ArticleContext, warnings: list[str]) -> list[Evidence]:
    """Locate each quote in the article; unlocatable quotes are kept, marked ungrounded.

    Args:
        quotes: the model's evidence quotes.
        article: the whole article.
        warnings: where to note ungrounded quotes.

    Returns:
        Evidence with offsets computed here; `quote` is the article's own text when grounded.
    """
    out: list[Evidence] = []
    for quote, span in ground_quotes(quotes, article.text, article.folded):
        if span is None:
            warnings.append(f"ungrounded evidence: {quote[:80]!r} was not found in the article")
            out.append(Evidence(quote=quote, start=None, end=None, match="none", grounded=False))
            continue
        out.append(
            Evidence(
                quote=article.text[span.start : span.end],
                start=span.start,
                end=span.end,
                match=span.match,
                grounded=True,
            )
        )
    return out


def to_meeting_event(
    event: LLMEvent, article: ArticleContext, warnings: list[str], skip: frozenset[str] = frozenset()
) -> MeetingEvent:
    """Normalise one validated model event against the whole article.

    Args:
        event: the model's event (validated against its chunk).
        article: the whole article, for grounding and names.
        warnings: where to note what was corrected.
        skip: steps switched off (`date_context`, `call_format`, `places`; Settings.service_skip_steps).

    Returns:
        The public event: names as written in the article, canonical countries, resolved date,
        grounded evidence.
    """
    participants: list[Participant] = []
    for p in event.participants:
        name = canonical_name(p.name, article.text)
        if any(same_person(name, q.name) for q in participants):
            continue
        country = normalize_country(p.country)
        if p.country and country is None:
            warnings.append(f"unrecognised country {p.country!r} for {name!r}; left null")
        participants.append(Participant(name=name, title=_clean(p.title), country=country))

    host = None
    if event.host:
        host = next((p.name for p in participants if same_person(event.host, p.name)), None)

    date_text = _clean(event.date_text)
    if date_text and find_span(article.text, date_text, article.folded) is None:
        warnings.append(f"date phrase {date_text!r} is not in the article; date left null")
        date_text = None
    if date_text is None and "date_context" not in skip:
        date_text = _date_from_context(event, article, warnings)
    date = resolve_date(date_text, article.published, direction_of(event.status))

    names = [p.name for p in participants]
    meeting_format = event.format if "call_format" in skip else _format(event, article, names, warnings)
    if "places" in skip:
        loc = event.location
        location = Location(
            city=_clean(loc.city), country=normalize_country(loc.country), venue=_clean(loc.venue)
        )
    else:
        location = normalize_location(event.location, meeting_format, article.text, warnings)

    mode = event.mode
    if meeting_format == "phone" and mode != "phone":
        mode = "phone"  # a call is CONSULT/phone whatever else the model said

    return MeetingEvent(
        participants=participants,
        host=host if mode == "visit" else None,
        date=date,
        date_text=date_text,
        location=location,
        format=meeting_format,
        status=event.status,
        mode=mode,
        topics=list(dict.fromkeys(event.topics)),
        outcomes=_dedupe(o.strip() for o in event.outcomes if o.strip()),
        evidence=ground(event.evidence, article, warnings),
    )


def _date_from_context(event: LLMEvent, article: ArticleContext, warnings: list[str]) -> str | None:
    """A date phrase for an event the model left undated: small models often leave the date out.

    Looked for, in order: the quotes the event cites, the paragraphs they lie in, and, for a
    meeting that occurred, the article's headline and dateline (its first three lines), which date
    what a readout reports ("March 26, 2013, Durban", "PM call with ...: 28 May 2023").
    """
    places: list[tuple[str, str]] = [(quote, "the event's evidence") for quote in event.evidence]
    for a, b in article.cited_paragraphs(event.evidence):
        places.append((article.text[a:b], "the paragraph it cites"))
    if event.status == "occurred":
        head = [line for line in article.text.splitlines() if line.strip()][:3]
        places.append(("\n".join(head), "the article's headline or dateline"))
    for passage, where in places:
        phrases = date_phrases(passage)
        if phrases:
            warnings.append(f"date phrase {phrases[0]!r} taken from {where}")
            return phrases[0]
    return None


def _format(event: LLMEvent, article: ArticleContext, names: list[str], warnings: list[str]) -> MeetingFormat:
    """A call the model called a meeting in person: small models answer `in_person` for every call.

    The paragraphs the event cites decide; else the headline, when it names one of the event's
    participants ("PM call with President Erdoğan of Türkiye: 28 May 2023").
    """
    if event.format != "in_person":
        return event.format
    passages = [article.text[a:b] for a, b in article.cited_paragraphs(event.evidence)]
    headline = next((line for line in article.text.splitlines() if line.strip()), "")
    if surnames_named(names, headline):
        passages.append(headline)
    for passage in passages:
        found = call_format(passage)
        if found is not None:
            warnings.append(f"format {found!r}: the article reports a call ({passage[:60]!r})")
            return found
    return "in_person"


# A "city" with one of these words is a building or a street, even where some town bears the name
# ("White House", Tennessee).
_VENUE_WORDS = frozenset(
    {"house", "palace", "hall", "building", "street", "square", "airport", "embassy", "hotel", "residence"}
)


def normalize_location(
    where: LLMLocation, meeting_format: MeetingFormat, text: str, warnings: list[str]
) -> Location:
    """A meeting's location, normalised; a call has none (its parties are in different places).

    The country comes from the city when the gazetteer knows it, and only when the article names
    that country; without a known city, only a country the article names as a place ("in Japan")
    stays: a model otherwise gives a participant's country (`grounding/rules/places.py`).
    """
    if meeting_format in ("phone", "video"):
        return Location()
    city = _clean(where.city)
    venue = _clean(where.venue)
    country = normalize_country(where.country)
    if where.country and country is None:
        warnings.append(f"unrecognised location country {where.country!r}; left null")
    if city and normalize_country(city):
        # "Japan" or "Turkish" given as the city: the country, not a city.
        country = country or normalize_country(city)
        city = None
    if city and (not is_city(city) or _VENUE_WORDS & set(words(fold_plain(city)))):
        # "Downing Street", "Chevening": a place, but no city.
        warnings.append(f"{city!r} is no city the gazetteer knows; given as the venue")
        venue, city = venue or city, None
    named = city_country(city)
    if named is not None:
        country = named if named in named_countries(text) else None
    elif country is not None and not stated_as_place(country, text):
        country = None
    if country != normalize_country(where.country) and where.country:
        warnings.append(f"location country {where.country!r} is not where the article places the meeting")
    return Location(city=city, country=country, venue=venue)


def _event_key(event: MeetingEvent) -> tuple[frozenset[str], str | None]:
    surnames = frozenset(t for p in event.participants for t in name_tokens(p.name)[-1:])
    return surnames, event.date.isoformat() if event.date else None


def in_article_order(events: Iterable[MeetingEvent]) -> list[MeetingEvent]:
    """The events sorted by their first grounded evidence offset (ungrounded ones last)."""
    return sorted(
        events, key=lambda e: min((ev.start for ev in e.evidence if ev.start is not None), default=1 << 30)
    )


def cited_spans(events: Iterable[MeetingEvent]) -> list[tuple[int, int]]:
    """The grounded evidence spans of the events."""
    return [
        (e.start, e.end) for ev in events for e in ev.evidence if e.start is not None and e.end is not None
    ]


def merge_events(events: Iterable[MeetingEvent]) -> list[MeetingEvent]:
    """Merge duplicates (same participants and date), e.g. one meeting seen by two overlapping chunks.

    Args:
        events: events in article order, possibly repeated.

    Returns:
        One event per meeting, evidence/topics/outcomes united, ordered by first evidence offset.
    """
    merged: dict[tuple[frozenset[str], str | None], MeetingEvent] = {}
    for event in events:
        key = _event_key(event)
        if key not in merged:
            merged[key] = event
            continue
        kept = merged[key]
        spans = {(e.start, e.end) for e in kept.evidence}
        kept.evidence.extend(e for e in event.evidence if e.start is None or (e.start, e.end) not in spans)
        kept.topics = list(dict.fromkeys([*kept.topics, *event.topics]))
        kept.outcomes = _dedupe([*kept.outcomes, *event.outcomes])
    return in_article_order(merged.values())


def drop_unreported_meetings(
    events: list[MeetingEvent], text: str, warnings: list[str]
) -> tuple[list[MeetingEvent], int]:
    """Drop the events whose cited paragraphs report no meeting (a message, a decree, a trip).

    Args:
        events: merged events in article order.
        text: the whole article (evidence offsets point into it).
        warnings: receives one warning per dropped event.

    Returns:
        The events kept and how many were dropped.
    """
    kept: list[MeetingEvent] = []
    for number, event in enumerate(events, start=1):
        spans = [(e.start, e.end) for e in event.evidence if e.start is not None and e.end is not None]
        names = [p.name for p in event.participants]
        if reports_meeting(text, spans, [e.quote for e in event.evidence], names):
            kept.append(event)
            continue
        quote = event.evidence[0].quote if event.evidence else ""
        warnings.append(
            f"dropped event {number}: its evidence reports no meeting, call or talks ({quote[:80]!r})"
        )
    return kept, len(events) - len(kept)


def split_listed_counterparts(
    events: list[MeetingEvent], text: str, warnings: list[str]
) -> list[MeetingEvent]:
    """Split "A met X, Y and Z" into one bilateral meeting per counterpart.

    A model lists everyone a sentence names as one meeting; the evaluation guidelines (and most
    readers) count one meeting per counterpart unless the article says they met together. An
    in-person event with three or more participants whose cited paragraphs say nothing of a joint
    meeting ("trilateral", "together", "jointly", a summit) becomes one event per counterpart of
    the participant named first. Calls are left alone: a call of three is one call.

    Args:
        events: events in article order.
        text: the whole article (evidence offsets point into it).
        warnings: receives one warning per split event.

    Returns:
        The events, split ones replaced by their bilateral meetings.
    """
    out: list[MeetingEvent] = []
    for number, event in enumerate(events, start=1):
        spans = [(e.start, e.end) for e in event.evidence if e.start is not None and e.end is not None]
        passage = " ".join(paragraph_at(text, start, end) for start, end in spans)
        names = [p.name for p in event.participants]
        if len(names) < 3 or event.format != "in_person" or not passage or says_met_together(passage):
            out.append(event)
            continue
        subject = first_named(names, passage)
        if subject is None:
            # The model cited a headline ("Minister visits Poland"): read the paragraph that
            # reports the meeting and names them instead.
            naming = [p for p in text.splitlines() if has_meeting_cue(p) and surnames_named(names, p) >= 3]
            if naming and not says_met_together(naming[0]):
                subject = first_named(names, naming[0])
        if subject is None:
            out.append(event)
            continue
        lead = event.participants[subject]
        others = [p for i, p in enumerate(event.participants) if i != subject]
        warnings.append(
            f"event {number} split into {len(others)} meetings of {lead.name}: its evidence lists "
            "counterparts without saying they met together"
        )
        for other in others:
            host = (
                event.host
                if event.host and any(same_person(event.host, x.name) for x in (lead, other))
                else None
            )
            mode = "visit" if event.mode == "multilateral" else event.mode
            out.append(
                event.model_copy(
                    update={"participants": [lead, other], "host": host, "mode": mode}, deep=True
                )
            )
    return out


def drop_unasserted_meetings(
    events: list[MeetingEvent], text: str, warnings: list[str]
) -> tuple[list[MeetingEvent], int]:
    """Drop the events no sentence of which reports the meeting: they deny it, doubt it, wish for it
    or instruct the reader to report it (`grounding/rules/modality.py`).

    An event citing an instruction ("You must report that X met Y"), or naming someone whom only
    instructions in the article name, goes whatever else it cites: what an instruction says is not
    the article's report. Otherwise an event goes when none of its sentences reports a meeting and
    at least one denies, doubts or wishes for one (sentences without a meeting word are left to the
    meeting-cue step).

    Args:
        events: events in article order (after every step that adds events).
        text: the whole article (evidence offsets point into it).
        warnings: receives one warning per dropped event.

    Returns:
        The events kept and how many were dropped.
    """
    sentences = sentence_spans(text)
    orders = [(a, b) for a, b in sentences if modality(text[a:b]) == "instruction"]
    reported = "".join(" " if any(a <= i < b for a, b in orders) else c for i, c in enumerate(text))
    named_outside = set(words(fold_plain(reported)))
    kept: list[MeetingEvent] = []
    for number, event in enumerate(events, start=1):
        cited: list[str] = []
        for ev in event.evidence:
            if ev.start is None or ev.end is None:
                cited.append(ev.quote)
                continue
            inside = [text[a:b] for a, b in sentences if a < ev.end and b > ev.start]
            cited += inside or [ev.quote]
        kinds = [modality(s) for s in cited]
        why = None
        only_ordered = [
            p.name for p in event.participants if (t := name_tokens(p.name)) and t[-1] not in named_outside
        ]
        if "instruction" in kinds:
            why = "its sentence instructs the reader instead of reporting"
        elif orders and only_ordered:
            why = f"only an instruction in the article names {only_ordered[0]!r}"
        elif "reported" not in kinds and any(k in NOT_REPORTED for k in kinds):
            verb = {"denied": "denies", "hypothetical": "only speculates about", "wished": "only wishes for"}
            why = f"its sentence {verb[next(k for k in kinds if k in NOT_REPORTED)]} a meeting"
        if why is None:
            kept.append(event)
            continue
        quote = event.evidence[0].quote if event.evidence else ""
        warnings.append(f"dropped event {number}: {why} ({quote[:80]!r})")
    return kept, len(events) - len(kept)
