"""grounding.candidates: what an article offers a model to copy."""

from __future__ import annotations

from grounding.candidates import (
    countries_mentioned,
    date_phrases,
    name_runs,
    offices_mentioned,
    person_candidates,
)
from tests.conftest import seed


def test_person_candidates_of_a_seed() -> None:
    text, _ = seed("003_ee914f4da08c8a1e")
    people = person_candidates(text)
    assert "Christopher Luxon" in people and "Lương Cường" in people
    assert "New Zealand" not in people and "Việt Nam" not in people


def test_name_runs_cut_titles_and_never_list_months_or_weekdays() -> None:
    runs = name_runs("Prime Minister Giorgia Meloni met him on Tuesday in May.")
    assert "Giorgia Meloni" in runs and "Meloni" in runs
    assert not {"Prime", "Minister", "Tuesday", "May"} & set(runs)


def test_date_phrases_in_order_as_written() -> None:
    text = "On Wednesday they met; on 3 March 2025 and Sept. 22 they talk again, as on Wednesday."
    assert date_phrases(text) == ["On Wednesday", "3 March 2025", "Sept. 22", "on Wednesday"]


def test_offices_and_countries_mentioned() -> None:
    text = "Vietnamese State President Lương Cường received New Zealand's Prime Minister."
    assert offices_mentioned(text) == ["State President", "President", "Prime Minister", "Minister"]
    assert countries_mentioned(text) == ["Vietnam", "New Zealand"]
