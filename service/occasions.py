"""Other meetings of the pairs found: the one recalled in passing, the one announced for later.

The detection is deterministic (`grounding/occasions.py`); this module turns each such sentence
into an event of the same participants, with the sentence as its evidence and its own status,
date, place and format. Nothing is asked of the model, so it costs no time and works the same on
every backend.
"""

from __future__ import annotations

from grounding.article import ArticleContext
from grounding.dates import direction_of, resolve_date
from grounding.gazetteer import city_country
from grounding.names import same_person
from grounding.occasions import Occasion, other_occasions
from schemas.events import MeetingEvent, Mode
from schemas.extraction import LLMLocation
from service.normalize import ground, normalize_location


def _pair_key(event: MeetingEvent) -> tuple[str, ...]:
    return tuple(sorted(p.name for p in event.participants))


def _occasion_event(found: MeetingEvent, occasion: Occasion, article: ArticleContext) -> MeetingEvent:
    """The event of `occasion`: `found`'s participants, the occasion's own time, place and evidence."""
    quote = article.text[occasion.start : occasion.end]
    meeting_format = occasion.call or "in_person"
    location = normalize_location(
        LLMLocation(city=occasion.city, country=occasion.country), meeting_format, article.text, []
    )
    # The mode needs the city's country even where the article does not name it (Madrid: Spain).
    where = location.country or city_country(location.city)
    mode: Mode
    host: str | None = None
    if meeting_format != "in_person":
        mode = "phone"
    elif "visit" in quote.lower():
        mode = "visit"
        if location.country:
            host = next((p.name for p in found.participants if p.country == location.country), None)
    elif where and all(p.country != where for p in found.participants):
        mode = "third_party"
    else:
        mode = found.mode if found.mode != "phone" else "visit"
    return MeetingEvent(
        participants=[p.model_copy() for p in found.participants],
        host=host,
        date=resolve_date(occasion.date_text, article.published, direction_of(occasion.status)),
        date_text=occasion.date_text,
        location=location,
        format=meeting_format,
        status=occasion.status,
        mode=mode,
        topics=[],
        outcomes=[],
        evidence=ground([quote], article, []),
    )


def add_other_occasions(
    events: list[MeetingEvent], article: ArticleContext, warnings: list[str]
) -> tuple[list[MeetingEvent], int]:
    """Add the other meetings the article reports of each pair already found.

    Args:
        events: the events found, merged, in article order.
        article: the whole article.
        warnings: receives one line per added event.

    Returns:
        The events with the added ones (in article order) and how many were added.
    """
    cited = [
        (e.start, e.end) for ev in events for e in ev.evidence if e.start is not None and e.end is not None
    ]
    pairs: dict[tuple[str, ...], MeetingEvent] = {}
    for event in events:
        a, b = event.participants[:2] if len(event.participants) == 2 else (None, None)
        if a is not None and b is not None and not same_person(a.name, b.name):
            pairs.setdefault(_pair_key(event), event)
    people = {p.name for e in events for p in e.participants}
    added: list[MeetingEvent] = []
    taken: set[int] = set()
    for found in pairs.values():
        names = [p.name for p in found.participants]
        only_pair = len(pairs) == 1 and all(any(same_person(n, m) for m in names) for n in people)
        for occasion in other_occasions(article.text, names, cited, only_pair):
            if occasion.start in taken or (occasion.status == "planned" and found.status == "planned"):
                # A planned meeting's own announcement ("will pay a visit ... from November 5")
                # reads like another occasion; a second planned meeting of one pair is rare.
                continue
            taken.add(occasion.start)
            added.append(_occasion_event(found, occasion, article))
            warnings.append(
                f"added a {occasion.status} meeting of {' and '.join(names)} that the article reports "
                f"in passing ({article.text[occasion.start : occasion.end][:80]!r})"
            )
    if not added:
        return events, 0
    ordered = [*events, *added]
    ordered.sort(key=lambda e: min((ev.start for ev in e.evidence if ev.start is not None), default=1 << 30))
    return ordered, len(added)
