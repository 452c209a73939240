"""Meetings the first answer missed: paragraphs that report a meeting with someone no event names.

Small models answer an article about a day of talks with one event: the first or the main
meeting. The rest are usually written one per paragraph ("The Russian leader also met with
President of India Pranab Mukherjee."), and such a paragraph is easy to spot without a model: it
holds a meeting cue and a titled person whom no event of the answer names, and no event cites it.
The pipeline then asks the model again, with an answer that must be about that paragraph (the
same article, or for a long one its opening lines, the paragraph before and the paragraph).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from grounding.article import ArticleContext
from grounding.lexicon import word_set
from grounding.rules.cues import has_meeting_cue
from grounding.text.candidates import fullest, is_country_run, is_title_word, titled
from grounding.text.folding import fold_plain
from grounding.text.names import same_person
from grounding.text.sentences import LEAD_LINES, line_spans

# Folded words of a place or a body: "Ministries" is a group of them, not a person.
_BODY_WORDS = word_set("people", "not_person_words")
# How long an opening line that carries the headline or the dateline may be.
_LEAD_MAX_CHARS = 200


@dataclass(frozen=True)
class MissedParagraph:
    """A paragraph that reports a meeting with people no event names."""

    start: int
    end: int
    people: tuple[str, ...]


def _plural_of_a_title_or_body(word: str) -> bool:
    """ "Ministers", "Heads", "Ministries": a group, not a person."""
    folded = fold_plain(word)
    singular = folded[:-3] + "y" if folded.endswith("ies") else folded.rstrip("s")
    return singular != folded and (is_title_word(singular) or singular in _BODY_WORDS)


def missed_paragraphs(
    article: ArticleContext, named: Iterable[str], cited: Iterable[tuple[int, int]]
) -> list[MissedParagraph]:
    """The paragraphs that report a meeting with a titled person whom no event names.

    Args:
        article: the whole article, analysed once.
        named: every participant name of the events found so far.
        cited: the evidence spans of those events (offsets into `text`).

    Returns:
        The paragraphs in article order, each with the new people it names; none that an event
        cites, and none without a meeting cue.
    """
    text = article.text
    named = list(named)
    cited = list(cited)
    candidates = list(article.people)
    # Only the fullest runs: "Sonia Gandhi" stands for "Congress Sonia Gandhi" and "Gandhi" too.
    people = fullest(candidates)
    out: list[MissedParagraph] = []
    for start, end in article.lines:
        paragraph = text[start:end]
        if not has_meeting_cue(paragraph) or any(s < end and e > start for s, e in cited):
            continue
        new = [
            p
            for p in people
            if p in paragraph
            and not is_country_run(p)
            and not _plural_of_a_title_or_body(p.split()[-1])
            and not any(same_person(p, n) for n in named)
            and titled(paragraph, p)
        ]
        if new:
            out.append(MissedParagraph(start, end, tuple(new)))
    return out


def lead(text: str) -> str:
    """The article's opening lines that date and place it: headline and dateline (short lines only).

    Args:
        text: the whole article.

    Returns:
        Up to two opening lines of at most `_LEAD_MAX_CHARS` characters, joined by line breaks
        (empty when the article opens with a long paragraph).
    """
    lines: list[str] = []
    for start, end in line_spans(text):
        line = text[start:end].strip()
        if not line:
            continue
        if len(line) > _LEAD_MAX_CHARS or len(lines) == LEAD_LINES:
            break
        lines.append(line)
    return "\n".join(lines)


def focused_text(text: str, paragraph: MissedParagraph) -> tuple[str, int]:
    """The text a second question reads: the article's lead, the paragraph before, the paragraph.

    The paragraph before is there for whom "The Russian leader also met ..." refers to; the lead
    for the date and place.

    Args:
        text: the whole article.
        paragraph: the paragraph to ask about.

    Returns:
        The pieces in article order, a blank line between, none repeated; and where the paragraph
        starts in it (the answer must cite the paragraph, not the lines before it).
    """
    head = lead(text)
    before = [text[a:b].strip() for a, b in line_spans(text[: paragraph.start]) if text[a:b].strip()]
    previous = before[-1] if before else ""
    body = text[paragraph.start : paragraph.end].strip()
    pieces: list[str] = []
    for piece in (head, previous):
        if piece and piece not in body and not any(piece in kept for kept in pieces):
            pieces.append(piece)
    context = "".join(f"{piece}\n\n" for piece in pieces)
    return context + body, len(context)
