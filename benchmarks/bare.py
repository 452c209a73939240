"""The baseline for throughput: a bare FastAPI endpoint returning the same JSON the service returns."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.responses import Response


def build_app(body: bytes) -> FastAPI:
    """An app whose POST /v1/extract reads the JSON body and returns `body`."""
    app = FastAPI()

    @app.post("/v1/extract")
    async def extract(request: Request) -> Response:
        payload: Any = await request.json()
        del payload
        return Response(body, media_type="application/json")

    return app


def main() -> None:
    """Serve the baseline."""
    import uvicorn

    p = argparse.ArgumentParser()
    p.add_argument("--port", type=int, required=True)
    p.add_argument("--body", type=Path, required=True, help="file with the JSON to return")
    a = p.parse_args()
    body = a.body.read_bytes()
    json.loads(body)
    uvicorn.run(build_app(body), host="127.0.0.1", port=a.port, log_level="warning", access_log=False)


if __name__ == "__main__":
    main()
