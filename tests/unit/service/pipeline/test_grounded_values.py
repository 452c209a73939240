"""service.pipeline.grounded_values: topics the passage names, outcomes as the article says them."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from grounding.article import ArticleContext
from grounding.rules.counterparts import without_honorifics
from schemas.events import MeetingEvent
from schemas.extraction import LLMEvent
from service.pipeline.grounded_values import (
    article_outcomes,
    event_passage,
    read_people,
    spread_countries,
    supported_topics,
)
from service.pipeline.normalize import read_answer
from service.pipeline.step import NoteBook

TEXT = (
    "OSLO, 4 June - Prime Minister Ann Lee met President Bo Kim in Oslo on Tuesday.\n"
    "The two leaders discussed trade and the war in the region. They signed an agreement on fisheries.\n"
    "Later, Ann Lee met Foreign Minister Cy Ode. They talked about climate."
)
ARTICLE = ArticleContext(TEXT, dt.date(2025, 6, 4))


def _events(*answers: dict[str, Any]) -> list[MeetingEvent]:
    return read_answer([LLMEvent.model_validate(a) for a in answers], ARTICLE, NoteBook("read"))


FIRST = {
    "evidence": ["OSLO, 4 June - Prime Minister Ann Lee met President Bo Kim in Oslo on Tuesday."],
    "participants": [{"name": "Ann Lee"}, {"name": "Bo Kim"}],
    # What a model copies from its prompt's worked example, beside what the article says.
    "topics": ["trade", "energy", "regional_issues"],
    "outcomes": ["agreement on green hydrogen", "invitation to visit Chile"],
}
SECOND = {
    "evidence": ["Later, Ann Lee met Foreign Minister Cy Ode."],
    "participants": [{"name": "Ann Lee"}, {"name": "Cy Ode"}],
    "topics": ["environment", "trade"],
}


def test_the_passage_runs_to_the_next_event() -> None:
    first, second = _events(FIRST, SECOND)
    passage = [TEXT[a:b] for a, b in event_passage(first, [first, second], ARTICLE)]
    assert passage[-1] == "They signed an agreement on fisheries."
    assert not any("Cy Ode" in s for s in passage)
    assert [TEXT[a:b] for a, b in event_passage(second, [first, second], ARTICLE)][
        -1
    ] == "They talked about climate."


def test_a_topic_the_passage_does_not_name_is_dropped() -> None:
    book = NoteBook("topics")
    first, second = supported_topics(_events(FIRST, SECOND), ARTICLE, book)
    # "energy" is nowhere near; the fisheries agreement "They" signed is the meeting's.
    assert first.topics == ["trade", "regional_issues", "agriculture"]
    assert second.topics == ["environment"]  # the trade talk was the first meeting's
    codes = [n.code for n in book.notes]
    assert codes == ["topic_unsupported", "topic_from_article", "topic_unsupported"]
    assert "energy" in book.notes[0].message and book.notes[0].span is not None


def test_a_topic_the_meeting_s_own_sentence_names_is_added_with_its_cue() -> None:
    """The model lists no topic; the cited sentence speaks of trade (note `topic_from_article`)."""
    text = "Prime Minister Ann Lee met President Bo Kim in Oslo on Tuesday to discuss trade."
    article = ArticleContext(text, dt.date(2025, 6, 4))
    answer = {"evidence": [text], "participants": [{"name": "Ann Lee"}, {"name": "Bo Kim"}], "topics": []}
    book = NoteBook("topics")
    (event,) = supported_topics(
        read_answer([LLMEvent.model_validate(answer)], article, NoteBook("r")), article, book
    )
    assert event.topics == ["trade"]
    (note,) = book.notes
    assert note.code == "topic_from_article" and note.span is not None
    assert text[note.span.start : note.span.end] == "trade"


def _topics_of(text: str, topics: list[str]) -> tuple[MeetingEvent, NoteBook]:
    article = ArticleContext(text, dt.date(2025, 6, 4))
    first = text.split(".")[0] + "."
    answer = {
        "evidence": [first],
        "participants": [{"name": "Ann Lee"}, {"name": "Bo Kim"}],
        "topics": topics,
    }
    book = NoteBook("topics")
    (event,) = supported_topics(
        read_answer([LLMEvent.model_validate(answer)], article, NoteBook("r")), article, book
    )
    return event, book


def test_a_topic_in_the_name_of_the_occasion_is_not_a_topic_discussed() -> None:
    """The NATO meeting and the Trade Council name where and when they met, not what they discussed;
    "importance" is not "import"."""
    text = (
        "Prime Minister Ann Lee met President Bo Kim on the margins of the NATO summit, ahead of the "
        "Trade and Technology Council. They stressed the importance of the alliance."
    )
    event, book = _topics_of(text, ["defense", "trade"])
    assert event.topics == []
    assert [n.code for n in book.notes] == ["topic_unsupported"]


def test_a_topic_the_next_sentence_says_was_discussed_is_added_with_its_cue() -> None:
    text = (
        "Prime Minister Ann Lee met President Bo Kim in Oslo on Tuesday. The two leaders discussed energy "
        "and cooperation in agriculture. Oslo hosts a film festival with a culture programme in May."
    )
    event, book = _topics_of(text, [])
    assert event.topics == ["energy", "agriculture"]  # the festival's culture is not theirs
    spans = {text[n.span.start : n.span.end] for n in book.notes if n.span is not None}
    assert spans == {"energy", "agriculture"}
    assert all(n.code == "topic_from_article" for n in book.notes)


def test_sentences_that_go_on_about_the_meeting_s_people_tell_its_topics_too() -> None:
    """After the next sentence, each further one whose subject is the meeting's people ("They",
    "Kim", "The two leaders") still tells what the meeting was about; one about something else ends
    the run, and what follows it is not theirs."""
    text = (
        "Prime Minister Ann Lee met President Bo Kim in Oslo on Tuesday. The two leaders reviewed the "
        "partnership. They also discussed energy. Kim raised cooperation in agriculture. Oslo hosts a "
        "film festival in May. They discussed culture programmes there."
    )
    event, _ = _topics_of(text, [])
    assert event.topics == ["energy", "agriculture"]


def test_outcomes_are_the_article_s_sentences_and_example_text_is_refused() -> None:
    book = NoteBook("outcomes")
    first, second = article_outcomes(_events(FIRST, SECOND), ARTICLE, book)
    assert first.outcomes == ["They signed an agreement on fisheries."]
    assert second.outcomes == []
    codes = [n.code for n in book.notes]
    assert codes == ["outcome_unsupported", "outcome_unsupported", "outcome_from_article"]
    quoted = book.notes[-1].span
    assert quoted is not None and TEXT[quoted.start : quoted.end] == first.outcomes[0]


def _lee_and_kim(text: str) -> tuple[MeetingEvent, ArticleContext]:
    """Ann Lee's meeting with Bo Kim as a model answers it, citing the text's first sentence."""
    article = ArticleContext(text, dt.date(2025, 6, 4))
    answer = {
        "evidence": [text.split(". ")[0] + "."],
        "participants": [{"name": "Ann Lee"}, {"name": "Bo Kim"}],
    }
    (event,) = read_answer([LLMEvent.model_validate(answer)], article, NoteBook("read"))
    return event, article


def test_an_outcome_is_what_this_meeting_produced() -> None:
    """Not what will be announced, nor what had been agreed before; a planned meeting has none."""
    event, article = _lee_and_kim(
        "Prime Minister Ann Lee met President Bo Kim in Oslo on Tuesday. They had signed a pact in 2019. "
        "Details will be announced later. They agreed to open a consulate."
    )
    (found,) = article_outcomes([event], article, NoteBook("outcomes"))
    assert found.outcomes == ["They agreed to open a consulate."]
    planned = event.model_copy(update={"status": "planned"})
    assert article_outcomes([planned], article, NoteBook("outcomes"))[0].outcomes == []


def test_an_outcome_is_what_the_meeting_s_sides_did() -> None:
    """An act of someone the passage names who is no participant is not the meeting's outcome."""
    event, article = _lee_and_kim(
        "Prime Minister Ann Lee met President Bo Kim in Oslo on Tuesday. The Parliament adopted a "
        "budget the same day. Kim invited Lee to Seoul."
    )
    (found,) = article_outcomes([event], article, NoteBook("outcomes"))
    assert found.outcomes == ["Kim invited Lee to Seoul."]


PEOPLE = (
    "ANKARA, 2 May - Turkish Foreign Minister Hakan Fidan received Wang Yi, Foreign Minister of China, "
    "on Friday.\nFidan and Wang discussed trade."
)


def test_title_and_country_are_read_around_the_mentions() -> None:
    article = ArticleContext(PEOPLE, dt.date(2025, 5, 2))
    answer = {
        "evidence": [PEOPLE.splitlines()[0]],
        # Swapped countries and a title the article never writes, as a small model answers.
        "participants": [
            {"name": "Hakan Fidan", "title": "President", "country": "China"},
            {"name": "Wang Yi", "title": "Ambassador", "country": "Atlantis"},
        ],
    }
    events = read_answer([LLMEvent.model_validate(answer)], article, NoteBook("read"))
    book = NoteBook("people")
    [event] = read_people(events, article, book)
    assert [(p.title, p.country) for p in event.participants] == [
        ("Foreign Minister", "Turkey"),  # a demonym before the title
        ("Foreign Minister", "China"),  # an apposition: "Wang Yi, Foreign Minister of China"
    ]
    assert {n.code for n in book.notes} == {"title_from_article", "country_from_article"}
    assert all(n.span is not None for n in book.notes)


def test_a_value_the_article_does_not_hold_is_dropped() -> None:
    text = "Ann Lee met Bo Kim in Oslo on Tuesday."
    article = ArticleContext(text, dt.date(2025, 6, 4))
    answer = {
        "evidence": [text],
        "participants": [
            {"name": "Ann Lee", "title": "Chancellor", "country": "Chile"},
            {"name": "Bo Kim", "title": None, "country": None},
        ],
    }
    events = read_answer([LLMEvent.model_validate(answer)], article, NoteBook("read"))
    book = NoteBook("people")
    [event] = read_people(events, article, book)
    assert (event.participants[0].title, event.participants[0].country) == (None, None)
    assert [n.code for n in book.notes] == ["title_unsupported", "country_unsupported"]


def _people(
    text: str, participants: list[dict[str, Any]], published: dt.date | None = dt.date(2025, 6, 4)
) -> tuple[MeetingEvent, NoteBook]:
    article = ArticleContext(text, published)
    answer = {"evidence": [text.split("\n")[0]], "participants": participants}
    events = read_answer([LLMEvent.model_validate(answer)], article, NoteBook("read"))
    book = NoteBook("people")
    [event] = read_people(events, article, book)
    return event, book


@pytest.mark.parametrize(
    ("lead", "title"),
    [
        # The fuller form the article writes elsewhere: the office in full.
        ("Defense Secretary Jim Mattis flew to London on Monday.", "Defense Secretary"),
        ("Secretary of Defense Jim Mattis flew to London on Monday.", "Secretary of Defense"),
    ],
)
def test_a_short_title_takes_the_fuller_form_written_elsewhere(lead: str, title: str) -> None:
    text = f"Secretary Jim Mattis met Michael Fallon in London on Tuesday.\n{lead}"
    event, _ = _people(text, [{"name": "Jim Mattis"}, {"name": "Michael Fallon"}])
    assert event.participants[0].title == title


def test_multi_word_and_dotted_countries_and_a_counterpart_are_read() -> None:
    event, _ = _people(
        "Vladimir Putin had a telephone conversation with President of the United States Barack Obama.",
        [{"name": "Vladimir Putin", "country": None}, {"name": "Barack Obama", "country": "Russia"}],
    )
    assert (event.participants[1].title, event.participants[1].country) == ("President", "United States")
    # Named in full on a day he holds Russia's presidency: that office and its country, derived
    # from offices.yaml where the article writes neither.
    assert (event.participants[0].title, event.participants[0].country) == ("President", "Russia")
    event, _ = _people(
        "U.S. Secretary of State Antony Blinken spoke with his Iranian counterpart Abbas Araghchi.",
        [{"name": "Antony Blinken"}, {"name": "Abbas Araghchi", "title": "Minister"}],
    )
    assert [(p.title, p.country) for p in event.participants] == [
        ("Secretary of State", "United States"),
        (None, "Iran"),  # "counterpart" is no office; the model's "Minister" is nowhere in the article
    ]


def test_a_family_name_in_capitals_and_an_undated_office_holder_are_read() -> None:
    event, _ = _people(
        "Ms. KAMIKAWA Yoko, Minister for Foreign Affairs of Japan, held a meeting with Mr. Bui Thanh Son.",
        [{"name": "Kamikawa Yoko"}, {"name": "Bui Thanh Son"}],
    )
    assert (event.participants[0].title, event.participants[0].country) == (
        "Minister for Foreign Affairs",
        "Japan",
    )
    # No publication date: the office held that day is unknown, but whose government the person
    # served is not (offices.yaml lists him as a US Secretary of State).
    event, book = _people(
        "Secretary of State Antony J. Blinken spoke with Foreign Minister Mevlüt Çavuşoğlu today.",
        [{"name": "Antony J. Blinken"}, {"name": "Mevlüt Çavuşoğlu"}],
        published=None,
    )
    assert [(p.title, p.country) for p in event.participants] == [
        ("Secretary of State", "United States"),
        ("Foreign Minister", None),
    ]
    assert "country_from_office" in [n.code for n in book.notes]


def test_an_office_only_one_government_has_gives_its_country_with_the_title_s_span() -> None:
    text = (
        "The Secretary of State for Northern Ireland, Hilary Benn, met with the Tánaiste, Ann Byrne, "
        "this evening at Iveagh House, Dublin."
    )
    event, book = _people(text, [{"name": "Hilary Benn"}, {"name": "Ann Byrne", "country": "Japan"}])
    assert [(p.title, p.country) for p in event.participants] == [
        ("Secretary of State for Northern Ireland", "United Kingdom"),
        ("Tánaiste", "Ireland"),  # the model's guess, nowhere in the article, replaced
    ]
    notes = [n for n in book.notes if n.code == "country_from_title"]
    assert [n.message.split(":")[0] for n in notes] == ["Hilary Benn", "Ann Byrne"]
    assert notes[1].span is not None and text[notes[1].span.start : notes[1].span.end] == "Tánaiste"
    # A holder the offices table knows (offices.yaml: Simon Harris, Tánaiste from 2025) is read from
    # there, the span on the office's phrase.
    known = text.replace("Ann Byrne", "Simon Harris")
    event, book = _people(known, [{"name": "Hilary Benn"}, {"name": "Simon Harris", "country": "Japan"}])
    assert event.participants[1].country == "Ireland"
    (office,) = [n for n in book.notes if n.code == "country_from_office"]
    assert office.span is not None and known[office.span.start : office.span.end] == "the Tánaiste"
    # The office read is the last of a run ("Minister for Defence"); the run before it names the
    # one only Ireland has.
    text = (
        "Hilary Benn met the Tánaiste, Minister for Foreign Affairs and Minister for Defence, Ann Byrne TD."
    )
    event, book = _people(text, [{"name": "Hilary Benn"}, {"name": "Ann Byrne"}])
    assert event.participants[1].country == "Ireland"
    (note,) = [n for n in book.notes if n.code == "country_from_title"]
    assert note.span is not None and text[note.span.start : note.span.end] == "Tánaiste"
    # A title several governments use says nothing; the country stays empty.
    event, book = _people(
        "Foreign Secretary Vinay Kwatra met Jane Roe.", [{"name": "Vinay Kwatra"}, {"name": "Jane Roe"}]
    )
    assert event.participants[0].country is None
    assert "country_from_title" not in [n.code for n in book.notes]


def test_the_issuing_government_s_named_office_holder_has_its_country() -> None:
    # A White House statement naming its own president: the office's country (derived, no span).
    event, book = _people(
        "The White House: President Trump met King Ed Rex and Prime Minister Keir Starmer in London, UK.",
        [{"name": "Trump"}, {"name": "Ed Rex", "country": "United Kingdom"}, {"name": "Keir Starmer"}],
    )
    assert [p.country for p in event.participants] == ["United States", "United Kingdom", "United Kingdom"]
    # Starmer's country is the office's, not the article giving it to him: the King keeps his.
    assert "country_of_another_participant" not in [n.code for n in book.notes]


def test_a_holder_named_after_the_office_s_title_has_the_office_s_country() -> None:
    # No White House here: "Secretary of State Marco Rubio" on 2025-06-04 is the US office itself,
    # whoever writes it; the country is derived (no span), and the model's guess is replaced.
    event, book = _people(
        "Secretary of State Marco Rubio met Foreign Minister Sergey Lavrov in Kuala Lumpur.",
        [{"name": "Marco Rubio", "country": "Malaysia"}, {"name": "Sergey Lavrov"}],
    )
    assert [(p.title, p.country) for p in event.participants] == [
        ("Secretary of State", "United States"),
        ("Foreign Minister", "Russia"),
    ]
    assert "country_from_office" in [n.code for n in book.notes]  # the replaced guess is noted
    # A namesake is not the holder: the title must precede the holder's own name.
    event, _ = _people(
        "Ambassador Ann Rubio met Foreign Minister Bo Kim in Kuala Lumpur.",
        [{"name": "Ann Rubio"}, {"name": "Bo Kim"}],
    )
    assert [p.country for p in event.participants] == [None, None]


def test_the_counterpart_s_country_is_not_given_to_the_other_side() -> None:
    # The model hands Turkey, the counterpart's country, to both; the article attaches it to one.
    event, book = _people(
        "Deputy Secretary Wendy Sherman met Turkish Deputy Foreign Minister Sedat Önal.",
        [{"name": "Wendy Sherman", "country": "Turkey"}, {"name": "Sedat Önal", "country": "Turkey"}],
    )
    assert [p.country for p in event.participants] == [None, "Turkey"]
    assert "country_of_another_participant" in [n.code for n in book.notes]
    # Two sides given one country the article attaches to neither: nothing tells whose it is, and
    # the model often lumps one side's people into one event ("King Charles III and Prime Minister
    # Rishi Sunak"), so both keep it.
    event, book = _people(
        "President Bo Kim met King Ed Rex and Prime Minister Ann Lee in London, United Kingdom.",
        [{"name": "Ed Rex", "country": "United Kingdom"}, {"name": "Ann Lee", "country": "United Kingdom"}],
    )
    assert [p.country for p in event.participants] == ["United Kingdom", "United Kingdom"]
    # A place the sentence is set in is not the country of the office after it.
    event, book = _people(
        "While in Poland Minister Field met Deputy Foreign Minister Maciej Lang.",
        [{"name": "Field", "country": None}, {"name": "Maciej Lang", "country": "Poland"}],
    )
    assert [p.country for p in event.participants] == [None, "Poland"]
    # A country the model gives one side alone, which the article holds, stays (its knowledge).
    event, book = _people(
        "Prime Minister Ann Lee spoke to President Bo Kim about Norway and Chile.",
        [{"name": "Ann Lee", "country": "Norway"}, {"name": "Bo Kim", "country": "Chile"}],
    )
    assert [p.country for p in event.participants] == ["Norway", "Chile"]
    assert not any(n.code.startswith("country") for n in book.notes)


def test_the_title_is_read_in_full_where_the_article_writes_it_so_elsewhere() -> None:
    # The meeting's sentence writes "Secretary Lee"; the lead writes the whole office.
    text = (
        "OSLO, June 1, 2013 – Defense Secretary Ann Lee arrived for talks with her counterparts.\n\n"
        "On Monday, Secretary Lee met Norwegian Defense Minister Bo Kim."
    )
    article = ArticleContext(text, dt.date(2013, 6, 4))
    answer = {"evidence": [text.splitlines()[-1]], "participants": [{"name": "Ann Lee"}, {"name": "Bo Kim"}]}
    events = read_answer([LLMEvent.model_validate(answer)], article, NoteBook("read"))
    book = NoteBook("people")
    [event] = read_people(events, article, book)
    assert [p.title for p in event.participants] == ["Defense Secretary", "Defense Minister"]
    [note] = [n for n in book.notes if n.message.startswith("Ann Lee: title")]
    assert note.span is not None and text[note.span.start : note.span.end].startswith("OSLO")


def _regional(text: str, countries: list[str | None]) -> tuple[MeetingEvent, NoteBook]:
    article = ArticleContext(text, dt.date(2025, 6, 4))
    answer = {
        "evidence": [text.split(".")[0] + "."],
        "participants": [
            {"name": "Ann Lee", "country": countries[0]},
            {"name": "Bo Kim", "country": countries[1]},
        ],
        "topics": [],
    }
    book = NoteBook("topics")
    (event,) = supported_topics(
        read_answer([LLMEvent.model_validate(answer)], article, NoteBook("r")), article, book
    )
    return event, book


def test_a_third_country_discussed_is_a_regional_issue_with_its_span() -> None:
    text = "Prime Minister Ann Lee met President Bo Kim in Oslo. They discussed Norway, Japan and Syria."
    event, book = _regional(text, ["Japan", "Norway"])
    assert event.topics == ["regional_issues"]
    (note,) = book.notes
    assert note.code == "topic_from_article" and note.span is not None
    assert text[note.span.start : note.span.end] == "Syria"  # their own countries are not
    # Only their own countries, or a participant of no known country: no regional issue.
    event, _ = _regional("Ann Lee met Bo Kim in Oslo. They discussed Norway and Japan.", ["Japan", "Norway"])
    assert event.topics == []
    event, _ = _regional("Ann Lee met Bo Kim in Oslo. They discussed Syria.", ["Japan", None])
    assert event.topics == []


def test_a_person_s_country_in_one_meeting_is_theirs_in_the_others() -> None:
    """Step `countries`: Anderson is of the United States where the article pairs "U.S.-Djibouti";
    his Mogadishu meeting, whose sentence says nothing of him, has him of the United States too
    (derived); a person given two countries is left alone."""
    text = (
        "In Djibouti, Gen. Dagvin Anderson met with Djiboutian Minister of Defense Hassan Omar Mohamed to "
        "discuss the enduring U.S.-Djibouti security partnership.\n"
        "In Mogadishu, Anderson met with Somali President Hassan Sheikh Mohamud.\n"
    )
    article = ArticleContext(text, dt.date(2025, 9, 5))
    lines = text.splitlines()
    answers = [
        LLMEvent.model_validate(
            {
                "evidence": [lines[0]],
                "participants": [{"name": "Dagvin Anderson"}, {"name": "Hassan Omar Mohamed"}],
            }
        ),
        LLMEvent.model_validate(
            {
                "evidence": [lines[1]],
                "participants": [{"name": "Dagvin Anderson"}, {"name": "Hassan Sheikh Mohamud"}],
            }
        ),
    ]
    events = read_people(read_answer(answers, article, NoteBook("read")), article, NoteBook("people"))
    assert [p.country for p in events[1].participants] == [None, "Somalia"]
    book = NoteBook("countries")
    djibouti, mogadishu = spread_countries(events, article, book)
    assert [p.country for p in djibouti.participants] == ["United States", "Djibouti"]
    assert [p.country for p in mogadishu.participants] == ["United States", "Somalia"]
    assert [n.code for n in book.notes] == ["country_from_another_event"]
    # Two countries for one person: neither spreads.
    other = events[1].model_copy(
        update={
            "participants": [
                events[1].participants[0].model_copy(update={"country": "Kenya"}),
                events[1].participants[1],
            ]
        }
    )
    third = events[1]
    assert spread_countries([djibouti, other, third], article, NoteBook("countries"))[2] == third


def test_a_rank_is_no_participant_s_title() -> None:
    """ "Navy Adm. Mike Mullen": the answer's "Navy Adm" goes (note `title_a_rank`); the office the
    article gives Kim stays."""
    event, book = _people(
        "Navy Adm. Mike Mullen met with Joint Chiefs Staff Committee Chairman Bo Kim in Islamabad.",
        [{"name": "Mike Mullen", "title": "Navy Adm"}, {"name": "Bo Kim"}],
    )
    assert [p.title for p in event.participants] == [None, "Joint Chiefs Staff Committee Chairman"]
    assert "title_a_rank" in [n.code for n in book.notes]


def test_a_form_of_address_is_no_part_of_a_title() -> None:
    """ "Senator the Hon Marise Payne", "the Director, Dr Brendan Nelson": the answer's "Senator the
    Hon" and "Director Dr" lose their forms of address (note `title_honorific_dropped`)."""
    event, book = _people(
        "Sir Stuart met Senator the Hon Marise Payne in Canberra. "
        "He also met the Director, Dr Brendan Nelson.",
        [
            {"name": "Marise Payne", "title": "Senator the Hon"},
            {"name": "Brendan Nelson", "title": "Director Dr"},
        ],
    )
    assert [p.title for p in event.participants] == ["Senator", "Director"]
    assert [n.code for n in book.notes].count("title_honorific_dropped") == 2
    assert without_honorifics("H.E. President") == "President"
    assert without_honorifics("Rt Hon") is None
    assert without_honorifics("Minister of Foreign Affairs") == "Minister of Foreign Affairs"


def test_the_other_side_of_a_pair_in_the_meeting_s_own_sentence_first() -> None:
    # Each minister's meeting writes its own pair; the next paragraph's pair is another meeting's.
    text = (
        "U.S. Secretary Ann Lee and Minister of Defense Bo Kim reaffirmed the U.S.- Argentina relationship.\n"
        "Lee and Minister Cy Ode recognized progress on the U.S.-Brazil procurement agreement.\n"
    )
    event, book = _people(text, [{"name": "Ann Lee"}, {"name": "Bo Kim"}])
    assert [p.country for p in event.participants] == ["United States", "Argentina"]
    assert "country_from_pair" in {n.code for n in book.notes}


def test_an_undated_release_s_principal_takes_the_office_it_describes_them_by() -> None:
    """A release with no date that never titles its principal ("Vladimir Putin had a telephone
    conversation with ...") but writes "The President of Russia described ...": the office the
    person held (offices.yaml), with the description's span (note `title_from_office`)."""
    text = (
        "Telephone conversation with Barack Obama\n"
        "On Friday Vladimir Putin had a telephone conversation with President Barack Obama.\n"
        "The President of Russia described the sanctions as counterproductive."
    )
    article = ArticleContext(text, None)
    answer = {
        "evidence": ["On Friday Vladimir Putin had a telephone conversation with President Barack Obama."],
        "participants": [{"name": "Vladimir Putin"}, {"name": "Barack Obama"}],
    }
    events = read_answer([LLMEvent.model_validate(answer)], article, NoteBook("read"))
    book = NoteBook("people")
    [event] = read_people(events, article, book)
    assert [(p.name, p.title) for p in event.participants] == [
        ("Vladimir Putin", "President"),
        ("Barack Obama", "President"),
    ]
    [note] = [n for n in book.notes if n.code == "title_from_office"]
    assert note.span is not None and text[note.span.start : note.span.end] == "The President of Russia"
    # Dated, the office held on the day decides (offices.yaml): no description is read.
    dated = ArticleContext(text, dt.date(2010, 6, 1))
    events = read_answer([LLMEvent.model_validate(answer)], dated, NoteBook("read"))
    [event] = read_people(events, dated, NoteBook("people"))
    assert event.participants[0].title is None
