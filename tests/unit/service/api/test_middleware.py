"""service.api.middleware: the JSON depth scan that refuses deep nesting before parsing."""

from __future__ import annotations

import json

from service.api.middleware import MAX_JSON_DEPTH, json_depth_exceeds


def test_json_depth_scan_ignores_brackets_in_strings() -> None:
    assert not json_depth_exceeds(json.dumps({"text": "[" * 500}).encode())
    assert not json_depth_exceeds(json.dumps({"text": 'a \\" [[[' * 100}).encode())
    assert json_depth_exceeds(b"[" * 40 + b"]" * 40)
    assert not json_depth_exceeds(b"[" * 10 + b"]" * 10)
    limit = MAX_JSON_DEPTH
    assert not json_depth_exceeds(b"[" * limit + b"]" * limit)
    assert json_depth_exceeds(b"[" * (limit + 1) + b"]" * (limit + 1))
