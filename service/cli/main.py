"""Command line: `python -m service serve`, `... extract FILE` and `... extract-many INPUT -o OUT.jsonl`."""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import json
import uuid
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from schemas.api import ExtractRequest
from service.cli import bulk
from service.cli.articles import read_article
from service.core.config import Settings
from service.core.errors import ServiceError, error_body
from service.core.logs import configure_logging
from service.serving.runtime import open_extractor

if TYPE_CHECKING:
    from fastapi import FastAPI


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m service", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    serve = sub.add_parser("serve", help="run the HTTP service (embedded model unless LLM_BASE_URL is set)")
    serve.add_argument("--host", default=None, help="bind address (default SERVICE_HOST or 127.0.0.1)")
    serve.add_argument("--port", type=int, default=None, help="port (default SERVICE_PORT or 8000)")
    ext = sub.add_parser("extract", help="print the meeting events of an article file as JSON")
    ext.add_argument(
        "file", type=Path, help="UTF-8 text; a leading 'date YYYY-MM-DD' gives the publication date"
    )
    ext.add_argument("--published", type=dt.date.fromisoformat, default=None, help="publication date")
    ext.add_argument("--prompt", default=None, help="prompt version, e.g. v2")
    ext.add_argument("--model", default=None, help="model name sent upstream")
    ext.add_argument(
        "--strict", action="store_true", help="no partial answers: any invalid event fails the article"
    )
    bulk.add_parser(sub)
    return parser


async def _extract(settings: Settings, args: argparse.Namespace) -> int:
    text, published = read_article(args.file)
    request = ExtractRequest(
        text=text,
        published=args.published or published,
        prompt=args.prompt,
        model=args.model,
        strict=args.strict,
    )
    request_id = uuid.uuid4().hex
    async with open_extractor(settings) as extractor:
        try:
            response = await extractor.extract(request, request_id)
        except ServiceError as e:
            print(
                json.dumps(
                    error_body(e, request_id).model_dump(exclude_none=True), ensure_ascii=False, indent=2
                )
            )
            return 1
    print(response.model_dump_json(indent=2))
    return 0


def worker_app() -> FastAPI:
    """The app of one uvicorn worker process (`SERVICE_WORKERS` > 1), configured from the environment."""
    from service.api.app import create_app

    settings = Settings()
    configure_logging(settings.service_log_level, json_logs=settings.service_log_json)
    return create_app(settings)


def _serve(settings: Settings, args: argparse.Namespace) -> int:
    import uvicorn

    from service.api.app import create_app

    workers = settings.service_workers
    if workers > 1 and settings.embedded:
        # Each worker's lifespan would start its own llama.cpp server: N copies of the model in
        # memory, fighting over the same cores, while llama.cpp computes one request at a time
        # anyway, so more workers add no throughput. Run one server and point the workers at it.
        raise SystemExit(
            f"SERVICE_WORKERS={workers} needs LLM_BASE_URL: the embedded model is not shared between "
            "workers. Run one (e.g. `python -m llama_cpp.server --model FILE.gguf --port 8080`) and set "
            "LLM_BASE_URL=http://127.0.0.1:8080/v1 LLM_MODE=json_object_schema, or use SERVICE_WORKERS=1."
        )
    options: dict[str, Any] = {
        "host": args.host or settings.service_host,
        "port": args.port or settings.service_port,
        "log_level": settings.service_log_level.lower(),
        "access_log": False,  # service.access writes one structured line per request instead
        # Keep idle client connections open longer than typical load balancers' idle timeout,
        # so the server never closes a connection a client is about to reuse.
        "timeout_keep_alive": settings.service_keep_alive_s,
        "log_config": None,  # keep our JSON logging configuration
    }
    if workers > 1:
        # Worker processes build their own app from the environment (uvicorn needs an import string).
        uvicorn.run("service.cli.main:worker_app", factory=True, workers=workers, **options)
    else:
        uvicorn.run(create_app(settings), **options)
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of `python -m service` and the `meeting-extract` script."""
    args = _parser().parse_args(argv)
    settings = Settings()
    if args.command == "extract":
        settings = settings.model_copy(update={"service_cache_enabled": False})
    configure_logging(
        settings.service_log_level, json_logs=settings.service_log_json and args.command == "serve"
    )
    if args.command == "serve":
        return _serve(settings, args)
    if args.command == "extract-many":
        return bulk.run_cli(settings, args)
    return asyncio.run(_extract(settings, args))
