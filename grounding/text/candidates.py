"""Candidate spotting: what an article offers a model to copy (names, date phrases, offices, countries).

A 135M-parameter model cannot be trusted to copy a name or a date; the article grammar lets it
choose only among these. Each function reads the article alone, never a model answer.
"""

from __future__ import annotations

import re

from grounding.lexicon import any_of, regex, word_set, words
from grounding.text.countries import normalize_country
from grounding.text.folding import fold_plain
from grounding.text.gazetteer import is_city
from grounding.text.names import PRONOUN_SURNAMES

# Folded tokens that are never part of a person's name (people.yaml: title_words).
_TITLE_WORDS = word_set("people", "title_words")
_TITLE_SUFFIXES = word_set("people", "title_suffixes")
# Folded words that show a capitalised run names a place, a venue or a body (people.yaml).
_NOT_PERSON_WORDS = word_set("people", "not_person_words")
_VENUE_OPENERS = word_set("places", "venue_openers")
_NOT_NAME_STARTS = word_set("people", "not_name_starts")
_PORTFOLIO_WORDS = word_set("people", "portfolio_words")
_OFFICE_WORDS = word_set("people", "office_words")
_OFFICE_HEADS = word_set("people", "office_heads")
_ROLE_NOUNS = word_set("people", "role_nouns")
_PLURAL_OFFICES = word_set("people", "plural_offices")
_HONORIFICS = word_set("people", "honorifics")
_OFFICE_PHRASES = words("people", "office_phrases")
_SPEAKER_CUES = words("people", "speaker_cues")
_DATE_PHRASES = regex("calendar", "date_phrase")
_SPOKEN = any_of("calendar", "spoken")
# A middle initial ("Antony J. Blinken", "Joseph R. Biden") stays inside the run.
_WORD = r"[^\W\d_][\w'\u2019-]*"
# Leading initials too ("M. A. Hampiholi", "R. Hari Kumar"), not an abbreviation's last letter
# ("D.C. Mayor": the "C." follows a letter and a full stop).
_CAP_RUN = re.compile(
    rf"(?:(?<![\w.])[A-Z]\.[ \u00a0](?=[A-Z]))*{_WORD}(?:[ \u00a0](?:[A-Z]\.(?=[ \u00a0][A-Z])|{_WORD}))*",
    re.UNICODE,
)
_NOT_NAMES = frozenset(
    fold_plain(w) for key in ("months", "month_abbreviations", "weekdays") for w in words("calendar", key)
)
_PLACE_CUE = regex("places", "place_cue_before_run")
_WEEKDAYS = frozenset(fold_plain(w) for w in words("calendar", "weekdays"))
_PREPOSITIONS = word_set("people", "not_name_prepositions")
# "his counterpart", "NATO Counterparts Discuss ...": a relation, no word of a name.
_RELATIONAL = word_set("people", "relational_nouns")
_BODY_HEADS = word_set("people", "body_heads")
_VENUE_HEADS = word_set("people", "venue_heads")
# A body's name up to its "of"/"for": "the Organization of", "Union of", "Council for the".
_BODY_OF = regex("people", "body_name_before")

MAX_CANDIDATES = 150


_PARTICLES = frozenset(words("people", "name_particles"))


def _name_goes_on(run_words: list[str], i: int) -> bool:
    """True when, after particles, the run goes on with a capitalised word that is no title word."""
    while i < len(run_words) and run_words[i] in _PARTICLES:
        i += 1
    w = run_words[i] if i < len(run_words) else ""
    return bool(w) and w[:1].isupper() and fold_plain(w) not in _TITLE_WORDS


def _particle_joined(word: str) -> bool:
    """A particle joined to the capitalised rest of a name by a hyphen: "al-Sisi", "el-Safadi"."""
    particle, _, rest = word.partition("-")
    return particle in _PARTICLES and rest[:1].isupper()


_NOBLE = word_set("people", "noble_ranks")


def _rank_inside(current: list[str], word: str, run_words: list[str], i: int) -> bool:
    """A rank between two words of one name: "President Hassan Sheikh Mohamud" (a name before it
    that is no country's word, "Kuwaiti Sheikh Sabah" being a Kuwaiti sheikh; a name after it)."""
    return (
        bool(current)
        and fold_plain(word) in _NOBLE
        and normalize_country(" ".join(current)) is None
        and _name_goes_on(run_words, i + 1)
    )


def _surname_after_office(current: list[str], word: str, run_words: list[str], i: int) -> bool:
    """A family name English writes as a pronoun, right after an office and before the rest of the
    name: "Vice Premier He Lifeng" (not "He Said" of a headline: no office before it)."""
    return (
        not current
        and i > 0
        and word[:1].isupper()
        and fold_plain(word) in PRONOUN_SURNAMES
        and fold_plain(run_words[i - 1]) in _TITLE_WORDS
        and _name_goes_on(run_words, i + 1)
    )


def name_runs(text: str) -> list[str]:
    """Capitalised word runs that could be names of people or places, titles cut off."""
    runs: list[str] = []
    for m in _CAP_RUN.finditer(text):
        # "Putin's" and "United States'": the possessive is no part of the name.
        run_words = [re.sub(r"['\u2019]s?$", "", w) for w in m.group().split()]
        # Split the run at lower-case words and title words, keeping capitalised stretches.
        current: list[str] = []
        padded = [*run_words, ""]
        for i, w in enumerate(padded):
            # A weekday ends a name ("met Prime Minister Kim Monday"), as a title word does.
            plain = fold_plain(w)
            # "Yesterday I met": the pronoun before a verb ends a run ("Charles I" stays a name).
            pronoun = w == "I" and padded[i + 1][:1].islower() and padded[i + 1] not in _NOT_TITLES
            if (
                (
                    w
                    and w[:1].isupper()
                    and plain not in _TITLE_WORDS
                    and plain not in _WEEKDAYS
                    and not pronoun
                )
                or (current and _particle_joined(w))
                or _rank_inside(current, w, padded, i)
                or _surname_after_office(current, w, padded, i)
            ):
                current.append(w)
                continue
            if current and w in _PARTICLES and _name_goes_on(padded, i + 1):
                current.append(w)  # "Ursula von der Leyen": the particle stays inside the name
                continue
            if current:
                for k in range(len(current)):  # "Emomali Rahmon" and "Rahmon" both
                    if current[k] in _PARTICLES or (k and fold_plain(current[k]) in _NOBLE):
                        continue  # "der Leyen" is no run of its own; "Leyen" is
                    cand = " ".join(current[k:])
                    if fold_plain(cand) not in _NOT_NAMES and len(cand) > 2 and cand not in runs:
                        runs.append(cand)
            current = []
    return runs[:MAX_CANDIDATES]


def _is_place(run: str, text: str) -> bool:
    # A run that is always preceded by "in", "at", "to"... is a place, not a person.
    starts = [m.start() for m in re.finditer(re.escape(run), text)]
    return bool(starts) and all(_PLACE_CUE.search(text[max(0, i - 12) : i]) for i in starts)


# The little words of TITLE_WORDS: "of Trump" or "his Trump" do not make a title.
_NOT_TITLES = word_set("people", "title_little_words")
# How far before a name a title may stand: "President of the Indian National Congress Sonia Gandhi".
_TITLE_WORDS_BEFORE = 6
_TOKEN = re.compile(r"\w+")
# The possessive right before a name: "Canada's", "South Korea’s".
_POSSESSIVE_BEFORE = re.compile(r"((?:[A-Z][\w.-]*[ \u00a0]){0,2}[A-Z][\w.-]*)['\u2019]s[ \u00a0]+$")


def is_title_word(word: str) -> bool:
    """True for a word of a title ("President", "Minister"), not one of TITLE_WORDS' little words."""
    folded = fold_plain(word)
    head, dash, suffix = folded.rpartition("-")
    if dash and suffix in _TITLE_SUFFIXES:
        folded = head  # "President-Elect"
    if "-" in folded and folded not in _TITLE_WORDS:
        # Title words joined by a hyphen ("Vice-President", "Vice-Chancellor") are one.
        return all(is_title_word(part) for part in folded.split("-"))
    return folded in _TITLE_WORDS and folded not in _NOT_TITLES


def singular_title(word: str) -> str | None:
    """The title word a plural stands for ("Presidents" -> "President", "Secretaries" ->
    "Secretary": "Foreign Ministers X and Y" titles each), or None when `word` is no such plural."""
    for plural, singular in (("ies", "y"), ("s", "")):
        if len(word) > len(plural) + 2 and word.endswith(plural):
            single = word[: -len(plural)] + singular
            if fold_plain(single) in _PLURAL_OFFICES:
                return single
    return None


def _in_an_office(word: str) -> bool:
    """Whether a word after a title word may still be the office's or the name's: capitalised
    ("President of India Pranab", "Minister for Foreign Affairs"), or a joining or portfolio word."""
    return word[:1].isupper() or fold_plain(word) in _OFFICE_JOINING or fold_plain(word) in _PORTFOLIO_WORDS


def titled(paragraph: str, name: str) -> bool:
    """True when a title stands before the name: within a few words for a full name ("Deputy Foreign
    Minister Maciej Lang", "President of India Pranab Mukherjee"), right before a lone surname
    ("President Herzog"; a lone capitalised word is otherwise a place or a body as often as not); or,
    for a full name, a country's possessive right before it ("Canada's Melanie Joly").
    """
    full = len(name.split()) > 1
    reach = _TITLE_WORDS_BEFORE if full else 1
    for m in re.finditer(re.escape(name), paragraph):
        before = _TOKEN.findall(paragraph[max(0, m.start() - 60) : m.start()])[-reach:]
        # "his Chinese counterpart Wang Yi": the relation stands where the office would. Words of an
        # office, and one other at most ("the prime minister met Cy Park"), may stand between it and
        # the name: "the Prime Minister attended Session 6 on Artificial Intelligence" titles no one.
        last = max(
            (i for i, w in enumerate(before) if is_title_word(w) or w.lower() in _RELATIONAL), default=None
        )
        if last is not None and sum(not _in_an_office(w) for w in before[last + 1 :]) <= 1:
            return True
        # "Minister of the People's Power for Energy Rafael Ramirez": a long office, its words
        # capitalised or joining ones from the title word to the name.
        if full and _long_office_before(paragraph[max(0, m.start() - 120) : m.start()]):
            return True
        # "Special Representative Jason Greenblatt", "the Special Representative for Iraq, Staffan
        # de Mistura": the noun an office ends in, capitalised, titles a full name as a title word does.
        if any(w[:1].isupper() and fold_plain(w) in _OFFICE_HEADS for w in before):
            return True  # "State Councilor Dai", "Commissioner Breton": right before a lone surname
        # "China's top diplomat Wang Yi", "top legislator Zhao Leji": a role, right before a full name.
        if full and before and fold_plain(before[-1]) in _ROLE_NOUNS:
            return True
        # "India's Subrahmanyam Jaishankar and Canada's Melanie Joly": a country's person, named in
        # full, as news lists foreign ministers without their offices.
        owner = _POSSESSIVE_BEFORE.search(paragraph, max(0, m.start() - 40), m.start())
        if full and owner is not None and _ends_in_country(owner.group(1).split()):
            return True
        # "Cy Tanaka, Japan's foreign minister, also met ...": an office set off after a full name,
        # a short phrase ending in a title word.
        aside = _SET_OFF.match(paragraph, m.end())
        if full and aside is not None:
            words = _TOKEN.findall(aside.group(1))
            if 0 < len(words) <= _SET_OFF_WORDS and is_title_word(words[-1]):
                return True
        # "to meet with David Cameron following his appointment as Foreign Secretary": an office
        # the sentence gives the full name through its possessive.
        if full and office_said_after(paragraph, m.end()) is not None:
            return True
    return False


def office_said_after(sentence: str, end: int) -> str | None:
    """The office the sentence gives the name ending at `end` through its possessive ("David Cameron
    following his appointment as Foreign Secretary": "Foreign Secretary"), or None.

    Args:
        sentence: the sentence (or paragraph) the name is in.
        end: where the name ends there.

    Returns:
        The office's capitalised words as written, when one of them is a title word.
    """
    later = _OFFICE_AS_AFTER.match(sentence, end)
    if later is None or not any(is_title_word(w) for w in later.group("office").split()):
        return None
    return later.group("office")


_LONG_OFFICE_WORDS = 12
_OFFICE_JOINING = word_set("people", "title_joiners") | word_set("people", "title_complements") | {"and"}


def _long_office_before(before: str) -> bool:
    """True when the words right before a name are a title word and the office it opens, every word
    after it capitalised ("Power", "People's") or joining ("of", "the", "for", "and"), with no
    punctuation between (the end of a sentence naming an office is no title of the next one's name)."""
    before = re.split(r"[.,;:!?()\n]", before)[-1]  # the office runs up to the name unbroken
    words = re.findall(r"[\w’'-]+", before)[-_LONG_OFFICE_WORDS:]
    for i in range(len(words) - 1, -1, -1):
        word = words[i]
        if is_title_word(word):
            return i < len(words) - 1
        if not (word[:1].isupper() or word.lower() in _OFFICE_JOINING):
            return False
    return False


# A phrase set off by a comma right after a name, up to the next comma or the sentence's end.
_OFFICE_AS_AFTER = regex("people", "office_as_after")
_SET_OFF = re.compile(r",\s+([^,.;:()]+?)\s*(?=[,.;:]|$)")
_SET_OFF_WORDS = 5


def _after_title(word: str, text: str) -> bool:
    # "President Trump", "Chancellor Merkel": a surname the article never writes in full.
    return any(
        is_title_word(m.group(1)) for m in re.finditer(rf"(\w+)\.?[ \u00a0]+{re.escape(word)}\b", text)
    )


def _is_speaker(run: str, text: str) -> bool:
    # A name only ever introduced as a spokesperson is who the article quotes, not a party.
    starts = [m.start() for m in re.finditer(re.escape(run), text)]
    return bool(starts) and all(
        any(cue in text[max(0, i - 40) : i].lower() for cue in _SPEAKER_CUES) for i in starts
    )


def _ends_in_country(words: list[str]) -> bool:
    # "Meanwhile Canada", "South Korea": the run's last words are the country.
    return any(normalize_country(" ".join(words[i:])) is not None for i in range(len(words)))


_RANKS = word_set("people", "military_ranks")


def _abbreviated_rank(run: str, text: str) -> bool:
    """True when a lone word is a military rank the article always abbreviates ("Maj.", "Adm."):
    no one's surname ("Prime Minister Major" may be)."""
    if fold_plain(run) not in _RANKS:
        return False
    after = [text[m.end() : m.end() + 1] for m in re.finditer(rf"(?<!\w){re.escape(run)}(?!\w)", text)]
    return bool(after) and all(a == "." for a in after)


def person_candidates(text: str) -> list[str]:
    """Name runs that could be people: no pronouns, countries, demonyms, datelines or places.

    Single words are kept only as the surname of a longer run ("Putin" of "Vladimir Putin").
    """
    runs = name_runs(text)
    # "Addis Ababa", "New Delhi": a city of the gazetteer is no person, nor is its last word.
    cities = [r for r in runs if len(r.split()) > 1 and is_city(r)]
    runs = [r for r in runs if r not in cities and not any(c.endswith(" " + r) for c in cities)]
    # "Qasr Al Shati", "Qasr Al Watan": a venue word opening a run (a palace in Arabic) names a
    # building, and the words after it are no person.
    venues = [r for r in runs if len(r.split()) > 1 and fold_plain(r.split()[0]) in _VENUE_OPENERS]
    runs = [r for r in runs if not any(v.endswith(" " + r) for v in venues)]
    out: list[str] = []
    for run in runs:
        parts = run.replace("-", " ").split()
        surname_first = (
            fold_plain(parts[0]) in PRONOUN_SURNAMES and len(parts) > 1 and _after_title(run, text)
        )
        if (fold_plain(parts[0]) in _NOT_NAME_STARTS and not surname_first) or run.isupper():
            continue  # "He Said" is no one; "Vice Premier He Lifeng" is
        if any(fold_plain(p) in _PREPOSITIONS for p in parts):
            continue  # "With Ghani" of a headline's "Meeting With Ghani in Munich"
        # "Energy Rafael Ramirez" of "Minister ... for Energy Rafael Ramirez": the office's last word
        # starts no name (the run without it is kept).
        if len(parts) > 1 and fold_plain(parts[0]) in _PORTFOLIO_WORDS:
            continue
        if normalize_country(run) or any(normalize_country(p) for p in parts):
            continue
        if len(parts) == 1 and not any(r.endswith(" " + run) for r in runs) and not _after_title(run, text):
            continue
        if len(parts) == 1 and _abbreviated_rank(run, text):
            continue  # "Maj" of "National Security Advisor Maj. Gen. X": a rank, no surname
        if _is_place(run, text) or any(fold_plain(p) in _NOT_PERSON_WORDS for p in parts):
            continue
        if any(ch.isdigit() for ch in run):
            continue  # "G7 Leaders", "Apollo 11": no person's name holds a digit
        if _is_speaker(run, text):
            continue
        if without_office(run) != run or not_a_person(run, text) is not None:
            continue  # "Secretary-General Ban Ki-moon" is offered as "Ban Ki-moon"; a byline is none
        out.append(run)
    return out


def fullest(candidates: list[str]) -> list[str]:
    """Only the fullest runs: "Sonia Gandhi" stands for "Gandhi" too."""
    return [c for c in candidates if not any(c != o and c in o for o in candidates)]


def is_country_run(run: str) -> bool:
    """True when a name run is a country ("United States’" with its possessive quote too)."""
    return normalize_country(run.rstrip("’'")) is not None


def offices_mentioned(text: str) -> list[str]:
    """The offices (people.yaml: office_phrases) that the article mentions."""
    folded = fold_plain(text)
    return [t for t in _OFFICE_PHRASES if re.search(r"\b" + re.escape(fold_plain(t)) + r"\b", folded)]


def date_phrases(text: str) -> list[str]:
    """Date phrases of the article, as written, in order of first occurrence."""
    seen: list[str] = []
    for m in _DATE_PHRASES.finditer(text):
        if m.group() not in seen:
            seen.append(m.group())
    return seen


def date_phrase_spans(text: str) -> list[tuple[int, int, str]]:
    """Every date phrase of the text with where it is written: (start, end, phrase), in order."""
    return [(m.start(), m.end(), m.group()) for m in _DATE_PHRASES.finditer(text)]


def unspoken_date_phrases(text: str) -> list[str]:
    """The date phrases of `date_phrases` written at least once away from a word of saying: "the
    ministry said today that the two met on Monday" -> ["on Monday"] ("today" is when it was said).
    A speech word among the two words before the phrase or the one after it attaches it."""
    out: list[str] = []
    for m in _DATE_PHRASES.finditer(text):
        if m.group() not in out and not spoken_date(text, m.start(), m.end()):
            out.append(m.group())
    return out


def spoken_date(text: str, start: int, end: int) -> bool:
    """True when the date phrase at text[start:end] dates a statement, not what it reports: a word
    of saying among the two words before it or the one after ("the ministry said today", "defense
    officials announced today").

    Args:
        text: the article (or a passage of it).
        start: where the phrase starts.
        end: where it ends.

    Returns:
        Whether a word of saying (calendar.yaml `spoken`) attaches the phrase.
    """
    before = " ".join(text[:start].split()[-2:])
    after = " ".join(text[end:].split()[:1])
    return bool(_SPOKEN.search(before) or _SPOKEN.search(after))


def countries_mentioned(text: str) -> list[str]:
    """Canonical names of the countries the article mentions (by name or demonym)."""
    found: list[str] = []
    for run in name_runs(text):
        for cand in (run, *run.split()):
            c = normalize_country(cand)
            if c and c not in found:
                found.append(c)
    return found


def could_name_two_people(text: str, principals: int = 0) -> bool:
    """False when the article cannot report a meeting: fewer than two capitalised runs that could be
    people (countries left out), counting `principals` (issuing office-holders) as named.

    Deliberately generous (every capitalised run counts, "Putin" alone as much as a full name): it
    only spares a model call on texts like "Ministers met." or a list of figures.
    """
    runs = [
        r
        for r in fullest(name_runs(text))
        # An office or portfolio word alone ("Transport" of "Transport Minister Ann Lee") names no one,
        # nor a pronoun opening a sentence ("She said ...").
        if not is_country_run(r)
        and not all(_office_part(w) for w in r.split())
        and not (" " not in r and fold_plain(r) in _NOT_NAME_STARTS)
    ]
    return len(runs) + principals >= 2


# A body's acronym ("UN", "NATO"): written before its office, it is no name's first word.
_ACRONYM = re.compile(r"^[A-Z]{2,6}$")


def _office_part(word: str) -> bool:
    """True for a word that belongs to an office, not a name: a title, office or portfolio word, an
    honorific, or a compound of them ("Secretary-General", "Vice-President")."""
    folded = fold_plain(word).rstrip(".")
    parts = [p for p in re.split(r"[-\s]+", folded) if p]
    office = _TITLE_WORDS | _OFFICE_WORDS | _PORTFOLIO_WORDS | _HONORIFICS
    return folded in office or (bool(parts) and all(p in office for p in parts))


def without_office(name: str) -> str:
    """The name without the office words written before it that a capitalised run carried along
    ("Secretary-General Ban Ki-moon" -> "Ban Ki-moon", "Security Policy Javier Solana" -> "Javier
    Solana"); two words at least are kept ("Prince Charles" stays).

    Args:
        name: a participant's name as listed.

    Returns:
        The name from its first word that is no office word, or `name` unchanged.
    """
    words_ = name.split()
    start = 0
    while len(words_) - start > 2 and words_[start + 1][:1].isupper():
        word = words_[start]
        # A body's acronym before its office ("UN Secretary-General", "NATO Secretary General").
        acronym = _ACRONYM.match(word) is not None and _office_part(words_[start + 1])
        if not (_office_part(word) or acronym):
            break
        start += 1
    return " ".join(words_[start:]) if start else name


_BYLINE = re.compile(r"[ \t]*by:?[ \t]+", re.IGNORECASE)
# Who is only ever introduced as a principal's spouse accompanies them and heads no side.
_COMPANION = regex("people", "companion_before")
_REPORTER = regex("people", "reporter_before")


def not_a_person(name: str, text: str) -> str | None:
    """Why a name listed as a participant names no person, or None when it may name one.

    Args:
        name: the participant's name as listed (after `without_office`).
        text: the article.

    Returns:
        "a place, a body or an occasion" ("Southern Naval Command", "Royal Highness"), "an office"
        ("High Representative", "Chief of Staff"), "the article's byline" (a name only ever written
        after "By" at the start of a line: the reporter), else None.
    """
    parts = [p for p in re.split(r"[-\s]+", fold_plain(name)) if p]
    if any(p.rstrip(".") in _NOT_PERSON_WORDS for p in parts):
        return "a place, a body or an occasion"
    if any(p in _OFFICE_WORDS for p in parts) or (parts and all(_office_part(p) for p in parts)):
        return "an office"
    starts = [m.start() for m in re.finditer(re.escape(name), text)]
    if starts and all(_BYLINE.fullmatch(text[text.rfind("\n", 0, i) + 1 : i]) for i in starts):
        return "the article's byline"
    if starts and all(_COMPANION.search(text[max(0, i - 40) : i]) for i in starts):
        return "a principal's companion (a spouse)"
    return None


# A body's or a country's capitals ("ASEAN", "EU", "U.S."), one side of "Korea-ASEAN".
_ACRONYM = re.compile(r"(?:[A-Z]\.?){2,}")


def not_a_participant(name: str, text: str) -> str | None:
    """Why a name a model listed as a participant names no person (`not_a_person`, and the runs of
    capitalised words a headline or a dateline joins to a name), or None when it may name one.

    The extra reasons refuse what a model copies from the article's capitalised words, without
    taking those words from the candidates the article grammar offers (which would change what the
    model is allowed to write for every article holding them).

    Args:
        name: the participant's name as listed (after `without_office`).
        text: the article.

    Returns:
        `not_a_person`'s reasons, "a day" ("New Delhi Tuesday"), "a preposition and a name"
        ("Meeting With Ghani", a headline's words), "a relation" ("NATO Counterparts
        Discuss Counter-ISIS Efforts"), "a country joined to another side" ("Korea-ASEAN"), "a
        reporter" (a name only ever written right after "reporter", "correspondent" ...), "the
        end of a country's name" ("Arab Emirates"), else None.
    """
    reason = not_a_person(name, text)
    if reason is not None:
        return reason
    parts = [p for p in re.split(r"[-\s]+", fold_plain(name)) if p]
    if any(p in _WEEKDAYS for p in parts):
        return "a day"
    if any(p in _PREPOSITIONS for p in parts):
        return "a preposition and a name"
    if any(p in _RELATIONAL for p in parts):
        return "a relation"
    sides = re.split(r"[-–]", name)
    if len(sides) > 1 and any(
        normalize_country(side.strip()) or _ACRONYM.fullmatch(side.strip()) for side in sides
    ):
        return "a country joined to another side"  # "Korea-ASEAN" of "the Korea-ASEAN Summit"
    starts = [m.start() for m in re.finditer(r"(?<![\w-])" + re.escape(name) + r"(?![\w-])", text)]
    if starts and all(_ends_a_body(text, i) for i in starts):
        return "the end of a body's name"  # "(African) Unity" of "the Organization of African Unity"
    if len(parts) == 1 and starts and all(_inside_an_office(text, i, i + len(name)) for i in starts):
        return "a word of an office"  # "Supreme Allied Commander", "Minister Responsible for Defense"
    if len(parts) == 1 and parts[0] in _BODY_HEADS:
        return "a body's word"  # "Movement" of "the Movement for Democratic Change"
    last = name.split()[-1] if name.split() else name
    if singular_title(last) is not None:
        return "an office's plural"  # "(Egyptian) Presidents" of "the Iranian and Egyptian Presidents"
    if fold_plain(last) in _VENUE_HEADS:
        return "a venue"  # "(Official) Residence" of "the Prime Minister's Official Residence"
    if starts and all(_REPORTER.search(text[max(0, i - 30) : i]) for i in starts):
        return "a reporter"  # "told reporter Jane Doe of VOA": the press asks, it meets no one
    if starts and all(_ends_a_country(text, i, name) for i in starts):
        return "the end of a country's name"  # "Arab Emirates" of "the United Arab Emirates"
    return None


def _ends_a_country(text: str, start: int, name: str) -> bool:
    """True when `name`, written at `start`, ends a country's name with the capitalised words
    right before it ("Arab Emirates" of "the United Arab Emirates")."""
    before = re.search(r"((?:[A-Z][\w.-]*\s+){1,3})$", text[max(0, start - 60) : start])
    if before is None:
        return False
    words_before = before.group(1).split()
    return any(
        normalize_country(" ".join([*words_before[-k:], name])) is not None
        for k in range(1, len(words_before) + 1)
    )


def _inside_an_office(text: str, start: int, end: int) -> bool:
    """True when the word at `start`-`end` stands inside an office's words: a title word right
    before it and, right after it, another ("the Supreme Allied Commander") or "for" and a
    portfolio ("Minister Responsible for Defense Affairs")."""
    before = re.search(r"(\S+)\s+$", text[max(0, start - 40) : start])
    if before is None or not is_title_word(before.group(1)):
        return False
    after = text[end : end + 60].split()
    if after and is_title_word(after[0]):
        return True
    return len(after) > 1 and after[0] == "for" and fold_plain(after[1]) in _PORTFOLIO_WORDS


def _ends_a_body(text: str, start: int) -> bool:
    """True when the words at `start` end a body's name: "Unity" or "African Unity" of "the
    Organization of African Unity". Not a person after an office of a body ("President of the
    Council of Ministers Giorgia Meloni"): an office word or a country between says a person
    follows."""
    found = _BODY_OF.search(text, max(0, start - 60), start)
    if found is None:
        return False
    between = found.group("between").split()
    # "the Union of the Comoros Azali Assoumani": a country's name, then the person.
    if between and normalize_country(" ".join(between)) is not None:
        return False
    # "the Agency for International Development Administrator Mark Green": an office's head noun too.
    return not any(
        is_title_word(w) or is_title_word(w.removesuffix("s")) or fold_plain(w) in _OFFICE_HEADS
        for w in between
    )
