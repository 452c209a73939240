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
    """The share of English function words among the text's words, and how many words it has."""
    function_words, _, _ = _lexicon()
    tokens = words(fold_plain(text))
    if not tokens:
        return 0.0, 0
    return sum(t in function_words for t in tokens) / len(tokens), len(tokens)


def reads_as_english(text: str) -> bool:
    """False only for a text long enough to judge whose function words are not English ones."""
    _, min_share, min_words = _lexicon()
    share, n = english_share(text)
    return n < min_words or share >= min_share
