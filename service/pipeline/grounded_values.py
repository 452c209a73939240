"""Steps that keep a free value only where the article supports it: topics and outcomes.

A small model fills `topics` and `outcomes` from its worked example or its own guesses (on the
held-out split the evals counted three topics in four, and half the outcomes, as unsupported by the
article). Both are read from the event's **passage** instead: its sentences from the first one its
evidence lies in up to the first sentence of the next event reported after it (or the end), which
is where a news story tells what a meeting was about and what came of it.

- `topics`: a topic the model gave stays only when the passage names it
  (`grounding/lexicon/topics.yaml`); the others go, with a note.
- `outcomes`: the passage's sentences that report what the meeting produced (an agreement signed,
  an invitation extended, a decision; `grounding/lexicon/outcomes.yaml`), quoted as the article
  writes them; the model's own phrasings go, with a note.
"""

from __future__ import annotations

import re
from typing import cast

from grounding.article import ArticleContext
from grounding.lexicon import regex, word_set
from grounding.rules.counterparts import (
    country_pairs,
    rank_only,
    shared_country,
    without_honorifics,
    written_office,
)
from grounding.rules.hosts import at_a_gathering, visit_roles
from grounding.rules.offices import holders_country, national_office_before, office_country, office_described
from grounding.rules.places import named_countries, place_in
from grounding.rules.topics import discussed_countries, discussed_topics, outcome_sentences
from grounding.text.folding import fold_plain
from grounding.text.folding import words as folded_words
from grounding.text.gazetteer import city_country
from grounding.text.names import same_person
from schemas.events import MeetingEvent, Participant, Topic
from service.pipeline.modes import event_roles, told
from service.pipeline.normalize import first_span
from service.pipeline.passages import event_passage, meeting_sentences, office_phrase
from service.pipeline.step import NoteBook


def supported_topics(
    events: list[MeetingEvent], article: ArticleContext, notes: NoteBook
) -> list[MeetingEvent]:
    """Step `topics`: each event's topics, only those its passage says were discussed, and those its
    own sentences (and the one after each) say were discussed that the model left out (note
    `topic_from_article`, with the cue's span)."""
    out = []
    for event in events:
        passage = event_passage(event, events, article)
        said = discussed_topics(article.text, passage)
        own = meeting_sentences(event, article, passage)
        cues = discussed_topics(article.text, own)
        # discussed_topics reads the lexicon, whose keys are the schema's topics (checked at start-up).
        if "regional_issues" not in cues and (foreign := regional_cue(event, article, own)):
            cues["regional_issues"] = foreign
            said.setdefault("regional_issues", foreign)
        named = [cast(Topic, t) for t in cues if t not in event.topics]
        kept: list[Topic] = [t for t in event.topics if t in said] + named
        gone = [t for t in event.topics if t not in said]
        if gone:
            notes.add(
                "topic_unsupported",
                f"topics {', '.join(gone)} dropped: the event's passage does not say they were discussed",
                first_span(event),
            )
        for topic in named:
            notes.add(
                "topic_from_article",
                f"topic {topic!r}, which the meeting's own sentences say was discussed",
                cues[topic],
            )
        out.append(event.model_copy(update={"topics": kept}) if kept != event.topics else event)
    return out


def regional_cue(
    event: MeetingEvent, article: ArticleContext, spans: list[tuple[int, int]]
) -> tuple[int, int] | None:
    """Where the sentences `spans` name, after a discussion word, a country none of the event's
    people represents and the meeting is not held in ("They discussed Syria, Afghanistan and
    Iran"): a third country's affairs are a regional issue. Only when the article gives every
    participant a country (else the country named may be one of theirs).

    Args:
        event: the event, its people read.
        article: the request's article analysis.
        spans: the sentences to read.

    Returns:
        The span of the first such country's name, or None.
    """
    own = {p.country for p in event.participants}
    if None in own:
        return None
    own.add(event.location.country)
    return next(
        (span for country, span in discussed_countries(article.text, spans) if country not in own), None
    )


def article_outcomes(
    events: list[MeetingEvent], article: ArticleContext, notes: NoteBook
) -> list[MeetingEvent]:
    """Step `outcomes`: each event's outcomes, the sentences of its passage that report one."""
    out = []
    for event in events:
        # A planned meeting has produced nothing yet.
        passage = event_passage(event, events, article) if event.status != "planned" else []
        sides = [(p.name, p.country) for p in event.participants]
        spans = outcome_sentences(article.text, passage, event.date_text, sides)
        kept = list(dict.fromkeys(article.text[a:b] for a, b in spans))
        for outcome in event.outcomes:
            if outcome not in kept:
                notes.add(
                    "outcome_unsupported",
                    f"outcome {outcome[:80]!r} dropped: outcomes are the article's own sentences",
                    first_span(event),
                )
        for a, b in spans:
            if article.text[a:b] not in event.outcomes:
                notes.add("outcome_from_article", f"outcome {article.text[a:b][:80]!r}", (a, b))
        out.append(event.model_copy(update={"outcomes": kept}) if kept != event.outcomes else event)
    return out


# A value read for a participant: the value, the sentence it was read from (None for a public fact
# of offices.yaml), and where it comes from ("article", "office": an office they hold or held,
# "title": the country whose government alone has the office the article titles them with).
Reading = tuple[str, tuple[int, int] | None, str]


def _read_person(
    person: Participant, event: MeetingEvent, events: list[MeetingEvent], article: ArticleContext
) -> tuple[Reading | None, Reading | None]:
    """The title and the country the article writes around the person's mentions, each with the
    sentence it was read from: the event's passage first, then the rest of the article (the words
    before the name, "of <country>" after it, a demonym), else the issuing office the person holds,
    else the country whose government alone has the office of the title read."""
    passage = event_passage(event, events, article)
    title: Reading | None = None
    country: Reading | None = None
    sentences = passage + [s for s in article.sentences if s not in passage]
    # A fuller form of the title first read, written elsewhere ("Secretary Hagel" in the passage,
    # "Defense Secretary Chuck Hagel" in the lead, or "Secretary of Defense Chuck Hagel" for a
    # one-word title): the office as the article writes it in full.
    fuller: Reading | None = None
    # An office only one government has, in the offices written right before a mention.
    national: Reading | None = None
    # The full name first; then the surname alone ("Deputy Secretary Sherman's meeting"), where no
    # other person of the article bears it.
    for mention in [person.name, *filter(None, [article.unique_surname(person.name)])]:
        # The full name in any case ("Ms. KAMIKAWA Yoko": a family name in capitals), a lone surname
        # only as written (a surname may be an English word).
        flags = re.IGNORECASE if mention == person.name and " " in mention else 0
        for a, b in sentences:
            sentence = article.text[a:b]
            found = re.search(r"(?<!\w)" + re.escape(mention) + r"(?!\w)", sentence, flags)
            if found is None:
                continue
            found_title, found_country = written_office(sentence, found.group(0), article.people)
            if title is None and found_title:
                title = (found_title, (a, b), "article")
            elif (
                title is not None
                and found_title
                and fuller is None
                and (
                    found_title.lower().endswith(" " + title[0].lower())
                    # A one-word title first read, "Secretary" of "Secretary of Defense Jim
                    # Mattis" (a longer one taken for a longer one cost the held-out split).
                    or (" " not in title[0] and found_title.lower().startswith(title[0].lower() + " "))
                )
            ):
                fuller = (found_title, (a, b), "article")
            if country is None and found_country:
                country = (found_country, (a, b), "article")
            if (
                national is None
                and (before := national_office_before(sentence, found.start(), article.people)) is not None
            ):
                national = (before[0], (a + before[1], a + before[2]), "title")
    if title is not None and fuller is not None:
        title = fuller
    holder = next((h for h in article.office_holders if same_person(h.name, person.name)), None)
    if holder is not None:
        title = title or (holder.title, None, "office")
        country = country or (holder.country, None, "office")
    else:
        # A sitting office-holder named in full holds that office and serves its country on the
        # publication date (offices.yaml, dated and sourced): a derived value, where the article
        # writes none around the name.
        named = next((h for h in article.named_holders if same_person(h.name, person.name)), None)
        if named is not None:
            title = title or (named.title, None, "office")
            country = country or (named.country, None, "office")
        elif country is None and (served := holders_country(person.name)) is not None:
            country = (served, None, "office")
        if title is None and article.published is None:
            # No date to say who held an office on it: the office the article describes its
            # holder by ("The President of Russia described ..."), where the person held it.
            described = office_described(person.name, article.text, article.people)
            if described is not None:
                title = (described[0], (described[1], described[2]), "office")
    if country is None and title is not None and (of_title := office_country(title[0])) is not None:
        span = title[1]
        if span is not None and (at := article.text.find(title[0], *span)) >= 0:
            span = (at, at + len(title[0]))  # the office's words, where written as read
        country = (of_title, span, "title")
    if country is None and national is None:
        # "met with Cambodian Prime Minister A and Deputy Prime Minister B": B's too, read last.
        country = next(
            (
                (shared, (a, b), "article")
                for a, b in sentences
                if person.name in article.text[a:b]
                and (shared := shared_country(article.text[a:b], person.name, article.people))
            ),
            None,
        )
    return title, country or national


def read_people(events: list[MeetingEvent], article: ArticleContext, notes: NoteBook) -> list[MeetingEvent]:
    """Step `people`: each participant's title and country as the article writes them around the
    person's mentions; where it writes none, the model's value only if the article holds it and
    does not give it to another participant of the event (a small model hands the counterpart's
    country to both sides)."""
    out = []
    # Where each person travels, read once per step: a person is in several events.
    destinations: dict[str, set[str]] = {}
    # Each person titled as someone's counterpart: (title, span, whose), for their other events.
    counterparts: dict[str, tuple[str, tuple[int, int], str]] = {}
    for event in events:
        readings = [_read_person(person, event, events, article) for person in event.participants]
        visitors = event_roles(event.participants, told(event, events, article), article).visitors
        visited = event.location.country or city_country(event.location.city)
        # What the article writes of each person; an office's country (derived, no span) is not
        # the article giving that country to someone else.
        read_countries = [country[0] if country and country[1] else None for _, country in readings]
        people = []
        for i, (person, (title, country)) in enumerate(zip(event.participants, readings, strict=True)):
            new_title = _value(
                person.title, title, person.title is not None and person.title.lower() in article.text.lower()
            )
            ranked = new_title is not None and rank_only(new_title)
            if ranked:
                new_title = None  # "Navy Adm. X": a rank, no office
            elif new_title is not None and (bare := without_honorifics(new_title)) != new_title:
                notes.add(
                    "title_honorific_dropped",
                    f"{person.name}: title {new_title!r} -> {bare!r}: a form of address is no office",
                    title[1] if title is not None and title[1] else first_span(event),
                )
                new_title = bare
            others = read_countries[:i] + read_countries[i + 1 :]
            taken = country is None and person.country is not None and person.country in others
            # A traveller does not represent the country they travel to: the event's place where
            # its sentences say they travel, or a country any sentence says they travel to.
            if country is None and person.country is not None and person.name not in destinations:
                destinations[person.name] = _destinations(person, article)
            visiting = (
                country is None
                and person.country is not None
                and (
                    (person.name in visitors and person.country == visited)
                    or person.country in destinations[person.name]
                )
            )
            held = person.country in article.countries_named and not taken and not visiting
            new_country = _value(person.country, country, held)
            for what, old, new, read in (
                ("title", person.title, new_title, title),
                ("country", person.country, new_country, country),
            ):
                if new == old:
                    continue
                if what == "title" and ranked:
                    if old is not None:
                        notes.add(
                            "title_a_rank",
                            f"{person.name}: title {old!r} dropped: a military rank, no office",
                            read[1] if read is not None and read[1] else first_span(event),
                        )
                    continue
                if read is not None and read[2] == "title":
                    notes.add(
                        "country_from_title",
                        f"{person.name}: country {new!r}, whose government alone has the office "
                        f"{article.text[read[1][0] : read[1][1]] if read[1] else new_title!r} "
                        f"(offices.yaml: national_offices) (was {old!r})",
                        read[1] or first_span(event),
                    )
                elif read is not None and read[1] is not None and read[2] != "office":
                    notes.add(
                        f"{what}_from_article",
                        f"{person.name}: {what} {new!r} as the article writes it (was {old!r})",
                        read[1],
                    )
                elif read is not None:
                    notes.add(
                        f"{what}_from_office",
                        f"{person.name}: {what} {new!r}, of an office they hold or held (offices.yaml) "
                        f"(was {old!r})",
                        read[1]
                        or (
                            office[0]
                            if (office := office_phrase(person.name, event, events, article))
                            else first_span(event)
                        ),
                    )
                elif what == "country" and visiting:
                    notes.add(
                        "country_of_the_visited_place",
                        f"{person.name}: country {old!r} dropped: the article has them travel there",
                        first_span(event),
                    )
                elif what == "country" and taken:
                    notes.add(
                        "country_of_another_participant",
                        f"{person.name}: country {old!r} dropped: the article gives it to another "
                        "participant",
                        first_span(event),
                    )
                else:
                    notes.add(
                        f"{what}_unsupported",
                        f"{person.name}: {what} {old!r} dropped: the article does not hold it",
                        first_span(event),
                    )
            people.append(person.model_copy(update={"title": new_title, "country": new_country}))
        people = received(people, event, events, article, visitors, visited, destinations, notes)
        people = _home_country(people, event, article, visitors, destinations, notes)
        people = _paired(people, event, events, article, notes)
        people = _counterpart_title(people, event, events, article, notes, counterparts)
        out.append(event.model_copy(update={"participants": people}))
    return _counterparts_elsewhere(out, counterparts, notes) if counterparts else out


def spread_countries(
    events: list[MeetingEvent], article: ArticleContext, notes: NoteBook
) -> list[MeetingEvent]:
    """Step `countries`: a person the article gives one country in some meetings represents it in
    the others it gives them none in ("the enduring U.S.-Djibouti security partnership" after
    Anderson's meeting in Djibouti: Anderson is of the United States in Mogadishu too); two
    countries for one person leave the others alone. After `domestic` and `hosts`: a country spread
    is no reason to drop a meeting as one country's business, nor to move its host. A derived
    value: note `country_from_another_event`, with the span of a meeting that gives it."""
    known: list[tuple[str, set[str], tuple[int, int] | None]] = []
    for event in events:
        for person in event.participants:
            if person.country is None:
                continue
            entry = next((k for k in known if same_person(k[0], person.name)), None)
            if entry is None:
                known.append((person.name, {person.country}, first_span(event)))
            else:
                entry[1].add(person.country)
    if not known:
        return events
    out = []
    for event in events:
        people = []
        for person in event.participants:
            entry = next((k for k in known if same_person(k[0], person.name)), None)
            if person.country is None and entry is not None and len(entry[1]) == 1:
                (country,) = entry[1]
                notes.add(
                    "country_from_another_event",
                    f"{person.name}: country {country!r}, which the article gives them in another meeting",
                    entry[2] or first_span(event),
                )
                person = person.model_copy(update={"country": country})
            people.append(person)
        out.append(
            event.model_copy(update={"participants": people}) if people != event.participants else event
        )
    return out


def _counterparts_elsewhere(
    events: list[MeetingEvent], counterparts: dict[str, tuple[str, tuple[int, int], str]], notes: NoteBook
) -> list[MeetingEvent]:
    """A person titled as a minister's counterpart in one event keeps that title in the others the
    article gives them no title in ("... his Turkish counterpart Hakan Fidan. Fidan was later
    received by President Putin")."""
    out = []
    for event in events:
        people = []
        for person in event.participants:
            found = next((v for k, v in counterparts.items() if same_person(k, person.name)), None)
            if person.title is None and found is not None:
                title, span, whose = found
                notes.add(
                    "title_from_counterpart",
                    f"{person.name}: title {title!r}, that of {whose}, whose counterpart the article "
                    "calls them",
                    span,
                )
                person = person.model_copy(update={"title": title})
            people.append(person)
        out.append(
            event.model_copy(update={"participants": people}) if people != event.participants else event
        )
    return out


def received(
    people: list[Participant],
    event: MeetingEvent,
    events: list[MeetingEvent],
    article: ArticleContext,
    visitors: frozenset[str],
    visited: str | None,
    destinations: dict[str, set[str]],
    notes: NoteBook,
) -> list[Participant]:
    """The one who receives a traveller represents the country visited: "Clinton will visit Tokyo,
    Japan ... will meet with Prime Minister Naoto Kan" makes Kan Japan's. Only for a two-person
    meeting held in the country the other person travels to, a titled receiver with no country of
    their own in the article, and not at a summit or conference (where anyone may be met).

    Args:
        people: the event's participants, as read so far.
        event: the event (its format, place and sentences).
        events: every event of the answer, for the sentences that tell this one.
        article: the whole article.
        visitors: the participants its sentences have travel (`event_roles`).
        visited: the country the meeting is held in; None leaves the people as they are.
        destinations: where each person travels, filled in as read (shared across events).
        notes: receives `country_from_place`.

    Returns:
        The participants, the receiver with the visited country where the rule holds.
    """
    if event.format != "in_person" or len(people) != 2 or visited is None:
        return people
    if any(p.country == visited for p in people):
        return people  # someone already represents the place
    # The sentences of the meeting and those naming its place ("will visit Bali for the G20 summit").
    places = [w for w in (event.location.city, visited) if w]
    around = [s for s in told(event, events, article) if not _placed_elsewhere(s, visited)] + [
        article.text[a:b] for a, b in article.sentences if any(w in article.text[a:b] for w in places)
    ]
    if at_a_gathering(" ".join(around)):
        return people

    def travels(person: Participant) -> bool:
        if person.name not in destinations:
            destinations[person.name] = _destinations(person, article)
        # One whose country the article gives, and not the country of the city the meeting is
        # held in (or of the country the article places it in, no city given: "met Friday in
        # Saudi Arabia with King Abdullah"), is away from home there.
        city = event.location.city
        placed = city_country(city) == visited if city is not None else True
        away = placed and person.country is not None and person.country != visited
        return person.name in visitors or visited in destinations[person.name] or away

    moving = [travels(p) for p in people]
    if moving.count(True) != 1:
        return people
    receiver = people[moving.index(False)]
    if receiver.country is not None or receiver.title is None:
        return people
    if _INTERNATIONAL_OFFICE.search(receiver.title) or _POSTED_OFFICE.search(receiver.title):
        # "President of the European Council": a body's office, serving no country; an ambassador
        # met where they are posted is not of that country.
        return people
    traveller = people[moving.index(True)].name
    notes.add(
        "country_from_place",
        f"{receiver.name}: country {visited!r}, the place {traveller} travels to meet them",
        first_span(event),
    )
    return [p.model_copy(update={"country": visited}) if p is receiver else p for p in people]


def _placed_elsewhere(sentence: str, country: str) -> bool:
    """True when a sentence places what it tells in another country than `country` (a meeting's
    next stop: "... will meet Prime Minister Clark. ... arrive in Apia, Samoa to participate in a
    working lunch with Pacific Island Forum states"): what it says is no part of that meeting."""
    city, where = place_in(sentence)
    found = where or (city_country(city) if city else None)
    return found is not None and found != country


_FOREIGN_FACING = word_set("people", "foreign_facing_offices")
_INTERNATIONAL_OFFICE = regex("people", "international_office")
_POSTED_OFFICE = regex("people", "posted_office")


def _countries_written(article: ArticleContext) -> frozenset[str]:
    """Every country the article writes (`ArticleContext.countries_named`: by name, demonym or
    abbreviation) and the country of each city a sentence places something in ("in Cape Town").

    Args:
        article: the request's article analysis.

    Returns:
        The countries' short names.
    """

    def compute() -> frozenset[str]:
        found = set(article.countries_named)
        for a, b in article.sentences:
            city, country = place_in(article.text[a:b])
            found.update(c for c in (country, city_country(city) if city else None) if c)
        return frozenset(found)

    return article.analysed("countries_written", compute)


def _home_country(
    people: list[Participant],
    event: MeetingEvent,
    article: ArticleContext,
    visitors: frozenset[str],
    destinations: dict[str, set[str]],
    notes: NoteBook,
) -> list[Participant]:
    """In an article that writes one country and no other, by name or by the places it names (local
    news: "Minister Lindiwe Sisulu met Police Minister Bheki Cele ... in the City of Cape Town"),
    the titled people of a meeting none of whom it gives a country represent that country; not a
    traveller (they come from somewhere the article does not say), and not where any participant
    has a country of their own (an envoy of a body meeting a country's president), nor where
    any holds an office that faces other countries ("President A met Prime Minister B in Paris"
    says nothing of whose they are; people.yaml `foreign_facing_offices`). A derived value: note
    `country_of_the_article`, provenance `derived`."""
    written = _countries_written(article)
    if len(written) != 1 or any(
        p.country is not None or p.title is None or _FOREIGN_FACING & set(folded_words(fold_plain(p.title)))
        for p in people
    ):
        return people
    (home,) = written
    out = []
    for person in people:  # each titled and without a country (checked above)
        if person.name not in visitors:
            if person.name not in destinations:
                destinations[person.name] = _destinations(person, article)
            if not destinations[person.name]:
                notes.add(
                    "country_of_the_article",
                    f"{person.name}: country {home!r}, the one country the article writes (by name "
                    "or by the places it names)",
                    first_span(event),
                )
                person = person.model_copy(update={"country": home})
        out.append(person)
    return out


def _paired(
    people: list[Participant],
    event: MeetingEvent,
    events: list[MeetingEvent],
    article: ArticleContext,
    notes: NoteBook,
) -> list[Participant]:
    """Two people, one country known: the other side of a pair the event's sentences write
    ("U.S.-Turkey dialogue", "UK-Poland consultations") is the other person's country."""
    if len(people) != 2 or (people[0].country is None) == (people[1].country is None):
        return people
    known = people[0].country or people[1].country
    found: dict[str, tuple[int, int]] = {}
    # The event's own sentences first ("... the U.S.- Argentina defense relationship"), then its
    # passage, where another meeting's pair may be written too ("the U.S.-Brazil ... Agreement").
    cited = [(e.start, e.end) for e in event.evidence if e.start is not None and e.end is not None]
    for spans in (cited, event_passage(event, events, article)):
        for a, b in spans:
            for pair in country_pairs(article.text[a:b]):
                if known in pair:
                    found.setdefault(pair[1] if pair[0] == known else pair[0], (a, b))
        if found:
            break
    if len(found) > 1 and cited:
        # Of pairs in several sentences, the one written nearest the meeting's own sentence.
        at = cited[0][0]
        near = sorted(found.items(), key=lambda kv: abs(kv[1][0] - at))
        if abs(near[0][1][0] - at) < abs(near[1][1][0] - at):
            found = dict(near[:1])
    if len(found) != 1:
        return people  # no pair, or pairs with two different other sides
    ((other, span),) = found.items()
    out = []
    for person in people:
        if person.country is None:
            notes.add(
                "country_from_pair",
                f"{person.name}: country {other!r}, the other side of {known} in a pair the article writes",
                span,
            )
            person = person.model_copy(update={"country": other})
        out.append(person)
    return out


_MINISTER = regex("people", "portfolio_minister")
# "his Russian counterpart ", "her counterpart, ": the relation right before a name.
_COUNTERPART_BEFORE = regex("people", "counterpart_before").pattern


def _counterpart_title(
    people: list[Participant],
    event: MeetingEvent,
    events: list[MeetingEvent],
    article: ArticleContext,
    notes: NoteBook,
    counterparts: dict[str, tuple[str, tuple[int, int], str]],
) -> list[Participant]:
    """Two people, one untitled and written as the other's counterpart ("Foreign Minister Wang Yi
    met his Russian counterpart Sergei Lavrov"): a minister's counterpart holds the same portfolio
    (people.yaml `portfolio_minister`). Not a head of state's or government's: "President Bush met
    his UK counterpart Gordon Brown", a prime minister. Each person so titled is recorded in
    `counterparts` (title, span, whose counterpart)."""
    if len(people) != 2 or (people[0].title is None) == (people[1].title is None):
        return people
    titled_one = people[0] if people[0].title is not None else people[1]
    if titled_one.title is None or not _MINISTER.search(titled_one.title):
        return people
    if office_country(titled_one.title) is not None:
        # One government's own name for the portfolio ("External Affairs Minister": India's): the
        # counterpart holds the portfolio under their government's name, which the article does not write.
        return people
    untitled = people[1] if titled_one is people[0] else people[0]
    forms = [f for f in article.mention_forms(untitled.name) if " " in f] or [untitled.name]
    for a, b in event_passage(event, events, article):
        sentence = article.text[a:b]
        for form in forms:
            found = re.search(_COUNTERPART_BEFORE + re.escape(form) + r"(?!\w)", sentence)
            if found is None:
                continue
            notes.add(
                "title_from_counterpart",
                f"{untitled.name}: title {titled_one.title!r}, that of {titled_one.name}, whose "
                f"counterpart the article calls them",
                (a + found.start(), a + found.end()),
            )
            counterparts[untitled.name] = (
                titled_one.title,
                (a + found.start(), a + found.end()),
                titled_one.name,
            )
            return [p.model_copy(update={"title": titled_one.title}) if p is untitled else p for p in people]
    return people


def _destinations(person: Participant, article: ArticleContext) -> set[str]:
    """The countries the article says the person travels to ("Aso will visit the United States")."""
    forms = article.mention_forms(person.name)
    found: set[str] = set()
    for a, b in article.sentences:
        sentence = article.text[a:b]
        if not any(form in sentence for form in forms):
            continue
        others = [n for n in article.people if not same_person(n, person.name)]
        for name, words in visit_roles(sentence, [(person.name, forms)], others).destinations:
            if name == person.name:
                found |= named_countries(words)
    return found


def _value(model: str | None, read: Reading | None, held: bool) -> str | None:
    """What the article reads, else the model's value where the article holds it, else nothing."""
    if read is not None:
        return read[0]
    return model if held else None
