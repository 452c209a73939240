"""One article, prepared once for every check a model answer goes through."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

from grounding.rules.offices import OfficeHolder, issuing_principals
from grounding.text.folding import Folded, fold, fold_plain, words
from grounding.text.names import name_tokens, same_person
from grounding.text.sentences import line_spans, paragraph_span
from grounding.text.spans import find_span

# Shorter values repeat the instructions by chance ("the Prime Minister of"), not by a leak.
_LEAK_MIN_CHARS = 24
# A sentence number as a model may write it when told to cite numbers: 3 or [3].
_CITATION = re.compile(r"\[?\s*([0-9]{1,4})\s*\]?")


@dataclass(frozen=True)
class ArticleContext:
    """The article a model answer is checked against (built once per request)."""

    text: str
    published: dt.date | None = None
    # The instructions the model was given: free-text fields must not repeat them (a prompt
    # injected into an article may ask the model to print its instructions).
    instructions: str = ""
    # The sentences by number (item n - 1 is sentence n) when the prompt numbered them and the
    # model cites numbers (`grounding.text.sentences.numbered`); empty when it copies quotes.
    numbered: tuple[str, ...] = ()
    # The passage a recall question is about (start, end): evidence must lie in it; None = anywhere.
    focus: tuple[int, int] | None = None
    # Who the passage asked about names that no earlier event does: an answer about it must
    # include one of them (else it is the earlier meeting again).
    asked_about: tuple[str, ...] = ()
    folded: Folded = field(init=False)
    folded_words: frozenset[str] = field(init=False)
    folded_instructions: str = field(init=False)
    # Who "The Prime Minister" (and the like) of the issuing government is (grounding.rules.offices).
    principals: tuple[OfficeHolder, ...] = field(init=False)

    def __post_init__(self) -> None:
        folded = fold(self.text)
        object.__setattr__(self, "folded", folded)
        object.__setattr__(self, "folded_words", frozenset(words(folded.text)))
        object.__setattr__(self, "folded_instructions", fold(self.instructions).text)
        object.__setattr__(self, "principals", issuing_principals(self.text, self.published))

    def cited_paragraphs(self, quotes: list[str]) -> list[tuple[int, int]]:
        """Spans of the paragraphs (lines) holding the quotes that occur in the article, in quote order."""
        spans = (find_span(self.text, quote, self.folded) for quote in quotes)
        return [paragraph_span(self.text, s.start, s.end) for s in spans if s is not None]

    def cited_sentence(self, item: object) -> object:
        """The sentence a citation number stands for ("3", "[3]" or 3); other values unchanged.

        Raises:
            ValueError: the number names no sentence (the message is written for a re-ask).
        """
        if not self.numbered or isinstance(item, bool):
            return item
        if isinstance(item, str) and (m := _CITATION.fullmatch(item.strip())):
            item = int(m.group(1))
        if not isinstance(item, int):
            return item
        if not 1 <= item <= len(self.numbered):
            raise ValueError(
                f"evidence cites sentence [{item}], which does not exist: cite the numbers of the "
                f"article's sentences, 1 to {len(self.numbered)}"
            )
        return self.numbered[item - 1]

    def paragraphs_naming(self, name: str) -> list[tuple[int, int]]:
        """Spans of the paragraphs (lines) that write the person's surname as a word."""
        tokens = name_tokens(name)
        if not tokens:
            return []
        surname = re.compile(rf"\b{re.escape(tokens[-1])}\b")
        return [(a, b) for a, b in line_spans(self.text) if surname.search(fold_plain(self.text[a:b]))]

    def is_principal(self, name: str) -> bool:
        """True when `name` is the office-holder a bare office phrase of the article refers to."""
        return any(same_person(name, holder.name) for holder in self.principals)

    def as_validation_context(self) -> dict[str, Any]:
        """The mapping handed to pydantic as `context` (validators read it under "article")."""
        return {"article": self}


def repeats_instructions(value: str, article: ArticleContext) -> bool:
    """Tell whether a free-text value quotes the model's instructions (and not the article): a leak.

    Args:
        value: a free-text field of the model's answer (an outcome, a venue, a title...).
        article: the article, with the instructions the model was given.

    Returns:
        True when a long enough stretch of the value occurs in the instructions but the value is
        not itself article text.
    """
    if not article.folded_instructions:
        return False
    folded = fold(value).text
    if len(folded) < _LEAK_MIN_CHARS or folded in article.folded.text:
        return False
    return folded in article.folded_instructions or any(
        folded[i : i + _LEAK_MIN_CHARS] in article.folded_instructions
        for i in range(0, len(folded) - _LEAK_MIN_CHARS + 1, 8)
    )
