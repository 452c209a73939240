"""grounding.text.names: tolerant person-name matching and names restored as the article writes them."""

from __future__ import annotations

from grounding.article import ArticleContext
from grounding.text.names import canonical_name, family_name_written, is_mentioned, name_tokens, same_person
from tests.conftest import seed


def test_names_are_matched_tolerantly_and_restored() -> None:
    text, _ = seed("003_ee914f4da08c8a1e")
    words = ArticleContext(text).folded_words
    assert is_mentioned("President Cường", words)
    assert is_mentioned("Luong Cuong", words)
    assert is_mentioned("PM Luxon", words)
    assert not is_mentioned("Boris Johnson", words)
    assert not is_mentioned("President", words)
    assert canonical_name("President Cuong", text) == "Lương Cường"
    assert canonical_name("luxon", text) == "Christopher Luxon"
    assert canonical_name("Ha Noi", text) == "Hà Nội"  # running text, not the all-caps dateline


def test_a_name_written_only_in_the_possessive_is_mentioned() -> None:
    words = ArticleContext("They raised Theary Seng’s case and Ann Lee's trip with Mr Ng.").folded_words
    assert is_mentioned("Theary Seng", words) and is_mentioned("Ann Lee", words)
    assert not is_mentioned("Ann Le", words)  # a short token still matches exactly, possessive or not


def test_same_person() -> None:
    assert name_tokens("President Emomali Rahmon") == ["emomali", "rahmon"]
    assert same_person("Rakhmon", "Emomali Rahmon")  # transliteration drift in a long token
    assert same_person("Cường", "State President Lương Cường")
    assert not same_person("Putin", "Emomali Rahmon")
    assert not same_person("Lee", "Li")  # short tokens must be equal
    assert not same_person("President", "Vladimir Putin")  # a title names nobody


def test_a_part_of_a_hyphenated_surname_is_the_same_person() -> None:
    assert same_person("President Arroyo", "Gloria Macapagal-Arroyo")
    assert not same_person("Gloria Arroyo", "Gloria Macapagal")


def test_a_lone_surname_is_not_widened_by_the_word_opening_its_sentence() -> None:
    text = "Prime Minister Harper met President Bush. But Bush found out. Then Putin spoke to Vladimir Putin."
    assert canonical_name("Bush", text) == "Bush"
    assert canonical_name("Putin", text) == "Vladimir Putin"


def test_a_possessive_is_no_part_of_the_article_s_form_of_a_name() -> None:
    text = "Readout of Secretary of Defense Ash Carter's call with Minister Ng Eng Hen"
    assert canonical_name("Ash Carter", text) == "Ash Carter"
    assert canonical_name("Vladimir Putin", "Vladimir Putin’s visit to Beijing") == "Vladimir Putin"


def test_a_headline_s_preposition_starts_no_fuller_form_of_a_surname() -> None:
    text = "Meeting With Ghani in Munich\nMattis met with Afghanistan President Ashraf Ghani."
    assert canonical_name("Ghani", text) == "Ashraf Ghani"


def test_a_family_name_written_first_names_its_person_alone() -> None:
    people = ["Xi Jinping", "Moon Jae-in", "Mohamed Solih", "Mohamed Asim"]
    assert family_name_written("Xi Jinping", "On the same day, Xi also ", people)
    assert family_name_written("Moon Jae-in", "Moon said", people)
    assert not family_name_written(
        "Xi Jinping", "Xi Jinping also ", people
    )  # the full name is read otherwise
    assert not family_name_written("Xi Jinping", "the xi ", people)  # not as the name writes it
    assert not family_name_written("Mohamed Solih", "Mohamed said", people)  # two Mohameds
    assert not family_name_written("Jinping", "Jinping said", people)  # one word: no first word of a name


def test_a_family_name_written_as_a_pronoun_stays_in_the_name() -> None:
    text = "Chinese Vice Premier He Lifeng met Treasury Secretary Janet Yellen. He said it went well."
    assert name_tokens("He Lifeng") == ["he", "lifeng"]
    assert canonical_name("He Lifeng", text) == "He Lifeng"
    assert name_tokens("He") == [] and name_tokens("President He") == []


def test_a_surname_inside_a_longer_name_names_the_person() -> None:
    """ "Lula" of Luiz Inacio Lula da Silva, "Sheinbaum" of Claudia Sheinbaum Pardo: a word inside a
    name of three or more, written alone; not beside the name's other words, nor shared."""
    lula, people = "Luiz Inacio Lula da Silva", ["Luiz Inacio Lula da Silva", "Li Qiang"]
    assert family_name_written(lula, "Lula also met ", people)
    assert family_name_written("Claudia Sheinbaum Pardo", "Sheinbaum said ", ["Claudia Sheinbaum Pardo"])
    assert not family_name_written(lula, "Inacio Lula met ", people)
    assert not family_name_written(lula, "Lula da Silva met ", people)
    assert not family_name_written(lula, "Lula met ", [*people, "Ana Lula Costa"])
