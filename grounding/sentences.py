"""Sentence boundaries: where long articles are split, and the sentences a model may cite."""

from __future__ import annotations

import re

# The characters str.splitlines breaks at. No sentence spans one: articles put headlines,
# datelines and paragraphs on lines of their own, often without a full stop, and a sentence
# holding a raw line break becomes an article-grammar literal that lets a control character into
# the model's JSON (llama.cpp then produces invalid JSON on every attempt).
LINE_BREAKS = "\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029"
_BREAK = f"[{LINE_BREAKS}]"
_NOT_BREAK_SPACE = rf"[^\S{LINE_BREAKS}]"
# A sentence ends at . ! ? (optionally followed by a closing quote) and then whitespace, or at a
# line break; abbreviations may cause an early split, which chunk overlap makes harmless.
_BOUNDARY = re.compile(rf"(?<=[.!?])[\"'\u201d\u2019)]?\s+|{_NOT_BREAK_SPACE}*{_BREAK}\s*")
MIN_SENTENCE = 10
MAX_SENTENCE = 600


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Half-open spans of the sentences of a text (whitespace between them excluded).

    A sentence ends at terminal punctuation followed by whitespace, and always at a line break.
    """
    spans: list[tuple[int, int]] = []
    start = 0
    for m in _BOUNDARY.finditer(text):
        end = m.start() + (len(m.group()) - len(m.group().lstrip("\"'\u201d\u2019)")))
        if text[start:end].strip():
            spans.append((start, end))
        start = m.end()
    if text[start:].strip():
        spans.append((start, len(text)))
    return spans


def sentences(text: str) -> list[str]:
    """The article's distinct sentences, stripped, of `MIN_SENTENCE` to `MAX_SENTENCE` characters."""
    out: list[str] = []
    for start, end in sentence_spans(text):
        s = text[start:end].strip()
        if MIN_SENTENCE <= len(s) <= MAX_SENTENCE and s not in out:
            out.append(s)
    return out


def numbered(text: str) -> tuple[str, tuple[str, ...]]:
    """The text as a model sees it with numbered citations, and the sentences by number.

    Every sentence gets "[n] " in front (n from 1, in text order); line breaks and the rest of the
    text stay as they are, so paragraphs still read as paragraphs. A model then cites a sentence
    by its number instead of copying it, and the number maps back to exact text.

    Args:
        text: the article (or chunk).

    Returns:
        The numbered text, and the stripped sentences (sentence n is item n - 1).
    """
    parts: list[str] = []
    cited: list[str] = []
    last = 0
    for n, (start, end) in enumerate(sentence_spans(text), start=1):
        parts.append(text[last:start])
        parts.append(f"[{n}] ")
        cited.append(text[start:end].strip())
        last = start
    parts.append(text[last:])
    return "".join(parts), tuple(cited)
