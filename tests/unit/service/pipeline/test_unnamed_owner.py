"""service.pipeline.unnamed.only_as_owner: a person written only as the owner of someone else."""

from __future__ import annotations

import datetime as dt

import pytest

from grounding.article import ArticleContext
from service.pipeline.unnamed import only_as_owner


@pytest.mark.parametrize(
    ("sentence", "name", "owner"),
    [
        ("President Ann Lee met Prime Minister Bo Kim's predecessor on Monday.", "Bo Kim", True),
        ("President Ann Lee met Prime Minister Bo Kim's former foreign minister.", "Bo Kim", True),
        ("President Ann Lee's envoy met Prime Minister Bo Kim in Paris.", "Ann Lee", True),
        # The owner's own meeting or visit, or a plain mention beside: the person met.
        ("Prime Minister Bo Kim's first meeting with President Ann Lee was in Paris.", "Bo Kim", False),
        ("Prime Minister Bo Kim's visit to Paris ended after she met Lee.", "Bo Kim", False),
        ("Kim met President Ann Lee and praised Lee's envoy.", "Ann Lee", False),
    ],
)
def test_a_person_written_only_as_someone_else_s_owner_did_not_meet(
    sentence: str, name: str, owner: bool
) -> None:
    article = ArticleContext(f"News\n\n{sentence}\n", dt.date(2024, 5, 6))
    assert only_as_owner(name, [sentence], article) is owner
