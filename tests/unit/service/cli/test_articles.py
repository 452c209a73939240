"""service.cli.articles: an article file's optional date line."""

from __future__ import annotations

import datetime as dt

from service.cli.articles import parse_article


def test_parse_article_date_line() -> None:
    assert parse_article(" date 2025-09-23 NEW YORK — text") == ("NEW YORK — text", dt.date(2025, 9, 23))
    assert parse_article("No date here.") == ("No date here.", None)
