"""/v1/extract/batch: per-item validation errors, and items charged to the rate limit one by one."""

from __future__ import annotations

from typing import Any

import respx

from tests.conftest import gold_route, seed_body


def test_an_invalid_item_gets_its_own_error_and_the_others_run(
    client_factory: Any, llm: respx.MockRouter
) -> None:
    client = client_factory()
    route = gold_route(llm)
    items: list[Any] = [
        seed_body(),
        {"text": "   "},
        {**seed_body(), "published": "2025-13-40"},
        "not an object",
        {**seed_body(), "colour": "red"},
        seed_body(),
    ]
    r = client.post("/v1/extract/batch", json={"items": items})
    assert r.status_code == 200, r.text
    results = r.json()["results"]
    assert [x["status"] for x in results] == ["ok", "error", "error", "error", "error", "ok"]
    for bad, field in ((1, "text"), (2, "published"), (4, "colour")):
        assert results[bad]["http_status"] == 422
        assert results[bad]["error"]["code"] == "invalid_input"
        assert [e["loc"] for e in results[bad]["error"]["errors"]] == [[field]]
    assert results[3]["error"]["code"] == "invalid_input"
    assert results[1]["error"]["request_id"].endswith("-1")
    assert route.call_count == 2  # only the valid items reached the LLM


def test_the_envelope_is_still_validated_as_a_whole(client_factory: Any) -> None:
    client = client_factory()
    assert client.post("/v1/extract/batch", json={"items": []}).status_code == 422
    assert client.post("/v1/extract/batch", json={"items": [seed_body()] * 101}).status_code == 422
    assert client.post("/v1/extract/batch", json={"items": "x"}).json()["code"] == "invalid_input"


def test_batch_items_are_charged_to_the_rate_limit_one_by_one(
    client_factory: Any, llm: respx.MockRouter
) -> None:
    # One token a minute: the bucket does not refill during the test.
    client = client_factory(service_rate_limit_per_minute=1, service_rate_limit_burst=3)
    gold_route(llm)
    items = [{"text": f"Ann Lee met Bo Kim, take {i}."} for i in range(5)]
    items.insert(1, {"text": ""})  # invalid: refused before it costs a token
    r = client.post("/v1/extract/batch", json={"items": items})
    assert r.status_code == 200, r.text
    codes = [x["error"]["code"] if x["error"] else None for x in r.json()["results"]]
    # Item 0 is paid by the request itself, items 2 and 3 take the last two tokens.
    assert codes[1] == "invalid_input"
    assert codes[4:] == ["rate_limited", "rate_limited"]
    assert all(c not in ("rate_limited", "invalid_input") for c in codes[:1] + codes[2:4])
    assert [x["http_status"] for x in r.json()["results"][4:]] == [429, 429]
    # The bucket is empty now: the next request is refused as a whole.
    assert client.post("/v1/extract", json=seed_body()).status_code == 429
