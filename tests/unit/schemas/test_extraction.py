"""schemas.extraction: the LLM answer models and the article validators, without any HTTP."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from pydantic import ValidationError

from grounding.article import ArticleContext
from schemas.extraction import LLMEvent, LLMExtraction, as_read
from tests.conftest import gold_as_llm_output, seed


def _validate(answer: dict[str, Any], text: str, published: str | None) -> LLMExtraction:
    ctx = ArticleContext(text, dt.date.fromisoformat(published) if published else None)
    return LLMExtraction.model_validate(answer, context=ctx.as_validation_context())


def _read(answer: dict[str, Any], text: str, published: str | None) -> list[LLMEvent]:
    """Validate, check that validation left the answer as it came, and read it as the pipeline does."""
    validated = _validate(answer, text, published)
    assert validated.model_dump()["events"] == LLMExtraction.model_validate(answer).model_dump()["events"]
    ctx = ArticleContext(text, dt.date.fromisoformat(published) if published else None)
    return [as_read(event, ctx) for event in validated.events]


def test_gold_answers_pass_the_validators() -> None:
    for stem in ("000_992ab47ca5ee5213", "001_80fe66ff6ee15a4c", "003_ee914f4da08c8a1e"):
        text, published = seed(stem)
        assert _validate(gold_as_llm_output(stem), text, published).events


@pytest.mark.parametrize(
    ("mutate", "message"),
    [
        (
            lambda e: e["participants"].__setitem__(1, {"name": "Boris Johnson"}),
            "'Boris Johnson' is not named",
        ),
        (lambda e: e["evidence"].append("Rahmon sang a song."), "is not in the article"),
        (lambda e: e.update(host="Vladimir Putin", mode="visit"), "host 'Vladimir Putin' must be one of"),
        (lambda e: e["participants"].__setitem__(1, {"name": "President Cường"}), "needs two different"),
    ],
)
def test_validators_reject_what_the_article_does_not_say(mutate: Any, message: str) -> None:
    stem = "000_992ab47ca5ee5213"
    text, published = seed(stem)
    answer = gold_as_llm_output(stem)
    mutate(answer["events"][0])
    with pytest.raises(ValidationError, match=message):
        _validate(answer, text, published)


def test_duplicate_events_are_rejected() -> None:
    stem = "000_992ab47ca5ee5213"
    text, published = seed(stem)
    answer = gold_as_llm_output(stem)
    answer["events"].append(answer["events"][0])
    with pytest.raises(ValidationError, match="duplicates an earlier event"):
        _validate(answer, text, published)


def test_occurred_after_publication_is_rejected() -> None:
    text = "President Ana Lima met Prime Minister Rui Costa on 3 March 2025 in Lisbon."
    answer = {
        "events": [
            {
                "evidence": [text],
                "participants": [{"name": "Ana Lima"}, {"name": "Rui Costa"}],
                "date_text": "3 March 2025",
                "status": "occurred",
            }
        ]
    }
    with pytest.raises(ValidationError, match="after publication on 2025-02-01"):
        _validate(answer, text, "2025-02-01")
    answer["events"][0]["status"] = "planned"
    assert _validate(answer, text, "2025-02-01").events[0].status == "planned"


def test_repeated_participant_is_merged_keeping_fuller_name() -> None:
    stem = "000_992ab47ca5ee5213"
    text, published = seed(stem)
    answer = gold_as_llm_output(stem)
    answer["events"][0]["participants"].append({"name": "Cường", "title": None, "country": None})
    event = _read(answer, text, published)[0]
    assert [p.name for p in event.participants] == ["Lương Cường", "Emomali Rahmon"]


def test_schema_is_grammar_friendly() -> None:
    schema = str(LLMExtraction.model_json_schema())
    assert "\\d" not in schema
    assert "maxItems" in schema


def test_no_article_no_check() -> None:
    answer = {
        "events": [{"evidence": ["made up"], "participants": [{"name": "Ann Lee"}, {"name": "Bo Kim"}]}]
    }
    assert LLMExtraction.model_validate(answer).events[0].evidence == ["made up"]
    with pytest.raises(ValidationError, match="not in the article"):
        LLMExtraction.model_validate(
            answer, context=ArticleContext("Ann Lee met Bo Kim.").as_validation_context()
        )


def test_free_text_repeating_the_instructions_is_rejected() -> None:
    text = "President Ana Lima met Prime Minister Rui Costa in Lisbon."
    answer = {
        "events": [
            {
                "evidence": [text],
                "participants": [{"name": "Ana Lima"}, {"name": "Rui Costa"}],
                "outcomes": ["You extract meeting events from a news article."],
            }
        ]
    }
    ctx = ArticleContext(text, instructions="You extract meeting events from a news article. Answer in JSON.")
    with pytest.raises(ValidationError, match="repeats your instructions"):
        LLMExtraction.model_validate(answer, context=ctx.as_validation_context())


READOUT = (
    "PM call with President Erdoğan of Türkiye: 22 July 2025\n"
    "The Prime Minister spoke to the President of Türkiye Recep Tayyip Erdoğan yesterday evening.\n"
    "The UK and Türkiye discussed defence. Recep Tayyip Erdoğan thanked the UK."
)
ERDOGAN = {"name": "Recep Tayyip Erdoğan", "title": "President", "country": "Türkiye"}


def _one_person(evidence: str) -> dict[str, Any]:
    return {"events": [{"participants": [ERDOGAN, ERDOGAN], "evidence": [evidence]}]}


def test_a_one_person_event_gets_the_principal_its_evidence_names_by_office() -> None:
    answer = _one_person(
        "The Prime Minister spoke to the President of Türkiye Recep Tayyip Erdoğan yesterday evening."
    )
    out = _read(answer, READOUT, "2025-07-23")
    names = [p.name for p in out[0].participants]
    assert names == ["Keir Starmer", "Recep Tayyip Erdoğan"]
    assert out[0].participants[0].title == "Prime Minister"


def test_a_paragraph_naming_the_party_beside_the_office_gives_the_principal_too() -> None:
    # The model cited a sentence without the office; the paragraph that names Erdoğan has it.
    answer = _one_person("Recep Tayyip Erdoğan thanked the UK.")
    out = _read(answer, READOUT, "2025-07-23")
    assert [p.name for p in out[0].participants] == ["Keir Starmer", "Recep Tayyip Erdoğan"]


def test_no_principal_when_no_paragraph_names_the_party_beside_the_office() -> None:
    text = (
        "Downing Street statement: 22 July 2025\nThe Prime Minister chaired a cabinet meeting in London.\n"
        "Recep Tayyip Erdoğan thanked the UK for its support."
    )
    answer = _one_person("Recep Tayyip Erdoğan thanked the UK for its support.")
    with pytest.raises(ValidationError, match="a meeting needs two different participants"):
        _validate(answer, text, "2025-07-23")


def test_the_principal_named_by_a_model_that_knows_them_is_accepted() -> None:
    answer = {
        "events": [
            {
                "participants": [{"name": "Keir Starmer"}, ERDOGAN],
                "evidence": ["The UK and Türkiye discussed defence."],
            }
        ]
    }
    assert [p.name for p in _validate(answer, READOUT, "2025-07-23").events[0].participants] == [
        "Keir Starmer",
        "Recep Tayyip Erdoğan",
    ]
    # Someone else the article never names is still refused.
    answer["events"][0]["participants"][0] = {"name": "Boris Johnson"}
    with pytest.raises(ValidationError, match="'Boris Johnson' is not named in the article"):
        _validate(answer, READOUT, "2025-07-23")


def test_numbered_evidence_validates_as_the_quoted_sentences() -> None:
    text = "Ann Lee met Bo Kim in Oslo on Monday. They discussed trade."
    article = ArticleContext(
        text, numbered=("Ann Lee met Bo Kim in Oslo on Monday.", "They discussed trade.")
    )
    answer = {"events": [{"evidence": [1], "participants": [{"name": "Ann Lee"}, {"name": "Bo Kim"}]}]}
    [event] = LLMExtraction.model_validate(answer, context=article.as_validation_context()).events
    assert event.evidence == ["Ann Lee met Bo Kim in Oslo on Monday."]
    # The same number against an article shown without numbers is not a quote.
    with pytest.raises(ValidationError):
        LLMExtraction.model_validate(answer, context=ArticleContext(text).as_validation_context())


def test_an_answer_about_a_passage_must_cite_it() -> None:
    text = "Oslo, June 3\n\nAnn Lee met Bo Kim in Oslo on Monday.\n\nAnn Lee also met Cy Ode."
    focus = text.index("Ann Lee also")
    article = ArticleContext(text, focus=(focus, len(text)))
    lead = {
        "evidence": ["Ann Lee met Bo Kim in Oslo on Monday."],
        "participants": [{"name": "Ann Lee"}, {"name": "Bo Kim"}],
    }
    with pytest.raises(ValidationError, match="cite the paragraph asked about"):
        LLMExtraction.model_validate({"events": [lead]}, context=article.as_validation_context())
    asked = {
        "evidence": ["Ann Lee also met Cy Ode."],
        "participants": [{"name": "Ann Lee"}, {"name": "Cy Ode"}],
    }
    LLMExtraction.model_validate({"events": [asked]}, context=article.as_validation_context())


def test_an_answer_about_a_passage_must_name_someone_it_was_asked_about() -> None:
    text = "Oslo, June 3\n\nAnn Lee met Bo Kim on Monday.\n\nMs Lee also met Cy Ode."
    article = ArticleContext(text, focus=(text.index("Ms Lee"), len(text)), asked_about=("Cy Ode",))
    again = {
        "evidence": ["Ms Lee also met Cy Ode."],
        "participants": [{"name": "Ann Lee"}, {"name": "Bo Kim"}],
    }
    with pytest.raises(ValidationError, match="reports a meeting with Cy Ode: list who meets in it"):
        LLMExtraction.model_validate({"events": [again]}, context=article.as_validation_context())
    right = {
        "evidence": ["Ms Lee also met Cy Ode."],
        "participants": [{"name": "Ann Lee"}, {"name": "Cy Ode"}],
    }
    LLMExtraction.model_validate({"events": [right]}, context=article.as_validation_context())


def test_an_answer_offered_a_choice_of_people_lists_only_them() -> None:
    """A recall question offers its paragraph's people and who meets them; a hosted model, with no
    grammar to hold it, is re-asked when it lists someone else."""
    text = "Oslo, June 3\n\nAnn Lee met Bo Kim on Monday.\n\nMs Lee also met Cy Ode."
    article = ArticleContext(
        text, focus=(text.index("Ms Lee"), len(text)), asked_about=("Cy Ode",), choices=("Cy Ode", "Ann Lee")
    )
    other = {
        "evidence": ["Ms Lee also met Cy Ode."],
        "participants": [{"name": "Bo Kim"}, {"name": "Cy Ode"}],
    }
    with pytest.raises(ValidationError, match="list only people of the paragraph asked about"):
        LLMExtraction.model_validate({"events": [other]}, context=article.as_validation_context())
    right = {
        "evidence": ["Ms Lee also met Cy Ode."],
        "participants": [{"name": "Ann Lee"}, {"name": "Cy Ode"}],
    }
    LLMExtraction.model_validate({"events": [right]}, context=article.as_validation_context())
