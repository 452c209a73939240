"""Splitting long articles at sentence boundaries, with overlap, keeping whole-article offsets."""

from __future__ import annotations

from dataclasses import dataclass

from grounding.text.sentences import sentence_spans


@dataclass(frozen=True)
class Chunk:
    """A piece of an article and where it starts in the whole."""

    text: str
    offset: int


def split_text(text: str, max_chars: int, overlap_chars: int) -> list[Chunk]:
    """Split a text into chunks of at most `max_chars`, at sentence boundaries, with overlap.

    Args:
        text: the article.
        max_chars: the largest chunk; a single longer sentence is cut hard.
        overlap_chars: how much text consecutive chunks share (whole sentences, up to this much).

    Returns:
        The chunks in order; one chunk holding the whole text when it is short enough.
    """
    if len(text) <= max_chars:
        return [Chunk(text, 0)]
    pieces: list[tuple[int, int]] = []
    for s, e in sentence_spans(text):
        while e - s > max_chars:  # a run-on "sentence" (e.g. spam without punctuation)
            pieces.append((s, s + max_chars))
            s += max_chars
        pieces.append((s, e))
    chunks: list[Chunk] = []
    i = 0
    while i < len(pieces):
        start = pieces[i][0]
        j = i
        while j + 1 < len(pieces) and pieces[j + 1][1] - start <= max_chars:
            j += 1
        end = pieces[j][1]
        chunks.append(Chunk(text[start:end], start))
        if j + 1 >= len(pieces):
            break
        # Step back over whole sentences to overlap, but always make progress.
        k = j + 1
        while k - 1 > i and end - pieces[k - 1][0] <= overlap_chars:
            k -= 1
        i = max(k, i + 1)
    return chunks
