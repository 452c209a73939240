"""The embedded default LLM: llama-cpp-python's OpenAI-compatible server, started on loopback.

The rest of the service does not know it exists: it only sees a base URL, and talks to it with
the same openai client and code path it uses for OpenAI, vLLM or Ollama.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import socket
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import IO

import httpx

from service.config import Settings
from service.models import CATALOG, prepare_model
from service.models import EmbeddedModelError as EmbeddedModelError

log = logging.getLogger("service.embedded")


@dataclass(frozen=True)
class EmbeddedModelInfo:
    """Which GGUF to serve and under what name."""

    name: str
    path: Path


def resolve_model(settings: Settings) -> EmbeddedModelInfo:
    """Find, and verify, the GGUF file of the embedded model.

    Args:
        settings: `llm_gguf_path` wins; otherwise `llm_embedded_model` picks a model of the catalog
            (service.models), joined into `llm_model_cache_dir` when it ships in several parts.

    Returns:
        The model's name (as served and reported in responses) and path.

    Raises:
        EmbeddedModelError: the file or a package is missing, or a file fails its checks.
    """
    if settings.llm_gguf_path is not None:
        path = settings.llm_gguf_path
        if not path.is_file():
            raise EmbeddedModelError(f"LLM_GGUF_PATH {path} is not a file")
        return EmbeddedModelInfo(settings.llm_model or path.stem, path)
    model = CATALOG[settings.llm_embedded_model]
    path = prepare_model(model, settings.llm_model_cache_dir)
    return EmbeddedModelInfo(settings.llm_model or model.served_name, path)


def free_port() -> int:
    """A free TCP port on loopback."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class EmbeddedServer:
    """A llama.cpp server subprocess owned by the app's lifespan."""

    def __init__(self, settings: Settings):
        self.settings = settings
        self.info = resolve_model(settings)
        self.port = free_port()
        self._proc: asyncio.subprocess.Process | None = None
        self._log: IO[bytes] | None = None

    @property
    def base_url(self) -> str:
        """The OpenAI-compatible base URL of the server."""
        return f"http://127.0.0.1:{self.port}/v1"

    def command(self) -> list[str]:
        """The command line that starts the server."""
        threads = self.settings.llm_n_threads or max(1, os.cpu_count() or 1)
        return [
            sys.executable,
            "-m",
            "llama_cpp.server",
            "--model",
            str(self.info.path),
            "--model_alias",
            self.info.name,
            "--host",
            "127.0.0.1",
            "--port",
            str(self.port),
            "--n_ctx",
            str(self.settings.llm_n_ctx),
            "--n_threads",
            str(threads),
        ]

    async def start(self) -> None:
        """Start the server and wait until it answers.

        Raises:
            EmbeddedModelError: it exited or did not answer within the start-up timeout.
        """
        log.info("starting embedded model %s from %s on port %d", self.info.name, self.info.path, self.port)
        # llama.cpp logs hundreds of KB while loading: a pipe would fill and stall it, so it
        # writes to a temporary file we read back only to explain a failed start.
        self._log = tempfile.TemporaryFile()  # noqa: SIM115 - closed in stop()
        self._proc = await asyncio.create_subprocess_exec(*self.command(), stdout=self._log, stderr=self._log)
        deadline = time.monotonic() + self.settings.llm_embedded_startup_timeout_s
        async with httpx.AsyncClient(timeout=2.0) as client:
            while time.monotonic() < deadline:
                if self._proc.returncode is not None:
                    raise EmbeddedModelError(
                        f"embedded server exited with {self._proc.returncode}: {self._log_tail()}"
                    )
                with contextlib.suppress(httpx.HTTPError):
                    r = await client.get(f"{self.base_url}/models")
                    if r.status_code == 200:
                        log.info("embedded model ready at %s", self.base_url)
                        return
                await asyncio.sleep(0.2)
        await self.stop()
        raise EmbeddedModelError("embedded server did not become ready in time")

    def _log_tail(self) -> str:
        if self._log is None:
            return ""
        self._log.seek(0, os.SEEK_END)
        size = self._log.tell()
        self._log.seek(max(0, size - 2000))
        return self._log.read().decode(errors="replace")

    async def stop(self) -> None:
        """Terminate the server (kill it if it does not exit promptly)."""
        proc, self._proc = self._proc, None
        try:
            if proc is None or proc.returncode is not None:
                return
            proc.terminate()
            try:
                await asyncio.wait_for(proc.wait(), timeout=10)
            except TimeoutError:
                proc.kill()
                await proc.wait()
        finally:
            if self._log is not None:
                self._log.close()
                self._log = None
