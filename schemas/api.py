"""Request and response bodies of the HTTP API."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    ValidationError,
    ValidatorFunctionWrapHandler,
    WrapValidator,
    field_validator,
)
from pydantic.json_schema import SkipJsonSchema

from schemas.events import SCHEMA_VERSION, MeetingEvent
from schemas.notes import Note

EXAMPLE_ARTICLE = (
    "ROME — Italian Prime Minister Giorgia Meloni met Kenyan President William Ruto at Palazzo Chigi "
    "in Rome on Tuesday. The two leaders discussed trade, energy and migration, and agreed to open a "
    "joint business forum in Nairobi next year. Ruto invited Meloni to visit Kenya."
)


class ExtractRequest(BaseModel):
    """One article to extract meeting events from."""

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {"text": EXAMPLE_ARTICLE, "published": "2025-03-06", "source_url": "https://example.org/a/1"}
            ]
        },
    )

    text: str = Field(min_length=1, pattern=r"\S", description="The article text (plain text, UTF-8).")
    published: dt.date | None = Field(
        default=None, description="Publication date (YYYY-MM-DD); relative dates are resolved against it."
    )
    source_url: str | None = Field(default=None, max_length=2048, description="Where the article came from.")
    prompt: str | None = Field(
        default=None, max_length=64, description="Prompt version to use, e.g. 'v1'; default when omitted."
    )
    use_cache: bool = Field(
        default=True, description="Serve from / store in the result cache; false bypasses it."
    )
    model: str | None = Field(
        default=None,
        max_length=200,
        description="Model name sent upstream; the configured default when omitted.",
    )
    strict: bool = Field(
        default=False,
        description=(
            "true: any invalid event fails the whole article with 502 invalid_output, as before "
            "partial answers; false: once the re-asks are spent, the valid events are kept and each "
            "dropped one gets a warning."
        ),
    )

    @field_validator("text")
    @classmethod
    def _not_blank(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("text is empty or whitespace only")
        return value


class Usage(BaseModel):
    """Tokens spent upstream, summed over every attempt."""

    prompt_tokens: int = Field(default=0, description="Prompt tokens, all attempts.")
    completion_tokens: int = Field(default=0, description="Completion tokens, all attempts.")
    total_tokens: int = Field(default=0, description="prompt_tokens + completion_tokens.")

    def __add__(self, other: Usage) -> Usage:
        return Usage(
            prompt_tokens=self.prompt_tokens + other.prompt_tokens,
            completion_tokens=self.completion_tokens + other.completion_tokens,
            total_tokens=self.total_tokens + other.total_tokens,
        )


class Meta(BaseModel):
    """How the answer was produced."""

    request_id: str = Field(description="Request identifier (also in the X-Request-ID header).")
    model: str = Field(description="Model that produced the events.")
    prompt_version: str = Field(description="Prompt version that produced the events, e.g. 'v1'.")
    schema_version: str = Field(default=SCHEMA_VERSION, description="Version of this response schema.")
    attempts: int = Field(description="LLM answers parsed, validation re-asks included, summed over chunks.")
    transport_attempts: int = Field(default=0, description="Upstream HTTP calls, transport retries included.")
    transport_waits_s: float = Field(default=0.0, description="Seconds spent backing off between retries.")
    cached: bool = Field(default=False, description="True when served from the result cache (no LLM call).")
    chunks: int = Field(default=1, description="How many pieces a long article was split into.")
    recall_questions: int = Field(
        default=0,
        description="Extra questions about paragraphs the first answer missed (SERVICE_RECALL_PASSES).",
    )
    added_events: int = Field(
        default=0,
        description=(
            "Events added without the model because a sentence states them plainly (another "
            "meeting of a pair found, a counterpart the principal meets; SERVICE_RULE_RECALL); "
            "each has a warning."
        ),
    )
    dropped_events: int = Field(
        default=0,
        description=(
            "Events the model reported that failed validation on every attempt and were left out "
            "(a partial answer); each has a warning. Always 0 with `strict`."
        ),
    )
    usage: Usage = Field(default_factory=Usage, description="Token usage, all attempts.")
    latency_ms: float = Field(description="Time spent producing the answer, in milliseconds.")
    source_url: str | None = Field(default=None, description="The request's `source_url`, echoed.")


class ExtractResponse(BaseModel):
    """Meeting events found in one article."""

    events: list[MeetingEvent] = Field(description="The meeting events, in article order.")
    meta: Meta = Field(description="How the answer was produced: model, prompt, attempts, tokens, latency.")
    warnings: list[str] = Field(
        default_factory=list, description="Things the service corrected or doubted: the notes' messages."
    )
    notes: list[Note] = Field(
        default_factory=list,
        description="Every change a pipeline step made to the answer, or doubt it raised: code, step, span.",
    )


class InvalidItem(BaseModel):
    """A batch item that failed validation: it gets its own `invalid_input` result, the others run."""

    errors: list[dict[str, Any]] = Field(description="The validation problems, as `{loc, msg, type}`.")


def _item_or_invalid(value: Any, handler: ValidatorFunctionWrapHandler) -> Any:
    # Validate each item on its own, so one bad item does not turn the whole batch into a 422.
    try:
        return ExtractRequest.model_validate(value)
    except ValidationError as e:
        return InvalidItem(
            errors=[
                {"loc": list(err["loc"]), "msg": err["msg"], "type": err["type"]}
                for err in e.errors(include_url=False)
            ]
        )


# Documented (and generated into clients) as an ExtractRequest; validated leniently.
BatchItem = Annotated[ExtractRequest | SkipJsonSchema[InvalidItem], WrapValidator(_item_or_invalid)]


class BatchRequest(BaseModel):
    """Many articles in one call."""

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={"examples": [{"items": [{"text": EXAMPLE_ARTICLE, "published": "2025-03-06"}]}]},
    )

    items: list[BatchItem] = Field(
        min_length=1,
        max_length=100,
        description="Articles, 1 to 100. An item that fails validation gets its own error result.",
    )


class ErrorBody(BaseModel):
    """A failure, with a stable machine-readable code."""

    code: str = Field(description="Stable error code, e.g. 'upstream_timeout'.")
    detail: str = Field(description="Human-readable explanation.")
    request_id: str | None = Field(default=None, description="Request identifier, for the logs.")
    errors: list[Any] | None = Field(default=None, description="Validation problems, when there are some.")


class BatchItemResult(BaseModel):
    """One batch item: a result or an error, never both."""

    index: int = Field(description="Position of the item in the request.")
    status: Literal["ok", "error"] = Field(description="ok: `result` is set; error: `error` is set.")
    http_status: int = Field(description="The status this item would have had as a single request.")
    result: ExtractResponse | None = Field(default=None, description="The extraction, when status is ok.")
    error: ErrorBody | None = Field(default=None, description="The failure, when status is error.")


class BatchResponse(BaseModel):
    """Results in the order of the request's items."""

    results: list[BatchItemResult] = Field(description="One entry per request item, in the same order.")


class PromptInfo(BaseModel):
    """A prompt version the service can use."""

    name: str = Field(description="Prompt family, e.g. 'meeting_events'.")
    version: str = Field(description="Version to pass as `prompt` in a request, e.g. 'v2'.")
    description: str = Field(description="What this version does differently.")
    default: bool = Field(description="True for the version used when a request names none.")
    examples: int = Field(description="Number of few-shot examples.")
    citations: Literal["quotes", "sentence_numbers"] = Field(
        default="quotes", description="How the model cites evidence: copied sentences, or sentence numbers."
    )
    derived: list[str] = Field(
        default_factory=list,
        description="Fields the model is not asked for: the service reads them from the article "
        "(participant_title, participant_country, host, mode, outcomes).",
    )


class PromptList(BaseModel):
    """Every available prompt version."""

    prompts: list[PromptInfo] = Field(description="Every loaded prompt version, sorted.")
