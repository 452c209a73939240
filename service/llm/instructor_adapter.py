"""Everything instructor-specific, in one module: the only one that imports `instructor`.

It builds instructor's client around our retrying `create`, hands instructor the response model
(built once, its JSON Schema computed once), carries each request's article to the validators
without instructor's `context=` (which would render the messages — the article! — as Jinja
templates), counts attempts and tokens, and translates instructor's exceptions into the service's
errors. Upgrading instructor means reading this file; every import comes from `instructor.v2`.
"""

from __future__ import annotations

import copy
import json
import logging
import weakref
from collections.abc import Awaitable, Callable, Collection, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Self

from instructor.v2.core import patch as _instructor_patch
from instructor.v2.core.client import AsyncInstructor
from instructor.v2.core.errors import IncompleteOutputException, InstructorRetryException
from instructor.v2.core.function_calls import ResponseSchema
from instructor.v2.core.hooks import Hooks
from instructor.v2.core.mode import Mode
from instructor.v2.core.patch import patch_v2
from instructor.v2.core.providers import Provider
from instructor.v2.core.registry import normalize_mode
from instructor.v2.validation import async_validators as _async_validators
from openai import AsyncOpenAI
from pydantic import BaseModel, ValidationError

from grounding.article import ArticleContext
from schemas.api import Usage
from schemas.extraction import LLMExtraction
from service.core.config import LLMMode, Settings
from service.core.errors import (
    InvalidOutput,
    ServiceError,
    TruncatedOutput,
    map_upstream_error,
    validation_summary,
)
from service.llm.grammar import citable_numbers, cited_by_number, constrained_schema, without_derived
from service.llm.salvage import DroppedEvent, best_salvage, salvage_cut_off

log = logging.getLogger("service.llm.instructor_adapter")

# The article being validated, task-local: instructor's parsers call `model_validate_json` on the
# response model with no context, and InstructorExtraction fills it in from here.
_ARTICLE: ContextVar[ArticleContext | None] = ContextVar("article_under_validation", default=None)


@contextmanager
def validating_against(article: ArticleContext) -> Iterator[None]:
    """Make `article` the validation context of InstructorExtraction within this block (task-local)."""
    token = _ARTICLE.set(article)
    try:
        yield
    finally:
        _ARTICLE.reset(token)


@lru_cache(maxsize=8)
def _schema_of(model: type[BaseModel]) -> dict[str, Any]:
    return BaseModel.model_json_schema.__func__(model)  # type: ignore[attr-defined,no-any-return]


# The docstring below is also the schema's description, which tools mode sends the model as the
# tool's description: it is kept word for word, since changing it changes what the model reads.
class InstructorExtraction(LLMExtraction, ResponseSchema):
    """LLMExtraction as instructor's response model, built once.

    instructor wraps a plain model in a new ResponseSchema subclass on every call (and then
    regenerates its JSON Schema): a quarter of the service's CPU per request. A model that already
    is a ResponseSchema is used as is.
    """

    @classmethod
    def model_json_schema(cls, *args: Any, **kwargs: Any) -> dict[str, Any]:
        """The JSON Schema (computed once: instructor asks for it on every call)."""
        if args or kwargs:
            return super().model_json_schema(*args, **kwargs)
        return copy.deepcopy(_schema_of(cls))

    @classmethod
    def model_validate_json(
        cls, json_data: str | bytes | bytearray, *, context: Any | None = None, **kwargs: Any
    ) -> Self:
        """Validate an answer against the article of the current `validating_against` block."""
        article = _ARTICLE.get()
        if context is None and article is not None:
            context = article.as_validation_context()
        return super().model_validate_json(json_data, context=context, **kwargs)


InstructorExtraction.__name__ = "LLMExtraction"  # the tool name the model sees
InstructorExtraction.__qualname__ = "LLMExtraction"


@lru_cache(maxsize=16)
def response_model(derived: frozenset[str] = frozenset()) -> type[InstructorExtraction]:
    """The response model for a prompt: InstructorExtraction, its schema without the fields the
    prompt leaves to the service (`PromptSpec.derived`), so a hosted model is not asked for them
    either. Built once per set of fields.

    Args:
        derived: the prompt's derived fields.

    Returns:
        The response model class (the same class for the same fields).
    """
    if not derived:
        return InstructorExtraction

    class Derived(InstructorExtraction):
        __doc__ = InstructorExtraction.__doc__

        @classmethod
        def model_json_schema(cls, *args: Any, **kwargs: Any) -> dict[str, Any]:
            """The JSON Schema without the derived fields."""
            return without_derived(super().model_json_schema(*args, **kwargs), derived)

    Derived.__name__ = Derived.__qualname__ = "LLMExtraction"
    return Derived


# Classes that passed instructor's async-validator check; a class does not change, so it is
# walked once. Only passing classes are remembered: a rejected class still raises every time.
_CHECKED: weakref.WeakSet[type] = weakref.WeakSet()
_walk_class: Callable[[Any], None] = _async_validators.reject_async_validators


def _reject_async_validators_once(response_model: Any) -> None:
    if isinstance(response_model, type) and response_model in _CHECKED:
        return
    _walk_class(response_model)
    if isinstance(response_model, type):
        _CHECKED.add(response_model)


def _memoize_async_validator_check() -> None:
    """Make instructor's per-call walk of the response model happen once per class.

    instructor 1.17 walks the class (fields, nested models) several times per call to refuse
    async validators. Most call sites import the function when they run, so replacing it in its
    module reaches them; `instructor.v2.core.patch` bound the name at import, so it is replaced
    there too.
    """
    _async_validators.reject_async_validators = _reject_async_validators_once
    _instructor_patch.reject_async_validators = _reject_async_validators_once  # type: ignore[attr-defined]


_memoize_async_validator_check()

_INSTRUCTOR_MODE: dict[LLMMode, Mode] = {
    "tools": Mode.TOOLS,
    "json_schema": Mode.JSON_SCHEMA,
    "json": Mode.JSON,
    # instructor's JSON_SCHEMA handler adds nothing to the prompt; we replace the response_format
    # it sends with the {"type": "json_object", "schema": ...} form llama.cpp compiles to a grammar.
    "json_object_schema": Mode.JSON_SCHEMA,
}


@dataclass(frozen=True)
class StructuredAnswer:
    """A validated answer, with how many model answers it took and the tokens they cost.

    A partial answer (the re-asks were spent) keeps the valid events of the best attempt;
    `dropped` names the events left out.
    """

    extraction: LLMExtraction
    attempts: int
    usage: Usage
    dropped: tuple[DroppedEvent, ...] = ()
    cut_off: bool = False  # the events come from an answer cut off at max_tokens


def _usage_of(obj: Any) -> Usage:
    if obj is None:
        return Usage()
    return Usage(
        prompt_tokens=int(getattr(obj, "prompt_tokens", 0) or 0),
        completion_tokens=int(getattr(obj, "completion_tokens", 0) or 0),
        total_tokens=int(getattr(obj, "total_tokens", 0) or 0),
    )


def _raw_output(completion: Any) -> str | None:
    """The text a completion carried (content, or tool-call arguments), for the logs."""
    try:
        message = completion.choices[0].message
    except (AttributeError, IndexError, TypeError):
        return None
    if getattr(message, "tool_calls", None):
        return str(message.tool_calls[0].function.arguments)
    return str(message.content) if message.content is not None else None


def request_extras(
    mode: LLMMode, article: ArticleContext, grounded_grammar: bool, derived: Collection[str] = ()
) -> dict[str, Any]:
    """Extra request fields a mode needs beyond what instructor sends.

    Args:
        mode: the resolved request form.
        article: the article (or chunk) being extracted, analysed, with the question's sentence
            numbers and focus: for the article-specific grammar.
        grounded_grammar: narrow the schema to the article's sentences, names and dates.
        derived: fields the prompt leaves to the service: the schema leaves them out.

    Returns:
        Keyword arguments for `chat.completions.create` (e.g. `extra_body`).
    """
    if mode == "json_object_schema":
        numbered, focus = len(article.numbered), article.focus
        if grounded_grammar:
            schema = constrained_schema(article, numbered, focus)
        else:
            plain = LLMExtraction.model_json_schema()
            cited = citable_numbers(article.text, numbered, focus)
            schema = cited_by_number(plain, cited) if numbered else plain
        # extra_body is merged last into the JSON body, so it replaces instructor's response_format.
        schema = without_derived(schema, derived)
        return {"extra_body": {"response_format": {"type": "json_object", "schema": schema}}}
    return {}


class InstructorAdapter:
    """instructor's client around one upstream `create`, asked for LLMExtraction answers."""

    def __init__(self, client: AsyncOpenAI, create: Callable[..., Awaitable[Any]], mode: LLMMode):
        """Build instructor's client (like instructor.from_openai, but calling our `create`).

        Args:
            client: the openai client instructor is attached to.
            create: the coroutine function that makes one upstream call (transport retries inside).
            mode: the request form.
        """

        async def call(*args: Any, **kwargs: Any) -> Any:
            # A plain coroutine function: instructor picks its async path by inspecting `create`.
            return await create(*args, **kwargs)

        self.mode = mode
        instructor_mode = normalize_mode(Provider.OPENAI, _INSTRUCTOR_MODE[mode])
        self._client = AsyncInstructor(
            client=client,
            create=patch_v2(func=call, provider=Provider.OPENAI, mode=instructor_mode),
            provider=Provider.OPENAI,
            mode=instructor_mode,
        )

    async def extract(
        self,
        messages: list[dict[str, str]],
        article: ArticleContext,
        model: str,
        settings: Settings,
        request_id: str,
        strict: bool = False,
        derived: Collection[str] = (),
    ) -> StructuredAnswer:
        """Ask the model for meeting events, re-asking with the validators' messages when they fail.

        When the re-asks are spent, the events that pass validation on their own are kept from
        the attempt that keeps the most (a partial answer), unless `strict`.

        Args:
            messages: the rendered prompt, the article (or chunk) last.
            article: what the answer is validated against (the same text, and the instructions).
            model: the model name sent upstream.
            settings: generation settings (`llm_temperature`, `llm_max_tokens`, `llm_seed`), the
                number of validation re-asks (`Settings.max_retries`) and `llm_grounded_grammar`.
            request_id: for the log line of a failed extraction.
            strict: no partial answers: any invalid event, once the re-asks are spent, fails.
            derived: fields the prompt leaves to the service (`PromptSpec.derived`): the model's
                schema leaves them out.

        Returns:
            The validated answer, the number of model answers it took, and the tokens spent.

        Raises:
            ServiceError: TruncatedOutput, InvalidOutput (no answer was a JSON object with an
                `events` list; with `strict`, every answer failed validation), or the transport's
                error. Without `strict`, well-formed answers none of whose events holds give an
                answer with no event and the dropped ones listed.
        """
        attempts = 0
        raw_outputs: list[str | None] = []  # every attempt's answer, for a partial answer

        def count(*_: Any, **__: Any) -> None:
            nonlocal attempts
            attempts += 1

        def keep(response: Any) -> None:
            raw_outputs.append(_raw_output(response))

        hooks = Hooks()
        hooks.on("completion:kwargs", count)
        hooks.on("completion:response", keep)
        kwargs: dict[str, Any] = {
            "model": model,
            "messages": messages,
            "temperature": settings.llm_temperature,
            "max_tokens": settings.llm_max_tokens,
            **request_extras(self.mode, article, settings.llm_grounded_grammar, derived),
        }
        if settings.llm_seed is not None:
            kwargs["seed"] = settings.llm_seed
        truncated = f"the LLM's output was cut off at max_tokens={settings.llm_max_tokens}"
        try:
            with validating_against(article):
                parsed, completion = await self._client.chat.completions.create_with_completion(
                    response_model=response_model(frozenset(derived)),
                    max_retries=settings.max_retries,
                    hooks=hooks,
                    **kwargs,
                )
        except IncompleteOutputException as e:
            cut = None if strict else self._cut_off(e, raw_outputs, article, attempts, request_id)
            if cut is not None:
                return cut
            raise TruncatedOutput(truncated) from e
        except InstructorRetryException as e:
            cause = e.__cause__ or e
            if isinstance(cause, ServiceError):
                raise cause from cause.__cause__  # the transport's own error, its cause kept
            if isinstance(cause, IncompleteOutputException):
                cut = None if strict else self._cut_off(cause, raw_outputs, article, attempts, request_id)
                if cut is not None:
                    return cut
                raise TruncatedOutput(truncated) from e
            if isinstance(cause, ValidationError | json.JSONDecodeError):
                partial = None if strict else self._partial(e, raw_outputs, article, request_id)
                if partial is not None:
                    return partial
                errors = validation_summary(cause)
                log.warning(
                    "invalid output after %d attempts",
                    e.n_attempts,
                    extra={
                        "request_id": request_id,
                        "errors": errors,
                        "raw_output": _raw_output(e.last_completion),
                    },
                )
                raise InvalidOutput(
                    f"the LLM's output failed validation after {e.n_attempts} attempts: "
                    + "; ".join(item["msg"] for item in errors[:5]),
                    errors=errors,
                ) from e
            raise map_upstream_error(cause) from e
        total = getattr(parsed, "_total_usage", None) or getattr(completion, "usage", None)
        return StructuredAnswer(parsed, max(attempts, 1), _usage_of(total))

    @staticmethod
    def _cut_off(
        e: IncompleteOutputException,
        raw_outputs: list[str | None],
        article: ArticleContext,
        attempts: int,
        request_id: str,
    ) -> StructuredAnswer | None:
        """The valid complete events of an answer cut off at max_tokens, or None when it has none."""
        completion = e.last_completion
        raw = _raw_output(completion) if completion is not None else None
        salvage = salvage_cut_off(raw or (raw_outputs[-1] if raw_outputs else None), article)
        if salvage is None or not salvage.extraction.events:
            return None
        log.warning(
            "answer cut off at max_tokens: kept %d complete events",
            len(salvage.extraction.events),
            extra={"request_id": request_id},
        )
        usage = _usage_of(getattr(completion, "usage", None))
        return StructuredAnswer(salvage.extraction, max(attempts, 1), usage, salvage.dropped, cut_off=True)

    @staticmethod
    def _partial(
        e: InstructorRetryException,
        raw_outputs: list[str | None],
        article: ArticleContext,
        request_id: str,
    ) -> StructuredAnswer | None:
        """The valid events of the best attempt, or None when no attempt has any."""
        if not raw_outputs and e.last_completion is not None:
            raw_outputs = [_raw_output(e.last_completion)]
        salvage = best_salvage(raw_outputs, article)
        if salvage is None:
            return None  # no answer was a JSON object with an events list: garbage, a 502
        if not salvage.extraction.events:
            # Every answer was well-formed but none of its events holds against the article (one
            # person, a name the article never writes, "(none)"): the article reports no meeting
            # the model could support, which is an answer with no event, not an upstream failure.
            log.info(
                "no valid event after %d attempts",
                e.n_attempts,
                extra={"request_id": request_id, "dropped": len(salvage.dropped)},
            )
            return StructuredAnswer(
                salvage.extraction, max(e.n_attempts, 1), _usage_of(e.total_usage), salvage.dropped
            )
        log.warning(
            "partial answer after %d attempts: kept %d of %d events",
            e.n_attempts,
            len(salvage.extraction.events),
            salvage.reported,
            extra={
                "request_id": request_id,
                "errors": [{"event": d.number, "msg": d.problem} for d in salvage.dropped],
            },
        )
        return StructuredAnswer(
            salvage.extraction, max(e.n_attempts, 1), _usage_of(e.total_usage), salvage.dropped
        )
