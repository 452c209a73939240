"""service.llm.llama_child.LazyGrammarSampler's penalties: what llama.cpp's penalties step does to
every vocabulary entry, done to the recent tokens' entries alone (on the model's logits when a
token is chosen directly, on the chain's candidate array otherwise)."""

from __future__ import annotations

import collections
from typing import Any

import pytest

llama_child = pytest.importorskip("service.llm.llama_child")
np = pytest.importorskip("numpy")


def _sampler(last_n: int, repeat: float, freq: float, present: float, vocab: int = 500) -> Any:
    # The penalty bookkeeping needs no model: the sampler's other parts are not touched here.
    sampler = object.__new__(llama_child.LazyGrammarSampler)
    sampler.last_n, sampler.repeat, sampler.freq, sampler.present = last_n, repeat, freq, present
    sampler.n_vocab = vocab
    sampler.recent, sampler.counts = collections.deque(), collections.Counter()
    sampler.grammar, sampler.chain = None, _NoChain()  # what `close` frees when it is collected
    return sampler


class _NoChain:
    def close(self) -> None:
        pass


def _reference(
    logits: Any, history: list[int], last_n: int, repeat: float, freq: float, present: float
) -> Any:
    """llama.cpp's `llama_sampler_penalties_apply`, entry by entry over the whole vocabulary."""
    counts = collections.Counter(history[-last_n:])
    out = logits.copy()
    for token in range(len(out)):
        count = counts.get(token, 0)
        if count == 0:
            continue
        out[token] = out[token] * repeat if out[token] <= 0 else out[token] / repeat
        out[token] -= count * freq + (count > 0) * present
    return out


@pytest.mark.parametrize(("repeat", "freq", "present"), [(1.1, 0.0, 0.0), (1.3, 0.2, 0.5), (1.0, 0.0, 0.0)])
def test_penalties_match_llama_cpp_on_every_entry(repeat: float, freq: float, present: float) -> None:
    rng = np.random.default_rng(7)
    vocab, last_n = 500, 16
    history = [int(t) for t in rng.integers(0, 40, size=50)]  # repeats, and more than last_n
    sampler = _sampler(last_n, repeat, freq, present)
    for token in history:
        sampler._accepted(token)
    assert sum(sampler.counts.values()) == last_n  # only the last n are counted
    data = np.zeros(vocab, dtype=llama_child._TOKEN_DATA)
    data["id"] = np.arange(vocab)
    data["logit"] = rng.normal(0, 3, size=vocab).astype(np.single)
    expected = _reference(data["logit"].copy(), history, last_n, repeat, freq, present)
    # The model's own logits (entry t is token t), as the direct path reads them.
    logits = data["logit"].copy()
    if sampler._penalised():
        sampler._penalise(logits)
    assert np.allclose(logits, expected, rtol=0, atol=1e-5)
    # The chain's candidate array (ids beside the logits).
    values = data["logit"].copy()
    sampler._penalise(values, data["id"])
    assert np.allclose(values, expected, rtol=0, atol=1e-5)
    # An array in another order (not the chain's id order) is penalised by id all the same.
    shuffled = data.copy()
    shuffled["logit"] = rng.normal(0, 3, size=vocab).astype(np.single)
    order = rng.permutation(vocab)
    shuffled = shuffled[order]
    by_id = np.empty(vocab, dtype=np.single)
    by_id[shuffled["id"]] = shuffled["logit"]
    expected_by_id = _reference(by_id, history, last_n, repeat, freq, present)
    values = shuffled["logit"].copy()
    sampler._penalise(values, shuffled["id"])
    assert np.allclose(values, expected_by_id[shuffled["id"]], rtol=0, atol=1e-5)


def test_no_window_no_penalty() -> None:
    sampler = _sampler(0, 1.5, 0.0, 0.0, vocab=5)
    sampler._accepted(3)
    assert not sampler.counts and not sampler._penalised()
    assert not _sampler(64, 1.0, 0.0, 0.0)._penalised()  # penalties of 1 and 0 change nothing
