"""Step `trip_places`: a meeting on a trip is held where the trip has taken its traveller.

News copy and trip previews say where someone goes once ("The Secretary will travel to Seoul,
Republic of Korea ...", "Blinken arrived in Beijing on Sunday") and then report the meetings there
without naming the place again ("She will meet with President Lee ..."). A model reading the
meeting's sentence leaves the location empty. The labelling rule allows a city inferred from an
explicit "visit to Moscow"; this step reads the same thing: for an in-person meeting whose answer
has no place at all, the latest sentence up to its own that has one of its participants travel to
one place (`grounding.rules.hosts.visit_roles`, `grounding.rules.places.destination`) or says
where they are ("X is in Paris this week", `grounding.rules.hosts.whereabouts`; "On Saturday, she
was in Nairobi": a "he"/"she" subject is the person the sentences before name,
`grounding.rules.antecedents`), told in the same tense as the meeting, gives the city and
country, which the `places` checks then apply to (a city's country only where the article names it
as a place). A meeting a rule completed from a
sentence that places it ("In Auckland, Secretary Lee will meet ...") first takes that sentence's
city (`normalize.own_city`); one placed in a country alone takes its traveller's latest leg's
city in that country. A meeting that occurred and still has no place at all is placed in
the city of the article's dateline ("PARIS, May 6 (Reuters) - ..."): news filed from where it
happened.
"""

from __future__ import annotations

from grounding.article import ArticleContext
from grounding.rules.antecedents import PRONOUN_SUBJECT, antecedent
from grounding.rules.cues import MEETING_CUE, first_meeting_word, travel_tense
from grounding.rules.hosts import visit_roles, whereabouts
from grounding.rules.places import dateline_city, destination, is_city_state, place_in
from grounding.text.gazetteer import city_country
from grounding.text.names import same_person
from schemas.events import Location, MeetingEvent, Source
from schemas.extraction import LLMLocation
from schemas.notes import NoteSpan
from service.pipeline.grounded_values import received
from service.pipeline.modes import named_forms
from service.pipeline.normalize import first_span, normalize_location, own_city
from service.pipeline.step import NoteBook


def _leg(
    event: MeetingEvent, article: ArticleContext
) -> tuple[str, str | None, str | None, tuple[int, int]] | None:
    """(traveller, city, country, sentence span) of the latest trip leg up to the event's sentence."""
    at = first_span(event)
    if at is None:
        return None
    people, others = named_forms(event.participants, article)
    for a, b in reversed([s for s in article.sentences if s[0] <= at[0]]):
        sentence = article.text[a:b]
        forms = [*people, *_pronoun_of(event, article, a, b)]
        legs = [*visit_roles(sentence, forms, others).destinations, *whereabouts(sentence, forms, others)]
        for name, words in legs:
            tense = travel_tense(sentence[: sentence.find(words)])
            if tense is not None and tense != event.status:
                continue  # "X visited Japan in May" does not place a meeting X will hold
            place = destination(words)
            if place is not None:
                return name, place[0], place[1], (a, b)
    return None


def _pronoun_of(
    event: MeetingEvent, article: ArticleContext, start: int, end: int
) -> list[tuple[str, tuple[str, ...]]]:
    """The sentence's subject pronoun as a form of the participant it refers to ("On Saturday, she
    was in Nairobi": the Clinton named before), or nothing when it opens with no "he"/"she" or
    refers to someone not in the event (`grounding.rules.antecedents`)."""
    if not PRONOUN_SUBJECT.search(article.text[start:end].strip()):
        return []
    person = antecedent(article, start)
    if person is None:
        return []
    name = next((p.name for p in event.participants if same_person(p.name, person)), None)
    return [] if name is None else [(name, ("he", "He", "she", "She"))]


def _unplaced(event: MeetingEvent) -> bool:
    """An in-person meeting the answer gives no city, country or venue."""
    loc = event.location
    return event.format == "in_person" and not (loc.city or loc.country or loc.venue)


def _placed_at(event: MeetingEvent, location: Location, span: tuple[int, int]) -> MeetingEvent:
    """The event at `location`, its city and country read (provenance `article`, step
    `trip_places`) from `span`."""
    source = Source(origin="article", step="trip_places", span=NoteSpan(start=span[0], end=span[1]))
    provenance = dict(event.provenance)
    for part in ("city", "country"):
        if getattr(location, part):
            provenance[f"location.{part}"] = source
    return event.model_copy(update={"location": location, "provenance": provenance})


def trip_places(events: list[MeetingEvent], article: ArticleContext, notes: NoteBook) -> list[MeetingEvent]:
    """Step `trip_places`: an in-person meeting with no place takes its traveller's latest destination."""
    out = []
    for event in events:
        # A meeting a rule completed from a sentence that places it ("In Auckland, ...").
        event = own_city(event, article, notes, "trip_places")
        if _country_only(event):
            out.append(_leg_city(event, article, notes) or _dateline_place(event, article, notes))
            continue
        if not _unplaced(event):
            out.append(event)
            continue
        leg = _leg(event, article)
        if leg is None:
            out.append(_dateline_place(event, article, notes))
            continue
        traveller, city, country, span = leg
        location = normalize_location(
            LLMLocation(city=city, country=country, venue=None), "in_person", article
        )
        if city is not None and location.venue == city:
            # A place the gazetteer does not know, written with its country ("Sharm el-Sheikh,
            # Egypt"): where the traveller goes, so the city as written, not a building, in the
            # country written beside it.
            location = Location(city=city, country=country or location.country)
        if location == Location():
            out.append(event)
            continue
        where = ", ".join(v for v in (location.city, location.country) if v)
        notes.add(
            "place_of_the_trip", f"location {where!r}: where the article has {traveller} travel to", span
        )
        placed = _placed_at(event, location, span)
        # The one the traveller meets there represents the country visited, as when the answer
        # placed the meeting (`grounded_values.received`): "visit to Maldives ... He will also hold
        # talks with Foreign Minister X".
        visitors = frozenset(p.name for p in event.participants if same_person(p.name, traveller))
        people = received(
            list(placed.participants),
            placed,
            events,
            article,
            visitors,
            # The country of the city the trip reached ("she was in Nairobi"), as the step `people`
            # reads the country visited.
            location.country or city_country(location.city),
            {},
            notes,
        )
        out.append(placed.model_copy(update={"participants": people}))
    return out


def _leg_city(event: MeetingEvent, article: ArticleContext, notes: NoteBook) -> MeetingEvent | None:
    """A meeting placed in a country alone takes the city of its traveller's latest leg in that
    country ("arrived in Vietnam on Monday. On Tuesday, she was in Hanoi ... She met with Prime
    Minister X": Hanoi), or None when the leg names no city of it."""
    leg = _leg(event, article)
    if leg is None or leg[1] is None or city_country(leg[1]) != event.location.country:
        return None
    traveller, city, _, span = leg
    location = Location(city=city, country=event.location.country, venue=event.location.venue)
    notes.add("place_of_the_trip", f"city {city!r}: where the article has {traveller} travel to", span)
    return _placed_at(event, location, span)


def _country_only(event: MeetingEvent) -> bool:
    """An in-person meeting placed in a country, with no city or venue."""
    loc = event.location
    return event.format == "in_person" and loc.country is not None and not (loc.city or loc.venue)


def _dateline_place(event: MeetingEvent, article: ArticleContext, notes: NoteBook) -> MeetingEvent:
    """An in-person meeting that occurred, unplaced or placed in the dateline city's country alone
    ("ISLAMABAD, Pakistan (June 4, 2008) – ... met ... here yesterday"), in the dateline's city
    (note `place_of_the_dateline`, provenance `article` with the city's span); a planned one as it is."""
    found = dateline_city(article) if event.status == "occurred" else None
    if found is None:
        return event
    city, span = found
    lead = next(((a, b) for a, b in article.sentences if a <= span[0] < b), span)
    told_city, told_country = place_in(article.text[lead[0] : lead[1]])
    # "in Singapore": a city that is its country.
    told = told_city or (told_country if told_country and is_city_state(told_country) else None)
    if told is not None and first_meeting_word(MEETING_CUE, article.text[lead[0] : lead[1]]) is not None:
        # "WASHINGTON, May 30, 2015 — Carter met with several defense leaders today in Singapore":
        # where the story is filed is not where its meetings were; the sentence that says where
        # places them.
        city, span = told, lead
    location = normalize_location(LLMLocation(city=city, country=None, venue=None), "in_person", article)
    if location.city is None:
        return event
    if event.location.country is not None:
        if city_country(location.city) != event.location.country:
            return event  # a meeting elsewhere in the world than where the story is filed
        location = location.model_copy(update={"country": event.location.country})
    where = "where the dateline's sentence says they met" if city == told else "the article's dateline"
    notes.add("place_of_the_dateline", f"city {location.city!r}: {where}", span)
    return _placed_at(event, location, span)
