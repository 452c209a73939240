"""Person names: diacritics-, case- and surname-tolerant matching, and restoring a name as written."""

from __future__ import annotations

import itertools
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz import fuzz

from grounding.lexicon import word_set
from grounding.text.folding import fold_plain, words

# Folded tokens that are never part of a person's name: offices, honorifics, little words.
TITLE_WORDS = word_set("people", "title_words")
# Family names English writes as a pronoun ("He Lifeng"): people.yaml pronoun_surnames.
PRONOUN_SURNAMES = word_set("people", "pronoun_surnames")
# Words that open a sentence, not a name ("But Bush found out ...").
_NOT_NAME_STARTS = word_set("people", "not_name_starts")
# "Meeting With Ghani in Munich": a headline's preposition starts no fuller form of a name.
_NOT_NAME_STARTS |= word_set("people", "not_name_prepositions")

# The service's one "same person" threshold: name tokens of four letters or more may differ this
# little (transliteration drift); shorter tokens must be equal.
NAME_FUZZ = 88.0
_ORIG_WORD_RE = re.compile(r"[^\W_]+(?:['\u2019-][^\W_]+)*", re.UNICODE)


def name_tokens(name: str) -> list[str]:
    """Folded tokens of a person's name, titles removed; a family name English writes as a pronoun
    stays when it opens a name of more words ("He Lifeng")."""
    folded = words(fold_plain(name))
    return [
        t
        for i, t in enumerate(folded)
        if len(t) > 1
        and (
            t not in TITLE_WORDS
            or (i == 0 and t in PRONOUN_SURNAMES and any(u not in TITLE_WORDS for u in folded[1:]))
        )
    ]


def surnames_named(names: Iterable[str], passage: str) -> int:
    """How many of the people's surnames (diacritics- and case-insensitive) the passage holds as words."""
    surnames = {tokens[-1] for tokens in map(name_tokens, names) if tokens}
    return len(surnames & set(words(fold_plain(passage))))


def family_name_written(name: str, passage: str, people: Iterable[str]) -> bool:
    """Whether the passage names the person by the first word of their name alone, as news writes
    a family name that comes first ("Xi also received ..." for Xi Jinping, "Moon said" for Moon
    Jae-in), or by a word inside a name of three or more ("Lula also met ..." for Luiz Inacio Lula
    da Silva): the word capitalised as the name writes it, not next to the name's words around it,
    and a word of no one else's name in `people` (two Mohameds name neither).

    Args:
        name: the person, as the article writes them in full.
        passage: the words to look in (a sentence's subject).
        people: the article's people, to tell a shared first word.

    Returns:
        True when the passage names them so.
    """
    parts = [w for w in name.split() if fold_plain(w) not in TITLE_WORDS]
    if len(parts) < 2:
        return False
    # The first word; or, of three or more, a capitalised word inside the name, as Spanish and
    # Portuguese names are called by a surname before the last ("Sheinbaum" of "Claudia Sheinbaum
    # Pardo", "Lula" of "Luiz Inacio Lula da Silva"); each written alone, the word of no one else.
    inner = [i for i in range(1, len(parts) - 1) if parts[i][:1].isupper()] if len(parts) > 2 else []
    for i in [0, *inner]:
        word = parts[i]
        if not word[:1].isupper():
            continue
        before = rf"(?<!{re.escape(parts[i - 1])}[ \u00a0])" if i > 0 else ""
        after = rf"(?![ \u00a0]+{re.escape(parts[i + 1])})"
        if re.search(rf"(?<![\w.'’-]){before}{re.escape(word)}(?![\w'’-]){after}", passage) is None:
            continue
        if not any(word in p.split() and len(p.split()) > 1 and not same_person(p, name) for p in people):
            return True
    return False


def first_named(names: Iterable[str], passage: str) -> int | None:
    """The index of the person whose surname comes first in the passage (None when none is there)."""
    folded = words(fold_plain(passage))
    first: tuple[int, int] | None = None
    for index, name in enumerate(names):
        tokens = name_tokens(name)
        if tokens and tokens[-1] in folded:
            position = folded.index(tokens[-1])
            if first is None or position < first[0]:
                first = (position, index)
    return None if first is None else first[1]


def _token_matches(token: str, candidate: str) -> bool:
    if token == candidate:
        return True
    if candidate.endswith("'s") and token == candidate[:-2]:
        return True  # a possessive: "Lee" of "Lee's case" (folding makes the apostrophe ASCII)
    if "-" in candidate and token in candidate.split("-"):
        return True  # "Arroyo" of "Macapagal-Arroyo"
    # Transliteration drift ("Rakhmon"/"Rahmon"); short tokens must match exactly.
    return len(token) >= 4 and fuzz.ratio(token, candidate) >= NAME_FUZZ


def is_mentioned(name: str, folded_words: frozenset[str]) -> bool:
    """Tell whether every part of a name occurs in the article.

    Args:
        name: the name the model gave ("President Cường", "Luong Cuong").
        folded_words: the set of folded words of the article.

    Returns:
        True when each non-title token of the name matches a word of the article.
    """
    tokens = name_tokens(name)
    if not tokens:
        return False
    return all(
        token in folded_words or any(_token_matches(token, w) for w in folded_words) for token in tokens
    )


def same_person(a: str, b: str) -> bool:
    """Tell whether two names plausibly denote one person (one's tokens contained in the other's)."""
    ta, tb = name_tokens(a), name_tokens(b)
    if not ta or not tb:
        return False
    short, long_ = (ta, tb) if len(ta) <= len(tb) else (tb, ta)
    return all(any(_token_matches(s, t) for t in long_) for s in short)


def all_among(names: Iterable[str], others: Iterable[str]) -> bool:
    """True when each of `names` is someone of `others` (`same_person`)."""
    pool = list(others)
    return all(any(same_person(n, o) for o in pool) for n in names)


def fullest_form(name: str, people: Iterable[str]) -> str:
    """The fullest form of a name among the article's people ("Arroyo" -> "Gloria Macapagal-Arroyo",
    "Secretary Clinton" -> "Hillary Rodham Clinton"); the name itself when none is the same person."""
    return max((p for p in people if same_person(p, name)), key=len, default=name)


@dataclass(frozen=True)
class _Word:
    folded: str
    start: int
    end: int
    capitalised: bool


@lru_cache(maxsize=32)
def _article_words(text: str) -> tuple[_Word, ...]:
    # Several names are looked up in one article: split and fold it once.
    return tuple(
        _Word(fold_plain(m.group()), m.start(), m.end(), m.group()[:1].isupper())
        for m in _ORIG_WORD_RE.finditer(text)
    )


@lru_cache(maxsize=32)
def _positions(text: str) -> dict[str, list[int]]:
    index: dict[str, list[int]] = {}
    for i, w in enumerate(_article_words(text)):
        index.setdefault(w.folded, []).append(i)
    return index


def canonical_name(name: str, text: str) -> str:
    """Return a name as the article writes it ("Luong Cuong" -> "Lương Cường", "Cường" -> "Lương Cường").

    Args:
        name: the name the model gave.
        text: the article.

    Returns:
        The article's own spelling of the same words when they occur together; for a lone surname,
        the longest capitalised run of up to three words ending in it; else `name` unchanged.
    """
    tokens = name_tokens(name)
    if not tokens:
        return name
    found = _article_words(text)
    n = len(tokens)
    spans: list[tuple[int, int]] = []
    # Windows can only start where the first token matches: exact hits first, fuzzy scan if none.
    starts = _positions(text).get(tokens[0]) or [
        i for i, w in enumerate(found) if _token_matches(tokens[0], w.folded)
    ]
    for i in starts:
        window = found[i : i + n]
        if len(window) < n:
            continue
        if all(_token_matches(t, w.folded) for t, w in zip(tokens, window, strict=True)) and all(
            _joinable(a, b, text) for a, b in itertools.pairwise(window)
        ):
            spans.append((window[0].start, _without_possessive(text, window[-1].end, tokens[-1])))
    if n > 1:
        # Prefer running text over an all-caps dateline ("HÀ NỘI —").
        spans.sort(key=lambda sp: text[sp[0] : sp[1]].isupper())
        return text[spans[0][0] : spans[0][1]] if spans else name
    # A lone surname: the fuller form the article uses most often ("Putin" -> "Vladimir Putin",
    # not the once-seen "Federation Vladimir Putin").
    counts: Counter[str] = Counter()
    for i in starts:
        w = found[i]
        if not w.capitalised:
            continue
        for lo in (i - 1, i - 2):
            if lo < 0 or not all(_joinable(a, b, text) for a, b in itertools.pairwise(found[lo : i + 1])):
                break
            form = text[found[lo].start : _without_possessive(text, w.end, tokens[-1])]
            if not form.isupper() and found[lo].folded not in _NOT_NAME_STARTS:
                counts[form] += 1
    if not counts:
        return text[spans[0][0] : spans[0][1]] if spans else name
    return min(counts, key=lambda f: (-counts[f], len(f)))


def _without_possessive(text: str, end: int, token: str) -> int:
    """Where a name written with a possessive ends without it ("Ash Carter's call": after "Carter"),
    unless the name the model gave has it too."""
    for mark in ("'s", "\u2019s", "'", "\u2019"):
        if text.endswith(mark, 0, end) and not token.endswith(fold_plain(mark)):
            return end - len(mark)
    return end


def _joinable(left: _Word, right: _Word, text: str) -> bool:
    gap = text[left.end : right.start]
    return (
        gap in (" ", "\u00a0")
        and left.capitalised
        and right.capitalised
        and left.folded not in TITLE_WORDS
        and right.folded not in TITLE_WORDS
    )
