"""The issuing government's own principal, written by office alone ("The Prime Minister spoke to ...").

Government readouts name the other party and call their own principal by office: a Downing Street
readout says "The Prime Minister spoke to President Erdoğan", a White House statement "The
President met ...". The article never writes the name, so a model that may only copy names from it
lists one person and the meeting fails validation. Who held the office on the publication date is
a public fact; this module knows it for the offices whose readouts write them bare, and finds
where an article does so. The offices, their phrases and holders (with dates and sources) are
data: `grounding/lexicon/offices.yaml`.

A phrase counts as bare only when no name or "of" follows it ("the President of Türkiye" is the
other party, "Prime Minister Boris Johnson" is named), and only when the article says whose
government speaks (UK cues for the Prime Minister and the Foreign Secretary, "White House" for the
President).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache

from grounding.lexicon import OfficeEntry, office_terms, pattern_table, word_set
from grounding.text.countries import country_of_code, normalize_country
from grounding.text.names import name_tokens


@dataclass(frozen=True)
class OfficeHolder:
    """The person an article means by a bare office phrase."""

    name: str
    title: str
    country: str
    # Offsets of the bare phrases in the article that refer to this person.
    mentions: tuple[tuple[int, int], ...] = ()


@cache
def issuing_offices() -> tuple[OfficeEntry, ...]:
    """The offices of `grounding/lexicon/offices.yaml`: those read bare in their government's
    readouts (UK PM and Foreign Secretary, US President) and those read only after their title."""
    return office_terms()


def issuing_principals(text: str, published: dt.date | None) -> tuple[OfficeHolder, ...]:
    """The office-holders an article refers to by office alone.

    Args:
        text: the article.
        published: its publication date; without it the office-holder is unknown.

    Returns:
        One `OfficeHolder` per office written bare in an article of that government, with the
        offsets of those phrases; empty when there is none or no publication date.
    """
    return tuple(holder for holder in issuing_holders(text, published) if holder.mentions)


def issuing_holders(text: str, published: dt.date | None) -> tuple[OfficeHolder, ...]:
    """The holders, on the publication date, of the offices whose government's cue the article
    holds, whether the article writes the office bare or names the holder ("President Biden" in a
    White House statement is the President of the United States).

    Args:
        text: the article.
        published: its publication date; without it no holder is known.

    Returns:
        One `OfficeHolder` per such office (`mentions` are the bare phrases, possibly none).
    """
    if published is None:
        return ()
    found: list[OfficeHolder] = []
    for office in issuing_offices():
        name = office.holder_on(published)
        if name and office.context.search(text):
            mentions = tuple(m.span() for m in office.phrase.finditer(text))
            if (
                mentions
                and _cue_only_as_whose(office.context, text)
                and _another_holder_first(text, office.title, name, mentions[0][0])
            ):
                continue
            found.append(OfficeHolder(name, office.title, office.country, mentions))
    return tuple(found)


def _cue_only_as_whose(context: re.Pattern[str], text: str) -> bool:
    """True when the government's cue is written only as whose someone's office is ("Rishi Sunak,
    Prime Minister of the United Kingdom"): another government's text naming that one."""
    return all(_OF_BEFORE.search(text, max(0, m.start() - 20), m.start()) for m in context.finditer(text))


# "of the " right before a country's name: the country an office is of.
_OF_BEFORE = re.compile(r"\bof\s+(?:the\s+)?(?:[A-Z]\w*\s+)?$")  # "of Great Britain" too


def _another_holder_first(text: str, title: str, holder: str, first_bare: int) -> bool:
    """True when, before the office's first bare mention, the article titles someone else with it
    ("On June 14, Prime Minister Kishida ... held informal talks with Rishi Sunak, Prime Minister of
    the United Kingdom ... Afterwards, the Prime Minister attended ..."): the bare office is that
    person's, told on, not the issuing government's own (a readout by another government that names
    the UK is no UK readout)."""
    # Imported here: antecedents reads an ArticleContext, which reads this module's principals.
    from grounding.rules.antecedents import in_subject_place

    surname = name_tokens(holder)[-1:]
    titled = re.compile(rf"\b{re.escape(title)}\s+((?:[A-Z][\w.'’-]*\s+){{0,3}}[A-Z][\w.'’-]*)")
    for m in titled.finditer(text, 0, first_bare):
        if re.search(r"[A-Z][\w-]*\s+$", text[max(0, m.start() - 30) : m.start()]):
            continue  # "Vice President Harris", "Deputy Prime Minister X": another office
        written = name_tokens(m.group(1))
        # As a sentence's subject ("On June 14, Prime Minister Kishida ... attended"), not a visit's
        # guest ("Statement on the visit of President Arroyo ... The President will receive her").
        opens = max(text.rfind(mark, 0, m.start()) for mark in ".!?\n") + 1
        subject = in_subject_place(text[opens : m.end()], m.start() - opens)
        if written and not set(surname) & set(written) and subject:
            return True
    return False


def titled_holders(text: str, published: dt.date | None) -> tuple[OfficeHolder, ...]:
    """The holders, on the publication date, whom the article names after their office's title
    ("President Donald J. Trump", "Prime Minister Starmer"), whoever's government speaks.

    The title with the name of the person who held that office on that day is the office itself:
    no government's cue is needed, unlike a bare title (`issuing_holders`).

    Args:
        text: the article.
        published: its publication date; without it no holder is known.

    Returns:
        One `OfficeHolder` per office so written (`mentions` empty: the article names them).
    """
    return _holders_written(text, published, lambda title, name: _titled(title, name.split()[-1]))


def named_holders(text: str, published: dt.date | None) -> tuple[OfficeHolder, ...]:
    """The holders, on the publication date, whom the article names in full ("Vladimir Putin had a
    telephone conversation with ..."), with or without a title.

    A sitting holder's full name is that person: the office they hold and the country they serve are
    public facts of the day, which callers take where the article writes no title or country around
    the name (a derived value, not one the article writes).

    Args:
        text: the article.
        published: its publication date; without it no holder is known.

    Returns:
        One `OfficeHolder` per holder so named (`mentions` empty).
    """
    return _holders_written(text, published, lambda _title, name: _full_name(name))


def _holders_written(
    text: str, published: dt.date | None, written: Callable[[str, str], re.Pattern[str]]
) -> tuple[OfficeHolder, ...]:
    """The holders on the publication date whose pattern `written(title, name)` the text holds, each
    person once."""
    if published is None:
        return ()
    found: list[OfficeHolder] = []
    for office in issuing_offices():
        name = office.holder_on(published)
        if name and all(h.name != name for h in found) and written(office.title, name).search(text):
            found.append(OfficeHolder(name, office.title, office.country))
    return tuple(found)


def holders_country(name: str) -> str | None:
    """The country whose office the person held on some day of `offices.yaml` ("Antony J. Blinken":
    United States), whatever the date: who served a country's government is of that country, which
    needs no publication date, unlike the office held on the day (`named_holders`).

    Args:
        name: a person's full name as the article writes it.

    Returns:
        That office's country, or None when the person holds none of the listed offices (or offices
        of two countries).
    """
    countries = {country for _, country in _offices_held(tuple(name_tokens(name)))}
    return countries.pop() if len(countries) == 1 else None


@cache
def _offices_held(tokens: tuple[str, ...]) -> frozenset[tuple[str, str]]:
    """The (title, country) of every listed office a person held on some day, the person by the
    tokens of their name: equal once initials are left out ("Antony J. Blinken" = "Antony
    Blinken"); a surname alone is not enough (no office)."""
    if len(tokens) < 2:
        return frozenset()
    return frozenset(
        (office.title, office.country)
        for office in issuing_offices()
        for term in office.terms
        if tuple(name_tokens(term.name)) == tokens
    )


@cache
def _holders_of(title: str, country: str) -> frozenset[tuple[str, ...]]:
    """The name tokens of everyone who held one listed office."""
    return frozenset(
        tuple(name_tokens(term.name))
        for office in issuing_offices()
        if (office.title, office.country) == (title, country)
        for term in office.terms
    )


# "the President of Russia", "the President of the United States of America", "the Russian
# President": an office and the country it serves, written as a definite description.
_COUNTRY_RUN = r"(?:the\s+)?[A-Z][\w'’.-]*(?:\s+(?:of\s+(?:the\s+)?)?[A-Z][\w'’.-]*)*"


def office_described(name: str, text: str, people: Sequence[str]) -> tuple[str, int, int] | None:
    """The office the person held on some day of `offices.yaml` where the article describes that
    office's holder without a name ("The President of Russia described ...", "the Russian
    President"): a release that never titles its own principal ("Vladimir Putin had a telephone
    conversation with ...") and carries no date says which office it means so.

    Args:
        name: the person's full name as the article writes it.
        text: the article.
        people: the article's people: when another of them held that office too, the description
            may be theirs, and no office is read.

    Returns:
        (title, start, end) of the first such description, or None when the person held none of
        the listed offices, offices of more than one title, or the article describes none of them.
    """
    tokens = tuple(name_tokens(name))
    held = _offices_held(tokens)
    if len(held) != 1:
        return None
    ((title, country),) = held
    sharers = _holders_of(title, country)
    if any((other := tuple(name_tokens(p))) in sharers and other != tokens for p in people):
        return None
    office = re.escape(title)
    pattern = (
        rf"\b[Tt]he\s+(?:{office}\s+of\s+(?P<after>{_COUNTRY_RUN})|(?P<before>[A-Z][\w.]*)\s+{office}\b)"
    )
    for found in re.finditer(pattern, text):
        run = found.group("after") or found.group("before")
        if normalize_country(run) == country:
            return title, found.start(), found.end()
    return None


@cache
def _full_name(name: str) -> re.Pattern[str]:
    return re.compile(rf"(?<![\w-]){re.escape(name)}(?![\w-])")


@cache
def _titled(title: str, surname: str) -> re.Pattern[str]:
    """The title, then up to three more capitalised words of the name, then the surname."""
    return re.compile(rf"\b{re.escape(title)}\s+(?:[A-Z][\w.'-]*\s+){{0,3}}{re.escape(surname)}\b")


def principal_in(
    principals: tuple[OfficeHolder, ...], passages: list[tuple[int, int]]
) -> OfficeHolder | None:
    """The principal whose bare office phrase lies inside one of the passages (the earliest one).

    Args:
        principals: from `issuing_principals`.
        passages: half-open spans of the article (an event's evidence paragraphs).

    Returns:
        The office-holder mentioned first within the passages, or None.
    """
    best: tuple[int, OfficeHolder] | None = None
    for holder in principals:
        for start, end in holder.mentions:
            if any(a <= start and end <= b for a, b in passages) and (best is None or start < best[0]):
                best = (start, holder)
    return best[1] if best else None


def office_country(title: str | None) -> str | None:
    """The country whose government alone has the office the title names ("Tánaiste": Ireland;
    "Acting Assistant Secretary of State for African Affairs": United States;
    `offices.yaml: national_offices`).

    Args:
        title: a participant's title as the article writes it.

    Returns:
        That country's short name, or None when the title names no such office (or offices of two
        countries).
    """
    one = _one_country(_national_offices(title or ""))
    return one[0] if one else None


def _national_offices(office: str, offset: int = 0) -> dict[str, tuple[int, int]]:
    """Each country whose office-only-it-has the text names, with where (shifted by `offset`)."""
    found: dict[str, tuple[int, int]] = {}
    for code, pattern in pattern_table("offices", "national_offices").items():
        if (m := pattern.search(office)) is not None:
            found[code] = (offset + m.start(), offset + m.end())
    return found


def _one_country(found: dict[str, tuple[int, int]]) -> tuple[str, int, int] | None:
    """The country and its span when the offices found are one country's only."""
    if len(found) != 1:
        return None
    ((code, (a, b)),) = found.items()
    country = country_of_code(code)
    return (country, a, b) if country else None


_OFFICE_RUN_WORD = re.compile(r"[\w\u00c0-\u024f.'’-]+|,")
# The little words of a run of offices ("Minister for Foreign Affairs, Trade and Minister of ..."),
# and its commas.
_RUN_JOINERS = word_set("people", "title_joiners") | word_set("people", "title_complements") | {"and", ","}
# An office of a run: between commas, without a leading "and" or "the".
_RUN_PIECE = re.compile(r"(?:^|,)\s*(?:and\s+)?(?:the\s+)?([^,]*[^,\s])", re.IGNORECASE)


def national_office_before(
    sentence: str, at: int, people: tuple[str, ...] = ()
) -> tuple[str, int, int] | None:
    """The office only one government has, written in the run of offices right before a name ("the
    Tánaiste, Minister for Foreign Affairs, Trade and Minister for Defence, Simon Harris"): its
    country and where the sentence writes it.

    The run is what stands before the name back to the first word that is neither capitalised nor
    a joiner ("and", "of", "for", "the", a comma), or to another person's name (a list's item
    before).

    Args:
        sentence: one sentence of the article.
        at: where the name starts in it.
        people: the article's people.

    Returns:
        (country, start, end) of the office in the sentence, or None when the run names no such
        office or offices of two countries.
    """
    head = sentence[:at]
    # `start` where the run stops at another person's name, `first` where it would stop without.
    start: int | None = None
    first = at
    for word in reversed(list(_OFFICE_RUN_WORD.finditer(head))):
        text = word.group()
        if not (text[:1].isupper() or text.lower() in _RUN_JOINERS):
            break
        if start is None and any(p and head[: word.end()].endswith(p) for p in people):
            start = first
        first = word.start()
    start = first if start is None else start
    found: dict[str, tuple[int, int]] = {}
    # Each office of the run on its own ("^" in a pattern is where an office opens). An office the
    # other person's name lies inside is no person's name ("International Relations and Cooperation
    # Minister": "International Relations" reads as a name), so offices ending past that name count.
    for piece in _RUN_PIECE.finditer(sentence[first:at]):
        for code, span in _national_offices(piece.group(1), first + piece.start(1)).items():
            if span[1] > start:
                found.setdefault(code, span)
    return _one_country(found)
