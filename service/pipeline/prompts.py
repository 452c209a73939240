"""Prompts are data: versioned YAML files, validated on load, rendered in a sandboxed Jinja environment."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal

import yaml
from jinja2 import StrictUndefined, Template, TemplateError
from jinja2.sandbox import SandboxedEnvironment
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from grounding.article import ArticleContext
from grounding.text.sentences import numbered
from schemas.extraction import LLMExtraction
from service.core.errors import UnknownPrompt

_ENV = SandboxedEnvironment(undefined=StrictUndefined, autoescape=False, keep_trailing_newline=False)


@lru_cache(maxsize=256)
def _compiled(source: str) -> Template:
    """Compile a template once (compiling costs far more than rendering)."""
    return _ENV.from_string(source)


class PromptLoadError(Exception):
    """A prompt file is malformed; raised at start-up, never at request time."""


DerivedField = Literal[
    "participant_title", "participant_country", "host", "mode", "outcomes", "format", "topics"
]


class PromptExample(BaseModel):
    """A few-shot example: an invented article and the answer the model should give."""

    model_config = ConfigDict(extra="forbid")

    published: dt.date | None = None
    text: str = Field(min_length=1)
    output: dict[str, Any]


class PromptSpec(BaseModel):
    """One prompt version, as stored in prompts/<name>/<version>.yaml."""

    model_config = ConfigDict(extra="forbid")

    name: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    version: str = Field(pattern=r"^v[0-9]+[a-z0-9_.-]*$")
    description: str
    system: str = Field(min_length=1)
    user: str = Field(min_length=1)
    # How the model cites its evidence: by copying sentences ("quotes"), or by the numbers the
    # article's sentences carry in the prompt ("sentence_numbers": fewer tokens to generate, and
    # a citation is an exact sentence on every backend).
    citations: Literal["quotes", "sentence_numbers"] = "quotes"
    # Fields the model is not asked for: the service reads them from the article itself (title and
    # country around each name, outcomes as the article's sentences, mode and host from the format,
    # place and people). Every token the model does not generate is time saved (issue 18), and the
    # schema the model answers leaves them out, so a small model cannot fill them with guesses.
    derived: list[DerivedField] = Field(default_factory=list)
    examples: list[PromptExample] = Field(default_factory=list)

    @model_validator(mode="after")
    def _templates_compile(self) -> PromptSpec:
        for field_name in ("system", "user"):
            try:
                _ENV.from_string(getattr(self, field_name))
            except TemplateError as e:
                raise ValueError(f"{field_name} template does not compile: {e}") from e
        return self

    @model_validator(mode="after")
    def _examples_are_valid_for_their_articles(self) -> PromptSpec:
        # An example that fails our own validators would teach the model to fail them.
        for ex in self.examples:
            ctx = self.article(ex.text, ex.published).as_validation_context()
            LLMExtraction.model_validate(ex.output, context=ctx)
            # ... and an example that shows a field the schema leaves out teaches the model to
            # write what the grammar refuses.
            shown: set[str] = set()
            for event in ex.output.get("events", []):
                shown |= set(event)
                shown |= {f"participant_{key}" for person in event.get("participants", []) for key in person}
            left_out = set(self.derived) & shown
            if left_out:
                raise ValueError(f"example shows fields the prompt derives: {sorted(left_out)}")
        return self

    def article(
        self,
        text: str | ArticleContext,
        published: dt.date | None,
        instructions: str = "",
        focus: tuple[int, int] | None = None,
        asked_about: tuple[str, ...] = (),
        choices: tuple[str, ...] = (),
        opening_words: int = 0,
    ) -> ArticleContext:
        """The context an answer to this prompt is checked against (with its sentence numbers, if any).

        Args:
            text: the article (or chunk) the model reads; given as the request's article analysis,
                the context shares its analyses instead of computing them again.
            published: its publication date, if known.
            instructions: the system message, which free-text fields must not repeat.
            focus: evidence must lie in `text[start:end]` (a recall question's paragraph); None = anywhere.
            asked_about: people of that paragraph, one of whom an answer must include.
            choices: the only people an answer may list (empty: anyone the article names).
            opening_words: evidence is offered as sentence openings of at least this many words
                (`llm_evidence_opening_words`; ignored with numbered citations); 0 = whole sentences.

        Returns:
            The article context.
        """
        analysis = text if isinstance(text, ArticleContext) else ArticleContext(text, published)
        cited = numbered(analysis.text)[1] if self.citations == "sentence_numbers" else ()
        openings = 0 if cited else opening_words
        return analysis.asked(instructions, cited, focus, asked_about, choices, openings)

    def _shown(self, text: str) -> str:
        """The article as the model reads it: numbered sentences when it cites numbers."""
        return numbered(text)[0] if self.citations == "sentence_numbers" else text

    def render(self, text: str, published: dt.date | None) -> list[dict[str, str]]:
        """Build the chat messages for one article.

        Args:
            text: the article (or chunk) text.
            published: its publication date, if known.

        Returns:
            OpenAI chat messages: system, then each example as a user/assistant pair, then the article.
        """
        system_t, user_t = _compiled(self.system), _compiled(self.user)
        system = system_t.render(published=published, text=text)
        messages = [{"role": "system", "content": system.strip()}]
        for ex in self.examples:
            user = user_t.render(published=ex.published, text=self._shown(ex.text))
            messages.append({"role": "user", "content": user.strip()})
            messages.append({"role": "assistant", "content": json.dumps(ex.output, ensure_ascii=False)})
        user = user_t.render(published=published, text=self._shown(text))
        messages.append({"role": "user", "content": user.strip()})
        return messages


class PromptRegistry:
    """All prompt versions of one prompt family, loaded and validated once."""

    def __init__(
        self, specs: dict[str, PromptSpec], default: str, fingerprints: dict[str, str] | None = None
    ):
        if default not in specs:
            raise PromptLoadError(f"default prompt {default!r} not found; have {sorted(specs)}")
        self._specs = specs
        self.default = default
        self._fingerprints = fingerprints or {}

    @classmethod
    def load(cls, directory: Path, name: str, default: str) -> PromptRegistry:
        """Load every `<directory>/<name>/*.yaml`.

        Args:
            directory: the prompts folder.
            name: the prompt family, e.g. "meeting_events".
            default: the version used when a request names none.

        Returns:
            The registry.

        Raises:
            PromptLoadError: a file is unreadable, invalid, or misnamed.
        """
        specs: dict[str, PromptSpec] = {}
        fingerprints: dict[str, str] = {}
        folder = directory / name
        for path in sorted(folder.glob("*.yaml")):
            try:
                data = path.read_bytes()
                fingerprints[path.stem] = hashlib.sha256(data).hexdigest()[:16]
                raw = yaml.safe_load(data.decode("utf-8"))
                spec = PromptSpec.model_validate(raw)
            except (OSError, UnicodeDecodeError, yaml.YAMLError, ValidationError) as e:
                raise PromptLoadError(f"{path}: {e}") from e
            if spec.version != path.stem or spec.name != name:
                raise PromptLoadError(
                    f"{path}: declares {spec.name}/{spec.version}, expected {name}/{path.stem}"
                )
            specs[spec.version] = spec
        if not specs:
            raise PromptLoadError(f"no prompts in {folder}")
        return cls(specs, default, fingerprints)

    def get(self, version: str | None) -> PromptSpec:
        """Return a prompt version (the default when None).

        Raises:
            UnknownPrompt: no such version.
        """
        key = version or self.default
        try:
            return self._specs[key]
        except KeyError as e:
            raise UnknownPrompt(
                f"unknown prompt version {key!r}; available: {', '.join(sorted(self._specs))}"
            ) from e

    def fingerprint(self, version: str) -> str:
        """sha256 prefix of a version's file: two texts under one version name never share a cache entry."""
        return self._fingerprints.get(version, "")

    def all(self) -> list[PromptSpec]:
        """Every version, sorted."""
        return [self._specs[k] for k in sorted(self._specs)]
