"""Bulk extraction: `python -m service extract-many INPUT -o OUT.jsonl`.

INPUT is a JSONL file of `{"id", "text", "published"?}` objects or a folder of `.txt` files (id =
file stem, a leading `date YYYY-MM-DD` line gives the publication date). Articles run with bounded
concurrency, in process against the configured LLM or through a running service
(`--service-url`). OUT gets one JSON line per article, `{"id", "status": "ok", "result"}` or
`{"id", "status": "error", "http_status", "error": {"code", ...}}`, each written whole and flushed
as soon as it is known, so OUT is consistent whenever the run stops; a later run skips the ids
already in OUT (`--retry-failed` runs the failed ones again).
"""

from __future__ import annotations

import argparse
import asyncio
import dataclasses
import json
import logging
import signal
import sys
import uuid
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any, Protocol

import httpx
from pydantic import ValidationError
from tqdm import tqdm

from schemas.api import ExtractRequest
from service.cli.articles import parse_article
from service.core.config import Settings
from service.core.errors import InputInvalid, ServiceError, error_body
from service.pipeline.protocol import Extractor
from service.serving.runtime import open_extractor

log = logging.getLogger("service.cli.bulk")
# A service's answers worth waiting for and trying again (its Retry-After is honoured, capped).
RETRIED_STATUSES = frozenset({429, 503})
MAX_RETRY_AFTER_S = 30.0


class BulkInputError(Exception):
    """INPUT cannot be read (not JSON, no id, not a file or folder): nothing is run."""


@dataclasses.dataclass(frozen=True)
class Article:
    """One input article, not yet validated (an invalid one gets its own error line)."""

    id: str
    fields: dict[str, Any]


def read_inputs(path: Path) -> Iterator[Article]:
    """The articles of INPUT, in order.

    Args:
        path: a JSONL file of `{id, text, published?, ...}` or a folder of `.txt` files.

    Yields:
        One article per line or file.

    Raises:
        BulkInputError: a line is not a JSON object with an `id`, or the path is neither.
    """
    if path.is_dir():
        for file in sorted(path.glob("*.txt")):
            text, published = parse_article(file.read_text(encoding="utf-8"))
            yield Article(file.stem, {"text": text, "published": published})
        return
    if not path.is_file():
        raise BulkInputError(f"{path}: no such file or folder")
    with path.open(encoding="utf-8") as lines:
        for number, line in enumerate(lines, 1):
            if not line.strip():
                continue
            try:
                item = json.loads(line)
            except json.JSONDecodeError as e:
                raise BulkInputError(f"{path}:{number}: not JSON ({e.msg})") from e
            if not isinstance(item, dict) or not isinstance(item.get("id"), str | int):
                raise BulkInputError(f"{path}:{number}: expected an object with an 'id' (string or number)")
            fields = {k: item[k] for k in ("text", "published", "source_url") if k in item}
            yield Article(str(item["id"]), fields)


def load_done(out: Path) -> dict[str, str]:
    """The ids already in OUT and their latest status, repairing a torn last line first.

    A run killed in the middle of a write (not by Ctrl-C, which stops between lines) can leave a
    partial last line: it is cut off, so that article runs again.

    Args:
        out: the output file (missing: nothing done).

    Returns:
        `{id: "ok" | "error"}`.
    """
    if not out.exists():
        return {}
    data = out.read_bytes()
    if data and not data.endswith(b"\n"):
        keep = data.rfind(b"\n") + 1
        log.warning("dropping a partial last line of %s", out)
        with out.open("r+b") as f:
            f.truncate(keep)
        data = data[:keep]
    done: dict[str, str] = {}
    for line in data.decode("utf-8").splitlines():
        if line.strip():
            record = json.loads(line)
            done[str(record["id"])] = str(record["status"])
    return done


class Target(Protocol):
    """Where articles are extracted: returns the OUT line's fields besides the id."""

    async def extract(self, request: ExtractRequest, request_id: str) -> dict[str, Any]: ...


def _error_line(exc: ServiceError, request_id: str) -> dict[str, Any]:
    body = error_body(exc, request_id).model_dump(exclude_none=True)
    return {"status": "error", "http_status": exc.status, "error": body}


class InProcessTarget:
    """The configured LLM, through this process's own pipeline (cache included when enabled)."""

    def __init__(self, extractor: Extractor):
        self._extractor = extractor

    async def extract(self, request: ExtractRequest, request_id: str) -> dict[str, Any]:
        """Extract one article; a failure becomes its error line."""
        try:
            response = await self._extractor.extract(request, request_id)
        except ServiceError as e:
            return _error_line(e, request_id)
        return {"status": "ok", "result": response.model_dump(mode="json")}


class ServiceTarget:
    """A running service's `POST /v1/extract`, trying 429/503 again after their `Retry-After`."""

    def __init__(self, client: httpx.AsyncClient, retries: int):
        self._client = client
        self._retries = retries

    async def extract(self, request: ExtractRequest, request_id: str) -> dict[str, Any]:
        """Extract one article through the service; a failure becomes its error line."""
        # Defaults left out: the service applies the same ones, and one that predates a field
        # (e.g. `strict`) still accepts the body.
        body = request.model_dump(mode="json", exclude_defaults=True)
        for attempt in range(self._retries + 1):
            try:
                r = await self._client.post("/v1/extract", json=body, headers={"X-Request-ID": request_id})
            except httpx.HTTPError as e:
                if attempt == self._retries:
                    detail = f"cannot reach the service: {type(e).__name__}"
                    return {
                        "status": "error",
                        "http_status": 0,
                        "error": {"code": "connection_error", "detail": detail, "request_id": request_id},
                    }
                await asyncio.sleep(min(2.0**attempt, MAX_RETRY_AFTER_S))
                continue
            if r.status_code == 200:
                return {"status": "ok", "result": r.json()}
            if r.status_code in RETRIED_STATUSES and attempt < self._retries:
                await asyncio.sleep(_retry_after(r, attempt))
                continue
            return {"status": "error", "http_status": r.status_code, "error": _error_of(r, request_id)}
        raise AssertionError("unreachable: the last attempt always returns")


def _retry_after(response: httpx.Response, attempt: int) -> float:
    try:
        return min(float(response.headers.get("retry-after", "")), MAX_RETRY_AFTER_S)
    except ValueError:
        return min(2.0**attempt, MAX_RETRY_AFTER_S)


def _error_of(response: httpx.Response, request_id: str) -> dict[str, Any]:
    try:
        body = response.json()
    except ValueError:
        body = None
    if isinstance(body, dict) and "code" in body:
        return body
    return {"code": f"http_{response.status_code}", "detail": response.text[:500], "request_id": request_id}


@dataclasses.dataclass
class Summary:
    """What a run did: articles run (ok / failed), events found, skipped as done, failed overall."""

    ok: int = 0
    failed: int = 0
    events: int = 0
    skipped: int = 0
    failed_in_out: int = 0
    interrupted: bool = False


async def run_bulk(
    articles: list[Article],
    target: Target,
    out: Path,
    concurrency: int,
    *,
    prompt: str | None = None,
    strict: bool = False,
    done: dict[str, str] | None = None,
    retry_failed: bool = False,
    progress: bool = True,
) -> Summary:
    """Extract every article not yet in OUT, appending one line per article as each finishes.

    Args:
        articles: the inputs, in order.
        target: in process or through a service.
        out: the JSONL output (appended to).
        concurrency: articles in flight at once.
        prompt: prompt version for every article (the default when None).
        strict: no partial answers: an article with any invalid event fails (`ExtractRequest.strict`).
        done: OUT's ids and statuses (`load_done`).
        retry_failed: run the ids whose latest line is an error again.
        progress: show a tqdm bar on stderr.

    Returns:
        The summary (cancellation, e.g. Ctrl-C, propagates after OUT is closed whole).
    """
    done = dict(done or {})
    summary = Summary()
    todo: list[Article] = []
    for article in articles:
        status = done.get(article.id)
        if status == "ok" or (status == "error" and not retry_failed):
            summary.skipped += 1
            continue
        done[article.id] = "pending"  # a repeated id in INPUT runs once
        todo.append(article)
    queue: asyncio.Queue[Article] = asyncio.Queue()
    for article in todo:
        queue.put_nowait(article)
    bar = tqdm(total=len(todo), unit="article", disable=not progress, dynamic_ncols=True)
    with out.open("a", encoding="utf-8") as sink:

        def write(line: dict[str, Any]) -> None:
            # One write of a whole line, then flush: a stop between two lines leaves OUT valid.
            sink.write(json.dumps(line, ensure_ascii=False) + "\n")
            sink.flush()

        # Ctrl-C: no article starts after it and those in flight are cancelled, whatever the
        # pipeline under them does with a cancellation (asyncio.run's own handler only cancels
        # the main task, which a library deep in a request may swallow: then the job ran on).
        stop = asyncio.Event()

        async def worker() -> None:
            while not queue.empty() and not stop.is_set():
                article = queue.get_nowait()
                request_id = uuid.uuid4().hex
                try:
                    request = ExtractRequest(**article.fields, prompt=prompt, strict=strict)
                except ValidationError as e:
                    error = InputInvalid("article is invalid", errors=_errors(e))
                    line = _error_line(error, request_id)
                else:
                    line = await target.extract(request, request_id)
                write({"id": article.id, **line})
                done[article.id] = line["status"]
                if line["status"] == "ok":
                    summary.ok += 1
                    summary.events += len(line["result"].get("events", []))
                else:
                    summary.failed += 1
                bar.update(1)
                bar.set_postfix(events=summary.events, errors=summary.failed, refresh=False)

        tasks = [asyncio.create_task(worker()) for _ in range(max(1, concurrency))]

        def interrupt() -> None:
            stop.set()
            for task in tasks:
                task.cancel()

        loop = asyncio.get_running_loop()
        try:
            loop.add_signal_handler(signal.SIGINT, interrupt)
            handled = True
        except (NotImplementedError, RuntimeError, ValueError):
            handled = False  # not the main thread, or no signals on this platform
        try:
            await asyncio.gather(*tasks)
        except asyncio.CancelledError:
            if not stop.is_set():
                raise
        finally:
            if handled:
                loop.remove_signal_handler(signal.SIGINT)
            bar.close()
            summary.failed_in_out = sum(1 for status in done.values() if status == "error")
    if stop.is_set():
        raise KeyboardInterrupt
    return summary


def _errors(exc: ValidationError) -> list[dict[str, Any]]:
    return [
        {"loc": list(e["loc"]), "msg": e["msg"], "type": e["type"]} for e in exc.errors(include_url=False)
    ]


@asynccontextmanager
async def open_target(
    settings: Settings, service_url: str | None, api_key: str | None, retries: int
) -> AsyncIterator[Target]:
    """The target of a run: a running service when `service_url` is given, else in process.

    Args:
        settings: configuration of the in-process pipeline (or the request budget for the HTTP timeout).
        service_url: base URL of a running service (`http://host:8000`).
        api_key: sent as `X-API-Key` to the service.
        retries: tries again after a service's 429/503 or a connection error.

    Yields:
        The target; the embedded model (in process) or the HTTP client is closed on exit.
    """
    if service_url:
        headers = {"X-API-Key": api_key} if api_key else {}
        timeout = httpx.Timeout(settings.service_request_budget_s + 30, connect=10)
        async with httpx.AsyncClient(base_url=service_url.rstrip("/"), headers=headers, timeout=timeout) as c:
            yield ServiceTarget(c, retries)
        return
    async with open_extractor(settings) as extractor:
        yield InProcessTarget(extractor)


def add_parser(sub: Any) -> None:
    """Register `extract-many` on the CLI's subcommands (an argparse `_SubParsersAction`)."""
    p = sub.add_parser(
        "extract-many",
        help="extract a corpus (JSONL or a folder of .txt) into a JSONL file; resumable",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("input", type=Path, help="JSONL of {id, text, published?} or a folder of .txt files")
    p.add_argument("-o", "--out", type=Path, required=True, help="JSONL output (appended; ids in it skipped)")
    p.add_argument(
        "--concurrency",
        type=int,
        default=None,
        help="articles in flight (default: the in-flight bound, 2 for the embedded model; 4 via a service)",
    )
    p.add_argument(
        "--service-url", default=None, help="extract through a running service, e.g. http://h:8000"
    )
    p.add_argument("--api-key", default=None, help="the service's caller key (X-API-Key)")
    p.add_argument("--retries", type=int, default=3, help="tries again after a service's 429/503 (default 3)")
    p.add_argument("--prompt", default=None, help="prompt version, e.g. v2")
    p.add_argument(
        "--strict", action="store_true", help="no partial answers: an article with any invalid event fails"
    )
    p.add_argument("--retry-failed", action="store_true", help="run again the ids whose line is an error")
    p.add_argument("--no-progress", action="store_true", help="no progress bar")


async def _run(settings: Settings, args: argparse.Namespace) -> Summary:
    done = load_done(args.out)
    articles = list(read_inputs(args.input))
    concurrency = args.concurrency or (4 if args.service_url else settings.max_inflight)
    async with open_target(settings, args.service_url, args.api_key, args.retries) as target:
        return await run_bulk(
            articles,
            target,
            args.out,
            concurrency,
            prompt=args.prompt,
            strict=args.strict,
            done=done,
            retry_failed=args.retry_failed,
            progress=not args.no_progress,
        )


def run_cli(settings: Settings, args: argparse.Namespace) -> int:
    """Run `extract-many`: exit 0 when every article in OUT succeeded, 1 when any failed.

    Bad input exits with 2 before anything runs; Ctrl-C with 130, OUT whole.

    Args:
        settings: configuration of the in-process pipeline.
        args: the parsed command line.

    Returns:
        The exit status.
    """
    try:
        summary = asyncio.run(_run(settings, args))
    except BulkInputError as e:
        print(f"extract-many: {e}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print(
            f"extract-many: interrupted; {args.out} holds every finished article, run again to resume",
            file=sys.stderr,
        )
        return 130
    print(
        f"extract-many: {summary.ok} ok, {summary.failed} failed, {summary.events} events, "
        f"{summary.skipped} skipped (already in {args.out}); {summary.failed_in_out} failed in it",
        file=sys.stderr,
    )
    return 1 if summary.failed_in_out else 0
