"""Property-based fuzz of the whole API from its own OpenAPI spec (schemathesis).

The app runs its real pipeline (prompts, instructor, validators, normalisation) against a
respx-mocked upstream that answers every call with a valid, empty extraction.
"""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest
import respx
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from service.api.app import create_app
from service.llm.clients import build_clients
from service.pipeline.extractor import LLMExtractor
from service.serving.runtime import load_prompts
from tests.conftest import LLM_BASE, completion, make_settings

_settings = make_settings(service_max_text_chars=5000)
_extractor = LLMExtractor(
    build_clients(_settings, LLM_BASE, "test-model"), load_prompts(_settings), _settings
)
app = create_app(_settings, extractor=_extractor)
schema = schemathesis.openapi.from_asgi("/openapi.json", app)

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
]


@pytest.fixture(autouse=True)
def upstream() -> Iterator[respx.MockRouter]:
    with respx.mock(base_url=LLM_BASE, assert_all_called=False) as router:
        router.post("/chat/completions").mock(
            return_value=httpx.Response(200, json=completion({"events": []}))
        )
        router.get("/models").mock(return_value=httpx.Response(200, json={"object": "list", "data": []}))
        yield router


@schema.parametrize()
@settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck))
def test_api_conforms_to_its_spec(case: schemathesis.Case) -> None:
    case.call_and_validate(checks=CHECKS)
