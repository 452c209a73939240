"""One article, analysed once per request: the context every check and every pipeline step reads.

The analyses (sentences, lines, headline, name and title candidates, date phrases,
countries, places, the issuing government's office-holders) are computed on first use and kept on
the object, which never changes: every consumer of one request reads the same ones.
"""

from __future__ import annotations

import copy
import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, TypeVar

from grounding.rules.offices import (
    OfficeHolder,
    issuing_holders,
    issuing_principals,
    named_holders,
    titled_holders,
)
from grounding.rules.places import named_countries
from grounding.text.candidates import (
    countries_mentioned,
    date_phrases,
    name_runs,
    offices_mentioned,
    person_candidates,
)
from grounding.text.countries import normalize_country
from grounding.text.folding import Folded, fold, fold_plain, words
from grounding.text.names import name_tokens, same_person
from grounding.text.sentences import line_spans, paragraph_span, sentence_spans
from grounding.text.spans import find_span

_T = TypeVar("_T")

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
    # When the model was offered sentence openings of at least this many words for evidence (the
    # grammar's `evidence_openings`), a quote that opens a sentence stands for the whole sentence;
    # 0 = quotes are taken as written.
    opening_words: int = 0
    # Who the passage asked about names that no earlier event does: an answer about it must
    # include one of them (else it is the earlier meeting again).
    asked_about: tuple[str, ...] = ()
    # The only people an answer about that passage may list (its people and who may be meeting
    # them), when the question offers a choice; empty = anyone the article names.
    choices: tuple[str, ...] = ()
    folded: Folded = field(init=False)
    folded_words: frozenset[str] = field(init=False)
    folded_instructions: str = field(init=False)
    # Who "The Prime Minister" (and the like) of the issuing government is (grounding.rules.offices).
    principals: tuple[OfficeHolder, ...] = field(init=False)
    # The analyses computed so far, shared by every context `asked` makes of this article.
    _memo: dict[str, object] = field(init=False, repr=False, compare=False, default_factory=dict)

    def __post_init__(self) -> None:
        folded = fold(self.text)
        object.__setattr__(self, "folded", folded)
        object.__setattr__(self, "folded_words", frozenset(words(folded.text)))
        object.__setattr__(self, "folded_instructions", fold(self.instructions).text)
        object.__setattr__(self, "principals", issuing_principals(self.text, self.published))

    def asked(
        self,
        instructions: str = "",
        numbered: tuple[str, ...] = (),
        focus: tuple[int, int] | None = None,
        asked_about: tuple[str, ...] = (),
        choices: tuple[str, ...] = (),
        opening_words: int = 0,
    ) -> ArticleContext:
        """The same article as the context of one question to the model: its analyses are shared,
        not computed again (see the fields for what each argument means).

        Returns:
            A context with the question's fields set; this one is left as it was.
        """
        other = copy.copy(self)  # shallow: the folded text, principals and the memo are shared
        for name, value in (
            ("instructions", instructions),
            ("numbered", numbered),
            ("focus", focus),
            ("asked_about", asked_about),
            ("choices", choices),
            ("opening_words", opening_words),
            ("folded_instructions", fold(instructions).text),
        ):
            object.__setattr__(other, name, value)
        return other

    def _memoised(self, key: str, compute: Callable[[], _T]) -> _T:
        if key not in self._memo:
            self._memo[key] = compute()
        return self._memo[key]  # type: ignore[return-value]

    def analysed(self, key: str, compute: Callable[[], _T]) -> _T:
        """An analysis of the article that a rule asks for again and again (who "he" is in one
        sentence), computed once; `key` names it and must say what it depends on besides the text.
        """
        return self._memoised(f"rule:{key}", compute)

    @property
    def sentences(self) -> tuple[tuple[int, int], ...]:
        """The sentences' spans (pysbd within each line; a line break always ends one)."""
        return self._memoised("sentences", lambda: sentence_spans(self.text))

    @property
    def lines(self) -> tuple[tuple[int, int], ...]:
        """The lines' (paragraphs') spans, line breaks excluded."""
        return self._memoised("lines", lambda: tuple(line_spans(self.text)))

    @property
    def filled_lines(self) -> tuple[tuple[int, int], ...]:
        """The spans of the lines holding more than white space."""
        return self._memoised(
            "filled_lines", lambda: tuple((a, b) for a, b in self.lines if self.text[a:b].strip())
        )

    @property
    def headline(self) -> str:
        """The first line with text ("" for an empty article)."""
        return self.text[slice(*self.filled_lines[0])] if self.filled_lines else ""

    @property
    def people(self) -> tuple[str, ...]:
        """The runs of the article that may name a person (`grounding.text.candidates`)."""
        return self._memoised("people", lambda: tuple(person_candidates(self.text)))

    @property
    def name_runs(self) -> tuple[str, ...]:
        """Every capitalised run (names, places, bodies)."""
        return self._memoised("name_runs", lambda: tuple(name_runs(self.text)))

    @property
    def date_phrases(self) -> tuple[str, ...]:
        """The date phrases the article writes."""
        return self._memoised("date_phrases", lambda: tuple(date_phrases(self.text)))

    @property
    def countries(self) -> tuple[str, ...]:
        """The countries the article mentions (names and demonyms), canonical."""
        return self._memoised("countries", lambda: tuple(countries_mentioned(self.text)))

    @property
    def offices(self) -> tuple[str, ...]:
        """The offices the article mentions ("Prime Minister", "Foreign Secretary")."""
        return self._memoised("offices", lambda: tuple(offices_mentioned(self.text)))

    @property
    def countries_named(self) -> frozenset[str]:
        """Every country the article writes, by any stretch of a capitalised run ("President of the
        United States Barack Obama" names the United States) or an abbreviation: what it holds."""
        return self._memoised(
            "countries_named", lambda: frozenset(_countries_in_runs(self.name_runs)) | self.places
        )

    @property
    def places(self) -> frozenset[str]:
        """The countries the article names as such (`grounding.rules.places.named_countries`)."""
        return self._memoised("places", lambda: frozenset(named_countries(self.text)))

    def cited_paragraphs(self, quotes: list[str]) -> list[tuple[int, int]]:
        """Spans of the paragraphs (lines) holding the quotes that occur in the article, in quote order."""
        spans = (find_span(self.text, quote, self.folded) for quote in quotes)
        return [paragraph_span(self.text, s.start, s.end) for s in spans if s is not None]

    def cited_sentence(self, item: object) -> object:
        """The sentence a citation number stands for ("3", "[3]" or 3), or a quoted sentence opening
        (with `opening_words`); other values unchanged.

        Raises:
            ValueError: the number names no sentence (the message is written for a re-ask).
        """
        if self.opening_words and isinstance(item, str):
            return self.opened_sentence(item)
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

    def opened_sentence(self, quote: str) -> str:
        """The one sentence the quote opens (compared folded), else the quote unchanged.

        Args:
            quote: an evidence quote, e.g. a grammar's sentence opening.

        Returns:
            The article's sentence as written (stripped), or the quote.
        """
        key = fold_plain(quote)
        if not key:
            return quote
        opened = [(s, folded == key) for s, folded in self._folded_sentences() if folded.startswith(key)]
        exact = [s for s, whole in opened if whole]
        if len(exact) == 1:
            return exact[0]
        return opened[0][0] if len(opened) == 1 else quote

    def _folded_sentences(self) -> tuple[tuple[str, str], ...]:
        def compute() -> tuple[tuple[str, str], ...]:
            stripped = (self.text[a:b].strip() for a, b in self.sentences)
            return tuple((s, fold_plain(s)) for s in stripped if s)

        return self._memoised("folded_sentences", compute)

    def sentences_naming(self, name: str) -> list[tuple[int, int]]:
        """Spans of the sentences that write the person's surname as a word."""
        tokens = name_tokens(name)
        if not tokens:
            return []
        surname = re.compile(rf"\b{re.escape(tokens[-1])}\b")
        return [(a, b) for a, b in self.sentences if surname.search(fold_plain(self.text[a:b]))]

    def unique_surname(self, name: str) -> str | None:
        """The name's last word, when no other person of the article bears it (else None)."""
        parts = name.split()
        if len(parts) < 2 or len(parts[-1]) < 3:
            return None
        last = parts[-1]
        if any(not same_person(p, name) and last in p.split() for p in self.people):
            return None
        return last

    @property
    def office_holders(self) -> tuple[OfficeHolder, ...]:
        """Who holds the issuing government's offices on the publication date, written bare or not
        (`grounding.rules.offices.issuing_holders`), and the holders of any office the article
        names after its title (`titled_holders`); `principals` are those written bare."""

        def compute() -> tuple[OfficeHolder, ...]:
            issuing = issuing_holders(self.text, self.published)
            titled = titled_holders(self.text, self.published)
            return issuing + tuple(h for h in titled if all(h.name != i.name for i in issuing))

        return self._memoised("office_holders", compute)

    @property
    def named_holders(self) -> tuple[OfficeHolder, ...]:
        """The holders of the offices of `grounding/lexicon/offices.yaml` on the publication date whom
        the article names in full, title or not (`grounding.rules.offices.named_holders`)."""
        return self._memoised("named_holders", lambda: named_holders(self.text, self.published))

    def mention_forms(self, name: str) -> tuple[str, ...]:
        """How the article may write the person: the name, a surname no one else bears, and the
        bare office phrases ("The President") of an issuing principal."""
        forms = [name]
        if (surname := self.unique_surname(name)) is not None:
            forms.append(surname)
        for holder in self.principals:
            if same_person(holder.name, name):
                forms.extend(dict.fromkeys(self.text[a:b] for a, b in holder.mentions))
        return tuple(forms)

    def is_principal(self, name: str) -> bool:
        """True when `name` is the office-holder a bare office phrase of the article refers to."""
        return any(same_person(name, holder.name) for holder in self.principals)

    def as_validation_context(self) -> dict[str, Any]:
        """The mapping handed to pydantic as `context` (validators read it under "article")."""
        return {"article": self}


def _countries_in_runs(runs: tuple[str, ...]) -> set[str]:
    found: set[str] = set()
    for run in runs:
        words = run.split()
        for i in range(len(words)):
            for j in range(i + 1, min(len(words), i + 4) + 1):
                country = normalize_country(" ".join(words[i:j]))
                if country:
                    found.add(country)
    return found


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
