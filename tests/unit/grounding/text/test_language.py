"""English or not: the share of English function words, read from the lexicon."""

from __future__ import annotations

import pytest

from grounding.text.language import english_share, reads_as_english, share_without_names


@pytest.mark.parametrize(
    ("text", "english"),
    [
        (
            "President Ann Lee met Prime Minister Bo Kim in Madrid on Monday to discuss trade between "
            "the two countries.",
            True,
        ),
        (
            "El presidente Pedro Sánchez se reunió el lunes en Madrid con el primer ministro de "
            "Portugal para hablar de la cooperación entre los dos países.",
            False,
        ),
        (
            "Le président a rencontré lundi à Paris le chancelier allemand pour discuter de la "
            "coopération entre les deux pays.",
            False,
        ),
        ("Ministers met.", True),  # too short to judge: no note
        # Names are no language's words: a short report full of them is judged by the others.
        ("President Ann Lee visited Prime Minister Bo Kim in Tokyo on Monday.", True),
        (
            "Der Bundeskanzler traf am Montag in Berlin den französischen Präsidenten zu Gesprächen "
            "über die Zusammenarbeit der beiden Länder.",
            False,
        ),
        # German capitalises its nouns: its few other words hold "in" twice, still not English.
        (
            "Der Bundeskanzler traf am Montag in Berlin den französischen Präsidenten zu Gesprächen "
            "über die Zusammenarbeit der beiden Länder und die Lage in der Ukraine.",
            False,
        ),
        (
            "Presiden Joko Widodo bertemu dengan Perdana Menteri Jepang di Istana Merdeka pada hari "
            "Senin untuk membahas kerja sama kedua negara.",
            False,
        ),
    ],
)
def test_reads_as_english(text: str, english: bool) -> None:
    assert reads_as_english(text) is english


def test_share_counts_words() -> None:
    share, n = english_share("The talks were held in Hanoi.")
    assert n == 6 and share == pytest.approx(3 / 6)
    # "Hanoi", a capitalised word that is no function word, is a name: not counted here.
    assert share_without_names("The talks were held in Hanoi.") == pytest.approx(3 / 5)
