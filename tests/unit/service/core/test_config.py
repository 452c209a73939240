"""Settings read from the environment: PORT (12-factor), the in-flight bound's and the re-asks' defaults."""

from __future__ import annotations

import pytest

from service.core.config import EMBEDDED_MAX_INFLIGHT, REMOTE_MAX_INFLIGHT, REMOTE_MAX_RETRIES, Settings


def _settings(**overrides: object) -> Settings:
    return Settings(_env_file=None, **overrides)  # type: ignore[call-arg]


def test_port_is_honoured_when_service_port_is_not_set(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SERVICE_PORT", raising=False)
    monkeypatch.delenv("PORT", raising=False)
    assert _settings().service_port == 8000
    monkeypatch.setenv("PORT", "18779")
    assert _settings().service_port == 18779
    monkeypatch.setenv("SERVICE_PORT", "9000")
    assert _settings().service_port == 9000  # the service's own setting wins
    assert _settings(service_port=7000).service_port == 7000


def test_max_inflight_is_sized_to_the_backend(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SERVICE_MAX_INFLIGHT", raising=False)
    monkeypatch.delenv("LLM_BASE_URL", raising=False)
    assert _settings().max_inflight == EMBEDDED_MAX_INFLIGHT
    assert _settings(llm_base_url="http://llm.test/v1").max_inflight == REMOTE_MAX_INFLIGHT
    assert _settings(service_max_inflight=7).max_inflight == 7
    monkeypatch.setenv("SERVICE_MAX_INFLIGHT", "3")
    assert _settings(llm_base_url="http://llm.test/v1").max_inflight == 3


def test_re_asks_are_sized_to_the_backend(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("LLM_MAX_RETRIES", raising=False)
    monkeypatch.delenv("LLM_BASE_URL", raising=False)
    assert _settings().max_retries == 0  # the embedded model: its partial answer instead
    assert _settings(llm_base_url="http://llm.test/v1").max_retries == REMOTE_MAX_RETRIES == 2
    assert _settings(llm_max_retries=3).max_retries == 3
    monkeypatch.setenv("LLM_MAX_RETRIES", "1")
    assert _settings().max_retries == 1
    assert _settings(llm_base_url="http://llm.test/v1").max_retries == 1
