"""The real embedded model under supervision: PORT in the environment, and a killed child."""

from __future__ import annotations

import os
import signal
import time

import pytest
from fastapi.testclient import TestClient

from service.api.app import create_app
from service.core.config import Settings
from service.llm import supervisor as supervisor_module
from tests.conftest import seed

pytestmark = pytest.mark.live

PAAS_PORT = "18779"


def _wait_health(client: TestClient, done: object, timeout_s: float = 120.0) -> dict[str, object]:
    deadline = time.monotonic() + timeout_s
    while True:
        body: dict[str, object] = client.get("/healthz").json()
        if done(body["model"]) or time.monotonic() > deadline:  # type: ignore[operator]
            return body
        time.sleep(0.05)


def test_port_in_the_environment_and_a_killed_model_are_survived(monkeypatch: pytest.MonkeyPatch) -> None:
    # What every PaaS sets; llama_cpp.server would listen there instead of on the port we chose.
    monkeypatch.setenv("PORT", PAAS_PORT)
    monkeypatch.setenv("HOST", "0.0.0.0")
    # The kill below comes seconds after the start; treat it as a crash after a stable run, so the
    # restart is immediate (a crash loop would back off).
    monkeypatch.setattr(supervisor_module, "STABLE_RUN_S", 0.0)
    settings = Settings(_env_file=None, service_cache_enabled=False)  # type: ignore[call-arg]
    assert settings.service_port == int(PAAS_PORT)  # the service itself honours PORT
    text, published = seed("000_992ab47ca5ee5213")
    with TestClient(create_app(settings)) as client:
        model = client.app.state.model_supervisor  # type: ignore[attr-defined]
        assert model.server.port != int(PAAS_PORT)
        assert client.get("/readyz").status_code == 200  # the child listens where the service looks
        health = client.get("/healthz")
        assert health.status_code == 200 and health.json()["model"]["state"] == "running"
        pid = health.json()["model"]["pid"]

        killed = time.monotonic()
        os.kill(pid, signal.SIGKILL)
        body = _wait_health(client, lambda m: m["restarts"] == 1 and m["state"] == "running")
        restart_s = time.monotonic() - killed
        model_state = body["model"]
        assert isinstance(model_state, dict)
        assert model_state["state"] == "running" and model_state["last_exit_code"] == -signal.SIGKILL
        assert model_state["pid"] != pid
        print(f"restart after SIGKILL: {restart_s:.2f} s (start {model_state['last_start_s']} s)")
        assert client.get("/readyz").status_code == 200
        r = client.post("/v1/extract", json={"text": text, "published": published})
    assert r.status_code == 200, r.text
