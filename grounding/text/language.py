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
def _lexicon() -> tuple[frozenset[str], float, int]:
    return (
        word_set("english", "function_words"),
        number("english", "min_share"),
        int(number("english", "min_words")),
    )


def english_share(text: str) -> tuple[float, int]:
    """The share of English function words among the text's words, and how many words it has.

    A capitalised word that is no function word ("Ann", "Lee", "Tokyo", "Monday") is a name, in
    every language: it is not counted, so a short English report full of names ("President Ann Lee
    visited Prime Minister Bo Kim in Tokyo on Monday.") is judged by its few other words.

    Args:
        text: the article.

    Returns:
        (share of English function words among the words counted, all the text's words).
    """
    function_words, _, _ = _lexicon()
    written = words(text)
    tokens = [t for w in written if (t := fold_plain(w)) in function_words or not w[:1].isupper()]
    if not tokens:
        return 0.0, len(written)
    return sum(t in function_words for t in tokens) / len(tokens), len(written)


def reads_as_english(text: str) -> bool:
    """False only for a text long enough to judge whose function words are not English ones."""
    _, min_share, min_words = _lexicon()
    share, n = english_share(text)
    return n < min_words or share >= min_share
