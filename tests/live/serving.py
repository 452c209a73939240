"""A `python -m service serve` process for the browser tests, on a free port, stopped afterwards."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import httpx
import pytest

from service.llm.embedded import free_port

ROOT = Path(__file__).resolve().parents[2]


@contextmanager
def served(log_dir: Path, env_overrides: dict[str, str], ready_path: str, start_s: float) -> Iterator[str]:
    """Run the service with only the caller's `LLM_*`/`SERVICE_*` settings; yield once `ready_path` is 200.

    Args:
        log_dir: where the server's log goes.
        env_overrides: the settings (the test's own environment's are dropped).
        ready_path: the path that says the service is up (`/readyz` with a model, `/healthz` without).
        start_s: how long start-up may take.

    Yields:
        The base URL.
    """
    port = free_port()
    log = (log_dir / "serve.log").open("wb")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("LLM_", "SERVICE_"))}
    env.update(env_overrides)
    proc = subprocess.Popen(
        [sys.executable, "-m", "service", "serve", "--port", str(port)],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=log,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + start_s
        while time.monotonic() < deadline:
            assert proc.poll() is None, "the service exited during start-up"
            try:
                if httpx.get(f"{base}{ready_path}", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            time.sleep(0.3)
        else:
            pytest.fail("service did not become ready")
        yield base
    finally:
        proc.terminate()
        proc.wait(timeout=30)
        log.close()


CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"


def require_chromium() -> None:
    """Skip without Chromium locally; fail in CI, which installs it."""
    if not Path(CHROMIUM).exists():
        if os.environ.get("CI"):
            pytest.fail("chromium is not installed; .ci/run installs it")
        pytest.skip("chromium not installed (apt-get install chromium)")


def launch(playwright: Any) -> Any:
    """Headless Chromium, with nothing of its own reaching the network."""
    return playwright.chromium.launch(
        executable_path=CHROMIUM,
        args=[
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--disable-quic",
        ],
    )
