"""service.cli.bulk (`extract-many`) in process against a mocked upstream: OUT lines, resume, exit codes."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import httpx
import pytest
import respx

from service.cli.bulk import load_done
from service.cli.main import main
from tests.conftest import LLM_BASE, ROOT, completion, gold_as_llm_output, gold_case, gold_route, seed

STEM = "000_992ab47ca5ee5213"


@pytest.fixture(autouse=True)
def _env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    for name, value in {
        "LLM_BASE_URL": LLM_BASE,
        "LLM_MODEL": "test-model",
        "LLM_MODE": "tools",
        "LLM_TRANSPORT_RETRIES": "0",
        "SERVICE_CACHE_ENABLED": "false",
        "SERVICE_LOG_LEVEL": "WARNING",
    }.items():
        monkeypatch.setenv(name, value)
    monkeypatch.chdir(tmp_path)  # no .env file of the project's


def _corpus(path: Path, n: int, extra: list[dict[str, Any]] | None = None) -> Path:
    text, published = seed(STEM)
    rows = [{"id": f"a{i}", "text": f"{text}\n\n(Copy {i}.)", "published": published} for i in range(n)]
    path.write_text("\n".join(json.dumps(r) for r in rows + (extra or [])) + "\n", encoding="utf-8")
    return path


def _lines(out: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]


def test_jsonl_in_one_line_per_article_out_and_a_resume_skips_them(
    tmp_path: Path, llm: respx.MockRouter
) -> None:
    route = gold_route(llm, STEM)
    corpus = _corpus(tmp_path / "in.jsonl", 3, extra=[{"id": 7, "text": "  "}])
    out = tmp_path / "out.jsonl"
    assert main(["extract-many", str(corpus), "-o", str(out), "--no-progress"]) == 1  # one failed
    lines = _lines(out)
    assert sorted(line["id"] for line in lines) == ["7", "a0", "a1", "a2"]
    by_id = {line["id"]: line for line in lines}
    assert by_id["7"]["status"] == "error" and by_id["7"]["http_status"] == 422
    assert by_id["7"]["error"]["code"] == "invalid_input"
    expected = [p["name"] for p in gold_case(STEM)["events"][0]["participants"]]
    for i in range(3):
        assert by_id[f"a{i}"]["status"] == "ok"
        assert [p["name"] for p in by_id[f"a{i}"]["result"]["events"][0]["participants"]] == expected
    assert route.call_count == 3

    # Resume: everything is in OUT already, so nothing runs and nothing is appended.
    assert main(["extract-many", str(corpus), "-o", str(out), "--no-progress"]) == 1
    assert route.call_count == 3 and len(_lines(out)) == 4
    # A longer input: only the new article runs.
    _corpus(corpus, 4, extra=[{"id": 7, "text": "  "}])
    assert main(["extract-many", str(corpus), "-o", str(out), "--no-progress"]) == 1
    assert route.call_count == 4 and [line["id"] for line in _lines(out)][4:] == ["a3"]
    # --retry-failed runs the failed id again (still invalid: a new error line, no LLM call).
    assert main(["extract-many", str(corpus), "-o", str(out), "--retry-failed", "--no-progress"]) == 1
    assert route.call_count == 4 and [line["id"] for line in _lines(out)][5:] == ["7"]


def test_a_folder_of_txt_files_honours_the_date_line(tmp_path: Path, llm: respx.MockRouter) -> None:
    gold_route(llm, STEM)
    folder = tmp_path / "articles"
    folder.mkdir()
    shutil.copy(ROOT / "seeds" / f"{STEM}.txt", folder / f"{STEM}.txt")
    out = tmp_path / "out.jsonl"
    assert main(["extract-many", str(folder), "-o", str(out), "--no-progress"]) == 0
    (line,) = _lines(out)
    assert line["id"] == STEM and line["status"] == "ok"
    # The date is resolved against the file's `date` line (a bare "on September 22" needs a year).
    assert line["result"]["events"][0]["date"] == gold_case(STEM)["events"][0]["date"]


def test_a_torn_last_line_is_cut_and_its_article_runs_again(tmp_path: Path, llm: respx.MockRouter) -> None:
    route = gold_route(llm, STEM)
    corpus = _corpus(tmp_path / "in.jsonl", 2)
    out = tmp_path / "out.jsonl"
    assert main(["extract-many", str(corpus), "-o", str(out), "--no-progress"]) == 0
    whole = out.read_bytes()
    out.write_bytes(whole[: whole.rfind(b"\n", 0, len(whole) - 1) + 1] + b'{"id": "a1", "sta')
    assert len(load_done(out)) == 1 and out.read_bytes().endswith(b"\n")
    assert main(["extract-many", str(corpus), "-o", str(out), "--no-progress"]) == 0
    assert sorted(line["id"] for line in _lines(out)) == ["a0", "a1"] and route.call_count == 3


def test_unreadable_input_runs_nothing(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": "x", "text": "fine"}\n{"text": "no id"}\n', encoding="utf-8")
    assert main(["extract-many", str(bad), "-o", str(tmp_path / "out.jsonl"), "--no-progress"]) == 2
    assert "bad.jsonl:2" in capsys.readouterr().err
    assert not (tmp_path / "out.jsonl").exists()


def test_strict_fails_the_articles_a_lenient_run_answers_in_part(
    tmp_path: Path, llm: respx.MockRouter
) -> None:
    answer = gold_as_llm_output(STEM)
    stranger = json.loads(json.dumps(answer["events"][0]))
    stranger["participants"][1] = {"name": "Boris Johnson", "title": None, "country": None}
    answer["events"].append(stranger)
    llm.post("/chat/completions").mock(return_value=httpx.Response(200, json=completion(answer)))
    corpus = _corpus(tmp_path / "in.jsonl", 1)
    lenient, strict = tmp_path / "lenient.jsonl", tmp_path / "strict.jsonl"
    assert main(["extract-many", str(corpus), "-o", str(lenient), "--no-progress"]) == 0
    (line,) = _lines(lenient)
    assert line["status"] == "ok" and line["result"]["meta"]["dropped_events"] == 1
    assert main(["extract-many", str(corpus), "-o", str(strict), "--strict", "--no-progress"]) == 1
    (line,) = _lines(strict)
    assert line["status"] == "error" and line["error"]["code"] == "invalid_output"
