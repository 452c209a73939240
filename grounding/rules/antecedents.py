"""Whom a sentence's "he" or "she" refers to, when it is the subject of a meeting sentence.

English news names a person once and goes on with a pronoun: "Cleverly is due to have his first
bilateral meeting with Antony Blinken later today. He is also due to meet Dmytro Kuleba ...". The
"He" is the subject of the sentence before, not the last person named there (Blinken) nor whoever
the article's events name most. In a sentence of news the subject comes first, so the antecedent
is the first person the nearest earlier sentence names in a subject's place: nothing but a title
between the clause's start (the sentence's, or a comma's) and the name, no "with", "for" or "by"
("will attend a memorial service for Ambassador Holbrooke" has no subject named). A sentence whose
own subject is a pronoun or an office ("She", "The Secretary") passes the question on to the one
before it. Nothing here reads a model answer.
"""

from __future__ import annotations

import re

from grounding.article import ArticleContext
from grounding.lexicon import regex, word_set
from grounding.text.candidates import is_country_run
from grounding.text.folding import fold_plain
from grounding.text.names import fullest_form, same_person

PRONOUN_SUBJECT = regex("meetings", "pronoun_subject")
_UNNAMED_SUBJECT = regex("meetings", "unnamed_subject")
# Lower-case words a title or a name may hold ("Secretary of State", "Ursula von der Leyen").
_IN_TITLES = (
    word_set("people", "title_joiners")
    | word_set("people", "title_complements")
    | word_set("people", "name_particles")
    | word_set("meetings", "joined_persons")  # "Ann Lee and Bo Kim met"
)
_OPENER = re.compile(r"[^,]*,\s*")
_MAX_OPENER = 60
_LOWER_WORD = re.compile(r"(?<![\w'’])[a-z][\w'’-]*")
# How far back a pronoun's person may be named: a paragraph of news, no further.
ANTECEDENT_REACH = 5


def in_subject_place(sentence: str, at: int) -> bool:
    """True when only a title stands between the name at `at` and the sentence's start or the end of
    one of its short opening phrases ("On Sunday,", "After talks with X,"); a name set off by a
    comma later on is an apposition ("the President of North Macedonia, Stevo Pendarovski"). Who a
    quotation opening the sentence is attributed to is its subject too ("'...,' President Ann Lee
    told reporters", "'...,' said Lee")."""
    starts = [0]
    for m in _OPENER.finditer(sentence[:at]):
        if m.end() - starts[-1] > _MAX_OPENER or len(starts) > 3:
            break
        starts.append(m.end())
    said = _ATTRIBUTION.search(sentence) if _OPENS_QUOTE.match(sentence) else None
    if said is not None and said.start("after" if said.group("after") else "before") <= at:
        starts.append(said.start("after" if said.group("after") else "before"))
    return any(
        all(w.lower() in _IN_TITLES for w in _LOWER_WORD.findall(sentence[start:at])) for start in starts
    )


def first_person(article: ArticleContext, start: int, end: int) -> str | None:
    """The first person text[start:end] names in a subject's place, in the fullest form the article
    writes.

    A person is one of the article's person candidates (`ArticleContext.people`: places, bodies
    and datelines already left out); a country's name is none.
    """
    sentence = article.text[start:end]
    placed: list[tuple[int, str]] = []
    for person in article.people:
        if is_country_run(person):
            continue
        for found in re.finditer(rf"(?<!\w){re.escape(person)}(?!\w)", sentence):
            if in_subject_place(sentence, found.start()):
                placed.append((found.start(), person))
                break
    if not placed:
        return None
    return fullest_form(min(placed)[1], article.people)


def antecedent(article: ArticleContext, start: int) -> str | None:
    """Whom a "he"/"she" at the start of the sentence at `start` refers to.

    Args:
        article: the whole article, analysed once.
        start: where the sentence with the pronoun subject starts.

    Returns:
        The first person named by the nearest of the few sentences before that does not itself
        open with a pronoun subject; None when none of them names a person.
    """
    return article.analysed(f"antecedent:{start}", lambda: _antecedent(article, start))


def _antecedent(article: ArticleContext, start: int) -> str | None:
    earlier = [(a, b) for a, b in article.sentences if b <= start][-ANTECEDENT_REACH:]
    for a, b in reversed(earlier):
        if _UNNAMED_SUBJECT.search(article.text[a:b].strip()):
            continue  # "He also met ...", "The Secretary will ...": the same person, named further back
        person = first_person(article, a, b)
        if person is not None:
            return person
    return None


def named_only_as_object(article: ArticleContext, start: int, person: str) -> bool:
    """True when the sentence before the one at `start` (the nearest that does not open with "he",
    "she" or an office) names `person`, but not in a subject's place: "Cleverly is due to meet
    Antony Blinken today. He is also due to meet ..." -- whoever "He" is, it is not Blinken, though
    the subject ("Cleverly") is no name the article's person candidates hold.

    Args:
        article: the whole article, analysed once.
        start: where the sentence with the pronoun subject starts.
        person: the person a rule would take the pronoun for.
    """
    earlier = [(a, b) for a, b in article.sentences if b <= start][-ANTECEDENT_REACH:]
    for a, b in reversed(earlier):
        sentence = article.text[a:b]
        if _UNNAMED_SUBJECT.search(sentence.strip()):
            continue
        forms = [p for p in article.people if not is_country_run(p) and same_person(p, person)]
        found = [m for p in forms for m in re.finditer(rf"(?<!\w){re.escape(p)}(?!\w)", sentence)]
        return bool(found) and not any(in_subject_place(sentence, m.start()) for m in found)
    return False


FIRST_PERSON_SUBJECT = regex("meetings", "first_person_subject")
_OPENS_QUOTE = re.compile(r"^\s*[“\"]")
_ATTRIBUTION = regex("people", "quote_attribution")
# A transcript's speaker line: a name alone, perhaps with a note in brackets ("Micheál Martin
# (Cork South-Central, Fianna Fail)"), perhaps with a colon.
_SPEAKER_LINE = re.compile(r"^\s*(?P<name>[^\W\d][^():\n]{2,60}?)\s*(?:\([^)\n]{0,80}\))?\s*:?\s*$")
_BODY_END = re.compile(r"[.?!”\"’)]\s*$")
# A transcript's speaker label in capitals opening a paragraph, the words after it the turn's first
# ("SECRETARY KERRY: Good morning", "ANTHONY ALBANESE, PRIME MINISTER: Thanks for joining us").
_INLINE_LABEL = re.compile(r"^\s*(?P<label>[A-Z][A-Z .,’'-]{2,80}?)\s*:\s+\S")


def _labelled(label: str, article: ArticleContext) -> str | None:
    """The person a capitalised speaker label names ("SECRETARY OF DEFENSE LEON E. PANETTA", "SECRETARY
    KERRY"): the longest of the article's people whose every word the label holds, in full."""
    held = set(re.findall(r"[\w’'-]+", fold_plain(label)))
    named = [
        p
        for p in article.people
        if not is_country_run(p) and (words := re.findall(r"[\w’'-]+", fold_plain(p))) and set(words) <= held
    ]
    return fullest_form(max(named, key=len), article.people) if named else None


def _person_in(passage: str, article: ArticleContext) -> str | None:
    """The person of the article the passage names (by any form), in the fullest form written."""
    named = [
        p
        for p in article.people
        if not is_country_run(p) and re.search(rf"(?<!\w){re.escape(p)}(?!\w)", passage)
    ]
    return fullest_form(max(named, key=len), article.people) if named else None


def speaker(article: ArticleContext, start: int) -> str | None:
    """Who says "I" in the sentence at `start`: the person its quotation is attributed to, or the
    person a transcript's speaker line names above it, or the capitalised label opening the turn's
    first paragraph names ("SECRETARY KERRY: Good morning").

    A quotation runs over paragraphs that each open with a quotation mark; its attribution ("...,"
    Mr Luxon says) stands in one of them. A transcript's turn runs from a line naming the speaker
    over the lines of running text after it; a heading ("Written answers", "Question:") ends it.

    Args:
        article: the whole article, analysed once.
        start: where the sentence starts.

    Returns:
        The speaker in the fullest form the article writes, or None when neither says who speaks.
    """
    return article.analysed(f"speaker:{start}", lambda: _speaker(article, start))


def _speaker(article: ArticleContext, start: int) -> str | None:
    text = article.text
    lines = list(article.filled_lines)
    index = next((i for i, (a, b) in enumerate(lines) if a <= start < b), None)
    if index is None:
        return None
    i = index
    while i >= 0:
        line = text[slice(*lines[i])]
        for m in _ATTRIBUTION.finditer(line):
            who = _person_in(m.group("after") or m.group("before") or "", article)
            if who is not None:
                return who
        if not _OPENS_QUOTE.match(line):
            break
        i -= 1
    for a, b in reversed(lines[: index + 1]):
        line = text[a:b]
        inline = _INLINE_LABEL.match(line)
        if inline is not None:
            return _labelled(inline.group("label"), article)  # no one known ("QUESTION:"): None
        if (a, b) == lines[index]:
            continue
        label = _SPEAKER_LINE.match(line)
        name = label.group("name").strip() if label is not None else ""
        if name in article.people and len(name.split()) > 1:
            return fullest_form(name, article.people)
        if not _BODY_END.search(line):
            # A heading: the turn, if any, is not this sentence's; a written answer under a
            # question asked of an office is that office-holder's.
            return _asked_office(article, a)
    return None


_QUESTION_TO_OFFICE = regex("people", "question_to_office")
# How many lines above a written answer's heading its question may stand (a reference line between).
_QUESTION_LINES = 3


def _asked_office(article: ArticleContext, heading: int) -> str | None:
    """The holder of the office a parliamentary question just above `heading` asks ("Deputy X asked
    the Tánaiste and Minister for Foreign Affairs ..."), who answers under it; None when there is none."""
    above = [(a, b) for a, b in article.filled_lines if b <= heading][-_QUESTION_LINES:]
    for a, b in reversed(above):
        for holder in article.office_holders:
            for start, _ in holder.mentions:
                if a <= start < b and _QUESTION_TO_OFFICE.search(article.text[max(a, start - 20) : start]):
                    return holder.name
    return None
