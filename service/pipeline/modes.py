"""A meeting's mode and host, read from what the event already holds.

PLOVER's CONSULT modes follow from facts the pipeline has grounded by the time this runs: a call is
`phone`; a meeting whose sentences say someone visits is a `visit`, hosted by the participant whose
country it takes place in; a meeting in a country none of the participants represents is
`third_party` (both sides abroad, e.g. at the UN); three or more countries around one table are
`multilateral`. A prompt that leaves mode and host to the service (`derived: [mode, host]`) saves the
model those tokens; the step `modes` fills them with a note each.
"""

from __future__ import annotations

from collections.abc import Sequence

from grounding.article import ArticleContext
from grounding.lexicon import words
from grounding.rules.hosts import Roles, visit_roles
from grounding.text.gazetteer import city_country, venue_country
from grounding.text.names import same_person
from schemas.events import Location, MeetingEvent, Mode, Participant
from service.pipeline.normalize import first_span
from service.pipeline.passages import event_passage
from service.pipeline.step import NoteBook


def meeting_mode(
    meeting_format: str,
    location: Location,
    participants: Sequence[Participant],
    quote: str,
    fallback: Mode = "visit",
    roles: Roles | None = None,
) -> tuple[Mode, str | None]:
    """The mode of one meeting and, for a visit, its host.

    Args:
        meeting_format: in_person, phone or video.
        location: where it is held (city and country as grounded).
        participants: the principals, with the countries they represent where known.
        quote: the sentences that report the meeting.
        fallback: the mode when nothing above decides (the model's, where it gave one).
        roles: who the sentences say travels and who receives (`event_roles`); a host named so
            comes first, then the one other person of a visitor's two-person meeting, then the
            participant whose country the meeting is held in.

    Returns:
        (mode, host name or None).
    """
    if meeting_format != "in_person":
        return "phone", None
    # The mode needs the city's country even where the article does not name it (Madrid: Spain),
    # or the country of a seat of government it is held in (the White House, the Kremlin).
    where = location.country or city_country(location.city) or venue_country(location.venue)
    host = _host_by_roles(participants, roles) or next(
        (p.name for p in participants if where and p.country == where), None
    )
    countries = {p.country for p in participants if p.country}
    if len(countries) >= 3:
        return "multilateral", None
    if any(word in quote.lower() for word in words("places", "visit_words")):
        return "visit", host
    if where and countries and where not in countries:
        return "third_party", None
    if host is not None:
        return "visit", host
    mode: Mode = fallback if fallback != "phone" else "visit"
    return mode, None


def _host_by_roles(participants: Sequence[Participant], roles: Roles | None) -> str | None:
    if roles is None:
        return None
    names = [p.name for p in participants]
    hosts = [n for n in names if n in roles.hosts]
    if len(hosts) == 1:
        return hosts[0]
    visitors = [n for n in names if n in roles.visitors]
    if len(names) == 2 and len(visitors) == 1:
        return next(n for n in names if n != visitors[0])
    return None


def named_forms(
    participants: Sequence[Participant], article: ArticleContext
) -> tuple[list[tuple[str, tuple[str, ...]]], list[str]]:
    """Each participant with the forms the article writes them in, and the article's other people
    (`grounding.rules.hosts.visit_roles`' `people` and `others`)."""
    people = [(p.name, article.mention_forms(p.name)) for p in participants]
    others = [n for n in article.people if not any(same_person(n, p.name) for p in participants)]
    return people, others


def event_roles(participants: Sequence[Participant], quotes: Sequence[str], article: ArticleContext) -> Roles:
    """Who the quoted sentences make host and visitor among the participants (`grounding.rules.hosts`).

    Args:
        participants: the meeting's people.
        quotes: its evidence sentences.
        article: the article, for the forms it writes each person in.

    Returns:
        The hosts and visitors; a person both somewhere is neither.
    """
    people, others = named_forms(participants, article)
    found = [visit_roles(q, people, others) for q in quotes]
    hosts = frozenset().union(*(r.hosts for r in found))
    visitors = frozenset().union(*(r.visitors for r in found))
    return Roles(hosts - visitors, visitors - hosts)


def told(event: MeetingEvent, events: list[MeetingEvent], article: ArticleContext) -> list[str]:
    """The sentences that tell of the event: its evidence and its passage."""
    passage = [article.text[a:b] for a, b in event_passage(event, events, article)]
    return list(dict.fromkeys([e.quote for e in event.evidence] + passage))


def derive_modes(events: list[MeetingEvent], article: ArticleContext, notes: NoteBook) -> list[MeetingEvent]:
    """Step `modes`: each event's mode and host from its format, place, people and sentences."""
    out = []
    for event in events:
        quote = " ".join(e.quote for e in event.evidence)
        roles = event_roles(event.participants, told(event, events, article), article)
        mode, host = meeting_mode(event.format, event.location, event.participants, quote, roles=roles)
        if (mode, host) == (event.mode, event.host):
            out.append(event)
            continue
        where = event.location.country or event.location.city or "an unnamed place"
        reason = {
            "phone": "the meeting is a call",
            "multilateral": "three or more countries meet",
            "third_party": f"no participant represents {where}",
            "visit": (
                f"{host} receives the visitor"
                if host and (host in roles.hosts or roles.visitors)
                else f"hosted in {where}"
                if host
                else "one side visits the other"
            ),
        }[mode]
        notes.add(
            "mode_derived",
            f"mode {mode!r}{f', host {host!r}' if host else ''}: {reason}",
            first_span(event),
        )
        out.append(event.model_copy(update={"mode": mode, "host": host}))
    return out


def fill_hosts(events: list[MeetingEvent], article: ArticleContext, notes: NoteBook) -> list[MeetingEvent]:
    """Step `hosts`: a visit the answer gives no host gets the one its sentences have receive the
    other (or the other of a traveller's two-person meeting), else the participant whose country
    it is held in, as `meeting_mode` reads them; a host the answer gives is left as it is."""
    out = []
    for event in events:
        if event.format != "in_person" or event.mode != "visit" or event.host is not None:
            out.append(event)
            continue
        quote = " ".join(e.quote for e in event.evidence)
        roles = event_roles(event.participants, told(event, events, article), article)
        mode, host = meeting_mode(event.format, event.location, event.participants, quote, "visit", roles)
        if mode != "visit" or host is None:
            out.append(event)
            continue
        where = event.location.country or event.location.city or event.location.venue
        reason = (
            f"{host} receives the visitor" if host in roles.hosts or roles.visitors else f"hosted in {where}"
        )
        notes.add("host_derived", f"host {host!r}: {reason}", first_span(event))
        out.append(event.model_copy(update={"host": host}))
    return out
