"""The eval runner, reports and compare, end to end against a respx-mocked upstream."""

from __future__ import annotations

import asyncio
import json
import shutil
from pathlib import Path
from typing import Any

import httpx
import pytest
import respx

from evals.__main__ import main
from evals.cases import GOLD_ROOT, load_cases, load_set
from evals.compare import compare, parse_pair
from evals.results import upgrade
from tests.conftest import LLM_BASE, completion, gold_as_llm_output, seed

SEEDS = GOLD_ROOT / "seeds"
STEMS = [p.stem for p in sorted(SEEDS.glob("*.json"))]


def _peer_answer(stem: str) -> dict[str, Any]:
    """A plain JSON-mode script's answer from a good model: the first gold event only, ISO date."""
    first = json.loads((SEEDS / f"{stem}.json").read_text(encoding="utf-8"))["events"][0]
    return {"events": [{**gold_as_llm_output(stem)["events"][0], "date": first["date"]}]}


def _answer_from_gold(request: httpx.Request) -> httpx.Response:
    body = json.loads(request.content)
    article = body["messages"][-1]["content"]
    peer = "tools" not in body  # the service asks in tools mode here; the plain peer in JSON mode
    for stem in STEMS:
        if seed(stem)[0][:80] in article:
            if peer:
                return httpx.Response(200, json=completion(_peer_answer(stem), mode="json"))
            return httpx.Response(200, json=completion(gold_as_llm_output(stem)))
    return httpx.Response(200, json=completion({"events": []}, mode="json" if peer else "tools"))


@pytest.fixture
def upstream(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> respx.MockRouter:
    monkeypatch.setenv("LLM_MODE", "tools")
    monkeypatch.setenv("LLM_TRANSPORT_RETRIES", "0")
    monkeypatch.setattr("evals.runner.REGISTRY", tmp_path / "registry.jsonl")
    monkeypatch.setattr("evals.runner.RUNS_DIR", tmp_path)
    with respx.mock(base_url=LLM_BASE, assert_all_called=False) as router:
        yield router


def _tiny_set(root: Path) -> Path:
    """A second case set: one negative article (no event) and one article the model gets wrong."""
    folder = root / "tiny"
    folder.mkdir()
    (folder / "n1.txt").write_text(
        "date 2024-06-12\nAnn Lee may visit Oslo at a convenient time.", encoding="utf-8"
    )
    (folder / "n1.json").write_text(
        json.dumps({"case": "n1", "tags": ["negative"], "events": []}), encoding="utf-8"
    )
    (folder / "m1.txt").write_text("date 2024-06-12\nAnn Lee met Bo Kim in Oslo on Monday.", encoding="utf-8")
    gold = {
        "participants": [{"name": "Ann Lee"}, {"name": "Bo Kim"}],
        "date": "2024-06-10",
        "status": "occurred",
    }
    (folder / "m1.json").write_text(
        json.dumps({"case": "m1", "tags": ["single", "relative_date"], "events": [gold]}), encoding="utf-8"
    )
    return folder


def test_run_reports_each_set_with_intervals_peers_and_compare(
    upstream: respx.MockRouter, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    upstream.post("/chat/completions").mock(side_effect=_answer_from_gold)
    tiny = _tiny_set(tmp_path)
    good = tmp_path / "good"
    args = ["run", "--prompt", "v1", "--model", "mock-model", "--base-url", LLM_BASE]
    args += ["--cases", str(SEEDS), "--cases", str(tiny)]
    assert main([*args, "--peer", "instructor", "--out", str(good)]) == 0
    results = json.loads((good / "results.json").read_text(encoding="utf-8"))
    assert [s["name"] for s in results["sets"]] == ["seeds", "tiny"]
    assert [(c["prompt"], c["model"], c["kind"]) for c in results["cells"]] == [
        ("v1", "mock-model", "service"),
        ("peer:instructor", "mock-model", "peer"),
    ]
    service, peer = results["cells"]
    seeds = service["sets"]["seeds"]["summary"]
    assert seeds["figures"]["event_f1_strict"] == {"value": 1.0, "ci": [1.0, 1.0]}
    assert seeds["figures"]["success_rate"]["value"] == 1.0
    assert len(service["sets"]["seeds"]["cases"]) == 5
    # The tiny set is scored on its own: the negative is right, the meeting missed.
    small = service["sets"]["tiny"]["summary"]
    assert small["figures"]["event_f1_strict"]["value"] == 0.0
    assert small["by_tag"]["negative"] == {
        "cases": 1,
        "event_f1_strict": 1.0,
        "event_r_strict": 1.0,
        "unsupported": None,
        "status": None,
        "date": None,
        "no_event": 1,
    }
    assert small["by_tag"]["relative_date"]["cases"] == 1
    # The peer answered the first gold event of each seed: strict recall below 1, every request fine.
    peer_seeds = peer["sets"]["seeds"]["summary"]["figures"]
    assert peer_seeds["success_rate"]["value"] == 1.0
    assert peer_seeds["event_p_strict"]["value"] == 1.0
    assert peer["settings"]["backend"] == "peer:instructor"
    md = (good / "report.md").read_text(encoding="utf-8")
    assert "## Set `seeds`" in md and "## Set `tiny`" in md and "no event on 1 of 1" in md
    assert "| v1 | mock-model | **1.00 [1.00, 1.00]** |" in md
    page = (good / "report.html").read_text(encoding="utf-8")
    assert page.count("<svg") == 2 and "hsl(120, 65%, 78%)" in page and "hsl(0, 65%, 78%)" in page
    head = page.split("<body>")[0]
    assert "http" not in head and "<script" not in page
    registry = [json.loads(x) for x in (tmp_path / "registry.jsonl").read_text().splitlines()]
    assert registry[0]["event_f1_strict"]["seeds:v1xmock-model"] == 1.0

    upstream.post("/chat/completions").mock(return_value=httpx.Response(200, json=completion({"events": []})))
    bad = tmp_path / "bad"
    assert main([*args, "--out", str(bad)]) == 0
    capsys.readouterr()
    assert main(["compare", str(good), str(bad)]) == 1
    out = capsys.readouterr().out
    assert "REGRESSION" in out and "[seeds] v1 x mock-model" in out and "outside the noise" in out
    assert main(["compare", str(good), str(good)]) == 0
    assert main(["compare", str(bad), str(good)]) == 0  # improvements are not regressions


def _doc(f1s: list[float], prompt: str = "v1") -> dict[str, Any]:
    """A results document whose cases found (1.0) or missed (0.0) their one event."""
    rows = []
    for i, f1 in enumerate(f1s):
        tp = int(f1)
        counts = {"events_strict.tp": tp, "events_strict.fp": 0, "events_strict.fn": 1 - tp}
        rows.append({"case": f"c{i}", "score": {"counts": counts}, "error": None})
    cell = {"prompt": prompt, "model": "m", "sets": {"dev": {"cases": rows, "summary": {}}}}
    return {"cells": [cell], "sets": [{"name": "dev"}]}


def test_compare_flags_only_drops_outside_the_noise() -> None:
    base = _doc([1.0] * 10)
    _, one_case = compare(base, _doc([0.0] + [1.0] * 9))
    assert one_case == []  # one case of ten: resamples without it show no change
    _, many = compare(base, _doc([0.0] * 6 + [1.0] * 4))
    assert [r.split(": ")[1].split(" 1.000")[0] for r in many] == ["event F1 (strict)", "event R (strict)"]
    assert all(r.startswith("[dev] v1 x m: ") for r in many)  # precision stayed 1.0: not flagged


def test_compare_pairs_a_new_prompt_with_the_default(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    base, worse = _doc([1.0] * 10), _doc([0.0] * 6 + [1.0] * 4, prompt="v7")
    lines, none = compare(base, worse)
    assert none == [] and lines == ["v7 x m: only in B"]  # no cell of the same prompt: nothing compared
    lines, found = compare(base, worse, [parse_pair("v1:m=v7:m")])
    assert lines[0] == "[dev] v1->v7 x m (10 shared cases)"
    assert found and all(r.startswith("[dev] v1->v7 x m: ") for r in found)
    assert compare(base, worse, [parse_pair("v2:m=v7:m")])[0] == ["v2 x m: not in A"]
    with pytest.raises(ValueError, match="PROMPT:MODEL=PROMPT:MODEL"):
        parse_pair("v1=v7")
    for name, doc in (("a", base), ("b", worse)):
        (tmp_path / name).mkdir()
        (tmp_path / name / "results.json").write_text(json.dumps(doc), encoding="utf-8")
    args = ["compare", str(tmp_path / "a"), str(tmp_path / "b")]
    assert main([*args, "--pair", "v1:m=v7:m"]) == 1 and "REGRESSION" in capsys.readouterr().out
    assert main([*args, "--pair", "v1-m"]) == 2


def test_old_results_are_rescored_by_the_current_scorer() -> None:
    gold = [_EVENT_AB]
    half = {**_EVENT_AB, "participants": [{"name": "Ann Lee"}, {"name": "Cy Ode"}]}
    old = {
        "cases_dir": "/x/evals/gold",
        "cases": [{"case": "a", "text": "Ann Lee met Bo Kim.", "gold": gold, "published": None}],
        "cells": [
            {
                "prompt": "v1",
                "model": "m",
                "cases": [
                    {"case": "a", "error": None, "prediction": [half], "score": {"events": {"f1": 1.0}}}
                ],
                "summary": {"validity": 1.0},
            }
        ],
    }
    new = upgrade(old)
    assert [s["name"] for s in new["sets"]] == ["seeds"]
    figures = new["cells"][0]["sets"]["seeds"]["summary"]["figures"]
    assert figures["event_f1"]["value"] == 1.0  # lenient, as the old run reported
    assert figures["event_f1_strict"]["value"] == 0.0  # the strict rule applied to the stored answer
    assert figures["success_rate"]["value"] == 1.0


_EVENT_AB = {
    "participants": [{"name": "Ann Lee"}, {"name": "Bo Kim"}],
    "date": None,
    "location": {},
    "topics": [],
}


def test_cases_from_any_folder(tmp_path: Path) -> None:
    (tmp_path / "a1.txt").write_text(
        " date 2024-06-12 Ann Lee met Bo Kim in Oslo on Monday.", encoding="utf-8"
    )
    gold = {
        "case": "a1",
        "tags": ["single"],
        "events": [{"participants": [{"name": "Ann Lee"}, {"name": "Bo Kim"}], "date": "2024-06-10"}],
    }
    (tmp_path / "a1.json").write_text(json.dumps(gold), encoding="utf-8")
    [case] = load_cases(tmp_path)
    assert case.text == "Ann Lee met Bo Kim in Oslo on Monday."
    assert case.published is not None and case.published.isoformat() == "2024-06-12"
    assert case.tags == ("single",)
    assert load_set(tmp_path).name == tmp_path.name
    with pytest.raises(FileNotFoundError):
        load_cases(tmp_path / "empty")


def test_runs_made_separately_merge_into_one_matrix(
    upstream: respx.MockRouter, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    upstream.post("/chat/completions").mock(side_effect=_answer_from_gold)
    tiny = _tiny_set(tmp_path)
    base = ["run", "--base-url", LLM_BASE, "--cases", str(tiny)]
    assert main([*base, "--prompt", "v1", "--model", "model-a", "--out", str(tmp_path / "a")]) == 0
    assert main([*base, "--prompt", "v2", "--model", "model-b", "--out", str(tmp_path / "b")]) == 0
    # Peers alone: no model cell, so they can run in a process of their own and be merged.
    peers = ["--peer", "instructor", "--peer-model", "model-a", "--out", str(tmp_path / "p")]
    assert main(["run", "--base-url", LLM_BASE, "--cases", str(tiny), *peers]) == 0
    merged = tmp_path / "merged"
    runs = [str(tmp_path / r) for r in ("a", "b", "p")]
    assert main(["merge", *runs, "--out", str(merged)]) == 0
    results = json.loads((merged / "results.json").read_text(encoding="utf-8"))
    assert [(c["prompt"], c["model"]) for c in results["cells"]] == [
        ("v1", "model-a"),
        ("v2", "model-b"),
        ("peer:instructor", "model-a"),
    ]
    assert results["peers"] == ["instructor"]
    assert results["prompts"] == ["v1", "v2"] and results["models"] == ["model-a", "model-b"]
    assert results["merged_from"] == ["a", "b", "p"]
    md = (merged / "report.md").read_text(encoding="utf-8")
    assert "| v1 | model-a |" in md and "| v2 | model-b |" in md
    registry = [json.loads(x) for x in (tmp_path / "registry.jsonl").read_text().splitlines()]
    assert set(registry[-1]["event_f1_strict"]) == {
        "tiny:v1xmodel-a",
        "tiny:v2xmodel-b",
        "tiny:peer:instructorxmodel-a",
    }

    # A peers-only run records the default prompt (v1) but ran none: the merge lists only v2.
    assert main(["merge", str(tmp_path / "b"), str(tmp_path / "p"), "--out", str(tmp_path / "bp")]) == 0
    assert json.loads((tmp_path / "bp" / "results.json").read_text(encoding="utf-8"))["prompts"] == ["v2"]

    # A run scored on other gold is refused: its figures would not be comparable.
    gold = json.loads((tiny / "m1.json").read_text(encoding="utf-8"))
    gold["events"][0]["date"] = "2024-06-11"
    (tiny / "m1.json").write_text(json.dumps(gold), encoding="utf-8")
    assert main([*base, "--prompt", "v1", "--model", "model-c", "--out", str(tmp_path / "c")]) == 0
    capsys.readouterr()
    assert main(["merge", str(tmp_path / "a"), str(tmp_path / "c"), "--out", str(tmp_path / "x")]) == 2
    assert "other cases or gold" in capsys.readouterr().err
    assert not (tmp_path / "x").exists()


def test_a_case_over_its_budget_counts_as_an_error(upstream: respx.MockRouter, tmp_path: Path) -> None:
    async def slow(request: httpx.Request) -> httpx.Response:
        await asyncio.sleep(5)
        return _answer_from_gold(request)

    upstream.post("/chat/completions").mock(side_effect=slow)
    tiny = _tiny_set(tmp_path)
    args = ["run", "--base-url", LLM_BASE, "--cases", str(tiny), "--peer", "instructor"]
    assert main([*args, "--peer-model", "m", "--case-budget-s", "0.2", "--out", str(tmp_path / "r")]) == 0
    results = json.loads((tmp_path / "r" / "results.json").read_text(encoding="utf-8"))
    assert results["case_budget_s"] == 0.2
    summary = results["cells"][0]["sets"]["tiny"]["summary"]
    assert summary["errors"] == {"case_timeout": 2}
    assert summary["figures"]["success_rate"]["value"] == 0.0


def test_a_cell_run_on_one_set_joins_a_run_on_others(upstream: respx.MockRouter, tmp_path: Path) -> None:
    """A peer run on the test split alone merges beside a run on every set: the cell keeps both."""
    upstream.post("/chat/completions").mock(side_effect=_answer_from_gold)
    tiny = _tiny_set(tmp_path)
    base = ["run", "--base-url", LLM_BASE, "--prompt", "v1", "--model", "model-a"]
    assert main([*base, "--cases", str(SEEDS), "--out", str(tmp_path / "s")]) == 0
    assert main([*base, "--cases", str(tiny), "--out", str(tmp_path / "t")]) == 0
    assert main(["merge", str(tmp_path / "s"), str(tmp_path / "t"), "--out", str(tmp_path / "st")]) == 0
    results = json.loads((tmp_path / "st" / "results.json").read_text(encoding="utf-8"))
    assert [s["name"] for s in results["sets"]] == ["seeds", "tiny"]
    [cell] = results["cells"]
    assert set(cell["sets"]) == {"seeds", "tiny"}


def test_recorded_answers_replay_and_the_ablation_switches_steps_off(
    upstream: respx.MockRouter, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    route = upstream.post("/chat/completions").mock(side_effect=_answer_from_gold)
    tiny = _tiny_set(tmp_path)
    (tiny / "z1.txt").write_text("date 2024-06-12\nMinisters met.", encoding="utf-8")
    (tiny / "z1.json").write_text(json.dumps({"case": "z1", "tags": ["negative"], "events": []}))
    run = tmp_path / "rec"
    args = ["run", "--prompt", "v1", "--model", "mock-model", "--base-url", LLM_BASE, "--record"]
    assert main([*args, "--cases", str(SEEDS), "--cases", str(tiny), "--out", str(run)]) == 0
    asked = route.call_count
    assert (run / "llm_answers.jsonl.gz").is_file()
    live = json.loads((run / "results.json").read_text(encoding="utf-8"))
    assert live["cells"][0]["settings"]["recorded_answers"] == {"replayed": 0, "asked": asked}

    steps = ["--step", "people_check", "--step", "listed_counterparts"]
    assert main(["ablate", str(run), *steps, "--base-url", LLM_BASE]) == 0
    out = capsys.readouterr().out
    ablated = json.loads((run / "results.json").read_text(encoding="utf-8"))["ablation"]
    [cell] = ablated["cells"]
    assert [r["step"] for r in cell["rows"]] == ["none (all on)", "people_check", "listed_counterparts"]
    all_on, no_check, _ = cell["rows"]
    # Every step on: the same questions, all answered from the recording, the same figures.
    assert all_on["asked"] == 0
    for name in ("seeds", "tiny"):
        figure = live["cells"][0]["sets"][name]["summary"]["figures"]["event_f1_strict"]["value"]
        assert all_on["sets"][name]["event_f1_strict"] == figure
    # Without the people check "Ministers met." is sent to the model: one question not recorded.
    assert no_check["asked"] == 1
    assert "| people_check |" in out
    assert "## Ablation" in (run / "report.md").read_text(encoding="utf-8")
    # A merge keeps the ablation of the run that had one.
    peers = ["--peer", "instructor", "--peer-model", "mock-model", "--base-url", LLM_BASE]
    assert main(["run", *peers, "--cases", str(tiny), "--out", str(tmp_path / "p")]) == 0
    assert main(["merge", str(run), str(tmp_path / "p"), "--out", str(tmp_path / "m")]) == 0
    merged = json.loads((tmp_path / "m" / "results.json").read_text(encoding="utf-8"))
    assert merged["ablation"]["cells"] == ablated["cells"]
    assert "## Ablation" in (tmp_path / "m" / "report.md").read_text(encoding="utf-8")


def test_a_replayed_run_takes_the_live_runs_seconds(upstream: respx.MockRouter, tmp_path: Path) -> None:
    route = upstream.post("/chat/completions").mock(side_effect=_answer_from_gold)
    live, again = tmp_path / "live", tmp_path / "again"
    args = ["run", "--prompt", "v1", "--model", "mock-model", "--base-url", LLM_BASE, "--cases", str(SEEDS)]
    assert main([*args, "--record", "--out", str(live)]) == 0
    asked = route.call_count
    again.mkdir()
    shutil.copy(live / "llm_answers.jsonl.gz", again / "llm_answers.jsonl.gz")
    assert main([*args, "--record", "--timing-from", str(live), "--out", str(again)]) == 0
    assert route.call_count == asked  # every answer replayed
    rows = {
        name: json.loads((d / "results.json").read_text(encoding="utf-8"))["cells"][0]["sets"]["seeds"][
            "cases"
        ]
        for name, d in (("live", live), ("again", again))
    }
    for a, b in zip(rows["live"], rows["again"], strict=True):
        assert b["meta"]["replayed"] and b["meta"]["timing"] == "live run (answers replayed)"
        assert (b["seconds"], b["meta"]["latency_ms"]) == (a["seconds"], a["meta"]["latency_ms"])
        assert b["prediction"] == a["prediction"]


@pytest.mark.parametrize("split", ["test", "test2"])
def test_the_held_out_split_is_reported_in_aggregate_only(
    upstream: respx.MockRouter, tmp_path: Path, split: str
) -> None:
    upstream.post("/chat/completions").mock(side_effect=_answer_from_gold)
    held_out = _tiny_set(tmp_path).rename(tmp_path / split)
    out = tmp_path / "r"
    args = ["run", "--prompt", "v1", "--model", "m", "--base-url", LLM_BASE, "--cases", str(held_out)]
    assert main([*args, "--out", str(out)]) == 0
    md = (out / "report.md").read_text(encoding="utf-8")
    page = (out / "report.html").read_text(encoding="utf-8")
    assert f"## Set `{split}`" in md and f"### `{split}` by tag" in md and "Held out" in md
    assert "per case" not in md and "| m1 |" not in md
    assert "Case × cell" not in page and "Held out" in page
    results = json.loads((out / "results.json").read_text(encoding="utf-8"))
    assert len(results["cells"][0]["sets"][split]["cases"]) == 2  # kept for intervals and compare


def test_a_run_written_outside_the_runs_folder_is_not_registered(
    upstream: respx.MockRouter, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    upstream.post("/chat/completions").mock(side_effect=_answer_from_gold)
    monkeypatch.setattr("evals.runner.RUNS_DIR", tmp_path / "runs")
    args = ["run", "--prompt", "v1", "--model", "mock-model", "--base-url", LLM_BASE, "--cases", str(SEEDS)]
    assert main([*args, "--out", str(tmp_path / "scratch")]) == 0
    assert (tmp_path / "scratch" / "results.json").is_file()
    assert not (tmp_path / "registry.jsonl").exists()
    assert main([*args, "--out", str(tmp_path / "runs" / "kept")]) == 0
    registry = (tmp_path / "registry.jsonl").read_text().splitlines()
    assert len(registry) == 1 and json.loads(registry[0])["path"].endswith("kept")
