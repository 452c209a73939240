"""Text folding: comparing what an LLM "quotes" with what the article says.

Folding removes what an LLM tends to change when it quotes an article: case, diacritics,
typographic quotes and dashes, runs of whitespace. Every folded character keeps the offset of the
original character it came from, so a match in folded text maps back to exact article offsets.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

# Characters that look alike to a reader but not to str.find.
_PUNCT_MAP = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u201b": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u2013": "-",
        "\u2014": "-",
        "\u2212": "-",
        "\u00a0": " ",
        "đ": "d",
        "Đ": "D",
        "ł": "l",
        "Ł": "L",
        "ø": "o",
        "Ø": "O",
    }
)
_WORD_RE = re.compile(r"[^\W_]+(?:['-][^\W_]+)*", re.UNICODE)


@dataclass(frozen=True)
class Folded:
    """A folded string plus, for each of its characters, the offset of its source character."""

    text: str
    offsets: tuple[int, ...]
    source_length: int

    def to_source(self, start: int, end: int) -> tuple[int, int]:
        """Map a folded half-open span back to the source string.

        Args:
            start: start offset in the folded text.
            end: end offset (exclusive) in the folded text; must be > start.

        Returns:
            The (start, end) half-open span in the source string.
        """
        src_start = self.offsets[start]
        src_end = self.offsets[end - 1] + 1
        return src_start, src_end


@lru_cache(maxsize=8192)
def fold_char(ch: str) -> str:
    """Fold one character: typographic marks to ASCII, diacritics removed, case folded."""
    ch = ch.translate(_PUNCT_MAP)
    decomposed = unicodedata.normalize("NFKD", ch)
    base = "".join(c for c in decomposed if not unicodedata.combining(c))
    return base.casefold()


@lru_cache(maxsize=128)
def fold(text: str) -> Folded:
    """Fold a string for tolerant comparison, keeping a map back to source offsets.

    Cached: one request folds its article for validation and again for grounding.

    Args:
        text: the source string.

    Returns:
        The folded string, whitespace runs collapsed to one space, with its offset map.
    """
    out: list[str] = []
    offsets: list[int] = []
    prev_space = True  # also trims leading whitespace
    for i, ch in enumerate(text):
        if ch.isspace():
            if not prev_space:
                out.append(" ")
                offsets.append(i)
            prev_space = True
            continue
        prev_space = False
        for c in fold_char(ch):
            out.append(c)
            offsets.append(i)
    while out and out[-1] == " ":
        out.pop()
        offsets.pop()
    return Folded("".join(out), tuple(offsets), len(text))


@lru_cache(maxsize=65536)
def fold_plain(text: str) -> str:
    """Fold a string without keeping offsets (for comparing names, countries, labels)."""
    return fold(text).text


def words(text: str) -> list[str]:
    """Split folded text into words (letters/digits, keeping inner hyphens and apostrophes)."""
    return _WORD_RE.findall(text)
