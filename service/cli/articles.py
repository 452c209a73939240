"""Reading article files: an optional leading `date YYYY-MM-DD` line gives the publication date."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

_DATE_LINE = re.compile(r"^\s*date\s+([0-9]{4}-[0-9]{2}-[0-9]{2})\s*")


def parse_article(raw: str) -> tuple[str, dt.date | None]:
    """Split a raw article into its text and publication date.

    Args:
        raw: the file's content; the seeds start with " date 2025-09-23 " before the text.

    Returns:
        The text without the date prefix, and the date (None when there is no date line).
    """
    m = _DATE_LINE.match(raw)
    if not m:
        return raw, None
    try:
        published = dt.date.fromisoformat(m.group(1))
    except ValueError:
        return raw, None
    return raw[m.end() :], published


def read_article(path: Path) -> tuple[str, dt.date | None]:
    """Read an article file (UTF-8) and parse its date line."""
    return parse_article(path.read_text(encoding="utf-8"))
