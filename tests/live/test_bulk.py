"""`extract-many` end to end as a real process: Ctrl-C leaves OUT whole and a rerun finishes the job;
and the same through a running service (`--service-url`)."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from benchmarks.load import seed_body
from benchmarks.procs import ROOT, service, stub

pytestmark = pytest.mark.live
N = 12
ENV = {
    "LLM_MODE": "tools",
    "LLM_MODEL": "stub",
    "SERVICE_CACHE_ENABLED": "false",
    "SERVICE_LOG_JSON": "false",
}


def _corpus(path: Path, n: int, extra: list[dict[str, Any]] | None = None) -> Path:
    body = seed_body()
    rows = [{**body, "id": f"a{i:02d}", "text": f"{body['text']}\n\n(Copy {i}.)"} for i in range(n)]
    path.write_text("".join(json.dumps(r) + "\n" for r in rows + (extra or [])), encoding="utf-8")
    return path


def _extract_many(args: list[str], env: dict[str, str]) -> subprocess.Popen[bytes]:
    full = {k: v for k, v in os.environ.items() if not k.startswith(("LLM_", "SERVICE_"))} | ENV | env
    return subprocess.Popen(
        [sys.executable, "-m", "service", "extract-many", *args, "--no-progress"],
        cwd=ROOT,
        env=full,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )


def _ids(out: Path) -> list[str]:
    # Every line parses: OUT is never left with half a line.
    return [json.loads(line)["id"] for line in out.read_text(encoding="utf-8").splitlines()]


def test_ctrl_c_leaves_out_whole_and_a_rerun_resumes(tmp_path: Path) -> None:
    corpus, out = _corpus(tmp_path / "in.jsonl", N), tmp_path / "out.jsonl"
    # Each answer takes a second, so the interrupt lands mid-job even on a busy machine (with 0.3 s
    # a loaded CI box once finished all twelve before the test process saw the third line).
    with stub(latency=1.0, log=tmp_path / "stub.log") as up:
        env = {"LLM_BASE_URL": up}
        proc = _extract_many([str(corpus), "-o", str(out), "--concurrency", "2"], env)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and (not out.exists() or len(out.read_bytes().splitlines()) < 3):
            time.sleep(0.05)
        proc.send_signal(signal.SIGINT)
        _, err = proc.communicate(timeout=30)
        assert proc.returncode == 130, err.decode()
        first = _ids(out)
        assert 3 <= len(first) < N and len(set(first)) == len(first)

        rerun = _extract_many([str(corpus), "-o", str(out), "--concurrency", "4"], env)
        _, err = rerun.communicate(timeout=120)
        assert rerun.returncode == 0, err.decode()
        assert f"{len(first)} skipped" in err.decode()
    ids = _ids(out)
    assert sorted(ids) == [f"a{i:02d}" for i in range(N)]  # each article once
    assert ids[: len(first)] == first


def test_through_a_running_service(tmp_path: Path) -> None:
    # "other": the stub answers seed 000's events, which the service finds nowhere in this text: no
    # event the article supports, an answer with none (not an error).
    extra = [
        {"id": "bad", "text": "", "published": "2025-01-01"},
        {"id": "other", "text": "Ann Lee met Bo Kim."},
    ]
    corpus = _corpus(tmp_path / "in.jsonl", 3, extra=extra)
    out = tmp_path / "out.jsonl"
    with (
        stub(latency=0.1, log=tmp_path / "stub.log") as up,
        service({**ENV, "LLM_BASE_URL": up, "SERVICE_API_KEYS": "bulk-key"}, log=tmp_path / "svc.log") as (
            url,
            _,
        ),
    ):
        proc = _extract_many([str(corpus), "-o", str(out), "--service-url", url, "--api-key", "bulk-key"], {})
        _, err = proc.communicate(timeout=120)
    assert proc.returncode == 1, err.decode()
    lines = {line["id"]: line for line in map(json.loads, out.read_text(encoding="utf-8").splitlines())}
    assert [lines[f"a{i:02d}"]["status"] for i in range(3)] == ["ok"] * 3
    assert lines["a00"]["result"]["events"][0]["participants"][0]["name"] == "Lương Cường"
    # Invalid input is refused by the client-side validation before any request is sent.
    assert lines["bad"]["error"]["code"] == "invalid_input"
    assert lines["other"]["status"] == "ok" and lines["other"]["result"]["events"] == []
    assert any(w.startswith("dropped event 1:") for w in lines["other"]["result"]["warnings"])
    assert "4 ok, 1 failed" in err.decode()
