"""SERVICE_WORKERS: several uvicorn worker processes in front of one upstream."""

from __future__ import annotations

import asyncio
from pathlib import Path

import httpx
import pytest

from benchmarks.load import load, seed_body
from benchmarks.procs import service, stub
from service.cli import main as cli


def _worker_pids(parent: int) -> list[int]:
    """Worker processes uvicorn spawned under `parent` (multiprocessing's spawn entry point)."""
    pids = []
    for proc in Path("/proc").iterdir():
        if not proc.name.isdigit():
            continue
        try:
            ppid = int((proc / "stat").read_text().rsplit(")", 1)[1].split()[1])
            cmdline = (proc / "cmdline").read_bytes()
        except (OSError, IndexError, ValueError):
            continue  # gone meanwhile
        if ppid == parent and b"spawn_main" in cmdline:
            pids.append(int(proc.name))
    return pids


def test_two_workers_serve_requests(tmp_path: Path) -> None:
    env = {
        "LLM_MODE": "tools",
        "LLM_MODEL": "stub",
        "SERVICE_CACHE_ENABLED": "false",
        "SERVICE_WORKERS": "2",
    }
    with (
        stub(latency=0.05, log=tmp_path / "stub.log") as upstream,
        service({**env, "LLM_BASE_URL": upstream}, log=tmp_path / "service.log") as (url, proc),
    ):
        result = asyncio.run(load(f"{url}/v1/extract", seed_body(), 40, 8))
        workers = _worker_pids(proc.pid)
        assert httpx.get(f"{url}/healthz").json() == {"status": "ok"}
    assert not result["errors"], result["errors"]
    assert len(workers) == 2, workers


def test_several_workers_with_the_embedded_model_are_refused_with_the_way_out(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("LLM_BASE_URL", raising=False)
    monkeypatch.setenv("SERVICE_WORKERS", "2")
    with pytest.raises(SystemExit) as info:
        cli.main(["serve"])
    assert "needs LLM_BASE_URL" in str(info.value.code)
