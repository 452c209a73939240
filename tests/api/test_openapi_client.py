"""A client generated from /openapi.json (openapi-python-client, offline) reads well and works."""

from __future__ import annotations

import importlib
import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
import respx
from fastapi.testclient import TestClient

from tests.conftest import gold_route, seed_body

OPERATION_IDS = {"extract", "extract_batch", "schema", "prompts", "healthz", "readyz"}


def test_operation_ids_are_short_and_stable(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    ids = {op["operationId"] for path in spec["paths"].values() for op in path.values()}
    assert ids == OPERATION_IDS


@pytest.fixture
def generated(client: TestClient, tmp_path: Path) -> Iterator[ModuleType]:
    """The client package generated from the app's spec, importable as `meeting_client`."""
    spec = tmp_path / "openapi.json"
    spec.write_text(json.dumps(client.get("/openapi.json").json()), encoding="utf-8")
    config = tmp_path / "config.yaml"
    config.write_text("post_hooks: []\n", encoding="utf-8")
    generator = Path(sys.executable).parent / "openapi-python-client"
    out = tmp_path / "meeting_client"
    args = [
        "generate",
        "--path",
        str(spec),
        "--output-path",
        str(out),
        "--meta",
        "none",
        "--config",
        str(config),
    ]
    subprocess.run(
        [str(generator), *args],
        check=True,
        capture_output=True,
    )
    sys.path.insert(0, str(tmp_path))
    try:
        yield importlib.import_module("meeting_client")
    finally:
        sys.path.remove(str(tmp_path))
        for name in [m for m in sys.modules if m == "meeting_client" or m.startswith("meeting_client.")]:
            del sys.modules[name]


def test_a_generated_client_calls_the_service(
    generated: ModuleType, client: TestClient, llm: respx.MockRouter
) -> None:
    gold_route(llm)
    extract = importlib.import_module("meeting_client.api.extraction.extract")
    extract_batch = importlib.import_module("meeting_client.api.extraction.extract_batch")
    models: Any = importlib.import_module("meeting_client.models")
    api = generated.Client(base_url="http://testserver").set_httpx_client(client)

    response = extract.sync(client=api, body=models.ExtractRequest.from_dict(seed_body()))
    assert isinstance(response, models.ExtractResponse)
    assert response.events[0].participants[0].name == "Lương Cường"

    batch = extract_batch.sync(
        client=api,
        body=models.BatchRequest.from_dict({"items": [seed_body(), {"text": "Ann Lee met Bo Kim."}]}),
    )
    assert isinstance(batch, models.BatchResponse)
    assert [r.index for r in batch.results] == [0, 1]

    refused = extract.sync(client=api, body=models.ExtractRequest(text=" "))
    assert isinstance(refused, models.ErrorBody) and refused.code == "invalid_input"
