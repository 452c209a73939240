"""The eval runner, reports and compare, end to end against a respx-mocked upstream."""

from __future__ import annotations

import json
from pathlib import Path

import httpx
import pytest
import respx

from evals.__main__ import main
from evals.cases import load_cases
from tests.conftest import LLM_BASE, completion, gold_as_llm_output, seed


def _answer_from_gold(request: httpx.Request) -> httpx.Response:
    body = json.loads(request.content)
    article = body["messages"][-1]["content"]
    for stem in (
        "000_992ab47ca5ee5213",
        "001_80fe66ff6ee15a4c",
        "002_d963c0a2f59796ce",
        "003_ee914f4da08c8a1e",
        "004_6d784a81d65f7209",
    ):
        if seed(stem)[0][:80] in article:
            return httpx.Response(200, json=completion(gold_as_llm_output(stem)))
    return httpx.Response(200, json=completion({"events": []}))


@pytest.fixture
def upstream(monkeypatch: pytest.MonkeyPatch) -> respx.MockRouter:
    monkeypatch.setenv("LLM_MODE", "tools")
    monkeypatch.setenv("LLM_TRANSPORT_RETRIES", "0")
    with respx.mock(base_url=LLM_BASE, assert_all_called=False) as router:
        yield router


def test_run_writes_results_reports_and_compare_gates(
    upstream: respx.MockRouter,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr("evals.runner.REGISTRY", tmp_path / "registry.jsonl")
    upstream.post("/chat/completions").mock(side_effect=_answer_from_gold)
    good = tmp_path / "good"
    args = ["run", "--prompt", "v1", "--prompt", "v2", "--model", "mock-model", "--base-url", LLM_BASE]
    assert main([*args, "--out", str(good)]) == 0
    results = json.loads((good / "results.json").read_text(encoding="utf-8"))
    assert [(c["prompt"], c["model"]) for c in results["cells"]] == [
        ("v1", "mock-model"),
        ("v2", "mock-model"),
    ]
    for cell in results["cells"]:
        assert cell["summary"]["micro"]["events"]["f1"] == 1.0
        assert cell["summary"]["validity"] == 1.0
        assert cell["settings"]["prompt_sha256"].keys() == {"v1", "v2"}
        assert len(cell["cases"]) == 5
    md = (good / "report.md").read_text(encoding="utf-8")
    assert "| v1 | mock-model | **1.00** |" in md  # ties for best are all marked
    page = (good / "report.html").read_text(encoding="utf-8")
    assert "<mark" in page and "000_992ab47ca5ee5213" in page and "http" not in page.split("<body>")[0]
    assert len((tmp_path / "registry.jsonl").read_text().splitlines()) == 1

    upstream.post("/chat/completions").mock(return_value=httpx.Response(200, json=completion({"events": []})))
    bad = tmp_path / "bad"
    assert main([*args, "--out", str(bad)]) == 0
    capsys.readouterr()
    assert main(["compare", str(good), str(bad)]) == 1
    out = capsys.readouterr().out
    assert "REGRESSION" in out and "event F1" in out
    assert main(["compare", str(good), str(good)]) == 0
    assert main(["compare", str(bad), str(good)]) == 0  # improvements are not regressions


def test_cases_from_any_folder(tmp_path: Path) -> None:
    (tmp_path / "a1.txt").write_text(
        " date 2024-06-12 Ann Lee met Bo Kim in Oslo on Monday.", encoding="utf-8"
    )
    gold = {
        "case": "a1",
        "events": [{"participants": [{"name": "Ann Lee"}, {"name": "Bo Kim"}], "date": "2024-06-10"}],
    }
    (tmp_path / "a1.json").write_text(json.dumps(gold), encoding="utf-8")
    [case] = load_cases(tmp_path)
    assert case.text == "Ann Lee met Bo Kim in Oslo on Monday."
    assert case.published is not None and case.published.isoformat() == "2024-06-12"
    with pytest.raises(FileNotFoundError):
        load_cases(tmp_path / "empty")
