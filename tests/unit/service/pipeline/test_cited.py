"""service.pipeline.cited: a person an event's sentences never name gives way to whom they say met."""

from __future__ import annotations

import datetime as dt
from typing import Any

from grounding.article import ArticleContext
from schemas.events import MeetingEvent
from schemas.extraction import LLMEvent
from service.pipeline.cited import cited_people
from service.pipeline.normalize import read_answer
from service.pipeline.provenance import with_provenance
from service.pipeline.step import NoteBook

TEXT = (
    "Background press call, The White House.\n"
    "President Joe Biden met Prime Minister Yair Lapid in Jerusalem on Thursday.\n"
    "On Friday, the President will meet President Mahmoud Abbas in Bethlehem.\n"
    "Palestinian officials said Abbas would raise the question of aid. Prime Minister Lapid was not "
    "available for comment."
)
ARTICLE = ArticleContext(TEXT, dt.date(2022, 7, 14))


def _events(*answers: dict[str, Any]) -> list[MeetingEvent]:
    return read_answer([LLMEvent.model_validate(a) for a in answers], ARTICLE, NoteBook("read"))


def _people(events: list[MeetingEvent]) -> list[list[str]]:
    return [[p.name for p in e.participants] for e in events]


def test_a_person_the_sentence_never_names_gives_way_to_who_it_says_met() -> None:
    """The model kept Lapid of the first meeting in the second: its sentence has the President
    (the White House's own principal, by office) meet Abbas."""
    [event] = _events(
        {
            "evidence": ["On Friday, the President will meet President Mahmoud Abbas in Bethlehem."],
            "participants": [{"name": "Yair Lapid", "country": "Israel"}, {"name": "Mahmoud Abbas"}],
            "host": "Yair Lapid",
        }
    )
    book = NoteBook("cited_people")
    [fixed] = cited_people([event], ARTICLE, book)
    assert _people([fixed]) == [["Joe Biden", "Mahmoud Abbas"]]
    assert fixed.participants[0].country is None  # nothing of Lapid's is carried over
    assert fixed.host is None
    assert [n.code for n in book.notes] == ["participant_replaced"]
    assert book.notes[0].message.startswith("Joe Biden: ")
    [described] = with_provenance([fixed], ARTICLE, book.notes)
    assert described.provenance["participants.0.name"].step == "cited_people"
    assert described.provenance["participants.1.name"].step is None  # the model's
    assert book.notes[0].span is not None
    assert TEXT[book.notes[0].span.start : book.notes[0].span.end].startswith("On Friday")


def test_nothing_changes_where_the_sentences_name_both_or_say_nothing_of_who_met() -> None:
    both, unread = _events(
        {
            "evidence": ["President Joe Biden met Prime Minister Yair Lapid in Jerusalem on Thursday."],
            "participants": [{"name": "Joe Biden"}, {"name": "Yair Lapid"}],
        },
        # The sentence names Abbas but reports no meeting of his: Lapid stays (another step judges it).
        {
            "evidence": ["Palestinian officials said Abbas would raise the question of aid."],
            "participants": [{"name": "Mahmoud Abbas"}, {"name": "Joe Biden"}],
        },
    )
    book = NoteBook("cited_people")
    assert cited_people([both, unread], ARTICLE, book) == [both, unread]
    assert book.notes == []


def test_a_person_named_in_the_cited_paragraph_stays() -> None:
    """Lapid is named in the paragraph the quote lies in: the event may well be about him."""
    text = TEXT.replace("in Bethlehem.", "in Bethlehem. Prime Minister Yair Lapid will join them.")
    article = ArticleContext(text, ARTICLE.published)
    [event] = read_answer(
        [
            LLMEvent.model_validate(
                {
                    "evidence": ["On Friday, the President will meet President Mahmoud Abbas in Bethlehem."],
                    "participants": [{"name": "Mahmoud Abbas"}, {"name": "Yair Lapid"}],
                }
            )
        ],
        article,
        NoteBook("read"),
    )
    assert cited_people([event], article, NoteBook("cited_people")) == [event]
