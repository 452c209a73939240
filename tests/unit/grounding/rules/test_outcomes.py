"""grounding.rules.topics.outcome_sentences: what a meeting produced, as the article says it."""

from __future__ import annotations

import datetime as dt

from grounding.article import ArticleContext
from grounding.rules.topics import outcome_sentences


def _outcomes(text: str, own_date: str | None = None) -> list[str]:
    article = ArticleContext(text, dt.date(2022, 11, 10))
    return [text[a:b] for a, b in outcome_sentences(text, article.sentences, own_date)]


def test_a_sentence_that_introduces_a_list_gives_the_list_s_items() -> None:
    text = (
        "The ministers met in Warsaw on Monday and agreed to:\n\n"
        "• continue their support for the reconstruction\n"
        "- hold a second meeting in spring\n\n"
        "The ministers also condemned the attacks."
    )
    assert _outcomes(text) == [
        "continue their support for the reconstruction",
        "hold a second meeting in spring",
    ]


def test_an_act_the_sentence_dates_before_the_meeting_is_not_its_outcome() -> None:
    text = (
        "Ann Lee met Bo Kim in Oslo on Tuesday. They discussed the fund the two announced last month. "
        "They signed a treaty on fisheries. Three years ago, Oslo had agreed to host the forum."
    )
    assert _outcomes(text) == ["They signed a treaty on fisheries."]


def test_a_sentence_holding_the_meeting_s_own_date_keeps_its_outcome() -> None:
    text = "The two leaders met last October and signed a treaty on fisheries."
    assert _outcomes(text) == []
    assert _outcomes(text, own_date="last October") == [text]


def test_an_outcome_the_sentence_denies_is_none() -> None:
    """A clause that reports no outcome ("No decisions ... have been announced", "did not sign"),
    read from the last word that opens a clause of its own; an outcome beside it still counts."""
    text = (
        "Ann Lee met Bo Kim in Oslo on Tuesday. No decisions on the fund have been announced. "
        "They did not sign the treaty. Lee said that neither side agreed to the plan. "
        "They agreed to meet again, although no date was announced."
    )
    assert _outcomes(text) == ["They agreed to meet again, although no date was announced."]


SIDES = [("Ann Lee", "Norway"), ("Lương Cường", "Vietnam")]


def _by_sides(text: str) -> list[str]:
    article = ArticleContext(text, dt.date(2022, 11, 10))
    return [text[a:b] for a, b in outcome_sentences(text, article.sentences, None, SIDES)]


def test_another_body_s_act_in_the_passage_is_not_the_meeting_s_outcome() -> None:
    text = (
        "Ann Lee met Lương Cường in Oslo on Tuesday. They spoke of Iraq after the UN Security "
        "Council adopted its resolution. The Government has invited the NTC to open an office. "
        "The two leaders signed a treaty on fisheries."
    )
    assert _by_sides(text) == ["The two leaders signed a treaty on fisheries."]
    # Without the sides, nothing says who did the acts: every sentence with a verb stays.
    assert len(_outcomes(text)) == 3


def test_the_sides_by_name_title_country_or_a_common_noun_keep_their_outcome() -> None:
    kept = [
        "President Cuong invited Ann Lee to visit Hanoi.",  # a name written without its accents
        "Norway and Vietnam agreed to open consulates.",  # the participants' countries
        "Oslo signed the protocol the same day.",  # a city of one participant's country
        "Lee has also jointly launched a fund.",  # a surname; auxiliaries and adverbs passed over
        "The President accepted an invitation to Oslo.",  # an office, not a body's name
        "The allies pledged more aid.",  # a common noun is not read
        "Ann Lee thanked him and, in turn, invited him to Oslo.",  # the doer further back
        "A memorandum on shipping was signed.",  # passive: the doer unsaid
    ]
    assert _by_sides(" ".join(kept)) == kept


def test_a_stance_the_sentence_states_is_not_an_outcome() -> None:
    text = (
        "We are committed to peace. Norway remains firmly committed to the fund. "
        "Both sides committed to close coordination."
    )
    assert _by_sides(text) == ["Both sides committed to close coordination."]


def test_agreeing_with_what_was_said_is_not_an_outcome() -> None:
    text = (
        "Ann Lee met Bo Kim in Oslo on Tuesday. Lee said the laws must pass, and Kim agreed. "
        '"The reforms matter," Lee said, and Kim agreed, the spokesman said. '
        "They agreed to meet again in May."
    )
    assert _outcomes(text) == ["They agreed to meet again in May."]


def test_one_side_s_announcement_is_not_the_meeting_s_outcome() -> None:
    text = (
        "Ann Lee met Bo Kim in Oslo on Tuesday, officials announced today. "
        "Lee will begin a trip to the Middle East and Europe tomorrow, officials announced. "
        "On Wednesday he announced a strategic shift for the ministry. "
        "The two leaders announced a joint fund for schools. "
        "Norway and Chile announced a new treaty. "
        "After Lee announced the plan, they agreed to meet again in May."
    )
    assert _outcomes(text) == [
        "The two leaders announced a joint fund for schools.",
        "Norway and Chile announced a new treaty.",
        "After Lee announced the plan, they agreed to meet again in May.",
    ]


def test_a_noun_a_visit_s_end_an_infinitive_and_a_quoted_stance_are_no_outcomes() -> None:
    """ "a sign of", "the visit, which concluded Tuesday", "pushing Kim to agree to", 'remains
    "absolutely committed"' report nothing a meeting produced; "the signing of" and "concluded an
    agreement" do."""
    text = (
        "It is a sign of healthy relationships that we can disagree. "
        "Lee urged sanctions during a visit to Beijing, which concluded Tuesday. "
        "Lee was pushing Kim to agree to a unity government. "
        "Lee launched back into brokering the process. "
        'Norway remains "absolutely committed" to the fund. '
        "The meeting ended with the signing of a memorandum. "
        "They concluded an agreement on fisheries."
    )
    assert _outcomes(text) == [
        "The meeting ended with the signing of a memorandum.",
        "They concluded an agreement on fisheries.",
    ]
