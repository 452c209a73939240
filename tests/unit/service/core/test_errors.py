"""service.core.errors: upstream failures mapped to stable codes; error table generated from the classes."""

from __future__ import annotations

import json
from typing import Any

import httpx
import openai
import pytest
from pydantic import ValidationError

from grounding.article import ArticleContext
from schemas.extraction import LLMExtraction
from service.core.config import PROJECT_ROOT
from service.core.errors import (
    DOCUMENTED,
    InvalidOutput,
    ServiceError,
    UpstreamError,
    UpstreamRateLimited,
    UpstreamTimeout,
    UpstreamUnavailable,
    error_body,
    error_table_markdown,
    map_upstream_error,
    openapi_responses,
    retry_after_header,
    validation_summary,
)

REQUEST = httpx.Request("POST", "http://llm.test/v1/chat/completions")


def _status_error(status: int, headers: dict[str, str] | None = None) -> openai.APIStatusError:
    response = httpx.Response(status, headers=headers or {}, request=REQUEST)
    return openai.APIStatusError("upstream said no", response=response, body=None)


def _validation_error() -> ValidationError:
    answer = {"events": [{"evidence": ["made up"], "participants": [{"name": "Ann Lee"}, {"name": "Cy Bo"}]}]}
    ctx = ArticleContext("Ann Lee met Bo Kim.").as_validation_context()
    with pytest.raises(ValidationError) as caught:
        LLMExtraction.model_validate(answer, context=ctx)
    return caught.value


@pytest.mark.parametrize(
    ("exc", "kind", "headers"),
    [
        (_status_error(429, {"retry-after": "7"}), UpstreamRateLimited, {"Retry-After": "7"}),
        (_status_error(429), UpstreamRateLimited, {}),
        (_status_error(503, {"retry-after": "3"}), UpstreamUnavailable, {"Retry-After": "3"}),
        (_status_error(500, {"retry-after": "3"}), UpstreamError, {}),
        (_status_error(404), UpstreamError, {}),
        (openai.APITimeoutError(request=REQUEST), UpstreamTimeout, {}),
        (openai.APIConnectionError(request=REQUEST), UpstreamUnavailable, {}),
        (TimeoutError(), UpstreamTimeout, {}),
        (json.JSONDecodeError("Expecting value", "{", 1), InvalidOutput, {}),
        (RuntimeError("odd"), UpstreamError, {}),
    ],
)
def test_map_upstream_error(exc: BaseException, kind: type[ServiceError], headers: dict[str, str]) -> None:
    mapped = map_upstream_error(exc)
    assert type(mapped) is kind
    assert mapped.headers == headers


def test_retry_after_is_read_from_status_errors_only() -> None:
    assert retry_after_header(_status_error(429, {"retry-after": "2.5"})) == "2.5"
    assert retry_after_header(_status_error(429)) is None
    assert retry_after_header(openai.APIConnectionError(request=REQUEST)) is None
    assert retry_after_header(None) is None


def test_validation_summary_splits_the_article_checks() -> None:
    items = validation_summary(_validation_error())
    assert [i["msg"] for i in items] == [
        "event 1: evidence 'made up' is not in the article (copy sentences exactly)",
        "event 1: participant 'Cy Bo' is not named in the article",
    ]
    assert validation_summary(ValueError("x" * 600)) == [{"loc": [], "msg": "x" * 500}]


def test_error_body_is_the_one_shape() -> None:
    body = error_body(InvalidOutput("bad", errors=[{"loc": [], "msg": "m"}]), "rid")
    assert body.model_dump(exclude_none=True) == {
        "code": "invalid_output",
        "detail": "bad",
        "request_id": "rid",
        "errors": [{"loc": [], "msg": "m"}],
    }


def test_documented_codes_are_unique_and_described() -> None:
    codes = [cls.code for cls in DOCUMENTED]
    assert len(codes) == len(set(codes))
    assert all(cls.when for cls in DOCUMENTED)


def test_openapi_responses_group_codes_by_status() -> None:
    responses: dict[Any, Any] = openapi_responses(*DOCUMENTED)
    assert sorted(responses) == [401, 413, 415, 422, 429, 502, 503, 504]
    for cls in DOCUMENTED:
        assert f"`{cls.code}`: {cls.when}" in responses[cls.status]["description"]


def test_the_documented_error_table_is_the_generated_one() -> None:
    reference = (PROJECT_ROOT / "docs" / "api.md").read_text(encoding="utf-8")
    assert error_table_markdown() in reference
