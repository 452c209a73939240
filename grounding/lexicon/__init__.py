"""Language knowledge as data: each file here holds the word lists and patterns of one concept,
loaded once, checked when loaded (a pattern that does not compile fails at start-up, not on the
article that reaches it), and used by name.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path
from typing import Any

import yaml

LEXICON_DIR = Path(__file__).parent


class LexiconError(ValueError):
    """A lexicon file is missing a key or holds a pattern that does not compile."""


@cache
def load(name: str) -> dict[str, Any]:
    """The mapping of `grounding/lexicon/<name>.yaml`.

    Raises:
        LexiconError: the file is not a YAML mapping.
    """
    path = LEXICON_DIR / f"{name}.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    if not isinstance(data, dict):
        raise LexiconError(f"{path}: not a mapping")
    return data


def patterns(name: str, key: str, **fill: str) -> tuple[re.Pattern[str], ...]:
    """The compiled case-insensitive patterns under `key`, with `{placeholder}`s filled.

    Args:
        name: the lexicon file's stem.
        key: the list of patterns in it.
        fill: placeholder values (e.g. `cue=...`).

    Returns:
        The compiled patterns.

    Raises:
        LexiconError: the key is missing, not a list of strings, or a pattern does not compile.
    """
    raw = load(name).get(key)
    if not isinstance(raw, list) or not all(isinstance(p, str) for p in raw):
        raise LexiconError(f"{name}.yaml: {key!r} must be a list of patterns")
    compiled = []
    for pattern in raw:
        text = pattern
        for placeholder, value in fill.items():
            text = text.replace("{" + placeholder + "}", value)
        try:
            compiled.append(re.compile(text, re.IGNORECASE))
        except re.error as e:
            raise LexiconError(f"{name}.yaml: {key!r}: {pattern!r}: {e}") from e
    return tuple(compiled)
