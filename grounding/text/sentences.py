"""Sentence boundaries: where long articles are split, and the sentences a model may cite."""

from __future__ import annotations

import re
from functools import lru_cache

import pysbd

from grounding.lexicon import regex

# The characters str.splitlines breaks at. No sentence spans one: articles put headlines,
# datelines and paragraphs on lines of their own, often without a full stop, and a sentence
# holding a raw line break becomes an article-grammar literal that lets a control character into
# the model's JSON (llama.cpp then produces invalid JSON on every attempt).
LINE_BREAKS = "\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029"
# Only for a line pysbd cannot segment: a sentence ends at . ! ? (optionally followed by a closing
# quote) and then whitespace.
_BOUNDARY = re.compile(r"(?<=[.!?])[\"'\u201d\u2019)]?\s+")
_LINE = re.compile(f"[^{LINE_BREAKS}]+")
_BREAK = re.compile(f"[{LINE_BREAKS}]")
MIN_SENTENCE = 10
MAX_SENTENCE = 600
# A piece the splitter ends at an honorific's full stop ("the Rt. Hon. Rishi Sunak").
_TITLE_ABBREVIATION_END = regex("english", "title_abbreviation_end")
# The opening lines of an article that carry its headline and dateline.
LEAD_LINES = 2


@lru_cache(maxsize=1)
def _segmenter() -> pysbd.Segmenter:
    # A rule-based splitter that knows abbreviations ("Mr.", "U.S.", "p.m."), initials ("Antony J.
    # Blinken") and numbers: on the gold evidence of seeds + dev, 92 of 94 quotes lie in one of its
    # sentences, against 74 of 94 with a punctuation regex.
    return pysbd.Segmenter(language="en", clean=False)


def _line_sentences(line: str) -> list[str]:
    try:
        return [s for s in _segmenter().segment(line) if s.strip()]
    except Exception:  # pysbd's rules are regexes over odd input; never let one fail an article
        return _BOUNDARY.split(line)


def line_spans(text: str) -> list[tuple[int, int]]:
    """Half-open spans of the text's lines (paragraphs), line breaks excluded."""
    return [m.span() for m in _LINE.finditer(text)]


def paragraph_span(text: str, start: int, end: int) -> tuple[int, int]:
    """The span of the line (paragraph) of `text` holding `text[start:end]`, widened to whole lines.

    Args:
        text: the article.
        start: start offset of the quote.
        end: end offset of the quote (exclusive).

    Returns:
        From the line break before `start` to the line break after `end` (half-open).
    """
    before = max((m.end() for m in _BREAK.finditer(text, 0, start)), default=0)
    after = _BREAK.search(text, end)
    return before, after.start() if after else len(text)


def paragraph_at(text: str, start: int, end: int) -> str:
    """The text of `paragraph_span`."""
    a, b = paragraph_span(text, start, end)
    return text[a:b]


# One article is split many times per request (chunks, grammar, numbering, meeting cues) and pysbd
# costs tens of milliseconds an article: the spans of the last few texts are kept.
@lru_cache(maxsize=32)
def sentence_spans(text: str) -> tuple[tuple[int, int], ...]:
    """Half-open spans of the sentences of a text (whitespace around them excluded).

    Lines are split into sentences by pysbd; a line break always ends a sentence, an honorific's
    full stop never does ("the Rt. Hon. Rishi Sunak", english.yaml `title_abbreviation_end`). Each
    sentence is located in the line from where the last one ended, so the spans are exact offsets
    into `text`.
    """
    spans: list[tuple[int, int]] = []
    for line_start, line_end in line_spans(text):
        cursor = line_start
        for piece in _line_sentences(text[line_start:line_end]):
            piece = piece.strip()
            start = text.find(piece, cursor, line_end) if piece else -1
            if start < 0:
                continue
            cursor = start + len(piece)
            if spans and spans[-1][1] > line_start and _TITLE_ABBREVIATION_END.search(text, *spans[-1]):
                # "He met the Rt." + "Hon." + "Rishi Sunak ...": one sentence, the name after its title.
                start = spans.pop()[0]
            spans.append((start, cursor))
    return tuple(spans)


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
