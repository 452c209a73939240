"""service.pipeline.chunking: long articles split at sentence boundaries, with overlap."""

from __future__ import annotations

import itertools

from service.pipeline.chunking import split_text


def test_split_text_at_sentences_with_overlap() -> None:
    sentences_ = [f"Sentence number {i} is here." for i in range(40)]
    text = " ".join(sentences_)
    chunks = split_text(text, max_chars=200, overlap_chars=60)
    assert len(chunks) > 1
    for c in chunks:
        assert len(c.text) <= 200
        assert text[c.offset : c.offset + len(c.text)] == c.text
        assert c.text.startswith("Sentence") and c.text.endswith(".")
    for a, b in itertools.pairwise(chunks):
        assert b.offset < a.offset + len(a.text)  # overlap
    assert chunks[-1].text.endswith("39 is here.")
    assert split_text("short", 200, 50)[0].text == "short"
