"""grounding.rules.topics: what a passage says was discussed."""

from __future__ import annotations

import pytest

from grounding.rules.topics import discussed_countries, discussed_topics, topics_in


def _topics(text: str) -> set[str]:
    return set(topics_in(text, [(0, len(text))]))


@pytest.mark.parametrize(
    "text",
    [
        # A topic word inside an office's name is the person's office, not what was discussed.
        "He met key figures including Deputy Minister for the Environment Ann Lee.",
        "He met key figures including Minister for Strategic Energy Infrastructure Bo Kim.",
        "He met key figures including Energy Secretary Ann Lee and Trade Minister Bo Kim.",
    ],
)
def test_an_office_s_name_is_no_topic(text: str) -> None:
    assert _topics(text) == set()


def test_topics_written_as_words_are_read() -> None:
    assert _topics("They discussed energy security and trade.") >= {"energy", "security", "trade"}
    # A capitalised topic at a sentence's start after an office at the one before's end.
    assert "trade" in _topics("He met the Prime Minister. Trade was discussed.")
    # The same word as a topic after an office's name is read.
    text = "Energy Secretary Ann Lee and Bo Kim discussed energy cooperation."
    found = discussed_topics(text, [(0, len(text))])
    assert "energy" in found and text[slice(*found["energy"])] == "energy"


@pytest.mark.parametrize(
    "text",
    [
        "They discussed Iran's nuclear programme.",
        "The leaders condemned the violence in the region.",
        "They discussed the attacks on the oil facilities.",
        "They discussed Russia's invasion and its aggression.",
    ],
)
def test_threats_discussed_are_security(text: str) -> None:
    assert "security" in _topics(text)


def test_nuclear_power_is_energy_not_security() -> None:
    assert _topics("They discussed nuclear power.") == {"energy"}


def test_the_countries_named_after_a_discussion_word() -> None:
    text = "Ann Lee met Bo Kim in Paris. They discussed Russia's war against Ukraine and Iranian drones."
    found = discussed_countries(text, [(0, 28), (29, len(text))])
    assert [(c, text[slice(*span)]) for c, span in found] == [
        ("Russia", "Russia"),
        ("Ukraine", "Ukraine"),
        ("Iran", "Iranian"),
    ]
    # Before the discussion word a country is no subject of the talks.
    text = "In Japan, they discussed trade."
    assert discussed_countries(text, [(0, len(text))]) == []


def test_a_view_shared_tells_what_was_discussed() -> None:
    text = (
        "Both ministers shared the view that they will deal with challenges, including in the security areas."
    )
    assert "security" in discussed_topics(text, [(0, len(text))])


@pytest.mark.parametrize(
    ("text", "topics"),
    [
        # After a discussion word, a topic word that names where or when they met is no subject.
        ("They agreed to meet at the G8 summit in June.", set()),
        ("They discussed trade on the sidelines of the G20 summit.", {"trade"}),
        ("They discussed energy during the Energy Forum's opening session.", {"energy"}),
        # Said as what was discussed, the same words are a topic.
        ("They discussed the reform of the United Nations.", {"multilateral"}),
    ],
)
def test_a_topic_word_naming_the_occasion_is_no_subject(text: str, topics: set[str]) -> None:
    assert set(discussed_topics(text, [(0, len(text))])) == topics


def test_the_country_of_an_office_named_after_a_discussion_word_was_not_discussed() -> None:
    text = "He discussed bilateral relations in his meetings with the Irish Foreign Minister."
    assert discussed_countries(text, [(0, len(text))]) == []
    text = "He discussed Syria with the Irish Foreign Minister."
    assert [c for c, _ in discussed_countries(text, [(0, len(text))])] == ["Syria"]
