"""GET /inspect: the spot-check page is one self-contained file (works offline, no CDN)."""

from __future__ import annotations

import re

from fastapi.testclient import TestClient


def test_the_inspect_page_is_served_whole_and_offline(client: TestClient) -> None:
    r = client.get("/inspect")
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
    page = r.text
    # Nothing is fetched from anywhere else: no external script, style, font or image.
    assert re.findall(r"""(?:src|href)\s*=\s*["']?https?://""", page) == []
    assert "@import" not in page and "<link" not in page
    # It talks to this service only, and reads every part of the response it shows.
    assert 'fetch("/v1/extract"' in page and 'fetch("/v1/prompts")' in page
    for field in ("evidence", "participants", "notes", "date_text", "outcomes", "topics"):
        assert field in page
    assert "/inspect" not in client.get("/openapi.json").text  # a page, not an API operation
