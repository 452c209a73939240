"""Eval cases on disk: one gold JSON file per article, like openai/evals' one sample per line.

A gold file (`<case>.json`) holds `case`, `article` (path of the article file, relative to the
gold file's folder, to the repository root, or absolute; default `<case>.txt` beside it),
`published`, `notes` and `events` in the service's response shape. The article file may start with
a `date YYYY-MM-DD` line, which is the publication date when the gold file gives none.

A case set is a folder of gold files (`evals/gold/seeds`, `evals/gold/dev`, `evals/gold/test`); sets
are scored and reported separately, never pooled. Dev and test files also record where the article
came from (`source_url`, `licence`, `cleaning`; test files also `issuer`) and `tags` from `TAGS`.
A gold event may give `outcome_spans`, the article text stating each outcome (same order), which
the scorer's outcome rule uses.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from service.cli.articles import read_article
from service.core.config import PROJECT_ROOT

GOLD_ROOT = PROJECT_ROOT / "evals" / "gold"
DEFAULT_CASES = GOLD_ROOT / "seeds"
DEFAULT_SETS = (GOLD_ROOT / "seeds", GOLD_ROOT / "dev", GOLD_ROOT / "test")
TAGS = frozenset(
    {
        "multi",
        "call",
        "planned",
        "relative_date",
        "diacritics",
        "long",
        "negative",
        "single",
        # test split (issue 17): a news agency's third-person report, not an office's own readout;
        # a principal named family-name first or in a non-Western order; an issuer other than the
        # US State Department / White House, UK No 10 / FCDO, the Kremlin and Japan's MOFA.
        "news",
        "name_order",
        "other_issuer",
    }
)
PROVENANCE_KEYS = ("source_url", "licence", "cleaning", "tags")


@dataclass(frozen=True)
class Case:
    """One article with its gold events."""

    case: str
    text: str
    published: dt.date | None
    gold: list[dict[str, Any]]
    article_path: Path
    tags: tuple[str, ...] = ()


@dataclass(frozen=True)
class CaseSet:
    """The cases of one folder: scored and reported as a unit."""

    name: str
    folder: Path
    cases: list[Case]


def _article_path(gold_file: Path, declared: str | None) -> Path:
    if not declared:
        return gold_file.with_suffix(".txt")
    p = Path(declared)
    if p.is_absolute():
        return p
    for base in (gold_file.parent, PROJECT_ROOT):
        if (base / p).is_file():
            return base / p
    return gold_file.parent / p


def load_cases(folder: Path = DEFAULT_CASES) -> list[Case]:
    """Load every `*.json` gold file of a folder, sorted by name.

    Raises:
        FileNotFoundError: a gold file's article is missing, or the folder has no gold file.
    """
    cases: list[Case] = []
    for gold_file in sorted(folder.glob("*.json")):
        doc = json.loads(gold_file.read_text(encoding="utf-8"))
        path = _article_path(gold_file, doc.get("article"))
        if not path.is_file():
            raise FileNotFoundError(f"{gold_file}: article {path} not found")
        text, published = read_article(path)
        if doc.get("published"):
            published = dt.date.fromisoformat(doc["published"])
        cases.append(
            Case(
                doc.get("case", gold_file.stem),
                text,
                published,
                doc.get("events", []),
                path,
                tuple(doc.get("tags", [])),
            )
        )
    if not cases:
        raise FileNotFoundError(f"no gold *.json files in {folder}")
    return cases


def load_set(folder: Path) -> CaseSet:
    """Load a folder as a case set named after the folder.

    Raises:
        FileNotFoundError: as `load_cases`.
    """
    return CaseSet(folder.name, folder, load_cases(folder))


def default_sets() -> list[Path]:
    """The folders a run uses when none is given: the seeds, and dev and test when they hold gold files."""
    return [d for d in DEFAULT_SETS if d == DEFAULT_CASES or any(d.glob("*.json"))]
