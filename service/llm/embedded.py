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
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import IO

import httpx

from service.core.config import Settings
from service.llm.models import CATALOG, prepare_model
from service.llm.models import EmbeddedModelError as EmbeddedModelError

log = logging.getLogger("service.llm.embedded")


@dataclass(frozen=True)
class EmbeddedModelInfo:
    """Which GGUF to serve and under what name."""

    name: str
    path: Path


def resolve_model(settings: Settings) -> EmbeddedModelInfo:
    """Find, and verify, the GGUF file of the embedded model.

    Args:
        settings: `llm_gguf_path` wins; otherwise `llm_embedded_model` picks a model of the catalog
            (service.llm.models), joined into `llm_model_cache_dir` when it ships in several parts.

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


def jump_forward(settings: Settings) -> bool:
    """Whether the embedded server jumps forward over grammar-forced text.

    Args:
        settings: `llm_jump_forward` when set; else the catalog model's default (on for any other
            GGUF file).

    Returns:
        True to start the child with jump-forward decoding (with lazy grammar sampling).
    """
    if settings.llm_jump_forward is not None:
        return settings.llm_jump_forward
    if settings.llm_gguf_path is not None:
        return True
    return CATALOG[settings.llm_embedded_model].jump_forward


# What the llama.cpp child may inherit. llama_cpp.server reads its own settings from the
# environment (PORT and HOST even override --port/--host; MODEL, N_CTX... fill in missing flags),
# so the child gets an allowlist, never the service's environment: PaaS variables (PORT) and the
# service's LLM_*/SERVICE_* settings stay out.
# ggml's type ids for the cache types Settings allows (ggml.h: GGML_TYPE_F16 = 1, Q4_0 = 2, Q8_0 = 8);
# written here so the service never imports llama_cpp.
GGML_TYPES = {"f16": 1, "q4_0": 2, "q8_0": 8}

# LLAMA_CPP_LIB_PATH points llama-cpp-python at another build of libllama (one built for this
# machine's CPU: docs/benchmarks.md).
CHILD_ENV_NAMES = frozenset(
    {"PATH", "HOME", "LANG", "TMPDIR", "TZ", "LD_LIBRARY_PATH", "CUDA_VISIBLE_DEVICES", "LLAMA_CPP_LIB_PATH"}
)
# Locale, and the threading/back-end knobs of the native libraries llama.cpp links (none of them
# is a llama_cpp.server setting name).
CHILD_ENV_PREFIXES = ("LC_", "OMP_", "GGML_", "OPENBLAS_", "MKL_")


def child_environment(parent: Mapping[str, str]) -> dict[str, str]:
    """The environment the embedded llama.cpp server is started with.

    Args:
        parent: the service's own environment (usually `os.environ`).

    Returns:
        Only the allowlisted variables: search path, home, locale, temporary folder, time zone,
        shared-library path and the native libraries' threading knobs.
    """
    return {
        name: value
        for name, value in parent.items()
        if name in CHILD_ENV_NAMES or name.startswith(CHILD_ENV_PREFIXES)
    }


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
        # llama_child.py runs llama_cpp.server with lazy grammar sampling and cheap drafts; it is
        # started as a script, so the child imports llama_cpp alone, never this service's packages.
        child = str(Path(__file__).with_name("llama_child.py"))
        switches = [
            *(["--child-lazy-grammar"] if self.settings.llm_lazy_grammar else []),
            *(
                ["--child-close-repeats"]
                if self.settings.llm_close_repeats and self.settings.llm_lazy_grammar
                else []
            ),
            *(
                ["--child-probe", str(self.settings.llm_grammar_probe)]
                if self.settings.llm_lazy_grammar
                else []
            ),
            *(
                ["--child-jump-forward"]
                if jump_forward(self.settings)
                and self.settings.llm_lazy_grammar
                and not self.settings.llm_draft_tokens
                else []
            ),
            *(
                ["--child-canonical-spacing"]
                if self.settings.llm_canonical_spacing and self.settings.llm_lazy_grammar
                else []
            ),
            *(
                ["--child-draft-min-match", str(self.settings.llm_draft_min_match)]
                if self.settings.llm_draft_tokens
                else []
            ),
        ]
        entry = [child, *switches] if switches else ["-m", "llama_cpp.server"]
        cmd = [
            sys.executable,
            *entry,
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
            "--n_threads_batch",
            str(self.settings.llm_n_threads_batch or threads),
            "--n_batch",
            str(self.settings.llm_n_batch),
            "--n_ubatch",
            str(min(self.settings.llm_n_ubatch, self.settings.llm_n_batch)),
            "--flash_attn",
            str(self.settings.llm_flash_attn).lower(),
            "--type_k",
            str(GGML_TYPES[self.settings.llm_cache_type_k]),
            "--type_v",
            str(GGML_TYPES[self.settings.llm_cache_type_v]),
            "--use_mlock",
            str(self.settings.llm_mlock).lower(),
            # The service never asks for logprobs; without this llama-cpp-python keeps a score
            # buffer of n_ctx x vocabulary floats (2.5 GB with Qwen's vocabulary at 4096).
            # Drafts need only their own positions' logits, which the child asks for.
            "--logits_all",
            "false",
        ]
        if self.settings.llm_draft_tokens:
            cmd += [
                "--draft_model",
                "prompt-lookup-decoding",
                "--draft_model_num_pred_tokens",
                str(self.settings.llm_draft_tokens),
            ]
        return cmd

    @property
    def pid(self) -> int | None:
        """The server's process id while it runs."""
        return self._proc.pid if self._proc is not None and self._proc.returncode is None else None

    async def start(self) -> None:
        """Start the server (again, after a crash: same port) and wait until it answers.

        Raises:
            EmbeddedModelError: it exited or did not answer within the start-up timeout; the
                message carries the tail of its log.
        """
        await self.stop()  # a restart: reap the previous process and close its log
        log.info("starting embedded model %s from %s on port %d", self.info.name, self.info.path, self.port)
        # llama.cpp logs hundreds of KB while loading: a pipe would fill and stall it, so it
        # writes to a temporary file we read back only to explain a failed start.
        path = self.settings.llm_embedded_log_path
        self._log = (
            open(path, "a+b")  # noqa: SIM115, ASYNC230 - closed in stop(); a local file, once per start
            if path is not None
            else tempfile.TemporaryFile()  # noqa: SIM115 - closed in stop()
        )
        self._proc = await asyncio.create_subprocess_exec(
            *self.command(),
            stdout=self._log,
            stderr=self._log,
            env=child_environment(os.environ),
        )
        deadline = time.monotonic() + self.settings.llm_embedded_startup_timeout_s
        async with httpx.AsyncClient(timeout=2.0) as client:
            while time.monotonic() < deadline:
                if self._proc.returncode is not None:
                    raise EmbeddedModelError(
                        f"embedded server exited with {self._proc.returncode}: {self.log_tail()}"
                    )
                with contextlib.suppress(httpx.HTTPError):
                    r = await client.get(f"{self.base_url}/models")
                    if r.status_code == 200:
                        log.info("embedded model ready at %s", self.base_url)
                        return
                await asyncio.sleep(0.2)
        tail = self.log_tail()
        await self.stop()
        raise EmbeddedModelError(
            f"embedded server did not answer on {self.base_url} within "
            f"{self.settings.llm_embedded_startup_timeout_s:.0f} s; its log ends with: {tail}"
        )

    async def wait_exit(self) -> int:
        """Wait until the running server exits, and return its exit status.

        Raises:
            EmbeddedModelError: the server was not started.
        """
        if self._proc is None:
            raise EmbeddedModelError("embedded server is not running")
        return await self._proc.wait()

    def log_tail(self) -> str:
        """The last 2,000 characters the server logged (explains a failed start or a crash)."""
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
