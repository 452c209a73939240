"""Starting the stub upstream and the service as real processes on loopback."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx

from service.llm.embedded import free_port

ROOT = Path(__file__).resolve().parent.parent


def wait_ready(url: str, proc: subprocess.Popen[bytes], timeout_s: float = 60) -> None:
    """Poll `url` until it answers 200, or fail if the process exits or time runs out."""
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"{proc.args!r} exited with {proc.returncode}")
        try:
            if httpx.get(url, timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.1)
    raise RuntimeError(f"{url} not ready after {timeout_s}s")


@contextmanager
def process(
    args: list[str], ready_path: str, port: int, env: dict[str, str] | None = None, log: Path | None = None
) -> Iterator[subprocess.Popen[bytes]]:
    """Run `python <args>` until the block ends; yield once `ready_path` answers."""
    full_env = {k: v for k, v in os.environ.items() if not k.startswith(("LLM_", "SERVICE_"))}
    full_env.update(env or {})
    out = log.open("wb") if log else subprocess.DEVNULL
    proc = subprocess.Popen([sys.executable, *args], cwd=ROOT, env=full_env, stdout=out, stderr=out)
    try:
        wait_ready(f"http://127.0.0.1:{port}{ready_path}", proc)
        yield proc
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        if log and out is not subprocess.DEVNULL:
            out.close()  # type: ignore[union-attr]


@contextmanager
def stub(
    latency: float = 0.0,
    fail_rate: float = 0.0,
    faults: str = "",
    timeout_s: float = 30.0,
    log: Path | None = None,
) -> Iterator[str]:
    """A stub upstream; yields its base URL (…/v1)."""
    port = free_port()
    args = [
        "-m",
        "benchmarks.stub",
        "--port",
        str(port),
        "--latency",
        str(latency),
        "--fail-rate",
        str(fail_rate),
        "--faults",
        faults,
        "--timeout-s",
        str(timeout_s),
    ]
    with process(args, "/v1/models", port, log=log):
        yield f"http://127.0.0.1:{port}/v1"


@contextmanager
def service(env: dict[str, str], log: Path | None = None) -> Iterator[tuple[str, subprocess.Popen[bytes]]]:
    """`python -m service serve` with `env`; yields its base URL and process."""
    port = free_port()
    with process(["-m", "service", "serve", "--port", str(port)], "/healthz", port, env=env, log=log) as proc:
        yield f"http://127.0.0.1:{port}", proc


def rss_mb(pid: int) -> float:
    """Resident memory of a process, in MB (Linux /proc)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


@contextmanager
def redis_server(directory: Path, port: int | None = None) -> Iterator[str]:
    """A throwaway `redis-server` on loopback (no persistence), data in `directory`; yields its URL.

    Args:
        directory: its working folder (and log file).
        port: the port (a free one when None); pass the previous one to restart "the same" server.
    """
    port = port or free_port()
    args = ["redis-server", "--bind", "127.0.0.1", "--port", str(port), "--save", "", "--appendonly", "no"]
    args += ["--dir", str(directory), "--logfile", str(directory / f"redis-{port}.log")]
    proc = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 20
        while True:
            if proc.poll() is not None:
                raise RuntimeError(f"redis-server exited with {proc.returncode}; see {directory}")
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=1) as s:
                    s.sendall(b"PING\r\n")
                    if s.recv(16).startswith(b"+PONG"):
                        break
            except OSError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError(f"redis-server not answering on {port}")
            time.sleep(0.05)
        yield f"redis://127.0.0.1:{port}/0"
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
