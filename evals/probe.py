"""Sentence probes: does the service read the common English ways of telling a meeting, and refuse
the ways of naming two people beside a meeting word that report none?

Each probe is one sentence written for the purpose (`evals/probes/sentences.yaml`), never a case of
a split, run through the service's own pipeline in process twice, with a scripted upstream in place
of a model:

- `rules`: the model answers no event. A meeting sentence passes when the service's own readers
  still return the two people's meeting; a non-meeting sentence when nothing is returned.
- `answer`: the model answers the two people's meeting citing the sentence. A meeting sentence
  passes when the event is kept; a non-meeting sentence when it is dropped.

The figures say which forms of English the deterministic side covers, independently of any model
and of any labelled article; `gaps` in the file lists the trials known to fail.
"""

from __future__ import annotations

import datetime as dt
import json
import uuid
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Literal

import httpx
import yaml
from pydantic import SecretStr

from evals.upstream import completion_body
from grounding.text.names import same_person
from grounding.text.sentences import sentence_spans
from schemas.api import ExtractRequest
from schemas.events import MeetingEvent
from service.core.config import Settings
from service.pipeline.protocol import Extractor
from service.serving.runtime import open_extractor

PROBES_FILE = Path(__file__).parent / "probes" / "sentences.yaml"
Trial = Literal["rules", "answer"]
TRIALS: tuple[Trial, ...] = ("rules", "answer")
_FIELDS = ("A.title", "A.country", "B.title", "B.country", "date", "city", "status", "format")
# The scripted upstream's address: never reached, the transport answers in process.
_UPSTREAM = "http://probe.invalid/v1"


class ProbeError(ValueError):
    """The probe file is malformed."""


@dataclass(frozen=True)
class Probe:
    """One sentence, whether it tells a meeting of the two people, and its known failing trials."""

    template: str
    meeting: bool
    gaps: tuple[Trial, ...] = ()
    # What the meeting's event must say besides who met: "A.title", "A.country" (and B's), "date"
    # (ISO), "city", "status", "format"; compared case-insensitively, null means empty.
    fields: tuple[tuple[str, str | None], ...] = ()


@dataclass(frozen=True)
class ArticleProbe:
    """A short news story of several meetings: who met whom in each, in article order."""

    text: str
    meetings: tuple[tuple[str, ...], ...]
    gaps: tuple[Trial, ...] = ()


@dataclass(frozen=True)
class ProbeSet:
    """The probes of one file and the two people they name."""

    probes: tuple[Probe, ...]
    people: dict[str, tuple[str, str]]  # placeholder -> (name, as written)
    published: dt.date
    articles: tuple[ArticleProbe, ...] = ()

    def sentence(self, probe: Probe) -> str:
        """The probe's sentence with the people as written."""
        written = {k: w for k, (_, w) in self.people.items()}
        bare = {k.lower(): name for k, (name, _) in self.people.items()}
        return probe.template.format(**written, **bare)


@dataclass
class Outcome:
    """What one probe gave in each trial."""

    sentence: str
    meeting: bool
    passed: dict[str, bool] = field(default_factory=dict)
    # "sentence" or "article" (a story of several meetings, `meeting` then always true).
    kind: str = "sentence"
    events: dict[str, list[list[str]]] = field(default_factory=dict)
    # Per trial, the expected fields the meeting's event got wrong: field -> what it said.
    wrong: dict[str, dict[str, str | None]] = field(default_factory=dict)
    gaps: list[str] = field(default_factory=list)


def load_probes(path: Path = PROBES_FILE) -> ProbeSet:
    """Read and check a probe file.

    Args:
        path: the YAML file (`meetings`, `not_meetings`, `people` A and B, `published`).

    Returns:
        The probes, meetings first.

    Raises:
        ProbeError: a missing section, an unknown trial in `gaps`, a sentence without both people.
    """
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        people = {k: (str(v["name"]), str(v["written"])) for k, v in data["people"].items()}
        published = data["published"]
        entries = [(e, True) for e in data["meetings"]] + [(e, False) for e in data["not_meetings"]]
    except (OSError, yaml.YAMLError, KeyError, TypeError, AttributeError) as e:
        raise ProbeError(f"{path}: {e}") from e
    if set(people) != {"A", "B"} or not isinstance(published, dt.date):
        raise ProbeError(f"{path}: `people` must be A and B, `published` a date")
    probes = []
    for entry, meeting in entries:
        template, gaps = str(entry.get("sentence", "")), tuple(entry.get("gaps", ()))
        if not all(f"{{{k}}}" in template or f"{{{k.lower()}}}" in template for k in ("A", "B")):
            raise ProbeError(f"{path}: {template!r} must name {{A}} (or {{a}}) and {{B}} (or {{b}})")
        if any(g not in TRIALS for g in gaps):
            raise ProbeError(f"{path}: {template!r}: gaps must be among {TRIALS}")
        fields = entry.get("fields") or {}
        if not isinstance(fields, dict) or any(k not in _FIELDS for k in fields) or (fields and not meeting):
            raise ProbeError(f"{path}: {template!r}: fields must be among {_FIELDS}, on a meeting")
        expected = tuple((k, None if v is None else str(v)) for k, v in fields.items())
        probes.append(Probe(template, meeting, gaps, expected))
    articles = []
    for entry in data.get("articles") or []:
        try:
            meetings = tuple(tuple(str(n) for n in m) for m in entry["meetings"])
            article = ArticleProbe(str(entry["text"]), meetings, tuple(entry.get("gaps", ())))
        except (KeyError, TypeError) as e:
            raise ProbeError(f"{path}: an article needs `text` and `meetings` (lists of names): {e}") from e
        if not meetings or any(len(m) < 2 for m in meetings) or any(g not in TRIALS for g in article.gaps):
            raise ProbeError(f"{path}: {article.text[:40]!r}: meetings of two or more, gaps among {TRIALS}")
        articles.append(article)
    return ProbeSet(tuple(probes), people, published, tuple(articles))


class _Scripted(httpx.AsyncBaseTransport):
    """An upstream that answers every chat completion with the events set for the next request."""

    def __init__(self) -> None:
        self.events: list[dict[str, Any]] = []

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        arguments = json.dumps({"events": self.events}, ensure_ascii=False)
        return httpx.Response(200, json=completion_body(arguments, True, "probe", (0, 0)), request=request)


def probe_settings() -> Settings:
    """The service's settings for probing: a remote-style upstream (scripted), no cache, no retry."""
    return Settings(
        _env_file=None,  # type: ignore[call-arg]
        llm_base_url=_UPSTREAM,
        llm_model="probe",
        llm_api_key=SecretStr("probe"),
        llm_mode="tools",
        llm_max_retries=0,
        llm_transport_retries=0,
        service_cache_enabled=False,
    )


async def run_probes(probes: ProbeSet, settings: Settings | None = None) -> list[Outcome]:
    """Run every probe in both trials through the service's pipeline.

    Args:
        probes: the probes (`load_probes`).
        settings: the service's settings (default `probe_settings()`); the upstream is scripted.

    Returns:
        One outcome per probe, in file order.
    """
    upstream = _Scripted()
    (a, _), (b, _) = probes.people["A"], probes.people["B"]
    outcomes = []
    async with open_extractor(settings or probe_settings(), transport=upstream) as extractor:
        for probe in probes.probes:
            sentence = probes.sentence(probe)
            outcome = Outcome(sentence, probe.meeting, gaps=list(probe.gaps))
            for trial in TRIALS:
                answer = [] if trial == "rules" else [_answered(sentence, [a, b])]
                found = await _extract(extractor, upstream, sentence, answer, probes.published)
                met = [[p.name for p in e.participants] for e in found]
                event = next(
                    (
                        e
                        for e in found
                        if any(same_person(p.name, a) for p in e.participants)
                        and any(same_person(p.name, b) for p in e.participants)
                    ),
                    None,
                )
                outcome.events[trial] = met
                outcome.wrong[trial] = _wrong_fields(event, probe.fields, a, b) if event is not None else {}
                outcome.passed[trial] = (
                    event is not None and not outcome.wrong[trial] if probe.meeting else not met
                )
            outcomes.append(outcome)
        for article in probes.articles:
            outcomes.append(await _run_article(extractor, upstream, article, probes.published))
    return outcomes


def _answered(evidence: str, names: Sequence[str]) -> dict[str, Any]:
    """An event as the scripted model answers it: who met, citing `evidence`, nothing else."""
    return {"evidence": [evidence], "participants": [{"name": n} for n in names]}


async def _extract(
    extractor: Extractor, upstream: _Scripted, text: str, answer: list[dict[str, Any]], published: dt.date
) -> list[MeetingEvent]:
    """The events the service returns for a short article of `text` under a headline, the model
    answering `answer`."""
    upstream.events = answer
    request = ExtractRequest(text=f"News of the day\n\n{text}\n", published=published)
    return (await extractor.extract(request, uuid.uuid4().hex)).events


async def _run_article(
    extractor: Extractor, upstream: _Scripted, article: ArticleProbe, published: dt.date
) -> Outcome:
    """A story of several meetings: with no answer (`rules`), and with the model answering only
    its first meeting, citing its first sentence (`answer`); passes when exactly its meetings come
    back."""
    first = sentence_spans(article.text)[0]
    outcome = Outcome(article.text, True, gaps=list(article.gaps), kind="article")
    for trial in TRIALS:
        answer = (
            [] if trial == "rules" else [_answered(article.text[first[0] : first[1]], article.meetings[0])]
        )
        found = await _extract(extractor, upstream, article.text, answer, published)
        met = [[p.name for p in e.participants] for e in found]
        outcome.events[trial] = met
        left = [list(m) for m in article.meetings]
        for names in met:
            hit = next(
                (
                    m
                    for m in left
                    if len(m) == len(names) and all(any(same_person(n, g) for n in names) for g in m)
                ),
                None,
            )
            if hit is None:
                break
            left.remove(hit)
        outcome.passed[trial] = len(met) == len(article.meetings) and not left
    return outcome


def _wrong_fields(
    event: MeetingEvent, expected: tuple[tuple[str, str | None], ...], a: str, b: str
) -> dict[str, str | None]:
    """The expected fields the event says otherwise, with what it says."""
    people = {"A": a, "B": b}
    wrong: dict[str, str | None] = {}
    for key, want in expected:
        got: str | None
        if key == "date":
            got = event.date.isoformat() if event.date else None
        elif key == "city":
            got = event.location.city
        elif key in ("status", "format"):
            got = event.status if key == "status" else event.format
        else:
            who, attribute = key.split(".")
            person = next(p for p in event.participants if same_person(p.name, people[who]))
            got = person.title if attribute == "title" else person.country
        if (got or "").casefold() != (want or "").casefold():
            wrong[key] = got
    return wrong


def summary(outcomes: list[Outcome]) -> dict[str, Any]:
    """Pass counts per kind and trial, and what disagrees with the file's `gaps`.

    Args:
        outcomes: `run_probes`' result.

    Returns:
        `{"meetings"|"not_meetings": {trial: [passed, total]}, "unexpected": [...]}`; an unexpected
        entry is a trial that fails and is no listed gap, or passes and is one.
    """
    counts: dict[str, dict[str, list[int]]] = {
        kind: {t: [0, 0] for t in TRIALS} for kind in ("meetings", "not_meetings", "articles")
    }
    unexpected = []
    for o in outcomes:
        kind = "articles" if o.kind == "article" else "meetings" if o.meeting else "not_meetings"
        for trial, ok in o.passed.items():
            counts[kind][trial][0] += int(ok)
            counts[kind][trial][1] += 1
            if ok == (trial in o.gaps):
                unexpected.append(f"{trial}: {o.sentence} ({'passes' if ok else 'fails'})")
    return {**counts, "unexpected": unexpected}


def markdown(outcomes: list[Outcome]) -> str:
    """A readable table of every probe and trial, and the totals."""
    figures = summary(outcomes)
    lines = ["| tells a meeting | sentence | rules | answer |", "|---|---|---|---|"]
    for o in outcomes:
        marks = [
            ("pass" if o.passed[t] else "FAIL")
            + (f" ({', '.join(f'{k}: {v}' for k, v in o.wrong[t].items())})" if o.wrong.get(t) else "")
            + (" (known gap)" if t in o.gaps else "")
            for t in TRIALS
        ]
        label = "story" if o.kind == "article" else "yes" if o.meeting else "no"
        lines.append(f"| {label} | {o.sentence} | {marks[0]} | {marks[1]} |")
    lines.append("")
    for kind in ("meetings", "not_meetings", "articles"):
        per = ", ".join(f"{t} {p}/{n}" for t, (p, n) in figures[kind].items())
        lines.append(f"- {kind.replace('_', ' ')}: {per}")
    if figures["unexpected"]:
        lines.append("- not as `gaps` says: " + "; ".join(figures["unexpected"]))
    return "\n".join(lines) + "\n"


def save(outcomes: list[Outcome], out: Path) -> None:
    """Write `probes.json` (every outcome and the summary) and `probes.md` into `out`."""
    out.mkdir(parents=True, exist_ok=True)
    data = {"outcomes": [asdict(o) for o in outcomes], "summary": summary(outcomes)}
    (out / "probes.json").write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    (out / "probes.md").write_text(markdown(outcomes), encoding="utf-8")
