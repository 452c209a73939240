"""The embedded llama.cpp server's entry point: llama_cpp.server, with greedy grammar sampling made lazy.

llama-cpp-python (0.3.x) puts the grammar in the sampler chain before greedy selection, so at
every generated token the grammar is checked against the **whole vocabulary** (151,000 tokens
for Qwen): on 2 cores that costs about as much as the token's own forward pass. llama.cpp's own
tools check lazily instead: pick the best token first, and apply the grammar to the whole
vocabulary only when the grammar refuses it. Under greedy decoding the two give the same token —
the best token, when the grammar allows it, is also the best allowed token — so the answer is
unchanged and only the wasted work goes.

This file runs as the child process's main script (`python .../llama_child.py <server args>`):
it imports only llama_cpp and numpy, so the child never needs the service's packages. It swaps
`Llama._init_sampler` for greedy requests with a grammar, then hands over to llama_cpp.server's
own `__main__`. `LLM_LAZY_GRAMMAR=false` (the setting) starts llama_cpp.server as it is instead.
"""

from __future__ import annotations

import ctypes
import math
import runpy
from typing import Any

import llama_cpp
import numpy as np
from llama_cpp import _internals
from llama_cpp.llama import Llama

_TOKEN_DATA = np.dtype([("id", np.intc), ("logit", np.single), ("p", np.single)], align=True)


class LazyGrammarSampler:
    """Greedy sampling under a grammar, checking the grammar on the best token first.

    Used in place of llama-cpp-python's sampler chain for one generation: `sample(ctx, idx)` is
    the only method `Llama` calls on it. The chain keeps llama-cpp-python's penalties and greedy
    selection; a step between them asks the grammar about the best token alone, and about the
    whole vocabulary only when it refuses that token. The grammar then accepts the chosen token.
    """

    def __init__(self, model: Any, grammar: Any, penalties: dict[str, Any]):
        """Build the chain for one generation.

        Args:
            model: the Llama's `_internals.LlamaModel` (its vocabulary compiles the grammar).
            grammar: the request's `LlamaGrammar`.
            penalties: `add_penalties` keyword arguments, as llama-cpp-python passes them.
        """
        self.grammar = llama_cpp.llama_sampler_init_grammar(
            model.vocab, grammar._grammar.encode("utf-8"), grammar._root.encode("utf-8")
        )
        self.full_checks = 0  # tokens the grammar refused, for which it saw the whole vocabulary
        self.tokens = 0
        self._one = (llama_cpp.llama_token_data * 1)()
        self._one_array = llama_cpp.llama_token_data_array(data=self._one, size=1, selected=-1, sorted=False)
        self.chain = _internals.LlamaSampler()
        self.chain.add_penalties(**penalties)
        self.chain.add_custom(self._constrain)
        self.chain.add_greedy()

    def _allows(self, token: int) -> bool:
        entry = self._one[0]
        entry.id, entry.logit, entry.p = token, 0.0, 0.0  # type: ignore[assignment]
        self._one_array.size, self._one_array.selected = 1, -1
        llama_cpp.llama_sampler_apply(self.grammar, ctypes.byref(self._one_array))
        return not math.isinf(self._one[0].logit)

    def _constrain(self, cur_p: Any) -> None:
        size = cur_p.contents.size
        data = np.ctypeslib.as_array(
            (llama_cpp.llama_token_data * size).from_address(ctypes.addressof(cur_p.contents.data.contents))
        ).view(_TOKEN_DATA)
        best = int(np.argmax(data["logit"]))  # the first of equal bests, as greedy selection picks
        self.tokens += 1
        if not self._allows(int(data["id"][best])):
            self.full_checks += 1
            llama_cpp.llama_sampler_apply(self.grammar, cur_p)

    def sample(self, ctx: Any, idx: int = -1) -> int:
        """The next token (greedy, allowed by the grammar), which the grammar then accepts."""
        token = self.chain.sample(ctx, idx)
        llama_cpp.llama_sampler_accept(self.grammar, token)
        return int(token)

    def close(self) -> None:
        """Free the grammar and the chain (also done when the sampler is collected)."""
        if self.grammar is not None:
            llama_cpp.llama_sampler_free(self.grammar)
            self.grammar = None
        self.chain.close()

    def __del__(self) -> None:
        self.close()


_original_init_sampler = Llama._init_sampler


def _init_sampler(self: Llama, *args: Any, **kwargs: Any) -> Any:
    """Llama._init_sampler, lazy about the grammar when decoding is greedy and nothing else samples."""
    grammar, temp = kwargs.get("grammar"), kwargs.get("temp", 0.8)
    if grammar is None or temp != 0.0 or args or kwargs.get("logits_processor") is not None:
        return _original_init_sampler(self, *args, **kwargs)
    penalties = {
        "n_vocab": self._n_vocab,
        "penalty_last_n": self.last_n_tokens_size,
        "penalty_repeat": kwargs.get("repeat_penalty", 1.0),
        "penalty_freq": kwargs.get("frequency_penalty", 0.0),
        "penalty_present": kwargs.get("presence_penalty", 0.0),
    }
    return LazyGrammarSampler(self._model, grammar, penalties)


def install() -> None:
    """Make every Llama in this process sample greedy grammar requests lazily."""
    Llama._init_sampler = _init_sampler  # type: ignore[method-assign]


if __name__ == "__main__":
    install()
    runpy.run_module("llama_cpp.server", run_name="__main__", alter_sys=True)
