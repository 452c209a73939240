"""service/llm/llama_child.py against the real embedded model: lazy grammar sampling gives the
very tokens llama-cpp-python's own sampler gives, asking the grammar about the whole vocabulary
only for the tokens it refuses."""

from __future__ import annotations

import pytest

from service.core.config import Settings
from service.llm.embedded import resolve_model

pytestmark = pytest.mark.live

llama_cpp = pytest.importorskip("llama_cpp")
llama_child = pytest.importorskip("service.llm.llama_child")

SCHEMA = {
    "type": "object",
    "properties": {
        "events": {
            "type": "array",
            "items": {
                "type": "object",
                "properties": {
                    "who": {
                        "type": "array",
                        "items": {"type": "string", "enum": ["Emmanuel Macron", "Olaf Scholz", "Joe Biden"]},
                    },
                    "when": {"type": ["string", "null"]},
                    "city": {"type": "string"},
                },
                "required": ["who", "when", "city"],
            },
        }
    },
    "required": ["events"],
}
MESSAGES = [
    {"role": "system", "content": "List the meetings in the article as JSON."},
    {
        "role": "user",
        "content": "French President Emmanuel Macron received German Chancellor Olaf Scholz in Paris on "
        "Monday. Scholz then flew to Washington and met Joe Biden on Tuesday.",
    },
]


def test_lazy_sampling_answers_the_same_with_fewer_full_checks(monkeypatch: pytest.MonkeyPatch) -> None:
    path = resolve_model(Settings(_env_file=None)).path  # type: ignore[call-arg]
    llm = llama_cpp.Llama(model_path=str(path), n_ctx=1024, n_threads=2, verbose=False)

    def answer() -> str:
        out = llm.create_chat_completion(
            messages=MESSAGES,
            temperature=0.0,
            repeat_penalty=1.1,  # llama_cpp.server's default: the penalties stay in the chain
            max_tokens=120,
            response_format={"type": "json_object", "schema": SCHEMA},
        )
        return str(out["choices"][0]["message"]["content"])

    eager = answer()
    monkeypatch.setattr(llama_cpp.Llama, "_init_sampler", llama_child._init_sampler)
    lazy = answer()
    sampler = llm._sampler
    assert isinstance(sampler, llama_child.LazyGrammarSampler)
    assert lazy == eager and '"who": [' in lazy
    # Every token went through the lazy step; the grammar saw the whole vocabulary for few of them
    # (JSON punctuation the model would not put first), not for every token as before.
    assert sampler.tokens >= 20
    assert 0 <= sampler.full_checks < sampler.tokens / 2
    # A request that samples at a temperature keeps llama-cpp-python's own chain.
    llm.create_chat_completion(messages=MESSAGES, temperature=0.7, max_tokens=4)
    assert not isinstance(llm._sampler, llama_child.LazyGrammarSampler)
