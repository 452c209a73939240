"""service.pipeline.prompts: prompts as data, validated on load, rendered in a sandbox."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from jinja2.exceptions import SecurityError

from grounding.text.sentences import sentences
from service.core.config import PROJECT_ROOT
from service.pipeline.prompts import PromptLoadError, PromptRegistry


def test_prompts_load_validate_and_render() -> None:
    registry = PromptRegistry.load(PROJECT_ROOT / "prompts", "meeting_events", "v1")
    assert [p.version for p in registry.all()] == ["v1", "v2", "v3", "v4", "v5", "v6", "v7", "v8", "v9"]
    v2 = registry.get("v2")
    messages = v2.render("ARTICLE TEXT", dt.date(2025, 1, 2))
    assert [m["role"] for m in messages] == ["system", "user", "assistant", "user"]
    assert "2025-01-02" in messages[-1]["content"] and "ARTICLE TEXT" in messages[-1]["content"]
    assert registry.get(None).version == "v1"


def test_few_shot_examples_are_not_from_the_seeds() -> None:
    registry = PromptRegistry.load(PROJECT_ROOT / "prompts", "meeting_events", "v1")
    # Neither from the seeds nor from the dev set: both are what the prompts are measured on.
    sources = [
        *(PROJECT_ROOT / "seeds").glob("*.txt"),
        *(PROJECT_ROOT / "evals" / "gold" / "dev").glob("*.txt"),
    ]
    seed_texts = [p.read_text(encoding="utf-8") for p in sources]
    for spec in registry.all():
        for ex in spec.examples:
            for sentence in sentences(ex.text):
                assert not any(sentence[:60] in s for s in seed_texts)


def _write(tmp_path: Path, version: str, body: str) -> Path:
    folder = tmp_path / "meeting_events"
    folder.mkdir(exist_ok=True)
    (folder / f"{version}.yaml").write_text(body, encoding="utf-8")
    return tmp_path


def test_invalid_prompt_files_are_rejected(tmp_path: Path) -> None:
    base = "name: meeting_events\nversion: v1\ndescription: d\nsystem: s\nuser: '{{ text }}'\n"
    _write(tmp_path, "v1", base + "unknown_key: 1\n")
    with pytest.raises(PromptLoadError, match="unknown_key"):
        PromptRegistry.load(tmp_path, "meeting_events", "v1")
    _write(tmp_path, "v1", base.replace("'{{ text }}'", "'{% if %}'"))
    with pytest.raises(PromptLoadError, match="does not compile"):
        PromptRegistry.load(tmp_path, "meeting_events", "v1")
    bad_example = base + (
        "examples:\n  - text: 'Ann Lee met Bo Kim.'\n    output: {events: [{evidence: ['made up'],"
        " participants: [{name: Ann Lee}, {name: Bo Kim}]}]}\n"
    )
    _write(tmp_path, "v1", bad_example)
    with pytest.raises(PromptLoadError, match="not in the article"):
        PromptRegistry.load(tmp_path, "meeting_events", "v1")


def test_templates_are_sandboxed(tmp_path: Path) -> None:
    body = (
        "name: meeting_events\nversion: v1\ndescription: d\nsystem: s\nuser: '{{ text.__class__.__mro__ }}'\n"
    )
    registry = PromptRegistry.load(_write(tmp_path, "v1", body), "meeting_events", "v1")
    with pytest.raises(SecurityError):
        registry.get("v1").render("x", None)


def test_a_numbered_prompt_shows_numbered_sentences_and_checks_its_examples_by_number() -> None:
    registry = PromptRegistry.load(PROJECT_ROOT / "prompts", "meeting_events", "v2")
    v4 = registry.get("v4")
    assert v4.citations == "sentence_numbers" and registry.get("v2").citations == "quotes"
    messages = v4.render("MOSCOW, May 3\nPutin met Xi. They talked.", dt.date(2024, 5, 3))
    assert "[1] MOSCOW, May 3\n[2] Putin met Xi. [3] They talked." in messages[-1]["content"]
    assert messages[1]["content"].count("[1] ") == 1  # the example article is numbered too
    article = v4.article("Putin met Xi. They talked.", None)
    assert article.numbered == ("Putin met Xi.", "They talked.")
    assert registry.get("v2").article("Putin met Xi.", None).numbered == ()


def test_an_example_citing_a_missing_sentence_is_refused(tmp_path: Path) -> None:
    body = (
        "name: meeting_events\nversion: v1\ndescription: d\nsystem: s\nuser: '{{ text }}'\n"
        "citations: sentence_numbers\n"
        "examples:\n  - text: 'Ann Lee met Bo Kim.'\n    output: {events: [{evidence: [2],"
        " participants: [{name: Ann Lee}, {name: Bo Kim}]}]}\n"
    )
    _write(tmp_path, "v1", body)
    with pytest.raises(PromptLoadError, match="does not exist"):
        PromptRegistry.load(tmp_path, "meeting_events", "v1")
