"""Sentence boundaries: where long articles are split, and the sentences a model may cite."""

from __future__ import annotations

import re

# A sentence ends at . ! ? (optionally followed by a closing quote) and then whitespace, or at a
# blank line; abbreviations may cause an early split, which chunk overlap makes harmless.
_BOUNDARY = re.compile(r"(?<=[.!?])[\"'\u201d\u2019)]?\s+|\n\s*\n")
MIN_SENTENCE = 10
MAX_SENTENCE = 600


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Half-open spans of the sentences of a text (whitespace between them excluded)."""
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
