"""What a scripted OpenAI-compatible upstream answers: a chat.completion body (for the sentence
probes' in-process transport and the benchmarks' stub server)."""

from __future__ import annotations

import time
from typing import Any


def completion_body(
    arguments: str, tools: bool, model: str = "stub", usage: tuple[int, int] = (900, 150)
) -> dict[str, Any]:
    """A chat.completion body carrying `arguments` as a tool call or as content.

    Args:
        arguments: the answer's JSON text.
        tools: as the `LLMExtraction` tool call's arguments (else as the message content).
        model: the model name the body gives.
        usage: (prompt tokens, completion tokens) the body reports.

    Returns:
        The body, as an OpenAI-compatible server sends it.
    """
    message: dict[str, Any] = {"role": "assistant", "content": arguments}
    if tools:
        message = {
            "role": "assistant",
            "content": None,
            "tool_calls": [
                {
                    "id": "c1",
                    "type": "function",
                    "function": {"name": "LLMExtraction", "arguments": arguments},
                }
            ],
        }
    return {
        "id": model,
        "object": "chat.completion",
        "created": int(time.time()),
        "model": model,
        "choices": [{"index": 0, "message": message, "finish_reason": "stop"}],
        "usage": {"prompt_tokens": usage[0], "completion_tokens": usage[1], "total_tokens": sum(usage)},
    }
