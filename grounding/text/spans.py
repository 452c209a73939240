"""Locating quotes in an article: exact match first, then folded, then fuzzy; never invented offsets."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

from rapidfuzz import fuzz

from grounding.text.folding import Folded, fold, fold_plain

# How a quote was found; "none" marks a quote that could not be found at all.
Found = Literal["exact", "tolerant", "fuzzy"]
MatchKind = Literal[Found, "none"]

FUZZY_THRESHOLD = 90.0


@dataclass(frozen=True)
class Span:
    """A located quote: half-open character offsets in the article and how it was found."""

    start: int
    end: int
    match: Found


def find_span(text: str, quote: str, folded_text: Folded | None = None) -> Span | None:
    """Locate a quote in an article: exact match first, then folded, then fuzzy.

    Args:
        text: the article.
        quote: the model's quote.
        folded_text: `fold(text)`, when the caller already has it (saves work per quote).

    Returns:
        The span in `text`, or None when the quote cannot be found (it is then ungrounded: we
        never invent offsets).
    """
    quote = quote.strip()
    if not quote:
        return None
    idx = text.find(quote)
    if idx >= 0:
        return Span(idx, idx + len(quote), "exact")
    ft = folded_text or fold(text)
    fq = fold_plain(quote)
    if not fq:
        return None
    idx = ft.text.find(fq)
    if idx >= 0:
        start, end = ft.to_source(idx, idx + len(fq))
        return Span(start, end, "tolerant")
    # Very short quotes match anywhere by chance; only fuzzy-match substantial ones.
    if len(fq) < 20 or len(fq) > len(ft.text):
        return None
    alignment = fuzz.partial_ratio_alignment(fq, ft.text, score_cutoff=FUZZY_THRESHOLD)
    if alignment is None or alignment.dest_end <= alignment.dest_start:
        return None
    start, end = ft.to_source(alignment.dest_start, alignment.dest_end)
    return Span(start, end, "fuzzy")


def ground_quotes(
    quotes: Iterable[str], text: str, folded_text: Folded | None = None
) -> list[tuple[str, Span | None]]:
    """Locate each quote; a quote found at the same place as an earlier one is dropped.

    Args:
        quotes: the model's evidence quotes, in order.
        text: the article.
        folded_text: `fold(text)`, when the caller already has it.

    Returns:
        (quote, span) pairs in order; span None for a quote that cannot be found (every such
        quote is kept: the caller reports it as ungrounded).
    """
    out: list[tuple[str, Span | None]] = []
    seen: set[tuple[int, int]] = set()
    for quote in quotes:
        span = find_span(text, quote, folded_text)
        if span is not None:
            if (span.start, span.end) in seen:
                continue
            seen.add((span.start, span.end))
        out.append((quote, span))
    return out
