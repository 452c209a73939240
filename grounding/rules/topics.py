"""What a passage says was discussed (`grounding/lexicon/topics.yaml`) and agreed (`outcomes.yaml`)."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from grounding.lexicon import load, regex
from grounding.rules.cues import names_the_occasion
from grounding.text.candidates import is_title_word
from grounding.text.countries import normalize_country
from grounding.text.folding import fold_plain
from grounding.text.gazetteer import city_country

# A participant as the outcome step knows them: name and country (None when unknown).
Side = tuple[str, str | None]


def topic_names() -> tuple[str, ...]:
    """The topics the lexicon has a pattern for, in file order."""
    return tuple(load("topics"))


_WORD = re.compile(r"[^\W\d_][\w'’-]*")
# An office's name does not run over a sentence's end or a clause's comma.
_CLAUSE_STOP = re.compile(r"[.!?;:,\n]")


def _in_an_office(text: str, start: int, end: int) -> bool:
    """True when the topic word at text[start:end] is part of an office's name, written in
    capitals: "Minister for the Environment", "Minister for Strategic Energy Infrastructure",
    "Energy Secretary", "Trade Minister" name a person's office, not what was discussed."""
    if not text[start:end][:1].isupper():
        return False
    after = _WORD.findall(_CLAUSE_STOP.split(text[end : end + 40])[0])[:3]
    # "Energy Secretary", "Trade and Industry Minister": capitalised words up to an office word.
    for word in after:
        if is_title_word(word):
            return True
        if not (word[:1].isupper() or word.lower() == "and"):
            break
    before = _WORD.findall(_CLAUSE_STOP.split(text[max(0, start - 60) : start])[-1])[-5:]
    # "Minister for (the) Environment", "Minister for Strategic Energy Infrastructure".
    for word in reversed(before):
        if is_title_word(word):
            return True
        if not (word[:1].isupper() or word.lower() in ("for", "of", "the", "and")):
            break
    return False


def topics_in(text: str, spans: Iterable[tuple[int, int]]) -> dict[str, tuple[int, int]]:
    """The topics the passages `text[a:b]` speak of, each with the span of its first cue.

    Args:
        text: the article.
        spans: the passages to read (an event's sentences), as offsets into `text`.

    Returns:
        topic -> (start, end) of the first word that names it, offsets into `text`.
    """
    found: dict[str, tuple[int, int]] = {}
    passages = sorted(set(spans))
    for topic in topic_names():
        pattern = regex("topics", topic)
        for a, b in passages:
            match = next(
                (
                    m
                    for m in pattern.finditer(text, a, b)
                    if not _in_an_office(text, m.start(), m.end())
                    and not names_the_occasion(text, m.start(), a)
                ),
                None,
            )
            if match is not None:
                found[topic] = (match.start(), match.end())
                break
    return found


def discussed_topics(text: str, spans: Iterable[tuple[int, int]]) -> dict[str, tuple[int, int]]:
    """The topics the sentences `text[a:b]` say were discussed: those named after a discussion word
    of the same sentence ("they discussed trade", "talks on energy"), each with its first cue's span.

    Args:
        text: the article.
        spans: the sentences to read, as offsets into `text`.

    Returns:
        topic -> (start, end) of the first word that names it after a discussion word.
    """
    cue = regex("discussion", "discussion_cues")
    clauses = []
    for a, b in sorted(set(spans)):
        match = cue.search(text, a, b)
        if match is not None:
            clauses.append((match.end(), b))
    return topics_in(text, clauses)


def _denied(before: str) -> bool:
    """True when the clause an outcome verb ends reports none: "No decisions ... have been
    announced", "Neither side signed", "they did not agree" (the clause from the last word that
    opens one of its own, "after", "when", "which", ...)."""
    return regex("outcomes", "no_outcome").search(_own_clause(before)) is not None


def _own_clause(before: str) -> str:
    """The words before an outcome verb from the last word that opens a clause of its own ("after",
    "when", "which", ...), or all of them."""
    opener = list(regex("outcomes", "clause_opener").finditer(before))
    return before[opener[-1].end() :] if opener else before


_DOER_WORD = re.compile(r"[^\W_][\w'’.-]*|[,;:(—–\"“”]")


def _done_by_another(before: str, sides: Sequence[Side]) -> bool:
    """True when the words right before an outcome verb name a doer that is not one of the
    meeting's sides: "the UN Security Council adopted", "The Government has invited" (the passage
    reports another body's act), where "they agreed", "the two leaders signed", "Secretary Carter
    ... and pledged", "Britain and France agreed" or "a deal was signed" are the meeting's.

    Args:
        before: the sentence up to the verb.
        sides: the meeting's participants (name, country).

    Returns:
        True only for a doer read and known to be none of the sides.
    """
    words = _DOER_WORD.findall(before)
    skip, side_words = regex("outcomes", "doer_skip"), regex("outcomes", "side_words")
    while words and (skip.match(words[-1].lower()) or words[-1].lower().endswith("ly")):
        words.pop()
    if not words:
        return False
    doer = words[-1]
    # Only a name says who acted: punctuation or a joining word puts the doer further back ("...,
    # and agreed"), a common noun ("the allies", "the signing of", "a deal was") is not read, nor
    # a word for the sides together opening the sentence ("They", "Both").
    if not doer[:1].isupper() or side_words.match(doer.lower()):
        return False
    bare = re.sub(r"['’]s?$", "", doer.rstrip("."))
    # A person's office ("the Russian leader", "the President") is taken for a participant's: a
    # readout names the others it reports by name.
    if is_title_word(bare):
        return False
    place = normalize_country(doer) or normalize_country(bare) or city_country(bare)
    for name, country in sides:
        if fold_plain(bare) in fold_plain(name).split() or (country and place == country):
            return False
    return True


def _one_sided(text: str, verb: int, before: str) -> bool:
    """True when the verb at text[verb] is one that reports a side's own news as often as an outcome
    ("announced") and its clause names no sides acting together: "defense officials announced
    today", "he announced a strategic shift", where "the two leaders announced" or "Britain and
    France announced" is the meeting's."""
    if not regex("outcomes", "one_side_verbs").match(text, verb):
        return False
    clause = _own_clause(before)
    return not (
        regex("outcomes", "joint_doers").search(clause) or regex("outcomes", "joined_doers").search(clause)
    )


def _reports_outcome(text: str, start: int, verb: int, sides: Sequence[Side] | None) -> bool:
    """Whether the outcome verb at text[verb], in the sentence starting at `start`, reports what this
    meeting produced: not what will be announced or had been signed before ("will be announced",
    "had agreed"), not what the sentence denies ("No decisions have been announced"), not a stance
    ("we are committed to"), not another's act ("the Council adopted", when `sides` are given), not
    a concurrence ("..., and Talabani agreed," Perino said), not one side's announcement ("officials
    announced today")."""
    window = text[max(start, verb - 30) : verb]
    before = text[start:verb]
    return not (
        regex("outcomes", "concurred").match(text, verb)
        or regex("outcomes", "not_this_meeting").search(window)
        or _denied(before)
        or regex("outcomes", "stance").search(window)
        or _one_sided(text, verb, before)
        or (sides is not None and _done_by_another(before, sides))
    )


def outcome_sentences(
    text: str,
    sentences: Iterable[tuple[int, int]],
    own_date: str | None = None,
    sides: Sequence[Side] | None = None,
) -> list[tuple[int, int]]:
    """The sentences among `sentences` that report what a meeting produced (an agreement signed, an
    invitation extended, a decision). A sentence that introduces a list ("... and agreed to:") gives
    the list's items instead, each without its bullet.

    Args:
        text: the article.
        sentences: the spans to read (an event's passage), offsets into `text`.
        own_date: the meeting's date phrase as the article writes it, if any.
        sides: the meeting's participants; when given, a verb whose doer is someone else
            ("the Security Council adopted") reports no outcome of the meeting.

    Returns:
        The spans of those that hold an outcome verb (or of the items they introduce), in order.
    """
    pattern = regex("outcomes", "outcome_verbs")
    earlier = regex("outcomes", "earlier_time")
    bullet = regex("outcomes", "list_item")
    spans = sorted(set(sentences))
    found: list[tuple[int, int]] = []
    for i, (a, b) in enumerate(spans):
        if not any(_reports_outcome(text, a, m.start(), sides) for m in pattern.finditer(text, a, b)):
            continue
        # Nor what a sentence dates before it ("announced last month", "signed in 2019, three years ago").
        if earlier.search(text, a, b) and not (own_date and own_date in text[a:b]):
            continue
        if not text[a:b].rstrip().endswith(":"):
            found.append((a, b))
            continue
        items = []
        for c, d in spans[i + 1 :]:
            item = bullet.match(text, c, d)
            if item is None:
                break
            items.append((item.end(), d))
        found.extend(items or [(a, b)])
    return found


_CAPITALISED = re.compile(r"[A-Z][\w.-]*(?:\s+[A-Z][\w.-]*)*")


def discussed_countries(text: str, spans: Iterable[tuple[int, int]]) -> list[tuple[str, tuple[int, int]]]:
    """The countries the sentences `text[a:b]` name after a discussion word ("they discussed
    Syria, Afghanistan and Iran", "talks on Russia's war against Ukraine"), each with where it is
    written, in order.

    Args:
        text: the article.
        spans: the sentences to read, as offsets into `text`.

    Returns:
        (country, (start, end)) for each country named (a name or a demonym), first mention each.
    """
    cue = regex("discussion", "discussion_cues")
    found: list[tuple[str, tuple[int, int]]] = []
    for a, b in sorted(set(spans)):
        match = cue.search(text, a, b)
        if match is None:
            continue
        for run in _CAPITALISED.finditer(text, match.end(), b):
            if _in_an_office(text, run.start(), run.end()) or any(
                is_title_word(w) for w in _WORD.findall(run.group())
            ):
                continue  # "the Irish Foreign Minister": the office's country, not one discussed
            written = run.group()
            if written.endswith(".") and "." not in written[:-1].split()[-1]:
                written = written[:-1]  # a sentence's full stop, not an abbreviation's ("U.S.")
            words = list(re.finditer(r"[\w.-]+", written))
            pieces = [(written, run.start(), run.start() + len(written))] + [
                (w.group(), run.start() + w.start(), run.start() + w.end()) for w in words
            ]
            for piece, start, end in pieces:
                country = normalize_country(piece)
                if country and all(country != c for c, _ in found):
                    found.append((country, (start, end)))
                    break
    return found
