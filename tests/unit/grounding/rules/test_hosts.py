"""Who travels and who receives, from English grammar alone (`grounding.rules.hosts`)."""

from __future__ import annotations

import pytest

from grounding.rules.hosts import Roles, visit_roles


def _people(*names: str) -> list[tuple[str, list[str]]]:
    return [(n, [n, n.split()[-1]]) for n in names]


@pytest.mark.parametrize(
    ("sentence", "people", "hosts", "visitors"),
    [
        # The subject of a travel verb visits.
        (
            "President Biden will first travel to London for engagements with King Charles III.",
            ("Joe Biden", "King Charles III"),
            set(),
            {"Joe Biden"},
        ),
        (
            "Foreign Minister Taro Aso will visit the United States.",
            ("Taro Aso", "Condoleezza Rice"),
            set(),
            {"Taro Aso"},
        ),
        ("Prime Minister Kishida arrived in Hanoi on Sunday.", ("Fumio Kishida",), set(), {"Fumio Kishida"}),
        # A possessive makes the traveller of a noun.
        (
            "Modi's visit to Moscow was hosted by Putin.",
            ("Narendra Modi", "Vladimir Putin"),
            {"Vladimir Putin"},
            {"Narendra Modi"},
        ),
        # The subject of a receiving verb with a person as object hosts; a passive names the host after "by".
        (
            "Xi Jinping hosted visiting Vietnamese leader To Lam in Beijing.",
            ("Xi Jinping", "To Lam"),
            {"Xi Jinping"},
            {"To Lam"},
        ),
        (
            "Abe was welcomed by Trump at Mar-a-Lago.",
            ("Shinzo Abe", "Donald Trump"),
            {"Donald Trump"},
            {"Shinzo Abe"},
        ),
        # A visit paid, made or begun is travel; a determiner that is the subject's is no noun's.
        (
            "Anwar Ibrahim will pay an official visit to Japan at the invitation of Kishida.",
            ("Anwar Ibrahim", "Fumio Kishida"),
            set(),
            {"Anwar Ibrahim"},
        ),
        ("Ruto began a three-day state visit to China.", ("William Ruto",), set(), {"William Ruto"}),
        (
            "So, the President will head to Sharm el-Sheikh, Egypt, on Friday.",
            [("Joe Biden", ["Joe Biden", "the President"])],
            set(),
            {"Joe Biden"},
        ),
        # No traveller: a noun with a determiner, an object after "with", nothing received.
        ("Putin met Modi during his visit to India.", ("Vladimir Putin", "Narendra Modi"), set(), set()),
        (
            "Biden held talks with Sunak before travelling to Vilnius.",
            ("Joe Biden", "Rishi Sunak"),
            set(),
            set(),
        ),
        ("Scholz welcomed the agreement.", ("Olaf Scholz", "Emmanuel Macron"), set(), set()),
        # A sentence break ends a subject's reach.
        (
            "Lula met Macron. Later, he will travel to Rome.",
            ("Lula da Silva", "Emmanuel Macron"),
            set(),
            set(),
        ),
    ],
)
def test_visit_roles(
    sentence: str, people: tuple[str, ...] | list[tuple[str, list[str]]], hosts: set[str], visitors: set[str]
) -> None:
    roles = visit_roles(sentence, people if isinstance(people, list) else _people(*people))
    assert (roles.hosts, roles.visitors) == (hosts, visitors)


def test_a_bare_office_names_its_holder() -> None:
    people = [("Barack Obama", ["Barack Obama", "Obama", "The President"]), ("Gloria Arroyo", ["Arroyo"])]
    roles = visit_roles("The President will receive President Arroyo at the White House.", people)
    assert (roles.hosts, roles.visitors) == ({"Barack Obama"}, {"Gloria Arroyo"})


def test_one_person_in_both_roles_is_in_neither() -> None:
    people = _people("Anwar Ibrahim", "Prabowo Subianto")
    roles = visit_roles("Anwar visited Jakarta, and Anwar received Prabowo.", people)
    assert roles == Roles()  # nor where they went


def test_other_people_of_the_article_block_a_subject() -> None:
    sentence = (
        "President Cuong asked PM Luxon to convey his invitation to Governor-General Cindy Kiro "
        "to visit Viet Nam."
    )
    people = [("Luong Cuong", ["Luong Cuong", "Cuong"])]
    assert visit_roles(sentence, people, ["Christopher Luxon", "Luxon", "Cindy Kiro"]) == Roles()
    # Without them the last person named before "visit" would be taken for the traveller.
    assert visit_roles(sentence, people).visitors == {"Luong Cuong"}


def test_a_traveller_comes_with_where_they_go() -> None:
    sentence = (
        "Mr. Taro Aso, Minister for Foreign Affairs, will visit the United States of America, "
        "Russia and Egypt."
    )
    roles = visit_roles(sentence, _people("Taro Aso"))
    ((name, words),) = roles.destinations
    assert name == "Taro Aso" and words.startswith(" the United States of America, Russia and Egypt")


def test_a_traveller_s_destination_ends_where_a_purpose_begins() -> None:
    """ "visited East Africa this week to meet with ... U.S. embassy teams": East Africa, not the
    United States the purpose names."""
    sentence = (
        "Gen. Ann Lee visited East Africa this week to meet with political leaders and U.S. embassy teams."
    )
    ((name, words),) = visit_roles(sentence, _people("Ann Lee")).destinations
    assert name == "Ann Lee" and "East Africa" in words and "U.S." not in words
    # "travel to X": the direction's "to" stays, the places after it too.
    ((_, direction),) = visit_roles(
        "Ann Lee will travel to Paris and Berlin.", _people("Ann Lee")
    ).destinations
    assert "Paris and Berlin" in direction
