"""service/llm/llama_child.py against the real embedded model: lazy grammar sampling gives the
very tokens llama-cpp-python's own sampler gives, asking the grammar about the whole vocabulary
only for the tokens it refuses and none of the next best replaces."""

from __future__ import annotations

import json

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


def _answer(llm: object) -> str:
    """The article's meetings as the model writes them, greedily, under the test's schema."""
    out = llm.create_chat_completion(  # type: ignore[attr-defined]
        messages=MESSAGES,
        temperature=0.0,
        repeat_penalty=1.1,  # llama_cpp.server's default: the penalties stay in the chain
        max_tokens=120,
        response_format={"type": "json_object", "schema": SCHEMA},
    )
    return str(out["choices"][0]["message"]["content"])


def _context(llm: object) -> list[int]:
    """The token ids in the model's context: the prompt, then the answer as it was cut."""
    return [int(t) for t in llm.input_ids[: llm.n_tokens]]  # type: ignore[attr-defined]


def _lazy_reference(monkeypatch: pytest.MonkeyPatch) -> tuple[object, str, list[int]]:
    """The embedded model's path, and its answer with lazy grammar sampling alone (text, tokens)."""
    path = resolve_model(Settings(_env_file=None)).path  # type: ignore[call-arg]
    monkeypatch.setattr(llama_cpp.Llama, "_init_sampler", llama_child._init_sampler)
    plain = llama_cpp.Llama(model_path=str(path), n_ctx=1024, n_threads=2, verbose=False)
    return path, _answer(plain), _context(plain)


def test_lazy_sampling_answers_the_same_with_fewer_full_checks(monkeypatch: pytest.MonkeyPatch) -> None:
    path = resolve_model(Settings(_env_file=None)).path  # type: ignore[call-arg]
    llm = llama_cpp.Llama(model_path=str(path), n_ctx=1024, n_threads=2, verbose=False)

    eager = _answer(llm)
    monkeypatch.setattr(llama_cpp.Llama, "_init_sampler", llama_child._init_sampler)
    lazy = _answer(llm)
    sampler = llm._sampler
    assert isinstance(sampler, llama_child.LazyGrammarSampler)
    assert lazy == eager and '"who": [' in lazy
    # Every token went through the lazy step; the grammar saw the whole vocabulary for few of them
    # (JSON punctuation the model would not put first), not for every token as before.
    assert sampler.tokens >= 20
    assert 0 <= sampler.full_checks < sampler.tokens / 2
    # Most refused tokens are replaced by one of the next best, asked about one by one; asking the
    # whole vocabulary at once instead (probe 0) gives the same answer with more full checks.
    monkeypatch.setattr(llama_child, "_PROBED", 0)
    assert _answer(llm) == eager
    whole = llm._sampler
    assert whole.probed_choices == 0 and whole.direct_choices == 0
    # With probes on, nearly every token was read straight from the logits, not through the chain.
    assert sampler.direct_choices > sampler.tokens / 2
    assert whole.full_checks == sampler.full_checks + sampler.probed_choices > sampler.full_checks
    # A request that samples at a temperature keeps llama-cpp-python's own chain.
    llm.create_chat_completion(messages=MESSAGES, temperature=0.7, max_tokens=4)
    assert not isinstance(llm._sampler, llama_child.LazyGrammarSampler)


def test_fast_drafts_answer_the_same_and_much_of_it_comes_from_drafts(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    path, reference, _ = _lazy_reference(monkeypatch)

    monkeypatch.setattr(llama_cpp.Llama, "__init__", llama_child._init)
    monkeypatch.setattr(llama_cpp.Llama, "eval", llama_child._eval)
    draft = llama_child.LatestLookupDecoding(min_ngram_size=1, num_pred_tokens=10)
    calls: list[int] = []
    original = llama_child._eval

    def counting_eval(self: object, tokens: list[int]) -> None:
        calls.append(len(tokens))
        original(self, tokens)

    monkeypatch.setattr(llama_cpp.Llama, "eval", counting_eval)
    drafted = llama_cpp.Llama(model_path=str(path), n_ctx=1024, n_threads=2, verbose=False, draft_model=draft)
    assert drafted._logits_all is False  # no every-position logits, though there is a draft model
    assert _answer(drafted) == reference and '"who": [' in reference
    # The first call is the prompt; each later one is a draft step (the last token, then drafts).
    steps = calls[1:]
    generated = len(drafted.tokenize(reference.encode(), add_bos=False))
    assert steps and max(steps) <= 11
    assert len(steps) < generated * 0.8  # several tokens accepted per forward pass
    # Asking for logprobs fails plainly instead of reading scores that were never computed.
    with pytest.raises(ValueError, match="logits_all"):
        drafted.create_completion("Paris is", max_tokens=2, logprobs=1)


def test_latest_lookup_drafts_what_followed_the_latest_occurrence() -> None:
    import numpy as np

    draft = llama_child.LatestLookupDecoding(min_ngram_size=1, num_pred_tokens=3)
    ids = np.array([1, 2, 3, 9, 9, 1, 2, 3, 7, 8, 5, 5, 1, 2, 3], dtype=np.intc)
    assert draft(ids).tolist() == [7, 8, 5]  # the later of the two earlier "1 2 3"
    assert draft(np.array([4, 6, 4], dtype=np.intc)).tolist() == [6, 4]  # one-token match
    assert draft(np.array([4, 5, 6], dtype=np.intc)).tolist() == []
    # A longer run wins over a later, shorter one; runs shorter than the minimum draft nothing.
    ids = np.array([7, 2, 3, 4, 5, 3, 4, 6, 2, 3, 4], dtype=np.intc)
    assert draft(ids).tolist() == [5, 3, 4]
    assert llama_child.LatestLookupDecoding(min_ngram_size=4)(ids).tolist() == []
    assert llama_child.LatestLookupDecoding(min_ngram_size=3)(ids).tolist()[:1] == [5]


def test_jump_forward_writes_forced_text_without_the_model(monkeypatch: pytest.MonkeyPatch) -> None:
    path, reference, reference_tokens = _lazy_reference(monkeypatch)

    monkeypatch.setattr(llama_cpp.Llama, "__init__", llama_child._init_jumping)
    calls: list[int] = []
    original = llama_cpp.Llama.eval

    def counting_eval(self: object, tokens: list[int]) -> None:
        calls.append(len(tokens))
        original(self, tokens)

    monkeypatch.setattr(llama_cpp.Llama, "eval", counting_eval)
    jumping = llama_cpp.Llama(model_path=str(path), n_ctx=1024, n_threads=2, verbose=False)
    assert isinstance(jumping.draft_model, llama_child.ForcedContinuation)
    assert jumping._logits_all is False  # the last position's logits only, as without a draft model
    assert _answer(jumping) == reference and '"who": [' in reference
    # The forced text is cut into tokens as the tokenizer cuts it after the text before it, so
    # the model's context holds the very tokens it holds without jumping.
    assert _context(jumping) == reference_tokens
    sampler = jumping._sampler
    assert isinstance(sampler, llama_child.LazyGrammarSampler)
    # The keys' and settled values' text came from the grammar: forced tokens rode along with a
    # sampled one, so there were fewer forward passes than tokens.
    steps = calls[1:]
    assert sampler.forced_tokens >= 5 and max(steps) > 1
    assert len(steps) <= sampler.tokens  # one forward pass per sampled token, none per forced one
    assert len(steps) < len(jumping.tokenize(reference.encode(), add_bos=False))
    # A request without a grammar drafts nothing.
    jumping.create_completion("Paris is", max_tokens=3, temperature=0.0)
    assert not isinstance(jumping._sampler, llama_child.LazyGrammarSampler)


def test_a_forced_run_ends_on_a_whole_character() -> None:
    whole = llama_child._whole_characters
    assert whole("Önal".encode()) == "Önal".encode()
    assert whole("abÖ".encode()[:-1]) == b"ab"  # the lead byte of Ö alone
    assert whole("a€".encode()[:-1]) == b"a"  # two of €'s three bytes
    assert whole("a€".encode()) == "a€".encode() and whole(b"") == b""


def test_forced_text_is_cut_as_the_tokenizer_cuts_it_after_the_context() -> None:
    path = resolve_model(Settings(_env_file=None)).path  # type: ignore[call-arg]
    llm = llama_cpp.Llama(model_path=str(path), n_ctx=256, n_threads=2, verbose=False, vocab_only=True)
    table = llama_child.JumpTable.for_model(llm)
    assert table is not None
    grammar = llama_cpp.LlamaGrammar.from_string("root ::= [ -~]*", verbose=False)  # any printable text
    sampler = llama_cpp.llama_sampler_init_grammar(llm._model.vocab, grammar._grammar.encode(), b"root")

    def tokens(text: str) -> list[int]:
        return [int(t) for t in llm.tokenize(text.encode(), add_bos=False, special=False)]

    try:
        context = tokens('He met "Anna')
        whole = tokens('He met "Anna Weber in Berlin on Monday')
        assert whole[: len(context)] == context
        cut = table.tokens_of(b" Weber in Berlin on Monday", sampler, context)
        # The tokens after the seam, as in the whole text, but the last, which is left to the model.
        assert cut == whole[len(context) : -1] and len(cut) >= 3
        # A context ending in a token that the tokenizer would merge with the forced text: nothing
        # is cut, the model writes the next token itself.
        joined = tokens('{"name": "')
        quote = tokens('{"name"')
        assert not any(joined[: i + 1] == quote for i in range(len(joined)))  # '":' is one token
        assert table.tokens_of(b': "Anna', sampler, quote) == []
        # Without a context the text is cut on its own.
        assert table.tokens_of(b"in Berlin on Monday", sampler) == tokens("in Berlin on Monday")[:-1]
    finally:
        llama_cpp.llama_sampler_free(sampler)


def test_an_array_that_repeats_an_element_is_closed(monkeypatch: pytest.MonkeyPatch) -> None:
    """Asked to repeat a word, the greedy model lists it until the token limit; with the repeat guard
    the array closes at the first copy and the answer is whole JSON."""
    path = resolve_model(Settings(_env_file=None)).path  # type: ignore[call-arg]
    schema = {
        "type": "object",
        "properties": {"words": {"type": "array", "items": {"type": "string"}}},
        "required": ["words"],
    }
    messages = [
        {"role": "system", "content": "Answer in JSON."},
        {"role": "user", "content": 'Write the word "Paris" twenty times, as the list "words".'},
    ]

    def words(llm: object) -> tuple[list[str], str]:
        out = llm.create_chat_completion(  # type: ignore[attr-defined]
            messages=messages,
            temperature=0.0,
            max_tokens=80,
            response_format={"type": "json_object", "schema": schema},
        )
        choice = out["choices"][0]
        import json

        try:
            return list(json.loads(choice["message"]["content"])["words"]), choice["finish_reason"]
        except json.JSONDecodeError:
            return [], choice["finish_reason"]

    monkeypatch.setattr(llama_cpp.Llama, "_init_sampler", llama_child._init_sampler)
    llm = llama_cpp.Llama(model_path=str(path), n_ctx=1024, n_threads=2, verbose=False)
    monkeypatch.setattr(llama_child, "_CLOSE_REPEATS", False)
    unguarded, _ = words(llm)
    monkeypatch.setattr(llama_child, "_CLOSE_REPEATS", True)
    guarded, finish = words(llm)
    assert len(unguarded) != 2 or len(set(unguarded)) != 1  # the model does repeat itself
    assert finish == "stop" and len(guarded) == len(set(guarded)) + 1
    assert guarded[-1] in guarded[:-1]
    assert llm._sampler.guard is not None and llm._sampler.guard.repeats == 1


def test_smollm2_jumps_forward_though_its_vocabulary_lacks_some_bytes(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """SmolLM2 has no token for 21 bytes, all of them bytes no JSON grammar can force: it gets a
    jump table, and jumping writes the keys without the model. Its answer need not be the lazy
    sampler's: its tokenizer cuts forced text otherwise than the model writes it (`{"` as one
    token), so the model reads another context; the evals measure the answers."""
    path = resolve_model(Settings(_env_file=None, llm_embedded_model="smollm2")).path  # type: ignore[call-arg]
    vocab = llama_cpp.Llama(model_path=str(path), n_ctx=256, n_threads=2, verbose=False, vocab_only=True)
    table = llama_child.JumpTable.for_model(vocab)
    assert table is not None
    missing = set(range(256)) - set(table.bytes)
    assert missing and missing <= llama_child.NEVER_FORCED
    assert {ord('"'), ord("{"), ord("a"), 0xC3} <= set(table.bytes)

    monkeypatch.setattr(llama_cpp.Llama, "_init_sampler", llama_child._init_sampler)
    monkeypatch.setattr(llama_cpp.Llama, "__init__", llama_child._init_jumping)
    jumping = llama_cpp.Llama(model_path=str(path), n_ctx=1024, n_threads=2, verbose=False)
    assert isinstance(jumping.draft_model, llama_child.ForcedContinuation)
    answer = json.loads(_answer(jumping))
    assert answer["events"] and all(set(e) == {"who", "when", "city"} for e in answer["events"])
    assert jumping._sampler.forced_tokens >= 5


def test_canonical_spacing_forces_every_key_that_must_come_next() -> None:
    path = resolve_model(Settings(_env_file=None)).path  # type: ignore[call-arg]
    llm = llama_cpp.Llama(model_path=str(path), n_ctx=256, n_threads=2, verbose=False, vocab_only=True)
    table = llama_child.JumpTable.for_model(llm)
    assert table is not None
    plain = llama_cpp.llama_grammar.json_schema_to_gbnf(json.dumps(SCHEMA))

    def forced_after(gbnf: str, text: bytes) -> bytes:
        """The text the grammar forces after `text`, which it must accept byte by byte."""
        grammar = llama_cpp.LlamaGrammar.from_string(gbnf, verbose=False)
        sampler = llama_cpp.llama_sampler_init_grammar(llm._model.vocab, grammar._grammar.encode(), b"root")
        try:
            for byte in text:
                assert table._one.allows(sampler, table.byte_tokens[byte]), (text, byte)
                llama_cpp.llama_sampler_accept(sampler, table.byte_tokens[byte])
            return table.forced_text(sampler)
        finally:
            llama_cpp.llama_sampler_free(sampler)

    # The converter lets a space follow the brace, so nothing past it is forced; with json.dumps's
    # spacing the key, its colon and the array's bracket are, and after an element's comma the
    # next element's keys are, up to the value the model chooses.
    canonical = llama_child.canonical_spacing(plain)
    assert forced_after(plain, b"") == b"{"
    assert forced_after(canonical, b"") == b'{"events": ['
    assert forced_after(canonical, b'{"events": [{"who": ["Joe Biden"], ') == b'"when": '
    assert forced_after(plain, b'{"events": [{"who": ["Joe Biden"], ') == b'"when"'
    # What the model may no longer write: a space anywhere but after a comma or a colon.
    grammar = llama_cpp.LlamaGrammar.from_string(canonical, verbose=False)
    sampler = llama_cpp.llama_sampler_init_grammar(llm._model.vocab, grammar._grammar.encode(), b"root")
    try:
        llama_cpp.llama_sampler_accept(sampler, table.byte_tokens[ord("{")])
        assert not table._one.allows(sampler, table.byte_tokens[ord(" ")])
    finally:
        llama_cpp.llama_sampler_free(sampler)
