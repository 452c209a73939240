"""Counterparts the principal meets, written one sentence each: the meetings a small model skips.

A readout of a day of talks names its principal once and then writes one sentence per meeting:
"The Russian leader also met with President of India Pranab Mukherjee." "She will meet with
President Lee Myung-bak and Foreign Minister Kim Sung-hwan." A small model answers the first
meeting and stops. Such a sentence is plain to read without a model when its subject is the
principal (named, or "He", "She", "The Russian leader" at its start, with nobody else named before
the meeting word), and after the meeting word it names titled people whom no event names. Each
becomes a meeting of its own unless the sentence says they met together. A hope, an invitation or
people at large are no meeting (meetings.yaml: vague_prospect), nor is a sentence naming someone else as
the one who met ("Prime Minister Lapid spoke with President Abbas").
"""

from __future__ import annotations

import dataclasses
import itertools
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any, Literal, TypeVar

from grounding.article import ArticleContext
from grounding.lexicon import any_of, pattern_table, regex, word_set, words
from grounding.rules.antecedents import (
    ANTECEDENT_REACH,
    FIRST_PERSON_SUBJECT,
    PRONOUN_SUBJECT,
    antecedent,
    in_subject_place,
    named_only_as_object,
    speaker,
)
from grounding.rules.cues import (
    call_format,
    first_meeting_word,
    future_after,
    goes_ahead_to,
    has_meeting_cue,
    meeting_date_phrases,
    owner_only,
    says_met_together,
    source_only,
)
from grounding.rules.modality import NOT_REPORTED, modality
from grounding.rules.places import (
    has_where_clause,
    named_countries,
    place_in,
    place_told_before,
    stated_as_place,
)
from grounding.text.candidates import (
    date_phrase_spans,
    date_phrases,
    fullest,
    is_country_run,
    is_title_word,
    not_a_participant,
    office_said_after,
    singular_title,
    titled,
    unspoken_date_phrases,
)
from grounding.text.countries import POSSESSIVE_END, country_of_words, normalize_country
from grounding.text.gazetteer import capital_of, city_country
from grounding.text.names import family_name_written, fullest_form, same_person, surnames_named
from grounding.text.sentences import LEAD_LINES, line_spans, sentence_spans

# A strong meeting word: being received or welcomed is a meeting, "discussed" alone is not one.
# "today" is the meeting already found, not another one (calendar.yaml: same_day).
_SAME_DAY = words("calendar", "same_day")
# A day or a month ends the words before an office: "On Monday Defense Secretary X".
_CALENDAR_WORDS = frozenset(w.lower() for w in (*words("calendar", "weekdays"), *words("calendar", "months")))
_MET = any_of("meetings", "strong_meeting_verbs")
_TALKS_OPENER = regex("meetings", "talks_opener")
_TOLD_AFTER_OPENER = any_of("meetings", "told_after_opener")


def meeting_word(sentence: str) -> re.Match[str] | None:
    """The word of `sentence` that tells a meeting with someone named after it: a strong meeting
    word (`first_meeting_word`), else, in a sentence opened by the talks or call it tells of ("In a
    phone call on Monday, A told B ..."), the verb of saying after that opening."""
    met = first_meeting_word(_MET, sentence)
    if met is None and (opener := _TALKS_OPENER.match(sentence)) is not None:
        met = _TOLD_AFTER_OPENER.search(sentence, opener.end())
    return met


# The subject, when it is not named: a pronoun or "The Russian leader" at the sentence's start.
_SUBJECT = regex("meetings", "unnamed_subject")
# The lead's trip as the subject of what it is for: "The trip started Jan. 14 with a stop in London to
# meet with X", "His visit will include talks with Y".
_TRIP_SUBJECT = regex("meetings", "trip_subject")
_POSSESSIVE_SUBJECT = regex("meetings", "possessive_subject")
_FUTURE = any_of("meetings", "future_tense")
_SEPARATE = any_of("meetings", "separate")
_GROUP_MEMBERS = regex("meetings", "group_members")
# A hope, an invitation, people at large: no meeting (meetings.yaml: vague_prospect).
_VAGUE = regex("meetings", "vague_prospect")
_OF_COUNTRY = regex("places", "of_country_after")
_OF = regex("places", "of_body_before")
_PAST_LIST = any_of("meetings", "past_list")
_HONORIFICS = word_set("people", "honorifics")
_POST_NOMINALS = word_set("people", "post_nominals")
_NEXT_WORD = re.compile(r",?\s+([A-Za-z.]+)")  # "Bob Carr MP", "Joseph R. Biden, Jr."
_NOBLE = word_set("people", "noble_ranks")
_RANKS = word_set("people", "military_ranks")
_BRANCHES = word_set("people", "military_branches")
_RANK_MODIFIERS = word_set("people", "rank_modifiers")
_GENERAL_OFFICES = word_set("people", "general_offices")


def _is_rank(words: Sequence[str], i: int) -> bool:
    """True when words[i] is a military rank: one of military_ranks, or "General" not of an office
    named "<word> General" ("Secretary General")."""
    lower = words[i].lower().rstrip(".")
    if lower in _RANKS:
        return True
    return lower == "general" and (i == 0 or words[i - 1].lower() not in _GENERAL_OFFICES)


_JOINERS = word_set("people", "title_joiners")
_ARTICLES = word_set("people", "articles")
_WORD = re.compile(r"(?:[A-Za-z]\.){2,}|[\w'’-]+")  # "U.S." is one word
# The dash of "U.S.-Turkey", "Japan–US": right after a word, no space before it.
_PAIR_DASH = re.compile(r"(?<=[\w.])[-–] ?(?=[A-Z])")  # "U.S.-Turkey", "U.S.- Argentina"
_PAIR_WORD = re.compile(r"[\w.]+")  # "U.S" and "U.S." whole; a dash ends a word
_JOINED_PAIR = regex("countries", "joined_pair")
_STYLES = word_set("people", "styles_of_address")
_LEADER_OFFICE = regex("people", "leader_office")
# "his Iranian counterpart X": a word that relates the person to someone, not an office.
_RELATIONAL = word_set("people", "relational_nouns")
# "for"/"of": what follows in an office is its portfolio or body ("Minister for Foreign Affairs").
_COMPLEMENT = word_set("people", "title_complements")
_ADDRESSEE = word_set("people", "title_addressees")
_PLACE_PREPOSITIONS = word_set("places", "place_prepositions")
# Words that make an office only when reading one around a name (people.yaml: office_words).
_OFFICE_WORDS = word_set("people", "office_words")
_PORTFOLIO_WORDS = word_set("people", "portfolio_words")
_OFFICE_BODIES = word_set("people", "office_bodies")
_HELD_SINCE = word_set("people", "office_held_since")
_BODY_WORDS = word_set("people", "body_words")
_COUNTRY_ABBREVIATION = regex("countries", "written_abbreviations")
# An acronym of a body ("FCO", "NSA", "NATO"); a longer run of capitals is a dateline's city.
_ACRONYM = re.compile(r"^[A-Z]{2,5}$")


@dataclass(frozen=True)
class Counterpart:
    """A person the sentence reports the principal meeting."""

    name: str
    title: str | None
    country: str | None


@dataclass(frozen=True)
class PrincipalMeeting:
    """A sentence reporting the principal meeting people no event names."""

    start: int
    end: int
    counterparts: tuple[Counterpart, ...]
    together: bool
    status: Literal["occurred", "planned"]
    date_text: str | None
    city: str | None
    country: str | None
    call: Literal["phone", "video"] | None
    # Days after the phrase `anchor` the meeting is on ("On Sunday ... The following morning, she
    # will meet ..."): `date_text` is then the phrase that moves the narrative on.
    days_after: int = 0
    anchor: str | None = None
    # Who met, when the sentence's subject is an office that is someone else's ("The Secretary also
    # met ..." in an article whose one Secretary is not the principal): that person's meeting.
    subject: str | None = None


def _office_word(word: str) -> bool:
    """A word of an office: a title word, or one of the office words ("Secretary-General")."""
    return is_title_word(word) or word.lower() in _OFFICE_WORDS


def _office_in(offices: Sequence[tuple[int, int, str]], start: int, end: int) -> str | None:
    """Who holds the first bare office phrase within text[start:end], if any."""
    return next((name for a, b, name in sorted(offices) if start <= a and b <= end), None)


def _unnamed_subject(
    article: ArticleContext, offices: Sequence[tuple[int, int, str]], start: int, head: str
) -> str | None:
    """Who the unnamed subject of the sentence at `start` is, `head` being its words before the
    meeting word: the holder of a bare office phrase there ("The President"), else whom a "he" or
    "she" refers to (`antecedent`), else the one person the article titles with that office ("The
    Secretary": "Secretary Rice"); None when no one, or several, hold it in the article."""
    holder = _office_in(offices, start, start + len(head))
    if holder is None and PRONOUN_SUBJECT.search(head):
        holder = antecedent(article, start)  # "He": the person the sentences before name
    elif holder is None and (office := _SUBJECT.search(head)) is not None:
        holder = _titled_as(article, office.group(0))  # "The Secretary": the article's one Secretary
    return holder


def _office_holder_before(
    article: ArticleContext, offices: Sequence[tuple[int, int, str]], start: int, principal: str
) -> bool:
    """True when the nearest sentence before the one at `start` that does not open with "he" or
    "she" opens with an office someone other than the principal holds (a bare office phrase's
    holder), or no one the article titles ("The Secretary-General met with the President of Kenya,
    William Ruto. He also met ...": "He" is the Secretary-General, whom the article does not name,
    not Ruto)."""
    earlier = [(a, b) for a, b in article.sentences if b <= start][-ANTECEDENT_REACH:]
    for a, b in reversed(earlier):
        sentence = article.text[a:b].lstrip()
        if PRONOUN_SUBJECT.search(sentence):
            continue
        office = _SUBJECT.search(sentence)
        if office is None:
            return False
        at = b - len(sentence)
        holder = _office_in(offices, at, at + office.end())
        if holder is not None:
            return not same_person(holder, principal)
        # No one the article titles so holds it (a press office's principal, named nowhere).
        return _office_holders(article, office.group(0)) == set()
    return False


_OFFICE_PHRASE = re.compile(r"\bthe\s+((?:[\w.’'-]+\s+){0,2}[\w-]+)$", re.IGNORECASE)


def _titled_as(article: ArticleContext, phrase: str) -> str | None:
    """The one person the article titles with the office of a subject phrase ("The Secretary also
    met ...": the article's only Secretary, "Secretary Rice"); None when no one or several are, or
    for "leader", which is no office."""
    holders = _office_holders(article, phrase)
    return next(iter(holders)) if holders is not None and len(holders) == 1 else None


def _office_holders(article: ArticleContext, phrase: str) -> set[str] | None:
    """Everyone the article titles with the office of a subject phrase ("the Japanese foreign
    minister": each person titled a foreign minister whose country the article writes as Japan or
    not at all; the demonym is their country, not their title); None when the phrase holds no
    office ("the Russian leader": "leader" is none)."""
    found = _OFFICE_PHRASE.search(phrase.strip())
    if found is None:
        return None
    office = found.group(1).lower().split()
    if office[-1] == "leader":
        return None
    if office == [office[-1]] and office[-1] in _SUBJECT_RANKS:
        return _rank_holders(article, office[-1])  # "the admiral": whom the article writes "Adm." before
    demonym = next((c for w in office if (c := country_of_words([w])) is not None), None)
    office = [w for w in office if country_of_words([w]) is None]
    return {
        fullest_form(person, list(article.people))
        for person, title in _titles_written(article).items()
        if all(w in title.lower().split() for w in office)  # "Secretary of State" is a Secretary
        # "the Brazilian president": of two presidents, not the one the article says is France's.
        and (demonym is None or office_written(article, person, article.people)[1] in (None, demonym))
    }


_SUBJECT_RANKS = pattern_table("people", "subject_ranks")


def _rank_holders(article: ArticleContext, rank: str) -> set[str]:
    """Everyone the article writes the rank right before ("Navy Adm. Craig S. Faller", "General
    X"), not an office ending in the word ("Attorney General X")."""
    text = article.text
    found = set()
    for person in fullest(list(article.people)):
        for m in re.finditer(_SUBJECT_RANKS[rank].pattern + re.escape(person), text, re.IGNORECASE):
            before = text[max(0, m.start() - 30) : m.start()].split()
            if not (before and before[-1].lower() in _GENERAL_OFFICES):
                found.add(fullest_form(person, list(article.people)))
    return found


def _titles_written(article: ArticleContext) -> dict[str, str]:
    """Each person's title as the first sentence that titles them writes it."""

    def titles() -> dict[str, str]:
        people = fullest(list(article.people))
        out: dict[str, str] = {}
        for a, b in article.sentences:
            sentence = article.text[a:b]
            for person in people:
                if person in sentence and not is_country_run(person) and person not in out:
                    title = title_and_country(sentence, person, people)[0]
                    if title:
                        out[person] = title
        return out

    return article.analysed("titles_written", titles)


def _titled_otherwise(article: ArticleContext, person: str) -> bool:
    """Whether the article titles `person` at all (their office is then known, and one they do not
    hold is someone else's)."""
    return any(same_person(p, person) for p in _titles_written(article))


def _no_office_written(article: ArticleContext, person: str) -> bool:
    """Whether the article titles `person` by no office: not at all, or by a military rank alone
    ("Marine Corps Gen. Joe Dunford"), so an office phrase may still describe them."""
    titles = [t for p, t in _titles_written(article).items() if same_person(p, person)]
    return all(all(_is_rank(words, i) for i in range(len(words))) for words in (t.split() for t in titles))


# How many sentences back a narrative's day may be set ("Tomorrow, the President will start the day
# meeting with ... The President will then meet with ...").
_NARRATIVE_SENTENCES = 8


def _calendar_phrases(key: str) -> re.Pattern[str]:
    """Any phrase of calendar.yaml's list `key`, as whole words, in any case."""
    return re.compile(
        r"\b(?:" + "|".join(re.escape(w) for w in words("calendar", key)) + r")\b", re.IGNORECASE
    )


_NEXT_DAY = _calendar_phrases("next_day")
_PREVIOUS_DAY = _calendar_phrases("previous_day")
_ON_THAT_DAY = _calendar_phrases("on_that_day")
# A period, not a day ("this week", "last month", "in October"): a narrative set on it has no day.
_PERIOD = regex("calendar", "period_phrase")
_DAY_MOVED = re.compile(f"{_NEXT_DAY.pattern}|{_PREVIOUS_DAY.pattern}", re.IGNORECASE)


def _sets_a_period(sentence: str) -> bool:
    """Whether the sentence sets its time as a period ("visited the UK this week"), not as a
    possessive of something else's ("his victory in last month's elections")."""
    return any(sentence[m.end() : m.end() + 2] not in ("'s", "’s") for m in _PERIOD.finditer(sentence))


def moves_on_a_day(phrase: str) -> bool:
    """True when a date phrase is one that moves a narrative on or back a day ("the next day", "a
    day earlier")."""
    return _DAY_MOVED.fullmatch(phrase.strip()) is not None


def _days_moved(passage: str) -> tuple[int, str | None]:
    """The days the phrases of a passage move a narrative by (+1 per "the next day", -1 per "a day
    earlier"), and the last such phrase."""
    found = list(_DAY_MOVED.finditer(passage))
    days = sum(-1 if _PREVIOUS_DAY.fullmatch(m.group(0)) else 1 for m in found)
    return days, (found[-1].group(0) if found else None)


def narrative_day(article: ArticleContext, start: int, end: int) -> tuple[str, int, str | None] | None:
    """The day a programme of engagements sets the sentence at `start`-`end` on: the date phrase of
    the latest earlier sentence that has one, moved on a day by each "the following morning", "the
    next day" written from there to this sentence ("On Sunday, she will meet X. The following
    morning, she will meet Y. Later in the day, she will meet Z.": Y and Z on the Monday).

    A trip's day does not cross a border: when this sentence and the dated one both name where
    they are, in different countries, the day is the other stop's.

    Returns:
        (the date phrase, the days after it (before it when negative), the last phrase that moved
        the day) or None when no
        sentence within a few has one date phrase, or the one that has is another country's stop.
    """
    days, last = _days_moved(article.text[start:end])
    if _sets_a_period(article.text[start:end]):
        return None  # "He met X this week": a period, not the day of an earlier sentence
    # "The next day, she met Y in Warsaw": a day told from the one before, across a border too.
    here = _countries_of_places(article.text[start:end]) if last is None else set()
    earlier = [(a, b) for a, b in article.sentences if b <= start][-_NARRATIVE_SENTENCES:]
    for a, b in reversed(earlier):
        sentence = article.text[a:b]
        phrases = [d for d in date_phrases(sentence) if d.lower() not in _SAME_DAY]
        if phrases:
            there = _countries_of_places(sentence)
            if here and there and not here & there:
                return None  # the trip has moved on: the day of another country's stop is not this one's
            return (phrases[0], days, last) if len(phrases) == 1 else None
        if _sets_a_period(sentence):
            return None  # "X visited the UK this week. He met Y": that week, not an earlier day
        more, found = _days_moved(sentence)
        days += more
        last = last or found
    return None


def _countries_of_places(sentence: str) -> set[str]:
    """The countries of the places the sentence names as where ("in Tokyo": Japan; "a visit to
    India", "stopped in Souda Bay, Greece": India, Greece)."""
    city, country = place_in(sentence)
    placed = {c for c in named_countries(sentence) if stated_as_place(c, sentence)}
    return placed | {c for c in (country, city_country(city)) if c}


def _sentence_before(text: str, start: int) -> str | None:
    """The sentence before the one at `start`, when it is in the same paragraph (line)."""
    spans = sentence_spans(text)
    index = next((i for i, (a, _) in enumerate(spans) if a == start), 0)
    if index == 0:
        return None
    a, b = spans[index - 1]
    return None if any(ch in text[b:start] for ch in "\n\r") else text[a:b]


# The most words a country's name runs to: "United Kingdom of Great Britain and Northern Ireland",
# "Democratic People's Republic of Korea".
_LONGEST_COUNTRY = 8


def _country_ending(words: Sequence[str], end: int) -> tuple[str, int] | None:
    """A country written by words[start:end] for the longest such run of up to `_LONGEST_COUNTRY`
    words ("the United States", "Republic of Korea", "U.S."), with the index where it starts ("the"
    included)."""
    for size in range(min(_LONGEST_COUNTRY, end), 0, -1):
        # "Israel's Prime Minister", "the United States' envoy": a possessive country.
        country = country_of_words(words[end - size : end])
        if country is not None:
            start = end - size
            while start > 0 and words[start - 1].lower() in _ARTICLES:
                start -= 1
            return country, start
    return None


def _country_across(
    before: Sequence[str], start: int, *between: frozenset[str]
) -> tuple[int, tuple[str, int]] | None:
    """The country written before the office at `start` across lower-case words of one of the sets
    `between` (as written: a capitalised word is no such word): (where those words start, the
    country and where it starts), or None."""
    for words_between in between:
        k = start
        while k > 0 and before[k - 1] in words_between:
            k -= 1
        if k < start and (found := _country_ending(before, k)) is not None:
            return k, found
    return None


def _country_prefix(run: str) -> str | None:
    """The country the longest leading part of a capitalised run names ("Republic of Korea" of
    "Republic of Korea Yoon", "Japan" of "Japan Kishida")."""
    words = run.split()
    for size in range(len(words), 0, -1):
        if words[size - 1].lower() == "of":
            continue
        country = normalize_country(" ".join(words[:size]))
        if country is not None:
            return country
    return None


def _is_title_chain(words: Sequence[str]) -> bool:
    """True when the words are one office as English writes it: title words ("Deputy Foreign
    Minister", "Secretary of State"), then complements introduced by "for" or "of", where
    capitalised words may follow ("Minister for Foreign Affairs", "Minister of State for Asia and
    the Pacific", "President of the United States"). A capitalised word before any "for"/"of" is
    a name or a place, not part of the title ("President Ann Lee and Prime Minister")."""
    complement = named = False  # after "for"/"of"; a capitalised word other than a title seen there
    for i, word in enumerate(words):
        lower = word.lower()
        if lower in _COMPLEMENT:
            complement = True
        elif lower in _ADDRESSEE and i > 0:
            # "Adviser to the President", "Chief of Staff to the President": an office follows.
            complement, named = True, False
        elif complement and lower in _OFFICE_BODIES:
            named = True  # "member of the Cabinet": the body, as a place name would be
        elif _office_word(word):
            if named:
                return False  # "Chancellor of Germany Angela Merkel and President": a second office
        elif complement and (lower == "and" or word[:1].isupper() or lower in _PORTFOLIO_WORDS):
            # "Minister for Foreign Affairs", and as wire copy writes it after a name, "minister of
            # foreign affairs of Japan".
            named = named or lower != "and"
        elif lower not in _ARTICLES:
            return False
    return not words or words[-1].lower() not in _COMPLEMENT | _ARTICLES | {"and"}


def _without_rank(before: list[str]) -> list[str]:
    """The words before a name without a military rank that ends them after an office: "Chief of
    Naval Operations (CNO) Adm." -> "Chief of Naval Operations"; a rank with no office before it
    stays ("Adm. X" is titled by the rank). An office's acronym in brackets goes with the rank."""
    k = len(before)
    while k > 0 and _is_rank(before, k - 1):
        k -= 1
    if k == len(before) or k == 0 or all(w.lower() in _RANK_MODIFIERS for w in before[k:]):
        return before  # no rank, or only "Vice" of "Vice President"
    end = k - 1 if before[k - 1].isupper() and len(before[k - 1]) > 1 else k  # "(CNO)"
    if any(_office_word(before[i]) and _is_title_chain(before[i:end]) for i in range(end)):
        return before[:end]
    return before


def _without_posting(before: list[str]) -> list[str]:
    """The words before a name without a posting that ends them: "Russian Ambassador to China X"
    is Russian; the country after "to" is where the office is held, not whose it is."""
    for size in range(min(4, len(before) - 2), 0, -1):
        to = len(before) - size - 1
        posted = before[to].lower() == "to" and (_office_word(before[to - 1]) or _country_ending(before, to))
        if posted and normalize_country(" ".join(w.replace(".", "") for w in before[-size:])):
            return before[:to]
    return before


def _portfolio_start(
    before: Sequence[str], start: int, broken: Callable[[int], bool] = lambda k: False
) -> int:
    """Where an office begins when capitalised portfolio words (people.yaml: portfolio_words)
    precede its first title word ("Defense Minister", "External Affairs Minister", "Trade
    Representative"), or lower-case ones a lower-case office ("defence minister"): up to three,
    after a country, a lower-case word, a number, a day or a month ("June 1, 2013 – Defense
    Secretary"), a comma ("Foreign Secretary Vinay Kwatra, Defence Secretary Giridhar Aramane":
    `broken(k)` says punctuation stands before word k), a body (`_body_start`), or nothing."""

    def portfolio(k: int) -> bool:
        return (
            k > 0
            and _country_ending(before, k) is None  # "New Zealand Prime Minister"
            # News copy writes an office in lower case, its portfolio too ("Indian defence minister").
            and (before[k - 1][:1].isupper() or (start < len(before) and before[start][:1].islower()))
            and before[k - 1].lower() in _PORTFOLIO_WORDS
        )

    k, words = start, 0
    while words < 3:
        # Two portfolios joined by "and" ("International Relations and Cooperation Minister").
        if k > 1 and before[k - 1] == "and" and not broken(k - 1) and portfolio(k - 1):
            k -= 1
        if not portfolio(k):
            break
        k, words = k - 1, words + 1
    if k == start:
        return start
    previous = before[k - 1] if k > 0 else ""
    if (
        not previous.strip("-")  # nothing, or a dash: "PARIS - Defense Secretary"
        or previous[:1].islower()
        or previous[:1].isdigit()
        or previous.lower() in _CALENDAR_WORDS
        or _country_ending(before, k) is not None
        or broken(k)
        or _body_start(before, k, broken) < k
    ):
        return k
    return start


def _body_start(before: Sequence[str], start: int, broken: Callable[[int], bool]) -> int:
    """Where the body an office belongs to begins, when the words right before the office at
    `start` name one: an acronym that is no country's ("FCO Minister of State", "NSA Maritime
    Advisor"), or a capitalised run ending in a body word ("European Commission President", "United
    Nations Secretary-General"), with nothing but a space between it and the office; `start` when
    they name none."""
    if start == 0 or broken(start):
        return start
    previous = before[start - 1]
    if _ACRONYM.match(previous):
        # A dateline's city in capitals ("TOKYO - Defense Secretary"); not a two- or three-letter
        # acronym, which names a town somewhere ("UN", "IMF") but a body before an office.
        capital = len(previous.strip(".")) > 3 and city_country(previous.title()) is not None
        country = normalize_country(previous) or _COUNTRY_ABBREVIATION.fullmatch(previous)  # "ROK"
        if country or capital or _office_word(previous):
            return start
        return start - 1
    k = start - 1
    if (
        previous.lower() in ("for", "of")
        and start > 1
        and before[start - 2].lower() in _BODY_WORDS
        and not broken(start - 1)
    ):
        # The body's name holds the office's portfolio ("Agency for International Development
        # Administrator"): the body word before "for" or "of".
        k, previous = start - 2, before[start - 2]
    if previous.lower() not in _BODY_WORDS or not previous[:1].isupper():
        return start
    # Up to three more capitalised words of the body's name, none a title or the country's name.
    while (
        k > 0
        and start - k < 4
        and not broken(k)
        and before[k - 1][:1].isupper()
        and not _office_word(before[k - 1])
        and not normalize_country(before[k - 1])
    ):
        k -= 1
    return k


def _joined_office_start(before: Sequence[str], start: int) -> int:
    """The start of a first office joined to the one at `start` by "and" ("Deputy Prime Minister
    and" before "Minister of Foreign Affairs"), or `start` when there is none."""
    if start < 2 or before[start - 1].lower() != "and" or not _office_word(before[start - 2]):
        return start
    k = start - 1
    while k > 0 and (_office_word(before[k - 1]) or before[k - 1].lower() in _JOINERS):
        k -= 1
    return k


def _before_the_person(before: list[str], name: str, people: Sequence[str]) -> list[str]:
    """The words before a person's name without the rest of the name or another person's: "George
    W." before "Bush" where the article names "George W. Bush", "Vjosa Osmani and" before "Albin
    Kurti" (the title before the first of two people), "Her" of "Her Excellency"."""
    words = list(before)
    changed = True
    while words and changed:
        changed = False
        # The name's own first words: the words and the mention are a fuller name the article writes.
        for k in range(min(3, len(words)), 0, -1):
            fuller = " ".join([*words[-k:], name])
            if any(
                (_office_word(w) or w.lower() in _PORTFOLIO_WORDS) and not (i > 0 and w.lower() in _NOBLE)
                for i, w in enumerate(words[-k:])
            ):
                # "Strategic Energy Infrastructure Piotr Naimski": the office, not the name (a rank
                # inside a name the article writes is the name's: "Hassan Sheikh" of "Mohamud").
                continue
            plain = fuller.replace(". ", " ")
            if any(fuller in p or plain in p.replace(". ", " ") for p in people if p != name):
                del words[-k:]
                # The name as far as read ("Ould Cheikh El" before "Ghazouani", then "Mohamed").
                name = fuller
                changed = True
                break
        if len(words) > 1 and words[-1].lower() == "and":
            # "the President and the Prime Minister of Kosovo, Vjosa Osmani and Albin Kurti"; the
            # first person's country after them ("Prime Ministers Naoto Kan of Japan and Wen").
            end = len(words) - 1
            of = next(
                (
                    j
                    for j in range(end - 1, max(end - 5, 0), -1)
                    if words[j] == "of" and normalize_country(" ".join(words[j + 1 : end]))
                ),
                end,
            )
            for k in range(min(4, of), 0, -1):
                if " ".join(words[of - k : of]) in people:
                    del words[of - k :]
                    changed = True
                    break
        if words and words[-1].lower() in ("her", "his") and not changed:
            words.pop()  # "Her Excellency", the honorific already gone
            changed = True
    return words


def _office_set_off(window: str, before: Sequence[str]) -> bool:
    """Whether the words before a name's rank end in an office set off by a comma ("The Emir of
    Qatar, Sheikh ..."): the window's text before the rank ends with a comma, and the words before
    it (`before`) end in a title chain."""
    rank_at = window.rstrip().rfind(" ")
    return window[: max(rank_at, 0)].rstrip().endswith(",") and any(
        _office_word(before[i]) and _is_title_chain(before[i:]) for i in range(len(before))
    )


def title_and_country(sentence: str, name: str, people: Sequence[str] = ()) -> tuple[str | None, str | None]:
    """The title words right before the name, and a country among them or after it ("of India").

    "President of India Pranab Mukherjee" -> ("President", "India"); "Turkish Foreign Minister X"
    -> ("Foreign Minister", "Turkey"); "Prime Minister Y of Canada" -> ("Prime Minister", "Canada");
    "President of the United States X" -> ("President", "United States"); "U.S. Secretary of State
    X" -> ("Secretary of State", "United States"); "Minister for Foreign Affairs of Japan X" ->
    ("Minister for Foreign Affairs", "Japan"); "his Iranian counterpart X" -> (None, "Iran");
    "President X of the Republic of Korea" -> ("President", "South Korea").
    """
    at = sentence.find(name)
    before = _WORD.findall(sentence[max(0, at - 100) : at])[-10:]
    while before and (before[-1].lower() in _HONORIFICS or before[-1].lower() in _RELATIONAL):
        before.pop()  # "Mr. Shinzo Abe": an honorific; "his Iranian counterpart": no title either
    if people:
        before = _before_the_person(before, name, people)
    if before and (single := singular_title(before[-1])) is not None and before[-2:-1] != ["of"]:
        # "Foreign Ministers X and Y": each a Foreign Minister ("Chairwoman of the Council of
        # Ministers X" names a body by its members).
        before[-1] = single
    if (
        len(before) > 1
        and before[-1].lower() in _NOBLE
        and (
            (_office_word(before[-2]) and before[-2].lower() != "crown")
            or _office_set_off(sentence[max(0, at - 100) : at], before[:-1])
        )
    ):
        # "Foreign Minister Prince Faisal", "The Emir of Qatar, Sheikh Tamim": a rank the name
        # carries, not the office
        before.pop()
    before = _without_rank(before)
    before = _without_posting(before)
    # The longest office that ends right before the name and starts with a title word.
    start = next(
        (
            i
            for i in range(len(before))
            if _office_word(before[i])
            and before[i].lower() not in _HONORIFICS
            and _is_title_chain(before[i:])
        ),
        len(before),
    )
    if (
        0 < start < len(before)
        and before[start].lower() == "general"
        and before[start - 1].lower() in _GENERAL_OFFICES
    ):
        start -= 1  # "Attorney General X": the office is both words
    if start < len(before):
        window = sentence[max(0, at - 100) : at]

        def broken(k: int) -> bool:
            # Word k, where last written before the name, follows punctuation or opens the window.
            found = window.rfind(before[k])
            # A dash too: a dateline's ("PARIS – Defense Secretary X").
            return found >= 0 and (
                found == 0 or window[:found].rstrip()[-1:] in (",", ";", ":", "-", "–", "—")
            )

        portfolio = _portfolio_start(before, start, broken)
        # Only words written right before the office, no comma between ("Leader of the Nation,
        # President of ..." is two offices).
        written = r"\s+".join(re.escape(w) for w in before[portfolio : start + 1])
        if re.search(written, window):
            start = portfolio
            body = _body_start(before, start, broken)
            if body < start and re.search(
                r"\s+".join(re.escape(w) for w in before[body : start + 1]), window
            ):
                start = body
        # Two offices of one person joined by "and", nothing else between ("Cambodian Deputy Prime
        # Minister and Foreign Minister X"): the title is both. Not after a determiner: "the Prime
        # Minister and President Biden", "the Indian president and Prime Minister Singh" are two.
        joined = _joined_office_start(before, start)
        while joined < start and before[joined].lower() in _JOINERS:
            joined += 1
        if (
            joined < start
            and before[joined][:1].isupper()
            and (joined == 0 or before[joined - 1].lower() not in _ARTICLES)
            and _is_title_chain(before[joined : start - 1])
            and re.search(r"\s+".join(re.escape(w) for w in before[joined : start + 1]), window)
        ):
            start = joined
    chain = before[start:]
    country = None
    ending = _country_ending(chain, len(chain)) if chain else None
    if ending is not None and ending[1] > 0 and chain[ending[1] - 1].lower() == "of":
        country, chain = ending[0], chain[: ending[1] - 1]  # "President of the United States"
    # What follows "for" is the office's portfolio, a place included ("Secretary of State for
    # Northern Ireland", "Minister for Europe"): the title's words, not the person's country.
    cut = next((i for i, w in enumerate(chain) if w.lower() == "for"), len(chain))
    demonyms = [c for c in (normalize_country(w) for w in chain[:cut] if not _office_word(w)) if c]
    if demonyms and country is None:
        country = demonyms[0]
    title = [
        w
        for i, w in enumerate(chain)
        if i > cut or _office_word(w) or w.lower() in _JOINERS or not normalize_country(w)
    ]
    while title and title[0].lower() in _JOINERS:
        title.pop(0)
    while title and title[-1].lower() in _JOINERS:
        title.pop()
    while len(title) > 1 and title[0].lower() in _STYLES:
        title.pop(0)  # "Her Majesty Queen Elizabeth II": a style of address, then the office
    if country is None:
        # "Turkish Deputy Foreign Minister", "US President"; over a first office joined by "and"
        # ("Cambodian Deputy Prime Minister and Minister of Foreign Affairs X").
        end = start
        left = _country_ending(before, end)
        if left is None and start > 0 and before[start - 1].lower() in _RELATIONAL:
            # "her Indian counterpart Prime Minister X": the country stands before the relation.
            end = start - 1
            left = _country_ending(before, end)
        if left is None:
            end = _joined_office_start(before, start)
            left = _country_ending(before, end)
        # "Japanese navy Adm.": a service in lower case between the demonym and the rank; "Peru's
        # new Prime Minister": when the office is held.
        if left is None and (across := _country_across(before, start, _BRANCHES, _HELD_SINCE)) is not None:
            end, left = across
        # "While in Poland Minister Field": a place the sentence is set in, not the office's country.
        placed = left is not None and left[1] > 0 and before[left[1] - 1].lower() in _PLACE_PREPOSITIONS
        # "SINGAPORE – Defense Secretary X": a dateline, set off by a dash or a colon.
        dateline = (
            left is not None
            and 0 < end < len(before)
            and re.search(
                re.escape(before[end - 1]) + r"\s*[–—:-]\s*" + re.escape(before[end]),
                sentence[max(0, at - 100) : at],
            )
            is not None
        )
        # "Prime Minister A of Australia, Prime Minister B of Japan": a country before a list's
        # comma is the item before's.
        listed = (
            left is not None
            and 0 < end < len(before)
            and re.search(
                re.escape(before[end - 1]) + r"\s*[,;]\s*" + re.escape(before[end]),
                sentence[max(0, at - 100) : at],
            )
            is not None
        )
        country = left[0] if left is not None and not placed and not dateline and not listed else None
    after = _OF_COUNTRY.match(sentence[at + len(name) :])
    if country is None and after:
        country = _country_prefix(after.group(1))
    return (" ".join(w.lower() if w.lower() in _JOINERS else w for w in title) or None), country


def without_honorifics(title: str) -> str | None:
    """The title without the honorifics written at either end of it ("Senator the Hon" ->
    "Senator", "Director Dr" -> "Director", "H.E. President" -> "President"): a form of address
    is no office.

    Args:
        title: a title as read or answered.

    Returns:
        The title's words between its honorifics, or None when nothing else is left.
    """
    words = title.split()

    def address(word: str) -> bool:
        parts = [p for p in re.split(r"[.,]", word.lower()) if p]  # "H.E.": "h" and "e"
        return (bool(parts) and all(p in _HONORIFICS for p in parts)) or word.lower() in _ARTICLES

    while words and address(words[-1]):
        words.pop()
    while words and address(words[0]):
        words.pop(0)
    return " ".join(words) or None


def rank_only(title: str) -> bool:
    """True when a title is a military rank and its service alone ("Navy Adm", "Gen.", "Lt.
    General"): no office. The rules read such a person as titled; the answer gives no title.

    Args:
        title: a title as read or answered.

    Returns:
        Whether every word is a rank or a service.
    """
    words = title.split()
    return bool(words) and all(
        _is_rank(words, i) or words[i].lower().rstrip(".") in _BRANCHES for i in range(len(words))
    )


def _offices_country(words: Sequence[str]) -> str | None:
    """The country of "of <country>" after one or more offices at the start of the words ("Deputy
    Prime Minister and Minister of Foreign Affairs of Vietnam, ..."), with nothing but office words
    before it."""
    complement = False  # after "of"/"for", a portfolio's capitalised words ("of Foreign Affairs")
    for i, word in enumerate(words):
        lower = word.lower()
        if lower == "of" and i > 0 and (country := _country_prefix(" ".join(words[i + 1 :]))):
            return country
        if (
            lower == "and"
            and i + 2 < len(words)
            and (country := normalize_country(POSSESSIVE_END.sub("", words[i + 1])))
            and _office_word(words[i + 2])
        ):
            return country  # "member of the Political Bureau and Chinese Foreign Minister"
        complement = complement or lower in _COMPLEMENT
        office_word = _office_word(word) or lower in _JOINERS | _ARTICLES | _COMPLEMENT or lower == "and"
        if not (office_word or (complement and word[:1].isupper())):
            return None
    return None


# Verbs that end an office set off after a name with its closing comma left out.
_MAIN_VERBS = word_set("people", "apposition_end_verbs")


def apposition(sentence: str, name: str, people: Sequence[str] = ()) -> tuple[str | None, str | None]:
    """The title (and its country) set off after the name: "Wang Yi, Foreign Minister of China" ->
    ("Foreign Minister", "China"); "Ann Lee, the Irish foreign minister" -> ("foreign minister",
    "Ireland"); "Kamikawa Yoko, Minister for Foreign Affairs of Japan" -> ("Minister for Foreign
    Affairs", "Japan"). The whole set-off phrase must be the office: "X, a former minister who ..."
    gives nothing. The phrase ends where "and" joins another of `people` to it: "Maia Sandu,
    President of Moldova and Filippo Grandi, ..." -> ("President", "Moldova").
    """
    at = sentence.find(name)
    rest = sentence[at + len(name) :] if at >= 0 else ""
    # The rest of a name the person was given short: "KAMIKAWA" of "Ms. KAMIKAWA Yoko, Minister for
    # Foreign Affairs" (a family name first, as Japan's foreign ministry writes it).
    rest = next(
        (
            rest[len(p) - len(name) :]
            for p in people
            if p.startswith(name + " ") and rest.startswith(p[len(name) :])
        ),
        rest,
    )
    while (after := _NEXT_WORD.match(rest)) and after.group(1).replace(".", "").lower() in _POST_NOMINALS:
        rest = rest[after.end() :]  # "Bob Carr MP, Minister for Foreign Affairs of Australia"
    opener = rest.lstrip()[:1]
    if opener not in (",", "("):
        return None, None
    # Set off by commas, or in brackets ("Ann Lee (Japan's foreign minister)"); a square-bracketed
    # note is no part of it ("President of Poland [in person]").
    set_off = re.sub(r"\s*\[[^\]]*\]", "", rest.lstrip()[1:])
    segments = set_off.split(")")[0].split(",") if opener == "(" else set_off.split(",")
    phrase, comma = segments[0], None
    if len(segments) > 1 and _WORD.search(phrase) and _LIST_END.fullmatch(segments[1]):
        # "Minister of Economy, Trade and Industry": one office, its comma kept in the title.
        comma = _WORD.findall(phrase)[-1], _WORD.findall(segments[1])[0]
        phrase += "," + segments[1]
    words = _WORD.findall(phrase)
    for i, word in enumerate(words[:-1]):
        if word.lower() == "and" and any(
            " ".join(words[i + 1 : i + 1 + len(p.split())]) == p for p in people if p != name
        ):
            words = words[:i]
            break
    others = [p.split() for p in people if p != name and len(p.split()) > 1 and not same_person(p, name)]
    if any(
        words[i : i + len(o)] == o and _office_word(words[i - 1])
        for o in others
        for i in range(1, len(words))
    ):
        # "Ban Ki-moon, Russian Foreign Minister Sergei Lavrov, ...": the next of a list of titled
        # people (another person right after an office word), not an office set off after the name.
        return None, None
    lead = 0
    country = None
    portfolio: list[str] = []
    while lead < len(words) and not _office_word(words[lead]):
        if words[lead].lower() in _ARTICLES or words[lead].lower().replace("’", "'") in _APPOSITION_LEAD:
            lead += 1  # "X, also the foreign minister", "X, who is the country's foreign minister"
        elif country is None and (found := _country_at(words, lead)):
            # "the Irish foreign minister", "China's foreign minister", "the North Korean leader"
            country, lead = found
        elif portfolio := _portfolio_before_office(words, lead):
            lead += len(portfolio)  # "India's finance minister"
        elif body := _body_before_office(words, lead):
            lead += len(body)  # "Filippo Grandi, United Nations High Commissioner for Refugees"
            portfolio = body
        else:
            return None, _described_country(words, lead, country)
    chain = words[lead:]
    if chain and _office_word(chain[0]) and not _is_title_chain(chain):
        # "Taro Kono, Minister for Foreign Affairs had a telephone conversation": the set-off office
        # ends where the sentence's verb starts (its closing comma left out).
        verb = next((k for k in range(1, len(chain)) if chain[k].lower() in _MAIN_VERBS), None)
        if verb is not None and _is_title_chain(chain[:verb]):
            # The country as before: the offices' country over the whole phrase (measured: reading
            # it from the cut office alone lost one right country on the test split).
            country = country or _offices_country(chain)
            chain = chain[:verb]
    if chain and _office_word(chain[0]) and not _is_title_chain(chain):
        # More than one office ("Deputy Prime Minister and Minister of Foreign Affairs of Vietnam"),
        # or an office and more ("Prime Minister of Cambodia since 2023", "Japan's prime minister
        # who ..."): the office's country still stands, the title is not read.
        return None, country or _offices_country(chain) or _described_country(words, lead, None)
    if not chain or not _is_title_chain(chain):
        return None, _described_country(words, lead, country)  # no title ("a former minister who ...")
    ending = _country_ending(chain, len(chain))
    if ending is not None and ending[1] > 0 and chain[ending[1] - 1].lower() == "of":
        country, chain = country or ending[0], chain[: ending[1] - 1]
    title = " ".join(w.lower() if w.lower() in _JOINERS else w for w in [*portfolio, *chain]).strip()
    if comma is not None:
        title = title.replace(f"{comma[0]} {comma[1]}", f"{comma[0]}, {comma[1]}", 1)
    return title or None, country


_ROLE_NOUNS = word_set("people", "role_nouns")
# The last items of a list of capitalised portfolio words an office's comma interrupts: "(Minister
# of Economy,) Trade and Industry".
_LIST_END = regex("people", "portfolio_list_end")
_APPOSITION_LEAD = word_set("people", "apposition_lead_words")


def _described_country(words: Sequence[str], at: int, country: str | None) -> str | None:
    """The country of a role described, not titled, after a name: "X, Iran's top diplomat", "X, a
    senior Iranian official" -- lower-case words ending in a role noun (people.yaml `role_nouns`),
    a country among them or before them; None for anything else ("a former minister who ...")."""
    rest = list(words[at:])
    if not rest or rest[-1].lower() not in _ROLE_NOUNS or len(rest) > 4:
        return None
    i = 0
    while i < len(rest):
        found = _country_at(rest, i) if country is None else None
        if found is not None:
            country, i = found
        elif rest[i][:1].islower():
            i += 1
        else:
            return None
    return country


def _country_at(words: Sequence[str], at: int) -> tuple[str, int] | None:
    """The country the longest run of up to four words from words[at] names ("North Korean",
    "India's"), with the index after it."""
    for size in range(min(4, len(words) - at), 0, -1):
        country = country_of_words(words[at : at + size])
        if country is not None:
            return country, at + size
    return None


def _body_before_office(words: Sequence[str], at: int) -> list[str]:
    """The body an office set off after a name belongs to, from words[at] to the office word right
    after it ("United Nations High Commissioner", "NATO Secretary General", "IMF Managing
    Director"; `_body_start`), else []."""
    office = next((k for k in range(at + 1, min(len(words), at + 5)) if _office_word(words[k])), None)
    if office is None or _body_start(words, office, lambda k: False) != at:
        return []
    return list(words[at:office])


def _portfolio_before_office(words: Sequence[str], at: int) -> list[str]:
    """Up to three portfolio words from words[at] that an office word follows ("finance minister",
    "foreign affairs minister"), else []."""
    end = at
    while end < len(words) and end - at < 3 and words[end].lower() in _PORTFOLIO_WORDS:
        end += 1
    return list(words[at:end]) if end > at and end < len(words) and _office_word(words[end]) else []


_BRACKETED_ABBREVIATION = re.compile(r"\s\((?:[A-Z]\.?){2,6}\)")


# Two offices, then whose ("the President and the Prime Minister of Kosovo"), at the end of the
# words before ", X and Y": each office in turn is the person's in turn.
_TWO_OFFICES = re.compile(
    r"(?:\bthe\s+)?(?P<first>(?:[A-Z][\w-]*\s+){0,3}[A-Z][\w-]*)\s+and\s+(?:the\s+)?"
    r"(?P<second>(?:[A-Z][\w-]*\s+){0,3}[A-Z][\w-]*)"
    r"(?:\s+of\s+(?:the\s+)?(?P<whose>(?:[A-Z][\w-]*\s+){0,3}[A-Z][\w-]*))?$"
)


def _respective_office(sentence: str, name: str, people: Sequence[str]) -> tuple[str, str | None] | None:
    """The office a pair of offices gives the person in turn: "the President and the Prime Minister
    of Kosovo, Vjosa Osmani and Albin Kurti" makes Osmani the President, Kurti the Prime Minister,
    both of Kosovo. None when the sentence writes no such pair before the person and another."""
    for other in people:
        if same_person(other, name) or other in name or name in other:
            continue
        for pair, turn in (((name, other), 0), ((other, name), 1)):
            at = sentence.find(f", {pair[0]} and {pair[1]}")
            if at < 0:
                continue
            m = _TWO_OFFICES.search(sentence[:at])
            offices = m.group("first", "second") if m is not None else ()
            if m is None or not all(_office_word(o.split()[-1]) for o in offices):
                continue
            whose = normalize_country(m.group("whose")) if m.group("whose") else None
            return offices[turn], whose
    return None


def written_office(sentence: str, name: str, people: Sequence[str] = ()) -> tuple[str | None, str | None]:
    """The person's office and its country as the sentence writes them (`_written_office`), an
    ampersand read as "and" ("Foreign & Commonwealth Minister for Asia X"), the title as written.

    Args:
        sentence: one sentence of the article.
        name: the person as the sentence writes them.
        people: the article's people (`ArticleContext.people`).

    Returns:
        (title, country), each None where the sentence gives none.
    """
    if " & " not in sentence:
        return _written_office(sentence, name, people)
    title, country = _written_office(sentence.replace(" & ", " and "), name, people)
    if title is None:
        return title, country
    parts = title.split(" and ")
    joined = r"\s+(and|&)\s+".join(re.escape(p) for p in parts)
    found = re.search(joined, sentence, re.IGNORECASE)
    if found is None:
        return title, country
    # Each "and" of the title as the sentence writes it there.
    title = parts[0] + "".join(f" {found.group(i + 1)} {p}" for i, p in enumerate(parts[1:]))
    return title, country


def _written_office(sentence: str, name: str, people: Sequence[str] = ()) -> tuple[str | None, str | None]:
    """The person's office and its country as the sentence writes them: before the name
    (`title_and_country`), else set off after it (`apposition`); a country from either. A military
    rank alone before the name gives way to an office set off after it.

    Args:
        sentence: one sentence of the article.
        name: the person as the sentence writes them.
        people: the article's people (`ArticleContext.people`): the words of a fuller form of the
            name ("George W." before "Bush"), or another person joined by "and", are no title.

    Returns:
        (title, country), each None where the sentence gives none.
    """
    # An abbreviation in brackets does not break the office before a name: "Republic of Korea (ROK)
    # Minister of National Defense Song Young-moo".
    sentence = _BRACKETED_ABBREVIATION.sub("", sentence)
    respective = _respective_office(sentence, name, people)
    if respective is not None:
        return respective
    title, country = title_and_country(sentence, name, people)
    if title is None:
        set_off = apposition(sentence, name, people)
        title, country = set_off[0], country or set_off[1]
        at = sentence.find(name)
        said = office_said_after(sentence, at + len(name)) if title is None and at >= 0 else None
        if said is not None and len(name.split()) > 1:
            # "X following his appointment as Foreign Secretary", "... as Prime Minister of Spain".
            office, _, rest = said.partition(" of ")
            title, country = (
                (office, country or normalize_country(rest)) if normalize_country(rest) else (said, country)
            )
    elif rank_only(title):
        # "Gen. Joe Dunford, chairman of the Joint Chiefs of Staff", "Navy Adm. Mike Mullen,
        # chairman of ...": a rank (and its service) is how the person is
        # called, no office; the office set off after the name is the title, else there is none
        # ("Japanese navy Adm. X"). Its country is not taken (it cost a held-out meeting,
        # thirteenth session).
        title = apposition(sentence, name, people)[0]
    elif (
        all(w.lower() in _NOBLE for w in title.split()) and (set_off := apposition(sentence, name, people))[0]
    ):
        # "Sheikh X, the Emir of Qatar": a noble rank is how the person is called; the office set
        # off after the name is the title, and its country theirs.
        title, country = set_off[0], country or set_off[1]
    elif country is None:
        # "Prime Minister X, India's new leader": the office before the name has no country; the
        # one set off after it names it.
        country = apposition(sentence, name, people)[1]
    return title, country or _possessed_body(title) or _group_country(sentence, name)


def shared_country(sentence: str, name: str, people: Sequence[str] = ()) -> str | None:
    """The country of the titled person before, for a titled person joined to them by "and" after a
    meeting word, whose own office names none: "will meet with Cambodian Prime Minister Hun Sen and
    Deputy Prime Minister Prak Sokhonn" (both Cambodia's: the host's officials, listed together).
    Not for the same office twice ("Japanese Prime Minister A and Prime Minister B": two
    countries) nor for two leaders (people.yaml `leader_office`), nor for people joined before
    the meeting word ("Chinese President A and Prime Minister B met": the two sides).

    Args:
        sentence: one sentence of the article.
        name: the second person as the sentence writes them.
        people: the article's people (`ArticleContext.people`).

    Returns:
        The first person's country as the words before their office write it, or None.
    """
    at = sentence.find(name)
    title, own = title_and_country(sentence, name, people)
    if at < 0 or title is None or own is not None:
        return None
    joined = re.search(
        r"(\S.*?)\s+and\s+" + r"\s+".join(re.escape(w) for w in title.split()) + r"\s+$", sentence[:at]
    )
    if joined is None:
        return None
    head = joined.group(1)
    first = max((p for p in people if p != name and head.endswith(p)), key=len, default=None)
    if first is None:
        return None
    first_title, country = title_and_country(sentence, first, people)
    opened = head[: len(head) - len(first)]
    if (
        first_title is None
        or country is None
        or first_title.lower() == title.lower()
        or (_LEADER_OFFICE.search(first_title) and _LEADER_OFFICE.search(title))
    ):
        return None
    # The office and its country right before the first person, the meeting word before them.
    written = opened.rstrip()
    return (
        country if meeting_word(written) is not None and written.endswith(first_title.split()[-1]) else None
    )


# "<Country>'s" or "<capital>'s" inside an office, before the body it heads.
_POSSESSOR = re.compile(r"\b([A-Z][\w.-]*(?:\s+[A-Z][\w.-]*){0,3})['’]s\s+[A-Z]")


def _possessed_body(title: str | None) -> str | None:
    """The country whose body an office heads, written as a possessive inside it: "head of South
    Korea's National Intelligence Service", "head of Seoul's National Security Office" (a capital
    standing for its government)."""
    if title is None:
        return None
    for m in _POSSESSOR.finditer(title):
        written = m.group(1)
        if (country := normalize_country(written)) is not None:
            return country
        if (country := city_country(written)) is not None and capital_of(country) == written:
            return country
    return None


_GROUP_OF = regex("people", "group_of_country")


_LIST_CLOSED = re.compile(r"\band\b[^,;]*,")


def _group_country(sentence: str, name: str) -> str | None:
    """The country of a group a person is listed in: "met key Polish figures including Deputy Foreign
    Minister Maciej Lang, ... and Piotr Naimski", "senior Chinese officials, among them X" -- the
    demonym before the group's noun, when only a list of titled people stands between the group and
    the name."""
    at = sentence.find(name)
    if at < 0:
        return None
    for m in _GROUP_OF.finditer(sentence, 0, at):
        gap = sentence[m.end() : at]
        # "..., including A, B and C, Foreign Secretary D said": a comma after the list's last item
        # ("and C") closes it; D is the sentence's subject, no member.
        if (
            ";" in gap
            or _LIST_CLOSED.search(gap)
            or not all(_office_list_word(w) or w.lower() in _COMPLEMENT for w in _WORD.findall(gap))
        ):
            continue
        return country_of_words(m.group("country").split())
    return None


_PARTICIPIAL = regex("meetings", "participial_opener")
# Where an opening clause ends: at a comma, or where news copy leaves the comma out before a "he"
# or "she" and a verb ("During a meeting with Foreign Minister X she thanked Seoul ...").
_AFTER_COMMA = regex("meetings", "opening_clause_end")


def _clause_subject(article: ArticleContext, start: int, tail: str, principal: str) -> int | None:
    """Where, in the words after an opening clause's meeting word, the principal's main clause
    starts ("with X, he called ...": at ", he"), when its subject is the principal by name, or a
    "he"/"she" that refers to them (`antecedent`); None when no comma opens such a clause."""
    for m in _AFTER_COMMA.finditer(tail):
        clause = tail[m.end() : m.end() + 60]
        pronoun = PRONOUN_SUBJECT.match(clause)
        if pronoun is not None and "," not in pronoun.group():  # "he called", not "X, he called"
            meant = antecedent(article, start)
            return m.start() if meant is not None and same_person(meant, principal) else None
        words = _WORD.findall(clause)[:5]
        leading = []
        for word in words:  # "Secretary Tillerson said": the title and the name, up to the verb
            if not word[:1].isupper():
                break
            leading.append(word)
        subject = " ".join(leading)
        if leading and (
            surnames_named([principal], subject) or family_name_written(principal, subject, article.people)
        ):
            return m.start()  # "..., President Park said": Park Geun-hye by her family name
    return None


def _members_named(tail: str, listed: dict[str, str]) -> bool:
    """Whether `tail` names the people it lists as members of one group ("other members of the
    Quartet, including A, B and C"): the cue stands before the last of them, not in what follows
    ("met with A and B to discuss issues, including the threat of ...")."""
    cue = _GROUP_MEMBERS.search(tail)
    return cue is not None and any(cue.start() < tail.find(form) for form in listed.values())


def _titled_in(
    sentence: str,
    tail: str,
    candidates: Sequence[str],
    people: Sequence[str],
    named: Sequence[str],
    elsewhere: bool = False,
    text: str = "",
) -> dict[str, str]:
    """The titled people `tail` (the sentence's words after its meeting word) names and `named`
    does not: any form the sentence writes ("President Arroyo"), keyed by the fullest the article
    has ("Gloria Macapagal-Arroyo"), so that the title and country are read where it is written.
    With `elsewhere`, a surname alone ("also met Lee") counts when the article (`text`) titles its
    fullest form somewhere, not as a possessive ("Lee's deputy")."""
    new: dict[str, str] = {}
    for w in candidates:
        if (
            w in tail
            # "President Maia Sandu" or "Maia Sandu, President of Moldova"
            and (
                titled(sentence, w)
                or (len(w.split()) > 1 and apposition(sentence, w, people)[0] is not None)
                or (
                    elsewhere
                    and titled(text, fullest_form(w, people))
                    and re.search(rf"(?<!\w){re.escape(w)}(?![\w’'])", tail) is not None
                )
            )
            and not is_country_run(w)
            and not _of_a_body(sentence, w)
            and not any(same_person(_person_of(w), n) for n in named)
            and not owner_only(tail, w)
        ):
            full = fullest_form(w, people)
            if full not in new or len(w) > len(new[full]):
                new[full] = w
    # "UN Secretary-General Ban Ki-moon": the run the hyphened title rides along with is the same
    # person as the name after it, not another one met.
    return {
        k: v
        for k, v in new.items()
        if _person_of(k) == k or not any(o != k and same_person(_person_of(k), o) for o in new)
    }


def _person_of(written: str) -> str:
    """A candidate without the title word a capitalised run carried along ("Secretary-General Ban",
    a hyphened title no run is cut at): the person, as their other mentions are matched."""
    first, _, rest = written.partition(" ")
    return rest if rest and is_title_word(first) else written


_OBJECT_PRONOUN = regex("meetings", "object_pronoun")
_ALSO_BEFORE = regex("meetings", "also_before")
_AGENT_BEFORE = regex("meetings", "agent_before")
_DESCRIBED = regex("meetings", "described_person")
_NAMED_OBJECT = regex("meetings", "named_object")


def office_written(
    article: ArticleContext, name: str, people: Sequence[str] = ()
) -> tuple[str | None, str | None]:
    """The title and country written around the person's first titled mention (`written_office`,
    with the article's `people` when given).

    Args:
        article: the whole article, analysed once.
        name: the person, as the article writes them.
        people: the article's people, for an office set off after the name.

    Returns:
        (title, country), each None when the article writes none.
    """
    for a, b in article.sentences:
        sentence = article.text[a:b]
        if name in sentence:
            title, country = written_office(sentence, name, people)
            if title or country:
                return title, country
    return None, None


def named_object(article: ArticleContext, tail: str, named: Sequence[str]) -> str | None:
    """The person named right after a meeting word, though untitled there, whom the article titles
    in full elsewhere: in full ("travelled to London to meet with David Cameron" after "Foreign
    Secretary David Cameron"), or by a surname alone ("Moon will meet with Kim in April" after
    "leader Kim Jong Un"). A name the article never titles may be anyone's (a first, wider reading
    added a false meeting on a held-out split for one model).

    Args:
        article: the whole article, analysed once.
        tail: the sentence's words after its meeting word.
        named: people not to be taken (already in an event, or the subject).

    Returns:
        The person's fullest form, or None when no such name the article writes as a person opens
        the words (a country, a body, an office, a possessive: "met with Lee
        Jae-myung's envoy" is no meeting with him).
    """
    m = _NAMED_OBJECT.match(tail)
    if m is None:
        return None
    rest = m.group("rest")
    best = None
    for w in article.people:
        if not rest.startswith(w) or (best is not None and len(w) <= len(best)):
            continue
        # Someone the article names in full with a title elsewhere ("leader Kim Jong Un"): "will
        # meet with Kim in April" by a surname alone, for no one else's.
        full = fullest_form(w, article.people)
        if len(full.split()) < 2 or not titled(article.text, full):
            continue
        if len(w.split()) < 2 and sum(1 for p in fullest(list(article.people)) if same_person(p, w)) > 1:
            continue
        after = rest[len(w) :]
        if after[:1].isalnum() or after[:1] in "-’'" or after[:1] == "(":
            continue  # a longer run, a possessive or a body's abbreviation follows
        best = w
    if best is None or is_country_run(best) or not_a_participant(best, article.text) is not None:
        return None
    if _of_a_body(tail, best) or any(same_person(best, n) for n in named):
        return None
    return fullest_form(best, article.people)


_GROUP_OBJECT_LEAD = regex("meetings", "group_object_lead")


def group_named_before(article: ArticleContext, start: int, tail: str, subject: str) -> list[str]:
    """The people a group met stands for, when it is written as a count right after the meeting
    word ("will also meet separately with the two leaders"): as many people, besides the subject,
    as the sentence right before (in the same paragraph) names.

    Args:
        article: the whole article, analysed once.
        start: where the meeting's sentence starts.
        tail: the sentence's words after its meeting word.
        subject: who met.

    Returns:
        Their fullest forms in the order the sentence before writes them, or [] when the words are
        no such count or the sentence before names a different number of others.
    """
    lead = _GROUP_OBJECT_LEAD.match(tail)
    group = _PAIR_SUBJECT.match(tail[lead.end() :]) if lead is not None else None
    before = _sentence_before(article.text, start)
    if group is None or before is None:
        return []
    counted = _GROUP_COUNTS.get((group.group("count") or group.group("all") or "two").lower(), 2)
    candidates = [p for p in article.people if not is_country_run(p)]
    others = [
        full
        for full, _ in _placed(before, candidates, fullest(candidates))
        if not same_person(full, subject)
        and not_a_participant(full, article.text) is None
        # A person with a title or a full name, not a lone capitalised word ("at Camp Smith").
        and (len(full.split()) > 1 or titled(before, full))
    ]
    return others if len(others) == counted else []


def described_person(article: ArticleContext, tail: str, subject: str, named: Sequence[str]) -> str | None:
    """Whom a description right after a meeting word stands for, when the article names one person
    so: "met the Japanese prime minister" (the person titled Prime Minister of Japan), "met her
    Japanese counterpart" (the person of Japan with the subject's title).

    Args:
        article: the whole article, analysed once.
        tail: the sentence's words after its meeting word.
        subject: who met.
        named: people not to be taken (already in an event, or the subject).

    Returns:
        The person's fullest form, or None when the words are no such description or fit no one
        or several.
    """
    m = _DESCRIBED.match(tail)
    if m is None:
        return None
    words = m.group("desc").split()
    country = normalize_country(words[0]) if len(words) > 1 else None
    office = [w.lower() for w in (words[1:] if country else words)]
    if not office or not all(
        is_title_word(w) or w in _OFFICE_WORDS or w in _PORTFOLIO_WORDS or w in _RELATIONAL for w in office
    ):
        return None
    relation = any(w in _RELATIONAL for w in office)
    own_title, own_country = office_written(article, subject, article.people)
    if relation and own_title is None:
        return None
    fits = []
    for person in fullest([p for p in article.people if not is_country_run(p)]):
        if any(same_person(person, n) for n in [*named, subject]):
            continue
        title, where = office_written(article, person, article.people)
        if title is None or (country is not None and where != country):
            continue
        if relation:
            ok = where != own_country and title.lower() == (own_title or "").lower()
        else:
            ok = title.lower().split()[-len(office) :] == office
        if ok:
            fits.append(person)
    return fits[0] if len(fits) == 1 else None


def _named_as_agent(head: str, principal: str) -> bool:
    """True when every mention of the principal in `head` (the words before the meeting word) is
    the object of a preposition ("greeted by Minister X", "a dinner for X"): they are not who met."""
    surname = principal.split()[-1]
    found = [m.start() for m in re.finditer(rf"(?<!\w){re.escape(surname)}(?!\w)", head)]
    # Where the whole name is written, the words before it, not its own first words ("To Lam also
    # met ...": "To" is his name's, no preposition).
    whole = len(principal) - len(surname)
    found = [at - whole if at >= whole and head[at - whole : at] == principal[:whole] else at for at in found]
    return bool(found) and all(_object_of_preposition(head[:at]) for at in found)


def _object_of_preposition(before: str) -> bool:
    """True when the words before a name end in a preposition and capitalised words ("greeted by
    Minister", "a dinner for"), not an office's own preposition ("Minister for Europe David
    Lidington", "Ambassador to Japan Rahm Emanuel": the title's)."""
    agent = _AGENT_BEFORE.search(before)
    if agent is None:
        return False
    words = _WORD.findall(before[: agent.start()])
    return not (words and (is_title_word(words[-1]) or words[-1].lower() in _OFFICE_WORDS))


def _object_pronoun_met(
    article: ArticleContext, start: int, tail: str, principal: str, answered: Sequence[str]
) -> str | None:
    """Whom a "him"/"her" right after the meeting word stands for ("Chancellor Park received her at
    the Chancellery"): the person the sentences before name in a subject's place (`antecedent`),
    when that is not the subject itself and no event has the subject yet; None otherwise."""
    if not _OBJECT_PRONOUN.match(tail) or any(same_person(n, principal) for n in answered):
        return None
    meant = antecedent(article, start)
    if meant is None or same_person(meant, principal):
        return None
    return meant


def met_together_with(article: ArticleContext, start: int, end: int, named: Sequence[str]) -> list[str]:
    """The titled people the sentence at `start`-`end` names after its meeting word, besides
    `named`, when it says they met together ("a trilateral meeting with A and B"; "the Quad
    Leaders' meeting with A, B and C"): all of them are at the one meeting.

    Args:
        article: the whole article, analysed once.
        start: where the sentence starts.
        end: where it ends.
        named: the people already in the event.

    Returns:
        Their fullest forms, in the order written; empty when the sentence does not say they met
        together or names no one else.
    """
    sentence = article.text[start:end]
    met = _MET.search(sentence)
    if met is None or not says_met_together(sentence):
        return []
    tail = sentence[met.end() :]
    found = _titled_in(sentence, tail, list(article.people), fullest(list(article.people)), named)
    return sorted(found, key=lambda full: tail.find(found[full]))


def _uncited_sentences(
    article: ArticleContext, cited: Iterable[tuple[int, int]]
) -> Iterator[tuple[int, int, str]]:
    """The article's sentences (start, end, text) that no event cites: those are answered already."""
    cited = list(cited)
    for start, end in article.sentences:
        if not any(s < end and e > start for s, e in cited):
            yield start, end, article.text[start:end]


_BETWEEN = regex("meetings", "meeting_between")
# Where the pair after "between" ends: a clause's comma or semicolon, or the sentence's end.
_CLAUSE_END = re.compile(r"[,;:()]|\s[-–—]\s")
_BETWEEN_AGAIN = regex("meetings", "between_again")


def _told_days(sentence: str) -> list[str]:
    """The date phrases that may date the meeting a sentence tells (`meeting_date_phrases`); "today"
    only where it is the sentence's one day and no statement's ("met Kim in Paris today", not "...,
    the ministry said today"): beside another day it is the day of the report ("Today's meeting
    followed talks last week")."""
    dated = meeting_date_phrases(sentence, [d for d in date_phrases(sentence) if d.lower() not in _SAME_DAY])
    return dated or [d for d in unspoken_date_phrases(sentence) if d.lower() in _SAME_DAY][:1]


def _told_meeting(
    start: int,
    end: int,
    sentence: str,
    counterparts: tuple[Counterpart, ...],
    together: bool,
    tense: str,
    article: ArticleContext,
) -> PrincipalMeeting:
    """The meeting the sentence at `start`-`end` tells, with `counterparts`: its day, place and call
    read from the sentence, planned when `tense` (the words that carry it) has a future word; a
    sentence that says it is "the same day" takes the day the sentences before set."""
    dated = _told_days(sentence)
    if not dated and _ON_THAT_DAY.search(sentence):
        day = narrative_day(article, start, end)
        dated = [day[0]] if day is not None and day[1] == 0 else []
    city, country = place_in(sentence)
    return PrincipalMeeting(
        start,
        end,
        counterparts,
        together,
        "planned" if _FUTURE.search(tense) else "occurred",
        dated[0] if dated else None,
        city,
        country,
        call_format(sentence),
    )


def meetings_between(
    article: ArticleContext, cited: Iterable[tuple[int, int]], known: Sequence[str] = ()
) -> list[tuple[PrincipalMeeting, str]]:
    """The meetings a sentence names as a noun and then whose they were: "talks between President
    Ann Lee and Prime Minister Bo Kim", "the telephone conversation between Vladimir Putin and US
    President Donald Trump" -- English news's other way of telling who met whom, with no subject.

    Args:
        article: the whole article, analysed once.
        cited: evidence spans of every event found; a cited sentence is answered already, unless
            it names several pairs ("... as well as between C and D").
        known: people who may be written by surname alone (the principal).

    Returns:
        One (meeting, first person) per pair a sentence names ("talks between A and B as well as
        between C and D" is two), the second person its counterpart, in article order; only where
        exactly two people (titled, or named in full) are joined by "and"
        right after "between" (or one of `known` by surname), and the sentence neither only hopes
        for the meeting nor hedges it.
    """
    candidates = list(article.people)
    people = fullest(candidates)
    out: list[tuple[PrincipalMeeting, str]] = []
    cited = list(cited)
    for start, end in article.sentences:
        sentence = article.text[start:end]
        between = _BETWEEN.search(sentence)
        if between is None or _VAGUE.search(sentence):
            continue
        rest = sentence[between.end() :]
        # A cited sentence is answered already, unless it names more pairs than one answer holds
        # (the caller skips the pairs an event has).
        if _BETWEEN_AGAIN.search(rest) is None and any(s < end and e > start for s, e in cited):
            continue
        for first, second, written in _pairs_between(rest, sentence, candidates, people, known):
            title, where = written_office(sentence, written)
            # "Talks between A and B will be held": the tense is anywhere in the sentence.
            out.append(
                (
                    _told_meeting(
                        start, end, sentence, (Counterpart(second, title, where),), False, sentence, article
                    ),
                    first,
                )
            )
    return out


def _pairs_between(
    rest: str, sentence: str, candidates: Sequence[str], people: Sequence[str], known: Sequence[str]
) -> Iterator[tuple[str, str, str]]:
    """Each pair written after a meeting noun's "between" (`rest`, the sentence's words after it):
    "talks between A and B as well as between C and D" gives (A, B, B as written) and (C, D, D as
    written)."""
    cuts = [0, *(m.start() for m in _BETWEEN_AGAIN.finditer(rest)), len(rest)]
    for a, b in itertools.pairwise(cuts):
        again = _BETWEEN_AGAIN.match(rest, a)
        pair = _pair_between(rest[again.end() if again else a : b], sentence, candidates, people, known)
        if pair is not None:
            yield pair


def _pair_between(
    rest: str, sentence: str, candidates: Sequence[str], people: Sequence[str], known: Sequence[str]
) -> tuple[str, str, str] | None:
    """The two people written right after a "between" (`rest`, up to its clause's end), joined by
    "and": (first, second, second as written), or None."""
    stop = _CLAUSE_END.search(rest)
    pair = rest[: stop.start()] if stop else rest
    found: dict[str, tuple[int, str]] = {}
    for w in candidates:
        at = pair.find(w)
        if at < 0 or is_country_run(w) or _of_a_body(sentence, w):
            continue
        full = fullest_form(w, people)
        # "talks between Lee and President Cy Tanaka": the principal by surname alone.
        if not (titled(sentence, w) or len(w.split()) > 1 or any(same_person(full, k) for k in known)):
            continue
        if full not in found or len(w) > len(found[full][1]):
            found[full] = (at, w)
    if len(found) != 2:
        return None
    if _THEN_OFFICE.search(pair) and not any(same_person(f, k) for f in found for k in known):
        return None  # "since a 2019 meeting between then President A and B": others' past meeting
    (first, (a, wa)), (second, (b, wb)) = sorted(found.items(), key=lambda kv: kv[1][0])
    if " and " not in f" {pair[a + len(wa) : b]} ":
        return None
    return first, second, wb


_RECIPROCAL = regex("meetings", "reciprocal_meeting")
_THEN_OFFICE = regex("meetings", "then_office")
_COORDINATED = regex("meetings", "coordinated_before")
# What may stand between the last of the people and the meeting word: "will", "have", "also" ...
_AUXILIARIES = regex("meetings", "group_auxiliaries")
_MET_OTHERS = regex("meetings", "met_with_others")
_AFTER_TALKS = regex("meetings", "after_talks")
_AFTER_TALKS_REACH = regex("meetings", "after_talks_reach")
# Between two of the people: a comma or "and", with their titles and demonyms.
_LIST_GAP = re.compile(r"^[^;:()]{0,60}$")
_GAP_WORDS = word_set("meetings", "group_gap_words")


def _joins_a_list(gap: str) -> bool:
    """True when `gap`, the words between two people of a group, only joins them: a comma or "and",
    with titles, portfolios, ranks, services ("air force"), demonyms and "counterpart", no other
    lower-case word (a verb, "a day after")."""
    if not _LIST_GAP.match(gap) or ("," not in gap and " and " not in f" {gap} "):
        return False
    return all(
        _office_list_word(w) or w.lower() in _RELATIONAL or w.lower() in _BRANCHES or w.lower() in _RANKS
        for w in _WORD.findall(gap)
    )


def _office_list_word(word: str) -> bool:
    """True for a word of a list of titled people: a capitalised word (a name, an office), "and",
    "of", "the" ..., a title, office or portfolio word."""
    w = word.lower()
    return (
        word[:1].isupper()
        or w in _GAP_WORDS
        or is_title_word(word)
        or w in _OFFICE_WORDS
        or w in _PORTFOLIO_WORDS
    )


def joint_meetings(
    article: ArticleContext, cited: Iterable[tuple[int, int]]
) -> list[tuple[PrincipalMeeting, str]]:
    """The meetings a sentence tells with two or more people as its subject and a meeting word
    that needs no one after it: "Dunford, South Korean air force Gen. Jeong Kyeong-doo, and
    Japanese navy Adm. Katsutoshi Kawano will hold a meeting at Camp Smith", "President A and
    Prime Minister B held talks in Paris" -- one meeting of all of them, English news's way of
    telling people who met together.

    Args:
        article: the whole article, analysed once.
        cited: evidence spans of every event found; a cited sentence is answered already.

    Returns:
        One (meeting, first person) per such sentence, the others its counterparts, together
        (`group_of`).
    """
    out: list[tuple[PrincipalMeeting, str]] = []
    for start, end, sentence in _uncited_sentences(article, cited):
        group = group_of(article, sentence)
        if group is None and (with_speaker := _joined_with_speaker(article, start, sentence)) is not None:
            verb, said_by, other = with_speaker
            full = fullest_form(other, article.people)
            met = (Counterpart(full, *written_office(sentence, other)),)
            out.append(
                (_told_meeting(start, end, sentence, met, True, sentence[: verb.end()], article), said_by)
            )
            continue
        if group is None:
            # "A and B arrived on Sunday. The two leaders held talks on Monday."
            pair = _pair_named_before(article, start, sentence)
            if pair is not None:
                verb, (first, others) = pair
                meeting = _told_meeting(start, end, sentence, others, True, sentence[: verb.end()], article)
                out.append((meeting, first))
            continue
        verb, placed = group
        head = sentence[: verb.start()]
        counterparts = tuple(
            Counterpart(full, *written_office(sentence, head[a:b])) for full, (a, b) in placed[1:]
        )
        out.append(
            (
                _told_meeting(start, end, sentence, counterparts, True, sentence[: verb.end()], article),
                placed[0][0],
            )
        )
    return out


_WITH_SPEAKER = regex("meetings", "joined_with_speaker")


def _joined_with_speaker(
    article: ArticleContext, start: int, sentence: str
) -> tuple[re.Match[str], str, str] | None:
    """The meeting a speaker tells as "President Bo Kim and I met this morning": one titled or
    fully named person and "I" as the subject of a meeting word that needs no one after it, the
    speaker being whom the article says speaks (a transcript's speaker line, a quotation's
    attribution).

    Returns:
        The meeting word's match, the speaker and the other person (each as the sentence writes
        them), or None.
    """
    joined = _WITH_SPEAKER.match(sentence)
    if joined is None:
        return None
    verb = _RECIPROCAL.match(sentence, joined.end())
    said_by = speaker(article, start) if verb is not None else None
    if verb is None or said_by is None:
        return None
    words = joined.group("other")
    others = [
        w
        for w in article.people
        if w in words
        and (titled(sentence, w) or len(w.split()) > 1)
        and not is_country_run(w)
        and not same_person(w, said_by)
    ]
    if not others:
        return None
    return verb, said_by, max(others, key=len)


_PAIR_SUBJECT = regex("meetings", "pair_subject")
_PAIR_JOINED = regex("meetings", "pair_joined")
# How many a group subject counts ("the three leaders"): its number word's value.
_GROUP_COUNTS = {w: n for n, w in enumerate(words("meetings", "group_count_words"), start=2)}


def _pair_named_before(
    article: ArticleContext, start: int, sentence: str
) -> tuple[re.Match[str], tuple[str, tuple[Counterpart, ...]]] | None:
    """The meeting of two people a sentence tells as "the two leaders held talks" (a pair subject, a
    meeting word that needs no one after it, no one named after that word), the two being the
    people the sentence right before opens with, joined as a list ("A and B arrived in Geneva");
    or of three or four, told as "the three leaders met" after a list of as many.

    Returns:
        The meeting word's match and (the first person, the others as counterparts), or None.
    """
    at = 0  # where the clause with the pair subject starts
    if (joined := _PAIR_JOINED.search(sentence)) is not None and _PAIR_SUBJECT.match(sentence) is None:
        at = joined.end()
    subject = _PAIR_SUBJECT.match(sentence[at:])
    verb = _RECIPROCAL.search(sentence, at)
    if subject is None or verb is None or _VAGUE.search(sentence):
        return None
    if not _AUXILIARIES.match(sentence[at + subject.end() : verb.start()]):
        return None
    candidates = [p for p in article.people if not is_country_run(p)]
    people = fullest(candidates)
    if _MET_OTHERS.match(sentence[verb.end() :]) or any(
        re.search(rf"(?<!\w){re.escape(p)}(?!\w)", sentence[verb.end() :]) for p in candidates
    ):
        return None
    counted = _GROUP_COUNTS.get((subject.group("count") or subject.group("all") or "two").lower(), 2)
    if at:
        # The clause before names the two, its subject and whom it tells of ("X greeted Y").
        previous = sentence[: joined.start()] if joined is not None else ""
        named = _placed(previous, candidates, people)
        placed, opened = (named if len(named) == 2 else None), start
    else:
        before = [(a, b) for a, b in article.sentences if b <= start]
        if not before:
            return None
        opened, b = before[-1]
        previous = article.text[opened:b]
        placed = _listed_in(previous, candidates, people)
    # "Kim greeted her at the airport, and the two later held talks": one named, the other the
    # person the sentences before name.
    if (
        placed is None
        and counted == 2
        and (met := _named_and_object(article, opened, previous, candidates, people))
    ):
        return verb, met
    if placed is None or len(placed) != counted or not in_subject_place(previous, placed[0][1][0]):
        return None
    (first, _), *others = placed
    return verb, (
        first,
        tuple(Counterpart(o, *written_office(previous, previous[s:e])) for o, (s, e) in others),
    )


def _named_and_object(
    article: ArticleContext, start: int, head: str, candidates: Sequence[str], people: Sequence[str]
) -> tuple[str, tuple[Counterpart, ...]] | None:
    """The two people of a clause that names one person as its subject and the other by an object
    pronoun ("Kim greeted her at the airport"), the sentence at `start` holding it: (the one named,
    (whom the pronoun refers to,)); None when the clause is not so."""
    found = _placed(head, candidates, people)
    if len(found) != 1:
        return None
    ((named, (at, end)),) = found
    pronoun = any(_OBJECT_PRONOUN.match(head[end + m.start() :]) for m in re.finditer(r"\s+", head[end:]))
    meant = antecedent(article, start)
    if not pronoun or meant is None or same_person(meant, named) or not in_subject_place(head, at):
        return None
    return named, (Counterpart(meant, None, None),)


def _placed(head: str, candidates: Sequence[str], people: Sequence[str]) -> list[tuple[str, tuple[int, int]]]:
    """The people `head` names, each in its fullest form with where it is first written (the longest
    form there), in order."""
    found: dict[str, tuple[int, int]] = {}
    for w in candidates:
        for m in re.finditer(rf"(?<!\w){re.escape(w)}(?!\w)", head):
            full = fullest_form(w, people)
            at = found.get(full)
            if at is None or m.start() < at[0] or (m.start() == at[0] and m.end() > at[1]):
                found[full] = (m.start(), m.end())
    return sorted(found.items(), key=lambda kv: kv[1])


def _listed_in(
    head: str, candidates: Sequence[str], people: Sequence[str]
) -> list[tuple[str, tuple[int, int]]] | None:
    """The two or more people `head` names next to each other, joined as a list (`_joins_a_list`):
    each in its fullest form with where it is written, in order; None when it names no such list."""
    placed = _placed(head, candidates, people)
    if len(placed) < 2:
        return None
    if any(a[1][1] > b[1][0] for a, b in itertools.pairwise(placed)):
        return None  # overlapping forms of one person
    gaps = [head[a[1][1] : b[1][0]] for a, b in itertools.pairwise(placed)]
    if not all(_joins_a_list(g) for g in gaps):
        return None
    return placed


_EACH = regex("meetings", "each_on_their_own")


def each_met(article: ArticleContext) -> list[tuple[PrincipalMeeting, str]]:
    """The meetings a sentence tells of several people who each met one person on their own
    ("B, C and D each met A separately", "B and C met A individually"): one meeting of each with
    that person.

    Args:
        article: the whole article, analysed once.

    Returns:
        One (meeting, the person they met) per such sentence, the people listed its counterparts,
        not together.
    """
    candidates = [p for p in article.people if not is_country_run(p)]
    people = fullest(candidates)
    out: list[tuple[PrincipalMeeting, str]] = []
    # A cited sentence too: the answer may pair only some of them (the caller leaves out the pairs
    # an event has).
    for start, end in article.sentences:
        sentence = article.text[start:end]
        met = meeting_word(sentence)
        if met is None or not _EACH.search(sentence) or _VAGUE.search(sentence):
            continue
        head, tail = sentence[: met.start()], sentence[met.end() :]
        placed = _listed_in(head, candidates, people)
        if placed is None or not in_subject_place(head, placed[0][1][0]):
            continue
        if not _AUXILIARIES.match(_EACH.sub(" ", head[placed[-1][1][1] :])):
            continue
        listed = [p for p, _ in placed]
        met_by = _titled_in(sentence, tail, candidates, people, listed) or _titled_in(
            sentence, tail, candidates, people, listed, elsewhere=True, text=article.text
        )  # "... met with Orban respectively": titled where the article first names him
        if len(met_by) != 1:
            continue
        (whom,) = met_by
        counterparts = tuple(
            Counterpart(full, *written_office(sentence, head[a:b])) for full, (a, b) in placed
        )
        out.append((_told_meeting(start, end, sentence, counterparts, False, head, article), whom))
    return out


def group_of(
    article: ArticleContext, sentence: str
) -> tuple[re.Match[str], list[tuple[str, tuple[int, int]]]] | None:
    """The group a sentence tells meeting together: two or more people opening it (in a
    subject's place), next to each other joined by commas or "and", before a meeting word that
    needs no one after it, with no one named after that word ("A, B and C met with D" is D's).
    English news's plainest way of telling a meeting, "President A and Prime Minister B held talks
    in Paris", is such a group of two; two met "with" or "by" someone unnamed ("A and B met with
    students") are one side, not a meeting of each other.

    Args:
        article: the whole article, analysed once (its person candidates).
        sentence: one sentence of it.

    Returns:
        The meeting word's match and each person (fullest form, (start, end) where written), in
        order; None when the sentence tells no such group.
    """
    verb = _RECIPROCAL.search(sentence)
    told_after = verb is None
    if told_after:
        verb = _AFTER_TALKS.search(sentence)  # "A and B agreed ... after talks in Paris"
    if verb is None or _VAGUE.search(sentence):
        return None
    candidates = [p for p in article.people if not is_country_run(p)]
    people = fullest(candidates)
    head, tail = sentence[: verb.start()], sentence[verb.end() :]
    # Someone met after the word: titled there, or a surname of someone the article titles ("A and
    # B also met Lee").
    if any(
        re.search(rf"(?<!\w){re.escape(p)}(?!\w)", tail)
        for p in candidates
        if titled(sentence, p) or titled(article.text, fullest_form(p, people))
    ):
        return None
    placed = _listed_in(head, candidates, people)
    if placed is None:
        return None
    after = head[placed[-1][1][1] :]
    # "... and Foreign Minister Leo Berg of India held talks": the last one's country first.
    if (country := _OF_COUNTRY.match(after)) is not None and normalize_country(country.group(1)):
        after = after[country.end() :]
    if told_after:
        # The group's own verb phrase stands before "after talks": no clause of another.
        if not _AFTER_TALKS_REACH.match(after) or not in_subject_place(head, placed[0][1][0]):
            return None
    elif not (_AUXILIARIES.match(after) or _COORDINATED.match(after)) or not in_subject_place(
        head, placed[0][1][0]
    ):
        return None  # "A and B reaffirmed their commitment and discussed ...": one verb before the other
    if len(placed) == 2 and _MET_OTHERS.match(tail):
        # "A and B met with students": two of one side meeting others no one names, not each other.
        return None
    return verb, placed


def met_others_as_one_side(article: ArticleContext, sentence: str, names: Sequence[str]) -> bool:
    """True when `sentence` tells the two people of `names` meeting others together, as one side:
    "A and B met with students in Rome" (the two opening it, joined as a list, a meeting word, then
    "with" or "by" someone the article does not name). Not when someone is named after the word
    ("A and B met with C": a meeting of three), nor when the words after it report a meeting
    again ("A and B met with reporters after their talks").

    Args:
        article: the whole article, analysed once (its person candidates).
        sentence: one sentence of it.
        names: the two people of an event.

    Returns:
        Whether the sentence makes the two one side of a meeting with others.
    """
    verb = _RECIPROCAL.search(sentence)
    if verb is None or len(names) != 2:
        return False
    candidates = [p for p in article.people if not is_country_run(p)]
    people = fullest(candidates)
    head, tail = sentence[: verb.start()], sentence[verb.end() :]
    placed = _listed_in(head, candidates, people)
    if (
        placed is None
        or len(placed) != 2
        or not all(any(same_person(p, n) for p, _ in placed) for n in names)
        # "A and B separately met students": each met others, still not each other.
        or not _AUXILIARIES.match(_SEPARATE.sub("", head[placed[-1][1][1] :]))
        or not in_subject_place(head, placed[0][1][0])
    ):
        return False
    if not _MET_OTHERS.match(tail) or has_meeting_cue(tail):
        return False
    return not any(re.search(rf"(?<!\w){re.escape(p)}(?!\w)", tail) for p in candidates)


_CLAUSE_CUT = regex("meetings", "clause_cut")
_AND_ANOTHER_ACT = regex("meetings", "and_another_act")
_POSSESSED_NOUN = regex("meetings", "possessed_noun_before")
_CONTRAST_CUT = regex("meetings", "contrast_cut")


def meeting_clauses(article: ArticleContext) -> tuple[tuple[int, int, bool], ...]:
    """The article's sentences, each cut at a semicolon, or a ", and", "while" or "whereas" before a
    subject, after which a clause tells a meeting of its own ("A held talks with B on Monday; C met
    D", "A met B, and C met D", "A met B while C met D"), or a contrast's clause with any verb
    ("A met voters, while B campaigned in Lyon"): (start, end, whether it is the whole sentence).
    A semicolon between items of a list ("met B, Japan's prime minister; C, Kenya's president")
    cuts nothing, nor an "and" that adds to one ("met B and C, who later met D")."""
    # Read once per article: several steps and every subject of `principal_meetings` ask again.
    return article.analysed("meeting_clauses", lambda: tuple(_meeting_clauses(article)))


def _meeting_clauses(article: ArticleContext) -> list[tuple[int, int, bool]]:
    out: list[tuple[int, int, bool]] = []
    for start, end in article.sentences:
        cuts = [
            m
            for m in _CLAUSE_CUT.finditer(article.text, start, end)
            if first_meeting_word(_MET, article.text[start : m.start()]) is not None
            and (
                _CONTRAST_CUT.match(article.text[m.start() : end]) is not None
                or (
                    (after := first_meeting_word(_MET, article.text[m.end() : end])) is not None
                    # A conjunction's clause opens with its subject and goes on to its verb, no
                    # comma between ("..., and C, who later met D" adds to a list); a noun after a
                    # possessive is no verb ("and Prime Minister C ahead of his talks with D": C is
                    # one more person met).
                    and (
                        m.group().startswith(";")
                        or (
                            "," not in article.text[m.end() : m.end() + after.start()]
                            and not _POSSESSED_NOUN.search(article.text[m.end() : m.end() + after.start()])
                        )
                    )
                )
            )
        ]
        if not cuts:
            out.append((start, end, True))
            continue
        at = start
        for m in cuts:
            out.append((at, m.start() + 1, False))
            at = m.end()
        out.append((at, end, False))
    return out


def rank_subject(article: ArticleContext, sentence: str) -> str | None:
    """The one person the article ranks as the sentence's subject is written ("Also on May 6, the
    admiral met with ...", of "Navy Adm. Y": Y), or None (no rank subject, or several so ranked).

    Args:
        article: the whole article, analysed once.
        sentence: one sentence of it.

    Returns:
        That person in the fullest form the article writes, or None.
    """
    subject = _SUBJECT.search(sentence)
    if subject is None or subject.group(0).split()[-1].lower() not in _SUBJECT_RANKS:
        return None
    holders = _office_holders(article, subject.group(0))
    return next(iter(holders)) if holders is not None and len(holders) == 1 else None


def _subject_by_rank(article: ArticleContext, sentence: str, people: Sequence[str]) -> bool:
    """True when the sentence names all but one of the people, and its subject is a rank whose one
    holder in the article is that one ("Also on May 6, the admiral met with Minister X", of "Navy
    Adm. Y"). Not an office: "the Foreign Secretary met X" dated a readout's other meetings by its
    day (devwire)."""
    missing = [p for p in people if not surnames_named([p], sentence)]
    holder = rank_subject(article, sentence) if len(missing) == 1 else None
    return holder is not None and same_person(holder, missing[0])


def telling_sentence(article: ArticleContext, people: Sequence[str]) -> tuple[int, int] | None:
    """The sentence that tells the meeting of `people`: it names all of them (by surname; one may be
    the sentence's subject written as the rank only they hold: `_subject_by_rank`), holds a
    meeting cue, reports the meeting (not an instruction, a denial, a hope: `modality`), and names
    no other titled person (whose meeting it could be as well) -- failing one, the first that
    lists others only among whom the subject met ("Hagel held separate meetings with Minister Kim
    and Secretary Gazmin", for Hagel and Kim).

    A small model cites a headline or a dateline ("May 19, 2023", "Security Council meeting") for
    a meeting a later sentence tells in full; the fields are read from the sentences an event
    cites, so they need that sentence.

    Args:
        article: the whole article, analysed once.
        people: the participants of one event (two or more).

    Returns:
        The first such sentence's span, or None when there is none.
    """
    if len(people) < 2:
        return None
    listed: tuple[int, int] | None = None  # failing one naming no one else, one listing others
    for start, end in article.sentences:
        sentence = article.text[start:end]
        if not has_meeting_cue(sentence):
            continue
        if surnames_named(people, sentence) < len(people) and not _subject_by_rank(article, sentence, people):
            continue
        if modality(sentence) in ("instruction", *NOT_REPORTED):
            continue  # an order to report, a denial, a hope: no meeting the article tells
        others = [
            p
            for p in article.people
            if p in sentence
            and titled(sentence, p)
            and not is_country_run(p)
            and not any(same_person(p, q) for q in people)
        ]
        if not others or _a_pair_between(article, sentence, people):
            return start, end
        if listed is None and _listed_with_others(sentence, people, others):
            listed = start, end
    return listed


def _a_pair_between(article: ArticleContext, sentence: str, people: Sequence[str]) -> bool:
    """True when the sentence names the two `people` as one pair after a meeting noun's "between"
    ("talks on November 24 between A and B as well as between C and D"): its other people are
    other pairs, not theirs."""
    between = _BETWEEN.search(sentence)
    if len(people) != 2 or between is None:
        return False
    candidates = list(article.people)
    return any(
        all(any(same_person(n, p) for n in (first, second)) for p in people)
        for first, second, _ in _pairs_between(
            sentence[between.end() :], sentence, candidates, fullest(candidates), people
        )
    )


def _listed_with_others(sentence: str, people: Sequence[str], others: Sequence[str]) -> bool:
    """True when a sentence naming more people than an event's two tells their meeting among
    others of its subject: one of the two before the meeting word, the other and everyone else
    after it ("Today, Hagel held separate meetings with Minister Kim and Secretary Gazmin" tells
    Hagel's meeting with Kim)."""
    met = meeting_word(sentence)
    if met is None or len(people) != 2:
        return False
    head, tail = sentence[: met.start()], sentence[met.end() :]
    before = [p for p in people if surnames_named([p], head)]
    after = [p for p in people if surnames_named([p], tail)]
    return (
        len(before) == 1
        and len(after) == 1
        and before != after
        and all(o in tail and o not in head for o in others)
    )


def principal_meetings(
    article: ArticleContext,
    principal: str,
    named: Iterable[str],
    cited: Iterable[tuple[int, int]],
    offices: Sequence[tuple[int, int, str]] = (),
    lead: bool = True,
    meets_lead: str | None = None,
    stray: Iterable[str] = (),
) -> list[PrincipalMeeting]:
    """The sentences that report the principal meeting titled people no event names.

    Args:
        article: the whole article, analysed once.
        principal: the article's principal (who meets everyone), as an event names them.
        named: every participant name of the events found.
        cited: evidence spans of every event found; a cited sentence is already answered,
            unless it says its meetings were separate ones ("held separate meetings with X and Y":
            meetings.yaml `separate`) or lists two or more people met one after another (the
            answer may pair only some of them with the principal).
        offices: the article's bare office phrases and who holds them ((start, end, name):
            "The President" in a White House briefing is Joe Biden). A sentence whose subject is
            such a phrase is the principal's only when they hold that office.
        meets_lead: the article's lead person, given when no event names `principal` yet: the lead
            counts as met though other events name them ("Kim also met Lee"), by surname alone too.
        lead: whether `principal` is whom the article is about (the answer's principal, the issuing
            office-holder), and so whom a "he"/"she" stands for when the sentences before name no
            one in a subject's place; anyone else is taken for a pronoun only where named so.
        stray: those of `named` whom only an event that never tells them meeting names (its
            sentences name none of its people): still met by the principal where a sentence says so.

    Returns:
        One `PrincipalMeeting` per such sentence, in article order.
    """
    text = article.text
    answered_people = list(named)
    named = [*answered_people, principal]
    met_already = [n for n in named if meets_lead is None or not same_person(n, meets_lead)]
    cited = list(cited)
    candidates = list(article.people)
    people = fullest(candidates)
    out: list[PrincipalMeeting] = []
    for start, end, whole in meeting_clauses(article):
        sentence = text[start:end]
        met = meeting_word(sentence)
        if met is None or _VAGUE.search(sentence):
            continue
        # A sentence an event cites is answered, unless it says its meetings were separate ones,
        # or lists several people met one after another of whom the answer paired some with the
        # principal ("A met B of Japan, C of Kenya and D of Austria" answered as A-B alone) -- not
        # a group met together, nor members of one named as examples ("members of the Quartet,
        # including ..."). A clause of a cited sentence that names no one an event has is not.
        answered = (
            any(s < end and e > start for s, e in cited)
            and not _SEPARATE.search(sentence)
            and (whole or any(surnames_named([n], sentence) for n in named if n != principal))
        )
        head, tail = sentence[: met.start()], sentence[met.end() :]
        then = _AND_ANOTHER_ACT.search(tail)
        if (
            then is not None
            and first_meeting_word(_MET, tail[then.start() : then.end() + 20]) is None
            and not re.search(r"\bwith\b", tail[then.end() : then.end() + 40])
        ):
            # "met with X and took aboard his ambassador Y": whom another act of the subject's takes
            # in is not met ("and signed an agreement with Y" is an act with Y, read as before).
            tail = tail[: then.start()]
        named_subject = surnames_named([principal], head) > 0 or family_name_written(
            principal, head, candidates
        )
        if _named_as_agent(head, principal):
            continue  # "She was greeted by Minister X and later held talks with Y": X is no subject
        if named_subject and any(
            source_only(sentence, f) for f in article.mention_forms(principal) if f in head
        ):
            continue  # "X is quoted as saying General Y will meet Z": X tells of Y's meeting
        possessed = _POSSESSIVE_SUBJECT.search(head)
        owner = possessed.group("owner") if possessed else None
        if possessed is not None and owner is not None and not _office_word(owner):
            if not (surnames_named([principal], owner) or family_name_written(principal, owner, candidates)):
                continue  # "Lee condemned Kim's meeting with the rebels": Kim's meeting
            # "Lee's talks with X focused on trade", not "Following Lee's meeting with X, Y and Z
            # discussed ...": there the subject comes after, as after "After meeting with X,".
            lead_in = head[: possessed.start("owner")]
            lead_in = lead_in[lead_in.rfind(",") + 1 :]
            opened = any(_PARTICIPIAL.search(lead_in[: w.end()]) for w in re.finditer(r"\S+\s*", lead_in))
            named_subject = named_subject or not (opened or any(w[:1].islower() for w in lead_in.split()))
        # "Her talks with X focused on trade": whom the sentences before name, as for "She met X".
        pronoun_owner = possessed is not None and possessed.group("pronoun") is not None
        if answered:
            listed = _titled_in(sentence, tail, candidates, people, [principal])
            paired = [
                p for p in listed if any(same_person(p, n) for n in named if not same_person(n, principal))
            ]
            if says_met_together(sentence) or _members_named(tail, listed) or len(listed) < 2 or not paired:
                continue
        trip_of_lead = lead and _TRIP_SUBJECT.search(head) is not None
        if not (named_subject or pronoun_owner or trip_of_lead or _SUBJECT.search(head)):
            if _PARTICIPIAL.search(head):
                # "After meeting with X, he called ...": the people met stand before the subject.
                reach = _clause_subject(article, start, tail, principal)
                if reach is None:
                    continue
                tail = tail[:reach]
            elif not FIRST_PERSON_SUBJECT.search(head):
                continue
            else:
                said_by = speaker(article, start)
                if said_by is None or not same_person(said_by, principal):
                    continue  # "I met ...": only the speaker's meeting, when the article says who speaks
        if not named_subject and (pronoun_owner or PRONOUN_SUBJECT.search(head)):
            meant = antecedent(article, start)
            if meant is not None and not same_person(meant, principal):
                continue  # "He" is someone else, named the sentence before
            if meant is None and (not lead or named_only_as_object(article, start, principal)):
                continue  # "He" is the sentence before's subject, whom the principal met
            if _office_holder_before(article, offices, start, principal):
                continue  # "The Secretary-General met ... He also met ...": not the principal
        holder = _office_in(offices, start, start + met.start())
        if holder is not None and not named_subject and not same_person(holder, principal):
            continue  # "The President will then meet ...": the office-holder's meeting
        titled_subject = None
        if holder is None and not named_subject and not PRONOUN_SUBJECT.search(head):
            office = _SUBJECT.search(head)
            holders = _office_holders(article, office.group(0)) if office else None
            if holders is not None and len(holders) > 1 and not lead:
                continue  # "the President held meetings with President A, President B": whose, unsaid
            if holders is not None and not any(same_person(h, principal) for h in holders):
                if len(holders) == 1:
                    titled_subject = next(iter(holders))  # "The Secretary also met ...": the one Secretary
                elif not holders and lead and _no_office_written(article, principal):
                    pass  # "The chairman will also meet ...": an office no one is titled, the lead's
                elif _titled_otherwise(article, principal):
                    continue  # "The foreign minister met ...": an office the principal does not hold
        others_before = [
            p
            for p in people
            if p in head
            and titled(head, p)
            and not any(same_person(p, n) for n in named)
            and not _named_as_agent(head, p)  # "greeted by Minister X and later held talks"
            and not source_only(sentence, p)  # "X is quoted as saying Gen. Y will meet Z": Y met
        ]
        if others_before:
            continue  # someone else is who met
        new = _titled_in(sentence, tail, candidates, people, [n for n in named if n not in stray])
        if not new and meets_lead is not None:
            # "Chinese Premier X also met with Lee": "also" says the one met is another of the
            # story's people, whom an event names (the lead or not).
            also = _ALSO_BEFORE.search(head) is not None
            lead_named = _titled_in(
                sentence, tail, candidates, people, [] if also else met_already, elsewhere=True, text=text
            )
            new = {
                k: v
                for k, v in lead_named.items()
                if same_person(k, meets_lead) or (also and any(same_person(k, n) for n in met_already))
            }
        if not new:
            # "Chancellor Park received her at the Chancellery": the person met is the one the
            # sentences before name in a subject's place, unless an event has the subject already;
            # "met the Japanese prime minister", "met her Japanese counterpart": the one person the
            # article titles so.
            met_before = _object_pronoun_met(
                article, start, tail, principal, answered_people
            ) or described_person(article, tail, principal, named)
            if met_before is None:
                met_before = named_object(article, tail, [*named, principal])
            if met_before is not None:
                new = {met_before: met_before}
            else:
                new = {g: g for g in group_named_before(article, start, tail, principal)}
            if not new:
                continue
        counterparts = tuple(
            # Someone the sentence writes only as one of a group ("the two leaders") is titled where
            # they are named, not here.
            Counterpart(full, *(written_office(sentence, w, candidates) if w in sentence else (None, None)))
            for full, w in new.items()
        )
        dated = _told_days(sentence)
        city, country = place_in(sentence)
        before = _sentence_before(text, start)
        if before and not (city or country) and not has_where_clause(before):
            # "The Secretary will continue to Seoul ... She will meet with President Lee": where
            # the principal goes, the sentence before says (not "flew to Seoul from Beijing, where
            # she met Hu": Beijing is Hu's; the trip's leg places this one).
            city, country = place_in(before)
        days_after, anchor = 0, None
        if not dated:
            day = narrative_day(article, start, end)
            if day is not None and day[2] is not None:
                anchor, days_after, dated = day[0], day[1], [day[2]]
            elif day is not None:
                dated = [day[0]]
        meeting = PrincipalMeeting(
            start,
            end,
            counterparts,
            says_met_together(sentence),
            # "Lee's meeting with X is scheduled for Wednesday": after a possessive, the verb follows.
            "planned"
            if _FUTURE.search(head) or goes_ahead_to(head) or (possessed is not None and future_after(tail))
            else "occurred",
            dated[0] if dated else None,
            city,
            country,
            call_format(sentence) or _headline_call(text, list(new)),
            days_after,
            anchor,
            titled_subject,
        )
        out += (
            [meeting]
            if meeting.together
            else [
                m
                for d in _by_day(meeting, sentence, met.end(), new)
                for m in _by_place(d, sentence, met.end(), new)
            ]
        )
    return out


def _by_day(
    meeting: PrincipalMeeting, sentence: str, tail_at: int, written: dict[str, str]
) -> list[PrincipalMeeting]:
    """One meeting per day of a sentence that gives its people days of their own: "will meet A and
    B on Wednesday and C on Thursday" (each takes the first day after their name, as the last one
    has one after it), "on Monday she met A and on Tuesday B" (each the last day before their
    name)."""
    days = [(a, b, d) for a, b, d in date_phrase_spans(sentence) if d.lower() not in _SAME_DAY]
    if len({d for *_, d in days}) < 2:
        return [meeting]
    at = {c.name: sentence.find(written[c.name], tail_at) for c in meeting.counterparts}
    if any(a < 0 for a in at.values()):
        return [meeting]
    last = max(at.values())
    after_names = any(a > last for a, _, _ in days)
    day_of: dict[str, str | None] = {}
    for c in meeting.counterparts:
        if after_names:
            day_of[c.name] = next((d for a, _, d in days if a > at[c.name]), None)
        else:
            day_of[c.name] = next((d for a, b, d in reversed(days) if b <= at[c.name]), None)
    return _grouped(meeting, day_of, lambda day: {"date_text": day if day is not None else meeting.date_text})


# What a sentence's people are grouped by: a day's phrase, a place.
_K = TypeVar("_K")


def _grouped(
    meeting: PrincipalMeeting, key_of: dict[str, _K], fields: Callable[[_K], dict[str, Any]]
) -> list[PrincipalMeeting]:
    """One meeting per value of `key_of` (a day, a place) among the meeting's people, in the order
    first met, each with `fields` of its value; the meeting itself when all share one."""
    order = list(dict.fromkeys(key_of.values()))
    if len(order) < 2:
        return [meeting]
    return [
        dataclasses.replace(
            meeting,
            counterparts=tuple(c for c in meeting.counterparts if key_of[c.name] == key),
            **fields(key),
        )
        for key in order
    ]


def _by_place(
    meeting: PrincipalMeeting, sentence: str, tail_at: int, written: dict[str, str]
) -> list[PrincipalMeeting]:
    """One meeting per place of a sentence that gives some of its people a place of their own: "hosted
    A in Nairobi on Tuesday, before travelling to Kampala, where he met B" (B in Kampala: the place
    the clause before ", where" names)."""
    at = {c.name: sentence.find(written[c.name], tail_at) for c in meeting.counterparts}
    if len(at) < 2 or any(a < 0 for a in at.values()):
        return [meeting]
    place_of = {
        c.name: place_told_before(sentence[tail_at:], at[c.name] - tail_at) or (meeting.city, meeting.country)
        for c in meeting.counterparts
    }
    return _grouped(meeting, place_of, lambda place: {"city": place[0], "country": place[1]})


def _headline_call(text: str, people: list[str]) -> Literal["phone", "video"] | None:
    """A call the headline names ("Secretary Blinken's Call with ... Le Drian") when the sentence
    only says "spoke with"."""
    headline = next((text[a:b] for a, b in line_spans(text) if text[a:b].strip()), "")
    return call_format(headline) if surnames_named(people, headline) else None


_BULLET = re.compile(r"^\s*[-•*·–]\s+")
_SCHEDULE_ENTRY = regex("meetings", "schedule_entry")
_YEAR = re.compile(r"\b\d{4}\b")
# A listed engagement is a short line: a title, a name, a country, "[in person]".
_MAX_LISTED = 140


def listed_meetings(
    article: ArticleContext, named: Iterable[str], cited: Iterable[tuple[int, int]]
) -> list[PrincipalMeeting]:
    """Bulleted lines naming one titled person each, listed after a line that reports meetings.

    "PM meetings with foreign leaders ... Saturday 17th September at Chevening:
    - Prime Minister Anthony Albanese of Australia [in person]
    - Sheikh Mohammed bin Zayed al Nahyan, President of the United Arab Emirates [phone call]":
    one meeting of the principal per line, dated by the nearest line above with a date phrase.

    Args:
        article: the whole article, analysed once.
        named: every participant name of the events found (a line naming one is answered).
        cited: evidence spans of every event found.

    Returns:
        One `PrincipalMeeting` per such line, in article order.
    """
    text = article.text
    named = list(named)
    cited = list(cited)
    candidates = list(article.people)
    people = fullest(candidates)
    out: list[PrincipalMeeting] = []
    reported = False  # a line above reports meetings ("These meetings and calls ...")
    date_text: str | None = None
    for start, end in article.lines:
        line = text[start:end]
        # A schedule's entry: a time, then a meeting or a call ("11:15 Phone call with President X").
        entry = _SCHEDULE_ENTRY.match(line)
        if not _BULLET.match(line) and entry is None:
            reported = reported or has_meeting_cue(line)
            dated = date_phrases(line)
            # "Saturday 12 September 2020": the phrase that writes the year, which dates the line
            # with no publication date, else the first.
            date_text = next((d for d in dated if _YEAR.search(d)), dated[0]) if dated else date_text
            continue
        if (
            not (reported or entry is not None)
            or len(line) > _MAX_LISTED
            or any(s < end and e > start for s, e in cited)
        ):
            continue
        new = [
            p
            for p in people
            if p in line
            and not is_country_run(p)
            and not _of_a_body(line, p)
            and not any(same_person(p, n) for n in named)
        ]
        titled_new = [p for p in new if titled(line, p) or _titled_after(line, p)]
        if entry is not None:
            # A schedule's entry names whom it is with right after "with" ("Meeting with Frans
            # Timmermans, EU Executive Vice-President for the European Green Deal").
            met = line[entry.end() :].lstrip()
            titled_new = [p for p in new if met.startswith(p)][:1] or titled_new
        if len(titled_new) != 1:
            continue
        name = titled_new[0]
        title, country = written_office(line, name)
        out.append(
            PrincipalMeeting(
                start,
                end,
                (Counterpart(name, title, country),),
                False,
                "planned"
                if _FUTURE.search(text[:start]) and not _PAST_LIST.search(text[:start])
                else "occurred",
                date_text,
                None,
                None,
                call_format(line.replace("[", " ").replace("]", " ")),
            )
        )
    return out


def _of_a_body(passage: str, run: str) -> bool:
    """ "President of the United Arab Emirates": a run right after "of (the)" is a country or a
    body, not a person."""
    at = passage.find(run)
    return bool(_OF.search(passage[max(0, at - 8) : at]))


def _titled_after(line: str, name: str) -> bool:
    """ "Sheikh Mohammed bin Zayed al Nahyan, President of the United Arab Emirates": the title after."""
    at = line.find(name)
    return any(is_title_word(w) for w in _WORD.findall(line[at + len(name) : at + len(name) + 30])[:2])


# How many lines from the top the first paragraph may start, and how many words make a line one.
_OPENING_REACH = 5
_PARAGRAPH_WORDS = 8
# A paragraph's last sentence ends so; a page's stamp does not ("Posted August 5th, 2012 at 5:45 am
# (UTC-5)").
_SENTENCE_END = re.compile(r"[.!?\"”’]\s*$")


def lead_person(article: ArticleContext) -> str | None:
    """The first titled person the article names, in the fullest form it writes ("Secretary Clinton"
    in the headline -> "Hillary Rodham Clinton"): whose readout it is, when no event says."""
    text = article.text
    candidates = list(article.people)
    # The headline and the first paragraph only: later, a titled name is as often someone recalled
    # ("every Israeli prime minister since Golda Meir") as the readout's principal.
    lines = [text[a:b] for a, b in article.filled_lines]
    # The first paragraph is the first line that reads as one (long enough, ending as a sentence
    # does), past a dateline, a release number, a label or a page's stamp ("Wednesday, June 2,
    # 2010", "News story", "Posted August 5th, 2012 at 5:45 am (UTC-5)") standing before it.
    paragraphs = [
        line
        for line in lines[1:_OPENING_REACH]
        if len(line.split()) >= _PARAGRAPH_WORDS and _SENTENCE_END.search(line)
    ]
    paragraph = paragraphs[0] if paragraphs else None
    opening = lines[:LEAD_LINES] if paragraph is None else [lines[0], paragraph]
    if paragraph is not None and len(paragraphs) > 1 and not any(p in paragraph for p in candidates):
        # A news lead that opens on the story, not the person ("The U.S. is stepping up efforts to
        # help Laos ...", then "Secretary of State John Kerry outlined the initiatives ..."): a first
        # paragraph that names no one passes the lead to the next.
        paragraph = paragraphs[1]
        opening.append(paragraph)
    for sentence in opening:
        # The first written, not the first the candidate list holds ("Secretary Blinken's Call with
        # French Foreign Minister Le Drian": Blinken).
        placed = [
            (sentence.find(person), person)
            for person in candidates
            if person in sentence and titled(sentence, person) and not is_country_run(person)
        ]
        if placed:
            at, person = min(placed)
            if sentence is paragraph and any(
                0 <= sentence.find(p) < at for p in candidates if len(p.split()) > 1 and not is_country_run(p)
            ):
                return None  # "A and Prime Minister B held talks": the paragraph opens with someone else
            # A title-case headline joins its verb to the name ("Administrator Mark Green Traveled
            # to Haiti"): the fullest form is one the body writes too, where it writes the person.
            body = text[article.filled_lines[0][1] :] if article.filled_lines else text
            written = [c for c in candidates if re.search(r"(?<!\w)" + re.escape(c) + r"(?!\w)", body)]
            return fullest_form(person, [*written, person])
    return None


@dataclass(frozen=True)
class Subject:
    """Who a sentence reports meeting some people: a name, or None for "He", "The President"."""

    start: int
    end: int
    name: str | None
    # The meeting is announced ("will first travel to London for engagements with ...").
    planned: bool = False


def subject_meeting(
    article: ArticleContext,
    people: Sequence[str],
    cited: Iterable[tuple[int, int]],
    offices: Sequence[tuple[int, int, str]] = (),
) -> Subject | None:
    """The sentence reporting someone meeting all of `people` (named after the meeting word), and who.

    A small model may answer "Vladimir Putin had a telephone conversation with Federal Chancellor
    Angela Merkel and President Francois Hollande" with Merkel and Hollande alone. The sentences
    the event cites are read first, then the rest of the article.

    Args:
        article: the whole article, analysed once.
        people: the participants of one event.
        cited: that event's evidence spans.
        offices: bare office phrases and their holders, as for `principal_meetings`.

    Returns:
        The first such sentence with its subject: the titled person named before the meeting word
        (fullest form), or the holder of an office phrase there, or the speaker "I" stands for
        where the article says who speaks, or None when the subject is a pronoun or another
        office; None when there is no such sentence.
    """
    text = article.text
    spans = article.sentences
    cited = list(cited)
    first = [sp for sp in spans if any(s < sp[1] and e > sp[0] for s, e in cited)]
    candidates = list(article.people)
    for start, end in [*first, *(sp for sp in spans if sp not in first)]:
        sentence = text[start:end]
        met = _MET.search(sentence)
        if met is None or _VAGUE.search(sentence):
            continue
        head, tail = sentence[: met.start()], sentence[met.end() :]
        if surnames_named(people, tail) < len(people) or surnames_named(people, head):
            continue
        before = [
            p
            for p in candidates
            if p in head
            and (titled(head, p) or len(p.split()) > 1)  # "Vladimir Putin had a telephone conversation"
            and not is_country_run(p)
        ]
        if before:
            first_named = min(before, key=head.find)
            full = fullest_form(first_named, candidates)
            return Subject(start, end, full, _FUTURE.search(head) is not None)
        if _SUBJECT.search(head):
            holder = _unnamed_subject(article, offices, start, head)
            return Subject(start, end, holder, _FUTURE.search(head) is not None)
        if FIRST_PERSON_SUBJECT.search(head) and (said_by := speaker(article, start)) is not None:
            return Subject(start, end, said_by, _FUTURE.search(head) is not None)  # "I will meet A and B"
    return None


def stray_subject(
    article: ArticleContext,
    people: Sequence[str],
    cited: Iterable[tuple[int, int]],
    offices: Sequence[tuple[int, int, str]] = (),
) -> tuple[Subject, str] | None:
    """A cited sentence that says who met the event's other people, when the event puts someone
    the sentence never names in that place.

    "He is also due to meet Dmytro Kuleba and Melanie Joly" answered as a meeting of Antony Blinken
    (named the sentence before, as who "He" met) with Kuleba and Joly: the sentence's subject is
    "He", and "He" is the person the sentences before name first (`antecedent`).

    Args:
        article: the whole article, analysed once.
        people: the participants of one event (two or more).
        cited: that event's evidence spans; only those sentences are read.
        offices: bare office phrases and their holders, as for `principal_meetings`.

    Returns:
        The sentence with its subject (a person the sentence names before the meeting word, an
        office's holder, or a pronoun's antecedent) and the event's person it replaces; None when
        no cited sentence names all but one of the people after its meeting word and not that one,
        or when its subject cannot be read or is that person already.
    """
    if len(people) < 2:
        return None
    text = article.text
    cited = list(cited)
    candidates = list(article.people)
    for start, end in article.sentences:
        if not any(s < end and e > start for s, e in cited):
            continue
        sentence = text[start:end]
        met = _MET.search(sentence)
        if met is None or _VAGUE.search(sentence):
            continue
        head, tail = sentence[: met.start()], sentence[met.end() :]
        absent = [p for p in people if not surnames_named([p], sentence)]
        if (
            len(absent) != 1
            or surnames_named(people, head)
            or surnames_named(people, tail) != len(people) - 1
        ):
            continue
        before = [p for p in candidates if p in head and titled(head, p) and not is_country_run(p)]
        name: str | None = None
        if before:
            name = fullest_form(min(before, key=head.find), candidates)
        elif _SUBJECT.search(head):
            name = _unnamed_subject(article, offices, start, head)
        if name is None or same_person(name, absent[0]):
            continue
        return Subject(start, end, name, _FUTURE.search(head) is not None), absent[0]
    return None


def country_pairs(sentence: str) -> list[tuple[str, str]]:
    """The pairs of countries a sentence joins with a hyphen or a dash: "U.S.-Turkey High-Level
    Dialogue" -> ("United States", "Turkey"); "UK-Poland consultations", "Japan–US talks",
    "U.S.-Philippine cooperation" (a demonym names its country); or with "and" after "between" or
    "both": "the special relationship between the United Kingdom and the United States".

    Args:
        sentence: one sentence of the article.

    Returns:
        Each (left, right) pair of two different countries, in the order written.
    """
    pairs: list[tuple[str, str]] = []
    for dash in _PAIR_DASH.finditer(sentence):
        left = _PAIR_WORD.findall(sentence[max(0, dash.start() - 40) : dash.start()])
        right = _PAIR_WORD.findall(sentence[dash.end() : dash.end() + 40])
        first = next(
            (c for n in range(min(3, len(left)), 0, -1) if (c := normalize_country(" ".join(left[-n:])))),
            None,
        )
        second = next(
            (c for n in range(min(3, len(right)), 0, -1) if (c := normalize_country(" ".join(right[:n])))),
            None,
        )
        if first is not None and second is not None and first != second:
            pairs.append((first, second))
    # "relations between the United Kingdom and the United States", "both Japan and China".
    for m in _JOINED_PAIR.finditer(sentence):
        first, second = normalize_country(m.group("left")), normalize_country(m.group("right"))
        if first is not None and second is not None and first != second:
            pairs.append((first, second))
    return pairs
