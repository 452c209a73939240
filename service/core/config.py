"""Settings: read once from the environment (or a .env file) and passed to `create_app`."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Literal

from pydantic import AliasChoices, Field, SecretStr, field_validator, model_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

PROJECT_ROOT = Path(__file__).resolve().parents[2]

# How the structured-output request is sent upstream:
# - tools: OpenAI function calling (OpenAI, vLLM, most hosted APIs);
# - json_schema: OpenAI structured outputs, response_format {"type": "json_schema"};
# - json: response_format {"type": "json_object"} with the schema only in the prompt (unconstrained);
# - json_object_schema: response_format {"type": "json_object", "schema": ...}, which llama.cpp's
#   server turns into a grammar (it rejects the json_schema form);
# - auto: json_object_schema for the embedded model, tools otherwise.
LLMMode = Literal["auto", "tools", "json_schema", "json", "json_object_schema"]
# The keys of service.llm.models.CATALOG (a test keeps the two in step).
EmbeddedModel = Literal["smollm2", "gemma3", "qwen05", "qwen15"]
KVCacheType = Literal["f16", "q8_0", "q4_0"]
# The post-processing steps that `SERVICE_SKIP_STEPS` can switch off one by one (the evals' ablation,
# `python -m evals ablate`), in the order they run after the model answers.
PipelineStep = Literal[
    "people_check",  # a text naming fewer than two people is not sent to the model
    "lone_people",  # a one-person event completed from the sentence it cites
    "telling_sentence",  # an event citing only a headline or dateline gets the sentence telling its meeting
    "date_context",  # an undated event takes the date phrase of its sentences, paragraph or dateline
    "status",  # planned or occurred as the tense of the evidence sentences says
    "call_format",  # a meeting the article reports as a call is given format/mode phone
    "places",  # the gazetteer checks the city and the location country
    "listed_counterparts",  # "met X, Y and Z" becomes one meeting per counterpart
    "cited_people",  # a person the event's sentences never name, replaced by whom they say met the other
    "meeting_cue",  # an event whose sentences report no meeting is dropped
    "unnamed_people",  # an event whose sentences name none of its people, told by no paragraph, is dropped
    "missing_subjects",  # the sentence's subject a model left out is put back
    "other_occasions",  # another meeting of a found pair, recalled or announced
    "principal_meetings",  # the principal's meetings with counterparts no event names, bulleted lists
    "modality",  # an event whose sentences deny, doubt, wish for or order a meeting is dropped
    "domestic",  # an event whose participants all represent one country is dropped
    "people",  # each participant's title and country as the article writes them
    "trip_places",  # an in-person meeting with no place: its traveller's latest destination
    "hosts",  # a visit the answer gives no host: who receives, else the participant of the place's country
    "countries",  # a person's country read in one meeting, in their meetings that read none
    "same_day",  # two events of the same people, day and status (a rule's and the answer's) are one
    "date_spans",  # a day opening or closing a span ("July 9" of "from July 9-13") is the span: no date
    "topics",  # a topic stays only where the event's sentences name it
    "outcomes",  # an outcome stays only where it is the article's own text
]
# Default bounds on extractions in flight (Settings.max_inflight).
EMBEDDED_MAX_INFLIGHT = 2
REMOTE_MAX_INFLIGHT = 100
# A hosted model reads the validators' messages and corrects its answer; the embedded ones repeat
# theirs, and what they get wrong the partial answer (service/llm/salvage.py) drops anyway.
REMOTE_MAX_RETRIES = 2


class Settings(BaseSettings):
    """Every knob of the service. Environment variables carry the `LLM_` or `SERVICE_` prefix."""

    model_config = SettingsConfigDict(env_file=".env", extra="ignore", case_sensitive=False)

    # Upstream LLM. No base URL means: start the embedded llama.cpp server on loopback.
    llm_base_url: str | None = Field(default=None, description="OpenAI-compatible base URL, e.g. .../v1")
    llm_api_key: SecretStr = SecretStr("not-needed")
    llm_model: str | None = Field(default=None, description="Model name sent upstream.")
    llm_mode: LLMMode = "auto"
    llm_timeout_s: float = 120.0
    llm_connect_timeout_s: float = 5.0
    llm_max_retries: int | None = Field(
        default=None,
        ge=0,
        le=10,
        description="Validation re-asks after the first try. None = 0 for the embedded model (its "
        "re-asks changed no eval figure and cost a whole call each: docs/benchmarks.md), "
        f"{REMOTE_MAX_RETRIES} for a hosted one.",
    )
    llm_transport_retries: int = Field(default=3, ge=0, le=10, description="Retries on 429/5xx/timeouts.")
    llm_retry_base_wait_s: float = Field(
        default=0.5, ge=0, description="Backoff base (exponential, jittered)."
    )
    llm_retry_max_wait_s: float = Field(default=8.0, ge=0, description="Longest backoff between retries.")
    llm_retry_max_retry_after_s: float = Field(
        default=30.0, ge=0, description="Cap on an honoured Retry-After."
    )
    llm_temperature: float = 0.0
    llm_max_tokens: int = 1024
    llm_seed: int | None = 0
    llm_grounded_grammar: bool = Field(
        default=True,
        description="In json_object_schema mode, restrict evidence/names/dates to the article's own text.",
    )
    llm_evidence_opening_words: int = Field(
        default=0,
        ge=0,
        le=60,
        description="With the grounded grammar, evidence is a sentence's opening words (at least this "
        "many, until no other sentence starts so), which the service widens to the whole sentence: "
        "the model does not copy the rest. 0 = whole sentences.",
    )

    # Embedded model (used when llm_base_url is unset).
    llm_embedded_model: EmbeddedModel = "qwen05"
    llm_gguf_path: Path | None = Field(
        default=None, description="Any GGUF file; overrides llm_embedded_model."
    )
    llm_model_cache_dir: Path = Field(
        default_factory=lambda: Path.home() / ".cache" / "meeting-extract" / "models",
        description="Where multi-part models are joined once, and verification stamps are kept.",
    )
    llm_n_ctx: int = 4096
    llm_n_threads: int | None = None
    llm_n_threads_batch: int | None = Field(
        default=None, ge=1, description="Threads for prompt evaluation; None = llm_n_threads."
    )
    llm_n_batch: int = Field(
        default=512, ge=1, description="llama.cpp logical batch (prompt tokens per step)."
    )
    llm_n_ubatch: int = Field(default=512, ge=1, description="llama.cpp physical batch.")
    llm_flash_attn: bool = Field(default=False, description="llama.cpp flash attention.")
    llm_cache_type_k: KVCacheType = Field(
        default="f16", description="llama.cpp key cache type (q8_0/q4_0 quantise it)."
    )
    llm_cache_type_v: KVCacheType = Field(
        default="f16",
        description="llama.cpp value cache type; a quantised value cache needs llm_flash_attn.",
    )
    llm_mlock: bool = Field(
        default=False, description="Lock the model's pages in memory (llama.cpp use_mlock)."
    )
    llm_lazy_grammar: bool = Field(
        default=True,
        description="Greedy grammar sampling checks the best token first, the whole vocabulary only "
        "when the grammar refuses it (same answers; service/llm/llama_child.py).",
    )
    llm_jump_forward: bool | None = Field(
        default=None,
        description="With lazy grammar sampling: text the grammar allows in one way only (the rest of a "
        "key, of a value once it is settled) is written without the model, its tokens cut as the "
        "tokenizer cuts them and evaluated as one batch (jump-forward decoding; "
        "service/llm/llama_child.py). None = the embedded model's own default (on, but for gemma3). "
        "Off when LLM_DRAFT_TOKENS is set.",
    )
    llm_close_repeats: bool = Field(
        default=True,
        description="With lazy grammar sampling: once an array's element repeats an earlier one (the "
        "same event listed again), the array is closed (service/llm/llama_child.py: RepeatGuard). "
        "A repeated event adds nothing the merge keeps, and a greedy model that repeats one "
        "repeats it to the token limit.",
    )
    llm_canonical_spacing: bool = Field(
        default=True,
        description="The embedded server's JSON grammars allow only the whitespace json.dumps writes "
        "(a space after each comma and colon, none elsewhere), so the keys that must come next are "
        "forced text the model does not generate (service/llm/llama_child.py). False = an optional "
        "space after every token of structure, as llama.cpp's schema converter writes it. Rides on "
        "LLM_LAZY_GRAMMAR.",
    )
    llm_grammar_probe: int = Field(
        default=1024,
        ge=0,
        le=4096,
        description="With lazy grammar sampling: each token is read straight from the model's "
        "logits (the repeat penalty applied to the recent tokens' entries), and when the grammar "
        "refuses the best token, the next best this many are asked about one by one before the "
        "grammar sees the whole vocabulary (same answers; service/llm/llama_child.py). 0 = "
        "llama.cpp's sampler chain for every token and the grammar over the whole vocabulary at once.",
    )
    llm_draft_tokens: int = Field(
        default=0,
        ge=0,
        le=64,
        description="Prompt-lookup speculative decoding: tokens drafted from the prompt per step (0 = off).",
    )
    llm_draft_min_match: int = Field(
        default=3,
        ge=1,
        le=16,
        description="Prompt-lookup drafts only after this many last tokens match earlier text "
        "(shorter matches draft at a loss on a CPU).",
    )
    llm_embedded_log_path: Path | None = Field(
        default=None,
        description="Append the llama.cpp server's log here (its per-call timings); None = a temporary file.",
    )
    llm_embedded_startup_timeout_s: float = 120.0

    # Service behaviour.
    service_prompts_dir: Path = PROJECT_ROOT / "prompts"
    service_prompt_name: str = "meeting_events"
    # v2 (one worked example) measured best on the seeds with the embedded model: see README, Evals.
    service_default_prompt: str = "v8"
    service_max_body_bytes: int = Field(default=1_000_000, description="Larger request bodies get 413.")
    service_max_text_chars: int = Field(default=200_000, description="Longer articles get 413.")
    service_chunk_chars: int = Field(default=6000, ge=500, description="Articles longer than this are split.")
    service_chunk_overlap_chars: int = Field(default=400, ge=0)
    service_batch_concurrency: int = Field(default=4, ge=1, le=64)
    service_request_budget_s: float = Field(
        default=300.0, gt=0, description="Total time one extraction may take (all retries); 504 beyond."
    )
    service_log_level: str = "INFO"
    service_log_json: bool = True
    # Callers' keys; empty = no authentication. Comma-separated in the environment.
    service_api_keys: Annotated[list[SecretStr], NoDecode] = Field(default_factory=list)
    service_rate_limit_per_minute: float = Field(default=0, ge=0, description="Per caller; 0 = off.")
    service_rate_limit_burst: int = Field(default=10, ge=1)
    service_cors_origins: Annotated[list[str], NoDecode] = Field(
        default_factory=list, description="Allowed origins; empty = CORS off."
    )
    service_cache_enabled: bool = True
    service_cache_dir: Path = PROJECT_ROOT / ".cache" / "results"
    service_cache_ttl_s: float = Field(default=7 * 24 * 3600, gt=0)
    service_keep_alive_s: int = Field(default=75, ge=1, description="Idle keep-alive of client connections.")
    service_host: str = "127.0.0.1"
    # 12-factor: PaaS platforms (Cloud Run, Heroku, Render, Railway) say where to listen in PORT;
    # SERVICE_PORT, when set, wins.
    service_port: int = Field(default=8000, validation_alias=AliasChoices("service_port", "port"))

    # Issue 9 (part A): supervision of the embedded model, backpressure, several workers.
    llm_embedded_restart_backoff_s: float = Field(
        default=1.0, gt=0, description="First wait before restarting a model that keeps failing (doubles)."
    )
    llm_embedded_restart_max_backoff_s: float = Field(default=30.0, gt=0)
    llm_embedded_max_restart_failures: int = Field(
        default=3, ge=1, description="Consecutive failed restarts after which /healthz answers 503."
    )
    service_max_inflight: int | None = Field(
        default=None, ge=1, description="Extractions in flight per worker; None = sized to the backend."
    )
    service_inflight_wait_s: float = Field(
        default=1.0, ge=0, description="How long a request waits for a free slot before 503 overloaded."
    )
    service_workers: int = Field(default=1, ge=1, le=64, description="uvicorn worker processes.")

    # Issue 10: an event whose cited paragraphs hold no word reporting a meeting is dropped.
    service_require_meeting_cue: bool = Field(
        default=True, description="Drop events whose evidence reports no meeting, call or talks."
    )
    # Issue 10: add the meetings the text states plainly that the answer left out, without asking
    # the model (grounding/rules/other_occasions.py, grounding/rules/counterparts.py).
    service_rule_recall: bool = Field(
        default=True,
        description=(
            "Add the meetings an answer left out that a sentence states plainly: another meeting of "
            "a pair found, a counterpart the principal meets."
        ),
    )
    service_skip_steps: frozenset[PipelineStep] = Field(
        default=frozenset(),
        description="Post-processing steps switched off (comma-separated names; for ablation studies).",
    )
    # Issue 10: after the first answer, ask again about each paragraph that reports a meeting with
    # a titled person no event names (grounding/rules/missed_paragraphs.py), up to this many; 0 = one
    # question only.
    service_recall_passes: int = Field(
        default=0, ge=0, le=16, description="Extra questions about paragraphs the first answer missed."
    )

    # Issue 9 (part B): state shared by replicas on Redis (result cache, single-flight, rate limit).
    service_redis_url: SecretStr | None = Field(
        default=None, description="redis://host:port/db; unset = cache on local disk, limits per process."
    )
    service_redis_timeout_s: float = Field(default=0.5, gt=0, description="Redis connect/command timeout.")
    service_redis_retry_s: float = Field(
        default=5.0, ge=0, description="After a Redis failure, how long it is bypassed before trying again."
    )

    @field_validator("service_api_keys", "service_cors_origins", "service_skip_steps", mode="before")
    @classmethod
    def _comma_separated(cls, value: object) -> object:
        if isinstance(value, str):
            return [v.strip() for v in value.split(",") if v.strip()]
        return value

    @model_validator(mode="after")
    def _quantised_values_need_flash_attention(self) -> Settings:
        # llama.cpp refuses to create a context with a quantised value cache without flash
        # attention; failing here names the setting instead of a dead child process.
        if self.llm_cache_type_v != "f16" and not self.llm_flash_attn:
            raise ValueError("LLM_CACHE_TYPE_V other than f16 needs LLM_FLASH_ATTN=true")
        return self

    @property
    def embedded(self) -> bool:
        """True when the service runs its own llama.cpp server."""
        return not self.llm_base_url

    @property
    def max_inflight(self) -> int:
        """The bound on extractions in flight: `service_max_inflight`, or one sized to the backend.

        llama.cpp's server computes one request at a time: two in flight keep it busy without
        queueing work nobody may wait for. A remote engine batches many requests; its bound is the
        upstream connection pool's size (service.llm.clients).
        """
        if self.service_max_inflight is not None:
            return self.service_max_inflight
        return EMBEDDED_MAX_INFLIGHT if self.embedded else REMOTE_MAX_INFLIGHT

    @property
    def max_retries(self) -> int:
        """The validation re-asks actually made: `llm_max_retries`, or one chosen for the backend."""
        if self.llm_max_retries is not None:
            return self.llm_max_retries
        return 0 if self.embedded else REMOTE_MAX_RETRIES

    @property
    def resolved_mode(self) -> LLMMode:
        """The request form actually used upstream."""
        if self.llm_mode != "auto":
            return self.llm_mode
        return "json_object_schema" if self.embedded else "tools"
