"""Peer (b): LangExtract through its OpenAI-compatible provider, pointed at the same server.

Mapping (one extraction class, `meeting`):
- `extraction_text`: the words of the article that report the meeting; its `char_interval` becomes
  the event's evidence (offsets as LangExtract aligned them; none when it could not align);
- attributes `participants` (list of names) and `countries` (same order) → participants (no titles);
- `date` → date when ISO (LangExtract does no date resolution), `date_text`, `city`, `country`,
  `venue` → location; `format`, `status`, `mode` → the same fields when in the service's vocabulary,
  else null; `topics` (list) → topics. A meeting with no participant attribute maps to an event with
  no participants (a false positive under both rules).
The publication date goes in as LangExtract's `additional_context`; chunks are the service's chunk
size, one worker, so the server sees one request at a time like the other rows.

LangExtract is synchronous and runs in a thread, which a timed-out case cannot cancel: left alone,
it would go on sending chunks while the next case waits behind it on the one-at-a-time server, and
every later case would run out of time too. So the case budget is enforced inside the thread: each
request gets the time left as its HTTP timeout, and no request starts once the budget is spent.
"""

from __future__ import annotations

import asyncio
import time
from typing import Any

import langextract as lx
from langextract.core import types as core_types
from langextract.providers.openai import OpenAILanguageModel

from evals.cases import Case
from evals.peers.common import Answer, PeerConfig, PeerFn, failure, iso_date

PROMPT = (
    "Extract each meeting between named leaders or officials that the article reports as held, or as "
    "scheduled with a date. Use the exact words of the article for the meeting. Attributes: participants "
    "(names), countries (in the same order), date (YYYY-MM-DD), date_text, city, country, venue, "
    "format (in_person, phone, video), status (occurred, planned), mode (visit, third_party, "
    "multilateral, phone), topics."
)

_EXAMPLE_MEETING = "Prime Minister Ann Lee of Norway met President Bo Kim of Korea in Oslo on Monday"
_EXAMPLE_TEXT = (
    "OSLO, June 10. Prime Minister Ann Lee of Norway met President Bo Kim of Korea in Oslo on Monday "
    "to discuss trade and energy. Ms Lee will call Chancellor Cy Ode next week."
)
EXAMPLES = [
    lx.data.ExampleData(
        text=_EXAMPLE_TEXT,
        extractions=[
            lx.data.Extraction(
                extraction_class="meeting",
                extraction_text=_EXAMPLE_MEETING,
                attributes={
                    "participants": ["Ann Lee", "Bo Kim"],
                    "countries": ["Norway", "South Korea"],
                    "date": "2024-06-10",
                    "date_text": "on Monday",
                    "city": "Oslo",
                    "country": "Norway",
                    "format": "in_person",
                    "status": "occurred",
                    "mode": "visit",
                    "topics": ["trade", "energy"],
                },
            )
        ],
    )
]

_FORMATS = {"in_person", "phone", "video"}
_STATUSES = {"occurred", "planned"}
_MODES = {"visit", "third_party", "multilateral", "phone"}


def _as_list(value: Any) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        return [v.strip() for v in value.split(",") if v.strip()]
    return [str(v) for v in value]


def _one(value: Any) -> str | None:
    if isinstance(value, list):
        value = value[0] if value else None
    return str(value) if value not in (None, "") else None


def _in(value: Any, allowed: set[str]) -> str | None:
    v = _one(value)
    return v if v in allowed else None


def to_event(extraction: Any, text: str) -> dict[str, Any]:
    """One LangExtract `meeting` extraction in the service's response shape (mapping: module doc)."""
    attrs: dict[str, Any] = dict(extraction.attributes or {})
    names = _as_list(attrs.get("participants"))
    countries = _as_list(attrs.get("countries"))
    interval = extraction.char_interval
    evidence = []
    if interval is not None and interval.start_pos is not None and interval.end_pos is not None:
        start, end = int(interval.start_pos), int(interval.end_pos)
        evidence.append(
            {"quote": text[start:end], "start": start, "end": end, "match": "exact", "grounded": True}
        )
    return {
        "participants": [
            {"name": n, "title": None, "country": countries[i] if i < len(countries) else None}
            for i, n in enumerate(names)
        ],
        "host": None,
        "date": iso_date(_one(attrs.get("date"))),
        "date_text": _one(attrs.get("date_text")),
        "location": {
            "city": _one(attrs.get("city")),
            "country": _one(attrs.get("country")),
            "venue": _one(attrs.get("venue")),
        },
        "format": _in(attrs.get("format"), _FORMATS),
        "status": _in(attrs.get("status"), _STATUSES),
        "mode": _in(attrs.get("mode"), _MODES),
        "topics": _as_list(attrs.get("topics")),
        "outcomes": [],
        "evidence": evidence,
    }


class _DeadlineModel(OpenAILanguageModel):
    """LangExtract's OpenAI provider with a per-case deadline on every request it sends."""

    deadline: float | None = None

    def _process_single_prompt(self, prompt: str, config: dict[str, Any]) -> core_types.ScoredOutput:
        if self.deadline is None:
            return super()._process_single_prompt(prompt, config)
        left = self.deadline - time.monotonic()
        if left <= 0:
            raise TimeoutError("case budget spent before this chunk's request")
        client = self._client
        # The provider reads `self._client` for the call; a copy with the remaining time and no
        # retries bounds it, and the original is put back for the next case.
        self._client = client.with_options(timeout=left, max_retries=0)
        try:
            return super()._process_single_prompt(prompt, config)
        finally:
            self._client = client


def build(config: PeerConfig) -> PeerFn:
    """The peer as an async callable over cases (LangExtract is synchronous: it runs in a thread).

    Args:
        config: upstream and generation settings (the service's own, for a like-for-like run).

    Returns:
        A function answering one case.
    """
    model = _DeadlineModel(
        model_id=config.model,
        api_key=config.api_key,
        base_url=config.base_url,
        temperature=config.temperature,
        max_workers=1,
        seed=config.seed,
        max_output_tokens=config.max_tokens,
    )

    def extract(case: Case) -> list[dict[str, Any]]:
        model.deadline = None if config.budget_s is None else time.monotonic() + config.budget_s
        published = case.published.isoformat() if case.published else "unknown"
        doc = lx.extract(
            text_or_documents=case.text,
            prompt_description=PROMPT,
            examples=EXAMPLES,
            model=model,
            max_char_buffer=config.chunk_chars,
            fence_output=False,
            use_schema_constraints=False,
            batch_length=1,
            max_workers=1,
            additional_context=f"Publication date: {published}",
            fetch_urls=False,
        )
        return [to_event(x, case.text) for x in (doc.extractions or []) if x.extraction_class == "meeting"]

    async def run(case: Case) -> Answer:
        started = time.perf_counter()
        try:
            events = await asyncio.to_thread(extract, case)
        except Exception as e:  # any failure is a scored outcome of the peer, not a crash of the run
            return failure(e, started)
        return events, {"latency_ms": (time.perf_counter() - started) * 1000}, None

    return run
