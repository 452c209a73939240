"""Is the article English? The service reads English only; another language deserves a note.

English prose is held together by a few dozen function words ("the", "of", "and", "to", ...), one
in about every three words; prose in Spanish, French, German or Vietnamese has almost none of them.
The list and the threshold are data (`grounding/lexicon/english.yaml`).
"""

from __future__ import annotations

from functools import cache

from grounding.lexicon import number, word_set
from grounding.text.folding import fold_plain, words


@cache
def _lexicon() -> tuple[frozenset[str], float, float, int]:
    return (
        word_set("english", "function_words"),
        number("english", "min_share"),
        number("english", "min_share_without_names"),
        int(number("english", "min_words")),
    )


def english_share(text: str) -> tuple[float, int]:
    """The share of English function words among the text's words, and how many words it has."""
    function_words = _lexicon()[0]
    tokens = words(fold_plain(text))
    if not tokens:
        return 0.0, 0
    return sum(t in function_words for t in tokens) / len(tokens), len(tokens)


def share_without_names(text: str) -> float:
    """The share of English function words among the text's words that are no names: a capitalised
    word that is no function word ("Ann", "Tokyo", "Monday") is not counted, so a short English
    report full of names ("President Ann Lee visited Prime Minister Bo Kim in Tokyo on Monday.") is
    judged by its few other words.

    Args:
        text: the article.

    Returns:
        The share, 0.0 for a text of names only.
    """
    function_words = _lexicon()[0]
    tokens = [t for w in words(text) if (t := fold_plain(w)) in function_words or not w[:1].isupper()]
    return sum(t in function_words for t in tokens) / len(tokens) if tokens else 0.0


def reads_as_english(text: str) -> bool:
    """False only for a text long enough to judge whose function words are not English ones: few
    among all its words, and few among its words that are no names (German capitalises its nouns,
    so that share alone would read a German sentence's "in" and "die" as a fair share)."""
    _, min_share, min_without_names, min_words = _lexicon()
    share, n = english_share(text)
    return n < min_words or share >= min_share or share_without_names(text) >= min_without_names
