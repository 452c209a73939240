"""/inspect: a spot-check page that shows an answer against its article, served with no CDN."""

from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI
from fastapi.responses import HTMLResponse

_PAGE = Path(__file__).with_name("inspect.html")


def mount_inspect(app: FastAPI) -> None:
    """Serve the spot-check page at /inspect (one self-contained HTML file: inline style and script)."""
    page = _PAGE.read_text(encoding="utf-8")

    @app.get("/inspect", include_in_schema=False)
    async def inspect() -> HTMLResponse:
        """The article with each event's spans highlighted, each field's provenance and the notes."""
        return HTMLResponse(page)
