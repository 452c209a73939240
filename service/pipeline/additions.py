"""Meetings stated plainly (SERVICE_RULE_RECALL): what a sentence says and the answer left out.

Three steps, in the pipeline's order (`service/pipeline/steps.py`): `missing_subjects` (the
subject an event left out, put back), `other_occasions` (another meeting of a pair found, recalled
in passing or announced), `principal_meetings` (a counterpart the principal meets, or a bulleted
list of engagements). The detection is deterministic (`grounding/rules/other_occasions.py`,
`grounding/rules/counterparts.py`); this module turns each sentence into an event with the sentence
as its evidence and its own status, date, place and format. Nothing is asked of the model, so it
costs no time and works the same on every backend.
"""

from __future__ import annotations

import dataclasses
import datetime as dt

from grounding.article import ArticleContext
from grounding.rules.antecedents import FIRST_PERSON_SUBJECT, speaker
from grounding.rules.counterparts import (
    PrincipalMeeting,
    each_met,
    joint_meetings,
    lead_person,
    listed_meetings,
    meetings_between,
    met_together_with,
    office_written,
    principal_meetings,
    rank_subject,
    stray_subject,
    subject_meeting,
)
from grounding.rules.cues import says_met_together
from grounding.rules.other_occasions import ANOTHER_MEETING, Occasion, occasion_in, other_occasions
from grounding.text.candidates import not_a_participant, titled
from grounding.text.dates import direction_of, resolve_date
from grounding.text.folding import fold_plain
from grounding.text.names import all_among, first_named, same_person
from schemas.events import Location, MeetingEvent, Mode, Participant
from schemas.extraction import LLMLocation
from service.pipeline.domestic import domestic_country
from service.pipeline.grounded_values import read_people, supported_topics
from service.pipeline.modes import event_roles, meeting_mode
from service.pipeline.normalize import (
    cited_spans,
    first_span,
    ground,
    in_article_order,
    normalize_location,
    own_city,
    paragraph_date_phrase,
    resolve_dates,
)
from service.pipeline.step import NoteBook
from service.pipeline.unnamed import unnamed_reason


def _pair_key(event: MeetingEvent) -> tuple[str, ...]:
    return tuple(sorted(p.name for p in event.participants))


def _occasion_event(found: MeetingEvent, occasion: Occasion, article: ArticleContext) -> MeetingEvent:
    """The event of `occasion`: `found`'s participants, the occasion's own time, place and evidence."""
    quote = article.text[occasion.start : occasion.end]
    meeting_format = occasion.call or "in_person"
    location = normalize_location(
        LLMLocation(city=occasion.city, country=occasion.country), meeting_format, article
    )
    roles = event_roles(found.participants, [quote], article)
    mode, host = meeting_mode(meeting_format, location, found.participants, quote, found.mode, roles)
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
        evidence=ground([quote], article),
    )


def add_other_occasions(
    events: list[MeetingEvent], article: ArticleContext, notes: NoteBook
) -> list[MeetingEvent]:
    """Step `other_occasions`: add the other meetings the article reports of each pair already found.

    Args:
        events: the events found, merged, in article order.
        article: the whole article.
        notes: receives one note per added event.

    Returns:
        The events with the added ones, in article order.
    """
    cited = cited_spans(events)
    pairs: dict[tuple[str, ...], MeetingEvent] = {}
    for event in events:
        names = [p.name for p in event.participants]
        if len(names) == 2 and not same_person(*names):
            pairs.setdefault(_pair_key(event), event)
    people = {p.name for e in events for p in e.participants}
    added: list[MeetingEvent] = []
    taken: set[int] = set()
    for found in pairs.values():
        names = [p.name for p in found.participants]
        only_pair = len(pairs) == 1 and all_among(people, names)
        titles = [
            [t for t in (p.title, *(h.title for h in article.principals if same_person(h.name, p.name))) if t]
            for p in found.participants
        ]
        for occasion in other_occasions(article, names, cited, only_pair, titles, found.date):
            if occasion.start in taken or (occasion.status == "planned" and found.status == "planned"):
                # A planned meeting's own announcement ("will pay a visit ... from November 5")
                # reads like another occasion; a second planned meeting of one pair is rare.
                continue
            taken.add(occasion.start)
            added.append(_occasion_event(found, occasion, article))
            notes.add(
                "event_added_occasion",
                f"added a {occasion.status} meeting of {' and '.join(names)} that the article reports "
                f"in passing ({article.text[occasion.start : occasion.end][:80]!r})",
                (occasion.start, occasion.end),
            )
    if not added:
        return events
    # The people of an added meeting read as every event's are: around each of their mentions.
    return in_article_order([*events, *_read_added(added, article, notes)])


def _read_added(added: list[MeetingEvent], article: ArticleContext, notes: NoteBook) -> list[MeetingEvent]:
    """Added events read as every answered event is: an undated one's day from its phrase, the
    people around their mentions, then the topics their own sentences name (the answer's steps ran
    before they were added).

    Not their outcomes: measured (same answers replayed), outcomes of added meetings cost dev
    outcome precision 0.10 while gaining test recall 0.12, so a rule that helps one split only.
    """
    # "held a summit on November 11 with X" in an article with no publication date: the day takes the
    # last year the article writes before it, as an answered event's does (step `dates`).
    dated = [resolve_dates([e], article, notes)[0] if e.date is None and e.date_text else e for e in added]
    return supported_topics(read_people(dated, article, notes), article, notes)


def office_mentions(article: ArticleContext) -> list[tuple[int, int, str]]:
    """The article's bare office phrases with who holds them ("The President" -> Joe Biden)."""
    return [(a, b, h.name) for h in article.principals for a, b in h.mentions]


def principal_of(events: list[MeetingEvent], article: ArticleContext) -> Participant | None:
    """Who meets everyone: the person in two or more events; else the issuing government's
    office-holder ("The Prime Minister" on GOV.UK); else who an event's evidence names first; else
    the readout's lead person (the first titled person of its opening) when an event names them,
    or when there is no event; else the first participant.
    """
    people: list[tuple[Participant, int]] = []
    for event in events:
        for person in event.participants:
            index = next((i for i, (p, _) in enumerate(people) if same_person(p.name, person.name)), None)
            if index is None:
                people.append((person, 1))
            else:
                people[index] = (people[index][0], people[index][1] + 1)
    top = max(people, key=lambda pc: pc[1]) if people else None
    if top is not None and top[1] > 1:
        return top[0]
    holder = next((p for p, _ in people if article.is_principal(p.name)), None)
    if holder is not None:
        return holder
    if article.principals:
        office = article.principals[0]
        return Participant(name=office.name, title=office.title, country=office.country)
    # "Vladimir Putin and Prime Minister of India Manmohan Singh held talks": who the event's own
    # sentence names first.
    for event in events:
        spans = [(e.start, e.end) for e in event.evidence if e.start is not None and e.end is not None]
        passage = " ".join(article.text[a:b] for a, b in spans)
        # "Also on May 6, the admiral met with Minister X": the admiral is the one named first.
        ranked = rank_subject(article, article.text[slice(*spans[0])]) if spans else None
        if ranked is not None and (
            who := next((p for p in event.participants if same_person(p.name, ranked)), None)
        ):
            return who
        first = first_named([p.name for p in event.participants], passage)
        if first is not None:
            return event.participants[first]
    lead = lead_person(article)
    if lead is not None:
        named = next((p for p, _ in people if same_person(p.name, lead)), None)
        if named is not None or not people:
            return named or Participant(name=lead, title=None, country=None)
    return top[0] if top is not None else None


def _told_date(meeting: PrincipalMeeting, article: ArticleContext) -> dt.date | None:
    """The day a sentence gives a meeting: its date phrase, or the days after the day a programme
    set ("The following morning" of "On Sunday": the Sunday, and the days after)."""
    date = resolve_date(meeting.date_text, article.published, direction_of(meeting.status))
    if meeting.days_after:
        anchor = resolve_date(meeting.anchor, article.published, direction_of(meeting.status))
        date = anchor + dt.timedelta(days=meeting.days_after) if anchor is not None else None
    return date


def _principal_event(
    principal: Participant,
    counterparts: list[Participant],
    meeting: PrincipalMeeting,
    found: MeetingEvent | None,
    article: ArticleContext,
    listed: bool = False,
) -> MeetingEvent:
    """One meeting of the principal from its sentence; time and place from the sentence, else (same
    day of talks) from the principal's event found of the same status."""
    quote = article.text[meeting.start : meeting.end]
    meeting_format = meeting.call or "in_person"
    # A listed engagement ("- Prime Minister X [in person]") is dated by its list's heading and
    # placed by nothing; a sentence of the day of talks shares the talks' day and place.
    same = found if found is not None and found.status == meeting.status and not listed else None
    if meeting.city or meeting.country or same is None:
        location = normalize_location(
            LLMLocation(city=meeting.city, country=meeting.country), meeting_format, article
        )
    else:
        location = same.location.model_copy() if meeting_format == "in_person" else Location()
    date_text = meeting.date_text
    date = _told_date(meeting, article)
    if date_text is None and not meeting.days_after and not listed:
        # "X met his counterparts here yesterday. X met A, B and C.": the paragraph's day.
        date_text = paragraph_date_phrase(article, meeting.start, meeting.status)
        date = resolve_date(date_text, article.published, direction_of(meeting.status))
    if date_text is None and same is not None:
        date_text, date = same.date_text, same.date
    participants = [principal.model_copy(), *counterparts]
    mode: Mode = (
        "phone" if meeting_format != "in_person" else ("multilateral" if len(counterparts) > 1 else "visit")
    )
    host = None
    if mode == "visit":
        # The host as every other event's is read (the side whose country it is held in); the mode
        # stays a visit, which the principal's own travel makes it (measured: reading the mode
        # too made it worse on dev, 0.90 -> 0.81).
        roles = event_roles(participants, [quote], article)
        read_mode, read_host = meeting_mode(meeting_format, location, participants, quote, mode, roles)
        host = read_host if read_mode == "visit" else None
    return MeetingEvent(
        participants=participants,
        host=host,
        date=date,
        date_text=date_text,
        location=location,
        format=meeting_format,
        status=meeting.status,
        mode=mode,
        topics=[],
        outcomes=[],
        evidence=ground([quote], article),
    )


def _same_people(event: MeetingEvent, counterparts: list[Participant]) -> bool:
    others = event.participants[1:]
    return len(others) == len(counterparts) and all(
        any(same_person(a.name, b.name) for b in counterparts) for a in others
    )


def _speakers(article: ArticleContext) -> list[Participant]:
    """Whoever says "I met ..." where the article says who speaks (a quotation's attribution, a
    transcript's speaker line), with the office written around their name."""
    out: list[Participant] = []
    for start, end in article.sentences:
        if not FIRST_PERSON_SUBJECT.search(article.text[start:end].strip()):
            continue
        said_by = speaker(article, start)
        if said_by is not None and not any(same_person(said_by, s.name) for s in out):
            title, country = office_written(article, said_by)
            out.append(Participant(name=said_by, title=title, country=country))
    return out


def add_principal_meetings(
    events: list[MeetingEvent], article: ArticleContext, notes: NoteBook
) -> list[MeetingEvent]:
    """Step `principal_meetings`: add the meetings of the principal with the people a sentence names
    and no event does, and the meetings a sentence tells as "talks between A and B" that no event has.

    Args:
        events: the events found, merged, in article order.
        article: the whole article.
        notes: receives one note per added event (and per sentence that tells an added one again).

    Returns:
        The events with the added ones, in article order.
    """
    principal = principal_of(events, article)
    speakers = _speakers(article)
    cited = cited_spans(events)
    between = meetings_between(article, cited, [principal.name] if principal is not None else [])
    # "A, B and C will hold a meeting": a group's meeting, told with no one after the meeting word.
    joint = joint_meetings(article, cited)
    # "B, C and D each met A separately": one meeting of each with A.
    each = each_met(article)
    if principal is None and not speakers and not between and not joint and not each:
        return events
    named = [p.name for e in events for p in e.participants]
    # An answer's event of people its sentences never tell meeting (the `unnamed_people` step drops
    # it) answers for none of them: "will meet with Prime Minister Clark, Foreign Minister Peters"
    # is still the principal's meeting with each when the model put Clark with Peters.
    # So does one of a single country's people among themselves (the `domestic` step drops it): "met
    # with Prime Minister Lee and Minister of Defense Ng" is the principal's meeting with each when the
    # model put Lee with Ng.
    in_told = [
        p.name
        for e in events
        if unnamed_reason(e, article) is None and domestic_country(e) is None
        for p in e.participants
    ]
    stray = [n for n in named if not any(same_person(n, t) for t in in_told)]
    added: list[MeetingEvent] = []
    offices = office_mentions(article)
    subjects: list[Participant] = []
    if principal is not None:
        # The principal's meetings, and those of an issuing office-holder who is not the principal
        # ("The President will then meet with President Herzog" when the answer's events are Lapid's).
        subjects = [principal] + [
            Participant(name=h.name, title=h.title, country=h.country)
            for h in article.principals
            if not same_person(h.name, principal.name)
        ]
        # News copy reports several people's meetings ("..., while Foreign Minister Ann Lee met her
        # counterpart ..."): anyone else the article names in full with a title may be the subject of
        # such a sentence too, with the title and country written before the name.
        for name in article.people:
            if len(name.split()) < 2 or any(same_person(name, s.name) for s in subjects):
                continue
            if not titled(article.text, name):
                continue
            title, country = office_written(article, name)
            subjects.append(Participant(name=name, title=title, country=country))
    subjects += [s for s in speakers if not any(same_person(s.name, o.name) for o in subjects)]
    meetings: list[tuple[PrincipalMeeting, bool, Participant]] = []
    for subject in subjects:
        lead = principal is not None and same_person(subject.name, principal.name)
        lead = lead or article.is_principal(subject.name)
        # Someone no event names meeting the lead ("Kim also met Lee").
        meets_lead = None
        if (
            principal is not None
            and not lead
            and not any(any(same_person(subject.name, p.name) for p in e.participants) for e in events)
        ):
            meets_lead = principal.name
        for m in principal_meetings(
            article, subject.name, named, cited, offices, lead=lead, meets_lead=meets_lead, stray=stray
        ):
            meetings.append((m, False, subject))
    if principal is not None:
        meetings += [(m, True, principal) for m in listed_meetings(article, [*named, principal.name], cited)]
    # "the telephone conversation between A and B", "A, B and C will hold a meeting": a meeting told
    # with no subject, the first person its subject, unless an event has them all already.
    in_passing: set[int] = set()
    for m, first in (*between, *joint, *each):
        together = [first, *(c.name for c in m.counterparts)]
        if any(all_among(together, (p.name for p in e.participants)) for e in events):
            continue
        if any(m is e for e, _ in each):
            # Each met `first` on their own: those an event pairs with `first` already are answered.
            unpaired = tuple(
                c
                for c in m.counterparts
                if not any(all_among([first, c.name], (p.name for p in e.participants)) for e in events)
            )
            if not unpaired:
                continue
            m = dataclasses.replace(m, counterparts=unpaired)
            in_passing.add(id(m))
        title, country = office_written(article, first)
        meetings.append((m, False, Participant(name=first, title=title, country=country)))
    # A meeting told on its own ("the conversation between A and B", "A, B and C met") is not on
    # the day of the subject's other talks.
    told_in_passing = {id(m) for m, _ in (*between, *joint, *each)} | in_passing
    for meeting, listed, subject in sorted(meetings, key=lambda ml: ml[0].start):
        if meeting.subject is not None:
            title, country = office_written(article, meeting.subject)
            subject = Participant(name=meeting.subject, title=title, country=country)
        people = [Participant(name=c.name, title=c.title, country=c.country) for c in meeting.counterparts]
        # The article's capitalised runs a sentence holds are not all people ("Meeting With Ghani in
        # Munich", "in New Delhi Tuesday"): the rules read no more into them than an answer may.
        refused = {
            p.name: why for p in (subject, *people) if (why := not_a_participant(p.name, article.text))
        }
        for name, why in refused.items():
            notes.add(
                "participant_not_a_person",
                f"{name!r} dropped: {why}, not a participant",
                (meeting.start, meeting.end),
            )
        if subject.name in refused:
            continue
        people = [p for p in people if p.name not in refused]
        groups = [people] if meeting.together else [[p] for p in people]
        for group in groups:
            again = next((e for e in added if _same_people(e, group)), None)
            if again is not None and _another_occasion(again, meeting, article):
                again = None  # "welcomed X to Dublin on 8 July" and "also met X in Salzburg on 19 September"
            if again is not None:
                # "Prime Minister Boris Johnson met President Trump ..." then "The Prime Minister
                # met President Trump this evening": one meeting told twice.
                told = {(e.start, e.end) for e in again.evidence}
                quote = article.text[meeting.start : meeting.end]
                fresh = [e for e in ground([quote], article) if (e.start, e.end) not in told]
                if fresh:  # the same sentence found again (several subjects) is not a new telling
                    again.evidence.extend(fresh)
                    notes.add(
                        "evidence_added",
                        f"the added meeting of {subject.name} is told again; the sentence joins its evidence",
                        (meeting.start, meeting.end),
                    )
                    if (
                        again.date_text is None
                        and meeting.date_text is not None
                        and meeting.status == again.status
                    ):
                        # A headline tells it undated ("Tokayev receives Foreign Minister X"), the
                        # body with its day ("On 12 March, President Tokayev received ...").
                        added[added.index(again)] = again.model_copy(
                            update={"date": _told_date(meeting, article), "date_text": meeting.date_text}
                        )
                        notes.add(
                            "date_from_context",
                            f"date phrase {meeting.date_text!r} taken from the sentence that tells the "
                            f"added meeting of {subject.name} again",
                            (meeting.start, meeting.end),
                        )
                continue
            # A meeting told in passing ("the conversation between A and B") is not on the day of
            # the subject's other talks.
            own = (
                next(
                    (e for e in events if any(same_person(subject.name, p.name) for p in e.participants)),
                    None,
                )
                if id(meeting) not in told_in_passing
                else None
            )
            added.append(_principal_event(subject, group, meeting, own, article, listed))
            notes.add(
                "event_added_principal_meeting",
                f"added a {meeting.status} meeting of {subject.name} with "
                f"{' and '.join(p.name for p in group)} that the answer left out "
                f"({article.text[meeting.start : meeting.end][:80]!r})",
                (meeting.start, meeting.end),
            )
    if not added:
        return events
    # The people of an added meeting read as every event's are: around each of their mentions.
    return in_article_order([*events, *_read_added(added, article, notes)])


def _another_occasion(event: MeetingEvent, meeting: PrincipalMeeting, article: ArticleContext) -> bool:
    """Whether a sentence telling the same people meeting again tells another meeting: it says so
    ("also", "again") and its own day differs from the event's, or its own city does (each side's
    written, neither left out); or it tells an earlier meeting ("Lavrov had previously met Qin Gang
    on the sidelines of the G20 ... this March", `occasion_in`), which is never the one reported."""
    sentence = article.text[meeting.start : meeting.end]
    found = occasion_in(sentence)
    if found is not None and found[0] == "occurred" and meeting.status == "occurred":
        return True
    if not ANOTHER_MEETING.search(sentence):
        return False
    if event.date is not None and meeting.date_text is not None:
        day = _told_date(meeting, article)
        if day is not None and day != event.date:
            return True
    city = event.location.city
    return city is not None and meeting.city is not None and fold_plain(city) != fold_plain(meeting.city)


def add_missing_subjects(
    events: list[MeetingEvent], article: ArticleContext, notes: NoteBook
) -> list[MeetingEvent]:
    """Put back the person who met the others: "Putin had a telephone conversation with Merkel and
    Hollande" answered with Merkel and Hollande alone, "Biden will travel to London for engagements
    with King Charles III and Prime Minister Rishi Sunak" with the King and Sunak alone.

    The subject is the person named before the meeting word of a sentence naming all the event's
    participants after it; a pronoun or an office ("He", "The President") is the principal. An
    in-person meeting thus listed is then one meeting per counterpart, as any list is.

    Args:
        events: the events found, in article order.
        article: the whole article.
        notes: receives one note per event completed (and per event split).

    Returns:
        The events, completed ones in place (split when listed).
    """
    principal = principal_of(events, article)
    out: list[MeetingEvent] = []
    for number, event in enumerate(events, start=1):
        names = [p.name for p in event.participants]
        spans = [(e.start, e.end) for e in event.evidence if e.start is not None and e.end is not None]
        found = subject_meeting(article, names, spans, office_mentions(article))
        if found is None:
            replaced = _replace_stray(event, number, article, spans, notes)
            if replaced is not None:
                out.extend(replaced)
                continue
        subject = (
            Participant(name=found.name, title=None, country=None)
            if found is not None and found.name is not None
            else principal
            if found is not None
            else None
        )
        if found is None or subject is None or any(same_person(subject.name, n) for n in names):
            out.append(event)
            continue
        holder = next((h for h in article.principals if subject and same_person(h.name, subject.name)), None)
        if principal is not None and same_person(principal.name, subject.name):
            subject = principal
        elif holder is not None:
            subject = Participant(name=holder.name, title=holder.title, country=holder.country)
        evidence = list(event.evidence)
        if not any(e.start == found.start for e in evidence):
            evidence = [*ground([article.text[found.start : found.end]], article), *evidence]
        notes.add(
            "subject_added",
            f"event {number}: {subject.name} added, who the article says met "
            f"{' and '.join(names)} ({article.text[found.start : found.end][:80]!r})",
            (found.start, found.end),
        )
        sentence = article.text[found.start : found.end]
        # The sentence that says who met says where, too ("In Auckland, Secretary Lee will meet ...").
        event = own_city(event.model_copy(update={"evidence": evidence}), article, notes, "missing_subjects")
        changes: dict[str, object] = {"evidence": evidence}
        if found.planned and event.status != "planned":
            # The model cited a headline; the sentence that says who meets says when, too.
            date = resolve_date(event.date_text, article.published, "future")
            changes.update(status="planned", date=date)
        if event.format != "in_person" or len(names) < 2 or says_met_together(sentence):
            joining = _joining(article, (found.start, found.end), [subject.name, *names], number, notes)
            if joining and event.format == "in_person":
                changes.update(mode="multilateral", host=None)
            completed = event.model_copy(
                update={**changes, "participants": [subject, *event.participants, *joining]}
            )
            # The person put back read as every participant is (the answer's steps ran before).
            out.append(_hosted(read_people([completed], article, notes)[0], article, notes))
            continue
        # "for engagements with King Charles III and Prime Minister Rishi Sunak": one meeting each,
        # as any list is (`split_listed_counterparts`), decided on this sentence alone.
        notes.add(
            "event_split",
            f"event {number} split into {len(names)} meetings of {subject.name}",
            (found.start, found.end),
        )
        pairs = [
            event.model_copy(update={**changes, "participants": [subject, other], "host": None}, deep=True)
            for other in event.participants
        ]
        out.extend(_hosted(pair, article, notes) for pair in read_people(pairs, article, notes))
    return out


def _replace_stray(
    event: MeetingEvent, number: int, article: ArticleContext, spans: list[tuple[int, int]], notes: NoteBook
) -> list[MeetingEvent] | None:
    """The event with the person its sentence never names replaced by the sentence's subject
    (`stray_subject`), one meeting per counterpart unless the sentence says they met together;
    None when no cited sentence says so."""
    names = [p.name for p in event.participants]
    found = stray_subject(article, names, spans, office_mentions(article))
    if found is None or found[0].name is None:
        return None
    meeting, stray = found
    assert meeting.name is not None  # for mypy: checked above
    holder = next((h for h in article.principals if same_person(h.name, meeting.name)), None)
    subject = (
        Participant(name=holder.name, title=holder.title, country=holder.country)
        if holder is not None
        else Participant(name=meeting.name, title=None, country=None)
    )
    others = [p for p in event.participants if p.name != stray]
    sentence = article.text[meeting.start : meeting.end]
    notes.add(
        "subject_replaced",
        f"event {number}: {stray} replaced by {subject.name}, who the sentence it cites says met "
        f"{' and '.join(p.name for p in others)} ({sentence[:80]!r})",
        (meeting.start, meeting.end),
    )
    changes: dict[str, object] = {"host": None}
    if meeting.planned and event.status != "planned":
        changes.update(status="planned", date=resolve_date(event.date_text, article.published, "future"))
    if event.format != "in_person" or len(others) < 2 or says_met_together(sentence):
        named = [subject.name, *(p.name for p in others)]
        joining = _joining(article, (meeting.start, meeting.end), named, number, notes)
        if joining and event.format == "in_person":
            changes["mode"] = "multilateral"
        completed = event.model_copy(
            update={**changes, "participants": [subject, *others, *joining]}, deep=True
        )
        return [_hosted(read_people([completed], article, notes)[0], article, notes)]
    notes.add(
        "event_split",
        f"event {number} split into {len(others)} meetings of {subject.name}",
        (meeting.start, meeting.end),
    )
    pairs = [
        event.model_copy(update={**changes, "participants": [subject, other]}, deep=True) for other in others
    ]
    return [_hosted(pair, article, notes) for pair in read_people(pairs, article, notes)]


def _joining(
    article: ArticleContext, span: tuple[int, int], named: list[str], number: int, notes: NoteBook
) -> list[Participant]:
    """Everyone else the sentence at `span` says was at the one meeting ("the Quad Leaders' meeting
    with A, B and C" answered with A and C), each with a note; the caller makes an in-person meeting
    of three or more multilateral."""
    joining = [
        Participant(name=n, title=None, country=None) for n in met_together_with(article, *span, named)
    ]
    if joining:
        notes.add(
            "participant_completed",
            f"event {number}: {' and '.join(p.name for p in joining)} added, whom the sentence says "
            "met together with the others",
            span,
        )
    return joining


def _hosted(event: MeetingEvent, article: ArticleContext, notes: NoteBook) -> MeetingEvent:
    """A visit whose person was put back, with the host its sentences name (the one who receives,
    or the other of a traveller's two-person meeting), where it has none."""
    if event.format != "in_person" or event.mode != "visit" or event.host is not None:
        return event
    quotes = [e.quote for e in event.evidence]
    roles = event_roles(event.participants, quotes, article)
    _, host = meeting_mode(event.format, event.location, event.participants, " ".join(quotes), "visit", roles)
    if host is None:
        return event
    notes.add("mode_derived", f"host {host!r}, read once the person was put back", first_span(event))
    return event.model_copy(update={"host": host})
