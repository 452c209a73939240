"""Prompts as data, chunking of long articles, article grammars, seed parsing."""

from __future__ import annotations

import datetime as dt
import itertools
from pathlib import Path

import httpx
import pytest
import respx
from fastapi.testclient import TestClient
from jinja2.exceptions import SecurityError

from service.articles import parse_article
from service.chunking import split_text
from service.config import PROJECT_ROOT
from service.constrain import constrained_schema, date_phrases, person_candidates, sentences
from service.prompts import PromptLoadError, PromptRegistry
from tests.conftest import completion, gold_as_llm_output, seed


def test_prompts_load_validate_and_render() -> None:
    registry = PromptRegistry.load(PROJECT_ROOT / "prompts", "meeting_events", "v1")
    assert [p.version for p in registry.all()] == ["v1", "v2"]
    v2 = registry.get("v2")
    messages = v2.render("ARTICLE TEXT", dt.date(2025, 1, 2))
    assert [m["role"] for m in messages] == ["system", "user", "assistant", "user"]
    assert "2025-01-02" in messages[-1]["content"] and "ARTICLE TEXT" in messages[-1]["content"]
    assert registry.get(None).version == "v1"


def test_few_shot_examples_are_not_from_the_seeds() -> None:
    registry = PromptRegistry.load(PROJECT_ROOT / "prompts", "meeting_events", "v1")
    seed_texts = [p.read_text(encoding="utf-8") for p in (PROJECT_ROOT / "seeds").glob("*.txt")]
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


def test_split_text_at_sentences_with_overlap() -> None:
    sentences_ = [f"Sentence number {i} is here." for i in range(40)]
    text = " ".join(sentences_)
    chunks = split_text(text, max_chars=200, overlap_chars=60)
    assert len(chunks) > 1
    for c in chunks:
        assert len(c.text) <= 200
        assert text[c.offset : c.offset + len(c.text)] == c.text
        assert c.text.startswith("Sentence") and c.text.endswith(".")
    for a, b in itertools.pairwise(chunks):
        assert b.offset < a.offset + len(a.text)  # overlap
    assert chunks[-1].text.endswith("39 is here.")
    assert split_text("short", 200, 50)[0].text == "short"


def test_long_article_is_chunked_and_events_merged(client_factory: object, llm: respx.MockRouter) -> None:
    client: TestClient = client_factory(service_chunk_chars=800, service_chunk_overlap_chars=200)  # type: ignore[operator]
    stem = "001_80fe66ff6ee15a4c"
    text, _ = seed(stem)
    answer = gold_as_llm_output(stem)

    def reply(request: httpx.Request) -> httpx.Response:
        body = request.content.decode()
        if "Emomali Rahmon met with the President" in body:
            return httpx.Response(200, json=completion(answer))
        return httpx.Response(200, json=completion({"events": []}))

    route = llm.post("/chat/completions").mock(side_effect=reply)
    r = client.post("/v1/extract", json={"text": text})
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["meta"]["chunks"] == route.call_count > 1
    assert len(body["events"]) == 1
    ev = body["events"][0]["evidence"][0]
    assert text[ev["start"] : ev["end"]] == ev["quote"]  # offsets relative to the whole article


def test_article_grammar_draws_from_the_article() -> None:
    text, _ = seed("003_ee914f4da08c8a1e")
    people = person_candidates(text)
    assert "Christopher Luxon" in people and "Lương Cường" in people
    assert "New Zealand" not in people and "Việt Nam" not in people
    assert "on Wednesday" in date_phrases(text)
    schema = constrained_schema(text)
    props = schema["$defs"]["LLMEvent"]["properties"]
    assert all(s in text for s in props["evidence"]["items"]["enum"])
    country_enum = schema["$defs"]["LLMParticipant"]["properties"]["country"]["anyOf"][0]["enum"]
    assert set(country_enum) == {"Vietnam", "New Zealand"}


def test_grammar_literals_avoid_ascii_double_quotes() -> None:
    text, _ = seed("004_6d784a81d65f7209")
    assert '"' in text
    assert not any('"' in s for s in sentences(text))


def test_parse_article_date_line() -> None:
    assert parse_article(" date 2025-09-23 NEW YORK — text") == ("NEW YORK — text", dt.date(2025, 9, 23))
    assert parse_article("No date here.") == ("No date here.", None)
