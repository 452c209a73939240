"""From validated model output to the public events: reading the answer, and the steps that check
its values, split listed meetings, merge repeated ones and drop what reports no meeting."""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date, timedelta

from grounding.article import ArticleContext
from grounding.lexicon import regex, word_set
from grounding.rules.counterparts import (
    group_of,
    meeting_clauses,
    met_others_as_one_side,
    moves_on_a_day,
    narrative_day,
    telling_sentence,
)
from grounding.rules.cues import (
    call_format,
    has_meeting_cue,
    meeting_date_phrases,
    reports_meeting,
    says_met_together,
    told_tense,
)
from grounding.rules.modality import NOT_REPORTED, modality
from grounding.rules.places import (
    DATELINE_LINES,
    dateline_end,
    is_city_state,
    place_in,
    place_told_before,
    stated_as_place,
    written_as_venue,
)
from grounding.text.candidates import spoken_date, unspoken_date_phrases
from grounding.text.countries import normalize_country
from grounding.text.dates import RANGE_REST, Direction, direction_of, resolve_date, year_before
from grounding.text.folding import fold_plain, words
from grounding.text.gazetteer import city_country, is_city
from grounding.text.names import (
    all_among,
    canonical_name,
    first_named,
    name_tokens,
    same_person,
    surnames_named,
)
from grounding.text.sentences import paragraph_at, sentence_spans
from grounding.text.spans import find_span, ground_quotes
from schemas.events import Evidence, Location, MeetingEvent, MeetingFormat, Participant, Source
from schemas.extraction import (
    LLMEvent,
    LLMLocation,
    LLMParticipant,
    as_read,
    merge_repeated_people,
    read_persons,
)
from schemas.notes import NoteSpan
from service.pipeline.step import NoteBook


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


def ground(quotes: Iterable[str], article: ArticleContext, notes: NoteBook | None = None) -> list[Evidence]:
    """Locate each quote in the article; unlocatable quotes are kept, marked ungrounded.

    Args:
        quotes: the model's evidence quotes.
        article: the whole article.
        notes: where to note ungrounded quotes (None: the caller wrote the quotes from the article).

    Returns:
        Evidence with offsets computed here; `quote` is the article's own text when grounded.
    """
    out: list[Evidence] = []
    for quote, span in ground_quotes(quotes, article.text, article.folded):
        if span is None:
            if notes is not None:
                notes.add(
                    "evidence_ungrounded", f"ungrounded evidence: {quote[:80]!r} was not found in the article"
                )
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


def as_answered(events: Iterable[LLMEvent], context: ArticleContext, notes: NoteBook) -> list[LLMEvent]:
    """The answer's events in the form validation checked them (`schemas.extraction.as_read`): people
    only, without office words before their names, each person once, and the issuing government's
    principal where an event names them by office alone.

    Args:
        events: the model's validated events, as it wrote them.
        context: the article (or chunk) the question was about.
        notes: receives one note per participant dropped or renamed, per person merged and per
            principal added.

    Returns:
        The events in that form.
    """
    out: list[LLMEvent] = []
    for event in events:
        persons: list[LLMParticipant] = []
        for listed, read_as, reason in read_persons(event.participants, context):
            if read_as is None:
                notes.add("participant_not_a_person", f"{listed.name!r} dropped: {reason}, not a participant")
                continue
            if read_as.name != listed.name:
                notes.add(
                    "participant_renamed", f"{listed.name!r} is {read_as.name!r}: an office before the name"
                )
            persons.append(read_as)
        people = merge_repeated_people(persons)
        if len(people) < len(persons):
            for kept in people:
                mentions = [p.name for p in persons if same_person(p.name, kept.name)]
                if len(mentions) > 1:
                    named = " and ".join(repr(m) for m in mentions)
                    notes.add("participant_merged", f"{named} are one person; kept as {kept.name!r}")
        read = as_read(event, context)
        if len(read.participants) > len(people):
            holder = read.participants[0]
            notes.add(
                "principal_added",
                f"{holder.name} added: a paragraph the event cites names the issuing government's "
                f"{holder.title or 'office-holder'} by office alone",
            )
        out.append(read)
    return out


def read_answer(events: Iterable[LLMEvent], article: ArticleContext, notes: NoteBook) -> list[MeetingEvent]:
    """The model's validated events as public events, each value as the model gave it, cleaned.

    Names are written as the article writes them, a person named twice is kept once, countries take
    their canonical names, evidence is located in the article; a date phrase or country the article
    or the gazetteer does not know is left null. Everything else is the steps' work.

    Args:
        events: the model's events (validated against their chunk).
        article: the whole article, for grounding and names.
        notes: receives what was changed (and what validation changed before).

    Returns:
        The events, undated (the `dates` step resolves `date_text`).
    """
    return [_read_event(event, article, notes) for event in events]


def _read_event(event: LLMEvent, article: ArticleContext, notes: NoteBook) -> MeetingEvent:
    participants: list[Participant] = []
    for p in event.participants:
        name = canonical_name(p.name, article.text)
        if any(same_person(name, q.name) for q in participants):
            notes.add("participant_merged", f"{p.name!r} and {name!r} are one person; named once")
            continue
        country = normalize_country(p.country)
        if p.country and country is None:
            notes.add("country_unrecognised", f"unrecognised country {p.country!r} for {name!r}; left null")
        participants.append(Participant(name=name, title=_clean(p.title), country=country))

    host = None
    if event.host:
        host = next((p.name for p in participants if same_person(event.host, p.name)), None)

    date_text = _clean(event.date_text)
    if date_text and find_span(article.text, date_text, article.folded) is None:
        notes.add("date_not_in_article", f"date phrase {date_text!r} is not in the article; date left null")
        date_text = None

    loc = event.location
    country = normalize_country(loc.country)
    if loc.country and country is None:
        notes.add(
            "location_country_unrecognised", f"unrecognised location country {loc.country!r}; left null"
        )
    return MeetingEvent(
        participants=participants,
        host=host,
        date=None,
        date_text=date_text,
        location=Location(city=_clean(loc.city), country=country, venue=_clean(loc.venue)),
        format=event.format,
        status=event.status,
        mode=event.mode,
        topics=list(dict.fromkeys(event.topics)),
        outcomes=_dedupe(o.strip() for o in event.outcomes if o.strip()),
        evidence=ground(event.evidence, article, notes),
    )


def telling_sentences(
    events: list[MeetingEvent], article: ArticleContext, notes: NoteBook
) -> list[MeetingEvent]:
    """Step `telling_sentence`: an event whose cited sentences name fewer than two of its people (a
    headline, a dateline) gets the sentence that tells its meeting first among its evidence
    (`grounding.rules.counterparts.telling_sentence`), so that its date, tense, format and topics
    are read where the article tells them."""
    out = []
    for event in events:
        names = [p.name for p in event.participants]
        if surnames_named(names, " ".join(e.quote for e in event.evidence)) >= 2:
            out.append(event)
            continue
        found = telling_sentence(article, names)
        if found is None:
            out.append(event)
            continue
        notes.add(
            "evidence_added",
            f"the sentence that tells the meeting of {' and '.join(names)} joins its evidence "
            "(the answer cited none that names them)",
            found,
        )
        evidence = [*ground([article.text[found[0] : found[1]]], article), *event.evidence]
        out.append(event.model_copy(update={"evidence": evidence}))
    return out


def date_context(events: list[MeetingEvent], article: ArticleContext, notes: NoteBook) -> list[MeetingEvent]:
    """Step `date_context`: a date phrase for each event the model left undated (see below); a phrase
    the article writes for a statement ("said today") is no meeting's date (note
    `date_of_a_statement`), and the event is dated as if undated; a phrase from another line that
    the event's own sentences do not hold gives way to theirs (note `date_from_sentence`)."""
    out = []
    for event in events:
        phrase = event.date_text
        at = _phrase_at(event, article.text) if phrase else None
        if phrase and at is not None and _statement_date(event, article, at, at + len(phrase)):
            notes.add(
                "date_of_a_statement",
                f"date phrase {phrase!r} dropped: the article writes it for a statement, not the meeting",
                (at, at + len(phrase)),
            )
            event = event.model_copy(update={"date_text": None})
        filed = _dateline_day(event, article)
        if filed is not None:
            notes.add(
                "date_after_dateline",
                f"date phrase {event.date_text!r} is the dateline's, the day the story was filed; the "
                f"paragraph's own, {filed[0]!r}, dates it",
                filed[1],
            )
            event = event.model_copy(update={"date_text": filed[0]})
        own = _own_date_phrase(event, article)
        if own is not None:
            notes.add(
                "date_from_sentence",
                f"date phrase {event.date_text!r} is not in the sentences that tell the meeting; theirs, "
                f"{own!r}, dates it",
                first_span(event),
            )
            event = event.model_copy(update={"date_text": own})
        found = None if event.date_text is not None else _date_from_context(event, article, notes)
        out.append(event.model_copy(update={"date_text": found}) if found else event)
    return out


def _dateline_day(event: MeetingEvent, article: ArticleContext) -> tuple[str, tuple[int, int]] | None:
    """The day a news lead tells its story on, where the model dated the event by the lead's dateline
    ("WASHINGTON, Oct. 11, 2014 - Defense Secretary Chuck Hagel yesterday reaffirmed ..."): the
    dateline's date is the day the story was filed, the lead's own phrase the story's day. Only for
    an event none of whose sentences writes a date phrase of its own. Returns the phrase and its
    span, or None."""
    phrase = event.date_text
    if phrase is None or any(meeting_date_phrases(ev.quote) for ev in event.evidence):
        return None
    for a, b in article.filled_lines[:DATELINE_LINES]:
        line = article.text[a:b]
        opening = dateline_end(line)
        at = line.find(phrase)
        if not 0 <= at < opening:
            continue
        after = [
            p for p in meeting_date_phrases(line, unspoken_date_phrases(line)) if line.find(p) >= opening
        ]
        if after and (day := line.find(after[0], opening)) >= 0:
            return after[0], (a + day, a + day + len(after[0]))
        return None
    return None


def _own_date_phrase(event: MeetingEvent, article: ArticleContext) -> str | None:
    """The date phrase of the event's own sentences, where the model gave one that they do not
    hold and that no sentence naming all its people holds either (a small model answering one
    meeting per sentence of a story dates each from another line), or one that only a cited
    sentence not telling the meeting holds ("arrived on Monday" beside "On Tuesday, X and Y held
    talks"): None when the model's phrase is in the sentences that tell it or tells of these people
    ("met this evening [Wednesday 26 February]"), or they hold no phrase."""
    phrase = event.date_text
    if phrase is None:
        return None
    names = [p.name for p in event.participants]
    if any(phrase in ev.quote for ev in event.evidence):
        # "X arrived in Argentina on Monday. On Tuesday, X and Y ... discussed ...", both cited: the
        # sentence that tells the meeting (its cue and all its people) dates it, not one that does not.
        telling = [
            ev.quote
            for ev in event.evidence
            if has_meeting_cue(ev.quote) and surnames_named(names, ev.quote) >= len(names)
        ]
        if telling and not any(phrase in q for q in telling):
            told = [p for q in telling for p in meeting_date_phrases(q)]
            return told[0] if told else None
        return None
    for a, b in article.sentences:
        sentence = article.text[a:b]
        if phrase in sentence and surnames_named(names, sentence) >= len(names):
            return None
    own = [p for ev in event.evidence for p in meeting_date_phrases(ev.quote)]
    return own[0] if own else None


def _statement_date(event: MeetingEvent, article: ArticleContext, start: int, end: int) -> bool:
    """True when the event's date phrase, at text[start:end], dates a statement rather than the
    meeting: a word of saying attaches it (`spoken_date`), and either the meeting is planned
    ("defense officials announced today" of a trip to come) or the phrase stands outside the
    sentences the event cites ("... the department said on Wednesday" of another paragraph). "Talks
    were held ..., the press office said on Thursday" dates the talks it reports."""
    if not spoken_date(article.text, start, end):
        return False
    cited = any(
        ev.start is not None and ev.end is not None and ev.start <= start < ev.end for ev in event.evidence
    )
    return event.status == "planned" or not cited


def resolve_dates(events: list[MeetingEvent], article: ArticleContext, notes: NoteBook) -> list[MeetingEvent]:
    """Step `dates`: each event's date, resolved from its phrase and the publication date; "the next
    day" from the day the sentences before set (note `date_moved_on`); with no publication date, a
    day and month take the last year the article writes before them (note
    `date_year_from_article`)."""
    out = []
    for event in events:
        direction = direction_of(event.status)
        day = resolve_date(event.date_text, article.published, direction)
        if day is None and event.date_text and moves_on_a_day(event.date_text):
            day = _day_moved_on(event, article, direction, notes)
        if day is None and article.published is None and event.date_text:
            at = _phrase_at(event, article.text)
            year = year_before(article.text, at) if at is not None else None
            if year is not None:
                written = article.text[year[0] : year[1]]
                day = resolve_date(f"{event.date_text} {written}", None, direction)
                if day is not None:
                    notes.add(
                        "date_year_from_article",
                        f"date {event.date_text!r} dated {day.isoformat()}: no publication date, and the"
                        f" article writes {written} before it",
                        year,
                    )
        out.append(event.model_copy(update={"date": day}))
    return out


def _day_moved_on(
    event: MeetingEvent, article: ArticleContext, direction: Direction, notes: NoteBook
) -> date | None:
    """The day "the next day" of the event's sentence is: the day the sentences before set, moved on
    (`narrative_day`; note `date_moved_on`)."""
    at = _phrase_at(event, article.text)
    sentence = next(((a, b) for a, b in article.sentences if at is not None and a <= at < b), None)
    found = narrative_day(article, *sentence) if sentence is not None else None
    anchor = resolve_date(found[0], article.published, direction) if found is not None else None
    if found is None or anchor is None:
        return None
    day = anchor + timedelta(days=found[1])
    notes.add(
        "date_moved_on",
        f"date {event.date_text!r} dated {day.isoformat()}: {abs(found[1])} day(s) "
        f"{'after' if found[1] > 0 else 'before'} {found[0]!r}",
        sentence,
    )
    return day


def _phrase_at(event: MeetingEvent, text: str) -> int | None:
    """Where the event's date phrase stands: in its cited sentences, else last before them (the
    sentence before sets the day: "traveled to Nairobi on August 22 ... Kerry also met ..."; not the
    headline's "August 22-September 5, 2016"), else first in the article."""
    phrase = event.date_text or ""
    for ev in event.evidence:
        if ev.start is not None and (i := ev.quote.find(phrase)) >= 0:
            return ev.start + i
    starts = [ev.start for ev in event.evidence if ev.start is not None]
    if phrase and starts and (i := text.rfind(phrase, 0, min(starts))) >= 0:
        return i
    i = text.find(phrase)
    return i if i >= 0 else None


_RANGE_HEAD = regex("calendar", "range_head")


def date_spans(events: list[MeetingEvent], article: ArticleContext, notes: NoteBook) -> list[MeetingEvent]:
    """Step `date_spans`: a date phrase that opens or closes a span the article writes ("July 9" of
    "from July 9-13", "7 February" of "from 5 - 7 February") becomes the span, with no single date
    (note `date_range`). After the steps that add meetings, so that theirs are read too."""
    out = []
    for event in events:
        span = _span_of_days(event, article.text)
        if span is None:
            out.append(event)
            continue
        notes.add(
            "date_range",
            f"date {event.date_text!r} opens or closes {span!r}: no single day",
            first_span(event),
        )
        out.append(event.model_copy(update={"date_text": span, "date": None}))
    return out


def _span_of_days(event: MeetingEvent, text: str) -> str | None:
    """The span of days starting with the event's date phrase where its sentences write it so, else
    where the article writes the phrase only so ("from July 9-13")."""
    phrase = event.date_text
    if not phrase or not re.search(r"\d", phrase):
        return None
    for passage in [*(ev.quote for ev in event.evidence if phrase in ev.quote), text]:
        spans = [_span_around(passage, m.start(), m.end()) for m in re.finditer(re.escape(phrase), passage)]
        if not spans:
            continue
        if not all(spans):
            return None  # the phrase stands alone somewhere: one day
        return spans[0]
    return None


def _span_around(passage: str, start: int, end: int) -> str | None:
    """The span of days the date phrase at passage[start:end] opens ("July 9-13") or closes, written
    day first ("5 - 7 February", "9 to 13 July"); None when the phrase is one day there."""
    rest = RANGE_REST.match(passage[end:])
    if rest is not None:
        return passage[start:end] + rest.group(0)
    head = _RANGE_HEAD.search(passage[max(0, start - 20) : start])
    return head.group(0) + passage[start:end] if head is not None else None


def call_formats(events: list[MeetingEvent], article: ArticleContext, notes: NoteBook) -> list[MeetingEvent]:
    """Step `call_format`: a call the model called a meeting in person becomes a call (see below)."""
    out = []
    for event in events:
        found = _format(event, article, [p.name for p in event.participants], notes)
        out.append(event.model_copy(update={"format": found}) if found != event.format else event)
    return out


def places(events: list[MeetingEvent], article: ArticleContext, notes: NoteBook) -> list[MeetingEvent]:
    """Step `places`: each event's location as the article places the meeting (`normalize_location`)."""
    out = []
    for event in events:
        placed = own_city(event, article, notes, "places")
        if placed is not event:
            out.append(placed)  # its location read from its own sentence, normalised there
            continue
        where = LLMLocation(
            city=event.location.city, country=event.location.country, venue=event.location.venue
        )
        location = normalize_location(where, event.format, article, notes)
        if event.format in ("phone", "video") and event.location != location:
            notes.add("location_dropped", "a call has no location: the parties are in different places")
        out.append(event.model_copy(update={"location": location}))
    return out


def _place_of_quote(quote: str, event: MeetingEvent) -> tuple[str | None, str | None]:
    """Where a cited sentence places the event's meeting: where its people are met after ", where"
    ("..., before travelling to Kampala, where he met B": Kampala), else its first place."""
    names = [p.name.split()[-1] for p in event.participants if p.name]
    at = max((quote.find(n) for n in names), default=-1)
    return (place_told_before(quote, at) if at > 0 else None) or place_in(quote)


def own_city(event: MeetingEvent, article: ArticleContext, notes: NoteBook, step: str) -> MeetingEvent:
    """The event with the city its own sentences place the meeting in, where its city is another or
    none.

    "In Auckland, Secretary Lee will meet ..." answered as a meeting in Perth (another paragraph's
    city), or with no city: the meeting's own sentence says where it is. Only an in-person event
    whose cited sentences place a meeting in one city ("in", "to", "visit to" before it) changes;
    the country goes with the old city (`normalize_location` reads the new one's where the article
    names it). Note `city_from_sentence`, provenance `article` with the sentence's span.

    Args:
        event: one event.
        article: the request's article analysis.
        notes: receives the note.
        step: the step that reads it (its provenance).

    Returns:
        The event, its location and provenance changed or not.
    """
    # Where each cited sentence places a meeting, read once for both readings below.
    placed = [(_place_of_quote(ev.quote, event), ev) for ev in event.evidence]
    own = _city_of_sentences(placed)
    city = event.location.city
    if (
        own is None
        and event.format == "in_person"
        and (city is not None or event.location.country is not None)
    ):
        return _own_country(event, placed, article, notes, step, city)
    if own is None or event.format != "in_person" or (city is not None and _same_city(own[0], city)):
        return event
    new, span = own
    notes.add(
        "city_from_sentence", f"city {city!r} -> {new!r}: the meeting's own sentence places it there", span
    )
    where = LLMLocation(city=new, country=None, venue=event.location.venue)
    provenance = {
        **event.provenance,
        "location.city": Source(origin="article", step=step, span=NoteSpan(start=span[0], end=span[1])),
    }
    provenance.pop("location.country", None)
    location = normalize_location(where, event.format, article, notes)
    return event.model_copy(update={"location": location, "provenance": provenance})


def _own_country(
    event: MeetingEvent,
    placed: list[tuple[tuple[str | None, str | None], Evidence]],
    article: ArticleContext,
    notes: NoteBook,
    step: str,
    city: str | None,
) -> MeetingEvent:
    """The event placed in the one country its cited sentences place a meeting in, where they name
    no city and its city, or with no city its country, lies in another country ("Mattis is
    scheduled to travel to Turkey to meet with ..." answered in Kyiv, a later stop's city; "Carter
    met in Jordan on Wednesday with ..." answered in Saudi Arabia, the next day's): note
    `country_from_sentence`, the city dropped, provenance `article` with the sentence's span."""
    countries: dict[str, tuple[int, int]] = {}
    for (placed_city, country), ev in placed:
        if placed_city is not None:
            return event  # a city of its own: `own_city` decides
        if country is not None and ev.start is not None and ev.end is not None:
            countries.setdefault(country, (ev.start, ev.end))
    where = city_country(city) if city is not None else event.location.country
    if len(countries) != 1 or where is None or where in countries:
        return event
    ((country, span),) = countries.items()
    notes.add(
        "country_from_sentence",
        f"location {city or where!r} -> {country!r}: the meeting's own sentence places it in {country}"
        + (f", and {city} is in {where}" if city is not None else ""),
        span,
    )
    source = Source(origin="article", step=step, span=NoteSpan(start=span[0], end=span[1]))
    provenance = {**event.provenance, "location.country": source}
    provenance.pop("location.city", None)
    location = normalize_location(
        LLMLocation(city=None, country=country, venue=None), event.format, article, notes
    )
    return event.model_copy(update={"location": location, "provenance": provenance})


def _city_of_sentences(
    placed: list[tuple[tuple[str | None, str | None], Evidence]],
) -> tuple[str, tuple[int, int]] | None:
    """The one city the event's cited sentences (each with where it places a meeting) place it in
    ("In Auckland, ..."), with the sentence's span; None when they place it in none or in several."""
    found: dict[str, tuple[str, tuple[int, int]]] = {}  # one entry per city, however written
    for (city, _), ev in placed:
        if city is not None and ev.start is not None and ev.end is not None:
            found.setdefault(fold_plain(city), (city, (ev.start, ev.end)))
    return next(iter(found.values())) if len(found) == 1 else None


def _same_city(a: str, b: str) -> bool:
    """True when two city names are one (case and diacritics aside)."""
    return fold_plain(a) == fold_plain(b)


def call_modes(events: list[MeetingEvent], article: ArticleContext, notes: NoteBook) -> list[MeetingEvent]:
    """Step `call_mode`: a call's mode is `phone`, and only a visit has a host."""
    out = []
    for event in events:
        mode = "phone" if event.format == "phone" else event.mode
        host = event.host if mode == "visit" else None
        if mode != event.mode:
            notes.add("mode_call", f"mode {event.mode!r} -> 'phone': the meeting is a call")
        if host != event.host:
            notes.add("host_dropped", f"host {event.host!r} dropped: only a visit has a host")
        out.append(
            event.model_copy(update={"mode": mode, "host": host})
            if mode != event.mode or host != event.host
            else event
        )
    return out


_HEAD_LINES = "the article's headline or dateline"
_CITED_PARAGRAPH = "the paragraph it cites"


def _date_from_context(event: MeetingEvent, article: ArticleContext, notes: NoteBook) -> str | None:
    """A date phrase for an event the model left undated: small models often leave the date out.

    Looked for, in order: the quotes the event cites, the paragraphs they lie in, and, for a
    meeting that occurred, the article's headline and dateline (its first three lines), which date
    what a readout reports ("March 26, 2013, Durban", "PM call with ...: 28 May 2023").
    """
    quotes = [ev.quote for ev in event.evidence]
    for ev in event.evidence:
        # "She met Kim the next day": the day the narrative has moved on to, resolved in `dates`.
        if ev.start is None or ev.end is None or meeting_date_phrases(ev.quote):
            continue
        found = narrative_day(article, ev.start, ev.end)
        if found is not None and found[1] != 0 and found[2] is not None:
            notes.add(
                "date_from_context",
                f"date phrase {found[2]!r} taken from the event's evidence",
                (ev.start, ev.end),
            )
            return found[2]
    places: list[tuple[str, str, tuple[int, int] | None]] = [
        (
            ev.quote,
            "the event's evidence",
            (ev.start, ev.end) if ev.start is not None and ev.end is not None else None,
        )
        for ev in event.evidence
    ]
    for a, b in article.cited_paragraphs(quotes):
        places.append((article.text[a:b], _CITED_PARAGRAPH, (a, b)))
    if event.status == "occurred":
        head = article.filled_lines[:3]
        if head:
            lines = "\n".join(article.text[a:b] for a, b in head)
            places.append((lines, _HEAD_LINES, (head[0][0], head[-1][1])))
    told = told_tense([article.text[a:b] for a, b in evidence_spans(event)])
    for passage, where, span in places:
        # "the ministry said today that ...": the day it was said is not the meeting's.
        # ... nor the day of a relative clause's other act ("who arrived on Sunday").
        phrases = meeting_date_phrases(passage, unspoken_date_phrases(passage))
        if told == "occurred" and article.published is not None:
            # A meeting that took place is not dated after the article ("They agreed to continue
            # discussions at the talks scheduled for October 28" of a readout of October 23).
            phrases = [p for p in phrases if not _after(p, article.published)]
        elif where == _HEAD_LINES and article.published is not None:
            # Nor by a day to come in an opening paragraph that names none of its people ("the
            # [G20] meeting is scheduled to take place from 7 - 8 July", of a July 6 story of a
            # meeting in Singapore); one that does names it ("So tomorrow, President Biden will
            # participate in the Quad Leaders' meeting with ...").
            phrases = [
                p
                for p in phrases
                if not _after(p, article.published) or _names_in_sentence_of(p, passage, event)
            ]
        if where == _CITED_PARAGRAPH and phrases:
            # "ISLAMABAD, Pakistan (June 4, 2008) – X met his counterparts here yesterday": the
            # dateline dates the story; a phrase of the paragraph's own sentences, the meeting.
            opening = dateline_end(passage)
            phrases = sorted(phrases, key=lambda p: passage.find(p) < opening)
        if phrases:
            # The first day of a span of days written there ("Nov. 15–22") is not the meeting's day.
            phrase = phrases[0]
            rest = RANGE_REST.match(passage[passage.index(phrase) + len(phrase) :])
            phrase += rest.group(0) if rest else ""
            notes.add("date_from_context", f"date phrase {phrase!r} taken from {where}", span)
            return phrase
    return None


def paragraph_date_phrase(article: ArticleContext, start: int, status: str) -> str | None:
    """The first date phrase of the paragraph holding `start` that may date its meeting, the
    paragraph's dateline left out ("ISLAMABAD, Pakistan (June 4, 2008) – X met his counterparts
    here yesterday. X met A, B and C.": "yesterday" for the second sentence); a meeting that took
    place is not dated after the article. None when the paragraph's sentences hold none.

    Args:
        article: the request's article analysis.
        start: where the meeting's sentence starts.
        status: the meeting's status ("occurred" or "planned").

    Returns:
        The phrase as written, or None.
    """
    passage = paragraph_at(article.text, start, start + 1)
    opening = dateline_end(passage)
    phrases = meeting_date_phrases(passage, unspoken_date_phrases(passage))
    if status == "occurred" and article.published is not None:
        phrases = [p for p in phrases if not _after(p, article.published)]
    body = [p for p in phrases if passage.find(p) >= opening]
    return body[0] if body else None


def _names_in_sentence_of(phrase: str, passage: str, event: MeetingEvent) -> bool:
    """Whether the sentence of `passage` that writes the date phrase names one of the event's people."""
    at = passage.find(phrase)
    sentence = next((passage[a:b] for a, b in sentence_spans(passage) if a <= at < b), "")
    return surnames_named([p.name for p in event.participants], sentence) > 0


def evidence_spans(event: MeetingEvent) -> list[tuple[int, int]]:
    """The event's grounded evidence spans."""
    return [(e.start, e.end) for e in event.evidence if e.start is not None and e.end is not None]


def _after(phrase: str, published: date) -> bool:
    """True when a date phrase, read as a past meeting's, falls after the publication date."""
    day = resolve_date(phrase, published, "past")
    return day is not None and day > published


def _format(event: MeetingEvent, article: ArticleContext, names: list[str], notes: NoteBook) -> MeetingFormat:
    """A call the model called a meeting in person: small models answer `in_person` for every call.

    The paragraphs the event cites decide; else the headline, when it names one of the event's
    participants ("PM call with President Erdoğan of Türkiye: 28 May 2023").
    """
    if event.format != "in_person":
        return event.format
    passages = article.cited_paragraphs([ev.quote for ev in event.evidence])
    if article.filled_lines and surnames_named(names, article.headline):
        passages.append(article.filled_lines[0])
    for a, b in passages:
        passage = article.text[a:b]
        found = call_format(passage)
        if found is not None:
            notes.add(
                "format_call", f"format {found!r}: the article reports a call ({passage[:60]!r})", (a, b)
            )
            return found
    return "in_person"


# ", Republic of Korea" / ", Egypt" right after a city: the capitalised run that follows its comma.
_COUNTRY_AFTER_CITY = r",\s+(?:the\s+)?([A-Z][\w'’.-]*(?:\s+(?:of\s+)?[A-Z][\w'’.-]*)*)"


def _placed(country: str, city: str | None, article: ArticleContext) -> bool:
    """True when the article names the country as a place: after the city ("Seoul, Republic of
    Korea", "Sharm el-Sheikh, Egypt", a dateline's "DUSHANBE, Tajikistan") or after "in", "to",
    "visit to"."""
    if country not in article.places:
        return False
    if stated_as_place(country, article.text):
        return True
    if city is None:
        return False
    # The city in any case: a news dateline writes it in capitals ("DUSHANBE, Tajikistan, October 9").
    after = re.finditer(
        "(?i:" + re.escape(city) + r"),\s+(?:the\s+)?([A-Z][\w'’.-]*(?:\s+(?:of\s+)?[A-Z][\w'’.-]*)*)",
        article.text,
    )
    return any(normalize_country(m.group(1).rstrip(".")) == country for m in after)


def normalize_location(
    where: LLMLocation, meeting_format: MeetingFormat, article: ArticleContext, notes: NoteBook | None = None
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
        _note(
            notes,
            "location_country_unrecognised",
            f"unrecognised location country {where.country!r}; left null",
        )
    if city and normalize_country(city) and is_city_state(city):
        # "Singapore" (or a dateline's "SINGAPORE"): the city, in the country of its name.
        country = city = normalize_country(city)
    elif city and normalize_country(city):
        # "Japan" or "Turkish" given as the city: the country, not a city.
        country = country or normalize_country(city)
        city = None
    if city and (not is_city(city) or word_set("places", "venue_words") & set(words(fold_plain(city)))):
        # "Downing Street", "Chevening": a place, but no city.
        _note(notes, "city_as_venue", f"{city!r} is no city the gazetteer knows; given as the venue")
        venue, city = venue or city, None
    if venue and not written_as_venue(venue, article.text):
        _note(
            notes, "venue_not_a_place", f"venue {venue!r} dropped: the article does not write it as a place"
        )
        venue = None
    named = city_country(city)
    if named is not None:
        # The city's country, where the article names it as a place: beside the city ("Seoul,
        # Republic of Korea") or as where someone is or goes ("in Egypt"); a country the article
        # names otherwise (a participant's, a topic) says nothing of where this city is.
        country = named if _placed(named, city, article) or is_city_state(city or "") else None
    elif country is not None and not stated_as_place(country, article.text, asked=False):
        # A country alone: the article must put someone there, not only ask them to come.
        country = None
    if country != normalize_country(where.country) and where.country:
        _note(
            notes,
            "location_country_dropped",
            f"location country {where.country!r} is not where the article places the meeting",
        )
    if city is None and country is not None and is_city_state(country):
        _note(notes, "city_of_a_city_state", f"city {country!r}: a city-state, its city and country alike")
        city = country  # "in Singapore": the city as much as the country
    return Location(city=city, country=country, venue=venue)


def _note(notes: NoteBook | None, code: str, message: str, span: tuple[int, int] | None = None) -> None:
    if notes is not None:
        notes.add(code, message, span)


def _event_key(event: MeetingEvent) -> tuple[frozenset[str], str | None]:
    surnames = frozenset(t for p in event.participants for t in name_tokens(p.name)[-1:])
    return surnames, event.date.isoformat() if event.date else None


def first_span(event: MeetingEvent) -> tuple[int, int] | None:
    """The event's first grounded evidence span, if any (where its notes point)."""
    for ev in event.evidence:
        if ev.start is not None and ev.end is not None:
            return ev.start, ev.end
    return None


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


def merge_events(events: Iterable[MeetingEvent], notes: NoteBook | None = None) -> list[MeetingEvent]:
    """Merge duplicates (same participants and date), e.g. one meeting seen by two overlapping chunks.

    Args:
        events: events in article order, possibly repeated.
        notes: receives one note per event merged into an earlier one.

    Returns:
        One event per meeting, evidence/topics/outcomes united, ordered by first evidence offset.
    """
    merged: dict[tuple[frozenset[str], str | None], MeetingEvent] = {}
    for event in events:
        key = _event_key(event)
        if key not in merged:
            merged[key] = event
            continue
        kept = merged[key] = merged[key].model_copy(deep=True)  # the caller's events stay as they were
        spans = {(e.start, e.end) for e in kept.evidence}
        kept.evidence.extend(e for e in event.evidence if e.start is None or (e.start, e.end) not in spans)
        kept.topics = list(dict.fromkeys([*kept.topics, *event.topics]))
        kept.outcomes = _dedupe([*kept.outcomes, *event.outcomes])
        _note(
            notes,
            "events_merged",
            f"the meeting of {' and '.join(p.name for p in event.participants)} was reported twice; "
            "merged into one event",
            first_span(event),
        )
    return in_article_order(merged.values())


def merge(events: list[MeetingEvent], article: ArticleContext, notes: NoteBook) -> list[MeetingEvent]:
    """Step `merge`: one event per meeting (`merge_events`)."""
    return merge_events(events, notes)


def merge_same_day(
    events: list[MeetingEvent], article: ArticleContext, notes: NoteBook
) -> list[MeetingEvent]:
    """Step `same_day`: after the rules have added meetings, two events of the same people on the
    same day with the same status are one meeting (`merge_events`).

    A rule that adds a meeting of a sentence (`principal_meetings`, `missing_subjects`,
    `other_occasions`) may tell again a meeting the answer has under another form of a name ("Rice"
    and "Condoleezza Rice"), which the `merge` step, run before the rules, cannot see. An undated
    event is left alone: a pair's planned meeting and the one they held, or two occasions of which
    the article dates neither, are two meetings.

    Args:
        events: every event, the added ones too, in article order.
        article: the whole article (unused: the events' own people and days decide).
        notes: receives one `events_merged` note per event merged into an earlier one.

    Returns:
        One event per pair, day and status, in article order.
    """
    kept: list[MeetingEvent] = []
    for event in events:
        same = next((k for k in kept if event.date is not None and _same_meeting(k, event)), None)
        if same is None:
            kept.append(event)
            continue
        kept[kept.index(same)] = merge_events([same, event], notes)[0]
    return in_article_order(kept)


def _same_meeting(a: MeetingEvent, b: MeetingEvent) -> bool:
    """Same day, same status and the same people (each of one is someone of the other)."""
    if a.date != b.date or a.status != b.status or len(a.participants) != len(b.participants):
        return False
    ours, theirs = [p.name for p in a.participants], [p.name for p in b.participants]
    return all_among(ours, theirs) and all_among(theirs, ours)


def drop_unreported_meetings(
    events: list[MeetingEvent], article: ArticleContext, notes: NoteBook
) -> list[MeetingEvent]:
    """Drop the events whose cited paragraphs report no meeting (a message, a decree, a trip), and
    the two-person events whose sentences tell the two meeting others together ("A and B met with
    students": one side of a meeting, not a meeting of each other).

    Args:
        events: merged events in article order.
        article: the whole article (evidence offsets point into it).
        notes: receives one note per dropped event.

    Returns:
        The events kept.
    """
    text = article.text
    kept: list[MeetingEvent] = []
    for number, event in enumerate(events, start=1):
        spans = evidence_spans(event)
        names = [p.name for p in event.participants]
        quote = event.evidence[0].quote if event.evidence else ""
        if not reports_meeting(text, spans, [e.quote for e in event.evidence], names):
            notes.add(
                "event_dropped_no_meeting",
                f"dropped event {number}: its evidence reports no meeting, call or talks ({quote[:80]!r})",
                first_span(event),
            )
            continue
        sentences = [text[a:b] for a, b in article.sentences if any(a < e and b > s for s, e in spans)]
        if sentences and all(met_others_as_one_side(article, s, names) for s in sentences):
            notes.add(
                "event_dropped_one_side",
                f"dropped event {number}: its sentences tell {names[0]} and {names[1]} meeting others "
                f"together, not each other ({quote[:80]!r})",
                first_span(event),
            )
            continue
        both = [
            (a, b)
            for a, b in (article.sentences if len(names) == 2 else ())
            if any(a < e and b > s for s, e in spans) and surnames_named(names, text[a:b]) == 2
        ]
        if both and all(_apart(article, a, b, names) for a, b in both):
            notes.add(
                "event_dropped_no_meeting",
                f"dropped event {number}: its sentences name {names[0]} and {names[1]} each in a clause "
                f"of their own, not meeting each other ({quote[:80]!r})",
                first_span(event),
            )
            continue
        kept.append(event)
    return kept


def _apart(article: ArticleContext, start: int, end: int, names: list[str]) -> bool:
    """True when the sentence at text[start:end] is cut into clauses that each tell something of
    their own (`meeting_clauses`: "A met voters in Paris, while B campaigned in Lyon") and no clause
    names both people."""
    clauses = [(a, b) for a, b, _ in meeting_clauses(article) if start <= a < end]
    return len(clauses) > 1 and not any(surnames_named(names, article.text[a:b]) == 2 for a, b in clauses)


def split_listed_counterparts(
    events: list[MeetingEvent], article: ArticleContext, notes: NoteBook
) -> list[MeetingEvent]:
    """Split "A met X, Y and Z" into one bilateral meeting per counterpart.

    A model lists everyone a sentence names as one meeting; the evaluation guidelines (and most
    readers) count one meeting per counterpart unless the article says they met together. An
    in-person event with three or more participants whose cited paragraphs say nothing of a joint
    meeting ("trilateral", "together", "jointly", a summit) becomes one event per counterpart of
    the participant named first. Calls are left alone: a call of three is one call.

    Args:
        events: events in article order.
        article: the whole article (evidence offsets point into it).
        notes: receives one note per split event.

    Returns:
        The events, split ones replaced by their bilateral meetings.
    """
    text = article.text
    out: list[MeetingEvent] = []
    for number, event in enumerate(events, start=1):
        spans = [(e.start, e.end) for e in event.evidence if e.start is not None and e.end is not None]
        passage = " ".join(paragraph_at(text, start, end) for start, end in spans)
        names = [p.name for p in event.participants]
        if len(names) < 3 or event.format != "in_person" or not passage or says_met_together(passage):
            out.append(event)
            continue
        if _told_as_group(names, spans, article):
            out.append(event)  # "A, B and C will hold a meeting": they meet together
            continue
        subject = first_named(names, passage)
        if subject is None:
            # The model cited a headline ("Minister visits Poland"): read the paragraph that
            # reports the meeting and names them instead.
            lines = [text[a:b] for a, b in article.lines]
            naming = [p for p in lines if has_meeting_cue(p) and surnames_named(names, p) >= 3]
            if naming and not says_met_together(naming[0]):
                subject = first_named(names, naming[0])
        if subject is None:
            out.append(event)
            continue
        lead = event.participants[subject]
        others = [p for i, p in enumerate(event.participants) if i != subject]
        notes.add(
            "event_split",
            f"event {number} split into {len(others)} meetings of {lead.name}: its evidence lists "
            "counterparts without saying they met together",
            first_span(event),
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


def _told_as_group(names: list[str], spans: list[tuple[int, int]], article: ArticleContext) -> bool:
    """True when a sentence the event cites tells all its people as one group meeting together
    (`group_of`: "A, B and C will hold a meeting")."""
    for start, end in article.sentences:
        if not any(s < end and e > start for s, e in spans):
            continue
        group = group_of(article, article.text[start:end])
        if group is not None and all_among(names, (full for full, _ in group[1])):
            return True
    return False


def drop_unasserted_meetings(
    events: list[MeetingEvent], article: ArticleContext, notes: NoteBook
) -> list[MeetingEvent]:
    """Drop the events no sentence of which reports the meeting: they deny it, doubt it, wish for it
    or instruct the reader to report it (`grounding/rules/modality.py`).

    An event citing an instruction ("You must report that X met Y"), or naming someone whom only
    instructions in the article name, goes whatever else it cites: what an instruction says is not
    the article's report. Otherwise an event goes when none of its sentences reports a meeting and
    at least one denies, doubts or wishes for one (sentences without a meeting word are left to the
    meeting-cue step).

    Args:
        events: events in article order (after every step that adds events).
        article: the whole article (evidence offsets point into it).
        notes: receives one note per dropped event.

    Returns:
        The events kept.
    """
    text = article.text
    sentences = article.sentences
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
        notes.add(
            "event_dropped_unasserted", f"dropped event {number}: {why} ({quote[:80]!r})", first_span(event)
        )
    return kept
