"""The embedded server's child process: its environment, its command line, its failed starts."""

from __future__ import annotations

import asyncio
import dataclasses
import sys
from pathlib import Path

import pytest

from service.core.config import Settings
from service.llm.embedded import EmbeddedModelError, EmbeddedServer, child_environment, jump_forward
from service.llm.models import CATALOG


def _server(tmp_path: Path, **overrides: object) -> EmbeddedServer:
    gguf = tmp_path / "model.gguf"
    gguf.write_bytes(b"GGUF")
    settings = Settings(_env_file=None, llm_gguf_path=gguf, **overrides)  # type: ignore[call-arg]
    return EmbeddedServer(settings)


def test_child_environment_keeps_the_allowlist_only() -> None:
    parent = {
        "PATH": "/usr/bin",
        "HOME": "/root",
        "LANG": "C.UTF-8",
        "LC_ALL": "C.UTF-8",
        "TMPDIR": "/tmp",
        "OMP_NUM_THREADS": "2",
        "LLAMA_CPP_LIB_PATH": "/opt/native/lib",
        # What a PaaS sets, and what llama_cpp.server would read as its own settings:
        "PORT": "18779",
        "HOST": "0.0.0.0",
        "MODEL": "/elsewhere.gguf",
        "N_CTX": "16",
        # The service's own settings and secrets:
        "LLM_API_KEY": "sk-secret",
        "SERVICE_PORT": "9000",
        "AWS_SECRET_ACCESS_KEY": "x",
    }
    assert child_environment(parent) == {
        "PATH": "/usr/bin",
        "HOME": "/root",
        "LANG": "C.UTF-8",
        "LC_ALL": "C.UTF-8",
        "TMPDIR": "/tmp",
        "OMP_NUM_THREADS": "2",
        "LLAMA_CPP_LIB_PATH": "/opt/native/lib",
    }


def test_command_names_the_port_and_turns_off_logits_all(tmp_path: Path) -> None:
    server = _server(tmp_path)
    command = server.command()
    assert command[command.index("--port") + 1] == str(server.port)
    assert command[command.index("--host") + 1] == "127.0.0.1"
    assert command[command.index("--logits_all") + 1] == "false"


def test_speed_knobs_reach_the_server_command(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    plain = _server(tmp_path).command()
    # Lazy grammar sampling by default: llama_child.py starts llama_cpp.server, run as a script.
    assert Path(plain[1]).name == "llama_child.py" and Path(plain[1]).is_file()
    assert _server(tmp_path, llm_lazy_grammar=False).command()[1:3] == ["-m", "llama_cpp.server"]
    assert "--draft_model" not in plain
    assert plain[plain.index("--flash_attn") + 1] == "false"
    tuned = _server(
        tmp_path,
        llm_n_threads=2,
        llm_n_batch=256,
        llm_n_ubatch=512,
        llm_flash_attn=True,
        llm_draft_tokens=8,
    ).command()
    assert tuned[tuned.index("--n_threads_batch") + 1] == "2"  # follows n_threads unless set
    assert tuned[tuned.index("--n_batch") + 1] == "256"
    assert tuned[tuned.index("--n_ubatch") + 1] == "256"  # never above the logical batch
    assert tuned[tuned.index("--flash_attn") + 1] == "true"
    assert tuned[tuned.index("--draft_model") + 1] == "prompt-lookup-decoding"
    assert tuned[tuned.index("--draft_model_num_pred_tokens") + 1] == "8"
    # The child asks for a draft's own logits only: no every-position buffer.
    assert tuned[tuned.index("--logits_all") + 1] == "false"
    assert tuned[2:9] == [
        "--child-lazy-grammar",
        "--child-close-repeats",
        "--child-probe",
        "1024",
        "--child-canonical-spacing",
        "--child-draft-min-match",
        "3",
    ]
    assert "--child-draft-min-match" not in plain
    # By default the child samples lazily and jumps forward over grammar-forced text.
    assert plain[2:8] == [
        "--child-lazy-grammar",
        "--child-close-repeats",
        "--child-probe",
        "1024",
        "--child-jump-forward",
        "--child-canonical-spacing",
    ]
    # The grammars' whitespace is json.dumps's unless the setting says otherwise.
    assert "--child-canonical-spacing" not in _server(tmp_path, llm_canonical_spacing=False).command()
    assert "--child-canonical-spacing" not in _server(tmp_path, llm_lazy_grammar=False).command()
    # How many next best tokens the grammar is asked about one by one rides on the lazy sampler.
    probing = _server(tmp_path, llm_grammar_probe=0).command()
    assert probing[probing.index("--child-probe") + 1] == "0"
    assert "--child-probe" not in _server(tmp_path, llm_lazy_grammar=False).command()
    # The repeat guard rides on the lazy sampler too, and can be switched off.
    assert "--child-close-repeats" not in _server(tmp_path, llm_close_repeats=False).command()
    assert "--child-close-repeats" not in _server(tmp_path, llm_lazy_grammar=False).command()
    eager_drafts = _server(
        tmp_path, llm_lazy_grammar=False, llm_draft_tokens=8, llm_draft_min_match=5
    ).command()
    assert Path(eager_drafts[1]).name == "llama_child.py"
    assert eager_drafts[2:4] == ["--child-draft-min-match", "5"]
    # Jump-forward rides on the lazy sampler, and gives way to prompt-lookup drafts.
    assert "--child-jump-forward" not in _server(tmp_path, llm_jump_forward=False).command()

    # Each catalog entry says whether it jumps (every one does since the repeat guard stopped
    # gemma3's runaway lists); the setting still wins.
    def jumps(**overrides: object) -> bool:
        return jump_forward(Settings(_env_file=None, **overrides))  # type: ignore[arg-type]

    assert jumps(llm_embedded_model="qwen05") and jumps(llm_embedded_model="gemma3")
    assert not jumps(llm_embedded_model="gemma3", llm_jump_forward=False)
    with_off = dataclasses.replace(CATALOG["gemma3"], jump_forward=False)
    monkeypatch.setitem(CATALOG, "gemma3", with_off)
    assert not jumps(llm_embedded_model="gemma3")
    assert jumps(llm_embedded_model="gemma3", llm_jump_forward=True)
    assert (
        "--child-jump-forward"
        not in _server(tmp_path, llm_jump_forward=True, llm_lazy_grammar=False).command()
    )
    assert (
        "--child-jump-forward" not in _server(tmp_path, llm_jump_forward=True, llm_draft_tokens=8).command()
    )


def test_cache_types_and_mlock_reach_the_server_command(tmp_path: Path) -> None:
    plain = _server(tmp_path).command()
    assert plain[plain.index("--type_k") + 1] == "1"  # ggml's f16
    assert plain[plain.index("--type_v") + 1] == "1"
    assert plain[plain.index("--use_mlock") + 1] == "false"
    tuned = _server(
        tmp_path, llm_cache_type_k="q8_0", llm_cache_type_v="q4_0", llm_flash_attn=True, llm_mlock=True
    ).command()
    assert tuned[tuned.index("--type_k") + 1] == "8"
    assert tuned[tuned.index("--type_v") + 1] == "2"
    assert tuned[tuned.index("--use_mlock") + 1] == "true"


def test_a_quantised_value_cache_without_flash_attention_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="LLM_FLASH_ATTN"):
        _server(tmp_path, llm_cache_type_v="q8_0")
    # The key cache alone may be quantised without it.
    assert _server(tmp_path, llm_cache_type_k="q8_0").command()


def test_the_server_log_goes_to_the_configured_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    log_path = tmp_path / "llama.log"
    log_path.write_text("earlier run\n")
    server = _server(tmp_path, llm_embedded_log_path=log_path)
    monkeypatch.setattr(server, "command", lambda: [sys.executable, "-c", "print('perf line'); exit(3)"])
    with pytest.raises(EmbeddedModelError, match="perf line"):
        asyncio.run(server.start())
    assert log_path.read_text() == "earlier run\nperf line\n"  # appended, kept after the stop


def test_the_child_is_started_with_the_filtered_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PORT", "18779")
    monkeypatch.setenv("LLM_API_KEY", "sk-secret")
    server = _server(tmp_path)
    # A child that prints the environment it got, then exits: the start fails with its log.
    script = "import os, sys; print(sorted(os.environ)); sys.exit(3)"
    monkeypatch.setattr(server, "command", lambda: [sys.executable, "-c", script])
    with pytest.raises(EmbeddedModelError, match="exited with 3") as info:
        asyncio.run(server.start())
    assert "'PATH'" in str(info.value)
    assert "PORT" not in str(info.value) and "LLM_API_KEY" not in str(info.value)


def test_a_start_up_timeout_shows_the_childs_log_tail(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    server = _server(tmp_path, llm_embedded_startup_timeout_s=1.0)
    script = "print('uvicorn running on http://0.0.0.0:18779', flush=True); import time; time.sleep(60)"
    monkeypatch.setattr(server, "command", lambda: [sys.executable, "-c", script])

    async def start() -> None:
        try:
            await server.start()
        finally:
            await server.stop()

    with pytest.raises(EmbeddedModelError, match="did not answer") as info:
        asyncio.run(start())
    assert "0.0.0.0:18779" in str(info.value)
    assert server.pid is None  # the child was stopped
