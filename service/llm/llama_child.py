"""The embedded llama.cpp server's entry point: llama_cpp.server, with greedy grammar sampling made lazy.

llama-cpp-python (0.3.x) puts the grammar in the sampler chain before greedy selection, so at
every generated token the grammar is checked against the **whole vocabulary** (151,000 tokens
for Qwen): on 2 cores that costs about as much as the token's own forward pass. llama.cpp's own
tools check lazily instead: pick the best token first, and apply the grammar to the whole
vocabulary only when the grammar refuses it. Under greedy decoding the two give the same token —
the best token, when the grammar allows it, is also the best allowed token — so the answer is
unchanged and only the wasted work goes.

It also makes prompt-lookup speculative decoding (`LLM_DRAFT_TOKENS`) pay on a CPU: drafts
from the latest earlier occurrence of the last tokens (the article, not the worked example), and
logits computed for a draft's own positions only, instead of for every prompt position.

This file runs as the child process's main script (`python .../llama_child.py <switches>
<server args>`): it imports only llama_cpp and numpy, so the child never needs the service's
packages. `--child-lazy-grammar` swaps `Llama._init_sampler` for greedy requests with a grammar;
`--child-draft-min-match N` swaps the draft model and `Llama.eval`; it then hands over to
llama_cpp.server's own `__main__`. With neither (`LLM_LAZY_GRAMMAR=false`, no drafts) the service
starts llama_cpp.server as it is instead.
"""

from __future__ import annotations

import collections
import ctypes
import functools
import math
import re
import runpy
import sys
from typing import Any

import llama_cpp
import numpy as np
from llama_cpp import _internals, llama_grammar, llama_speculative
from llama_cpp.llama import Llama
from llama_cpp.llama_speculative import LlamaDraftModel

_TOKEN_DATA = np.dtype([("id", np.intc), ("logit", np.single), ("p", np.single)], align=True)


class _OneToken:
    """A one-candidate array for asking a grammar about a single token (allocated once, reused)."""

    def __init__(self) -> None:
        self._one = (llama_cpp.llama_token_data * 1)()
        self._array = llama_cpp.llama_token_data_array(data=self._one, size=1, selected=-1, sorted=False)

    def allows(self, grammar: Any, token: int) -> bool:
        """True when the grammar, in its present state, accepts the token next."""
        entry = self._one[0]
        entry.id, entry.logit, entry.p = token, 0.0, 0.0  # type: ignore[assignment]
        self._array.size, self._array.selected = 1, -1
        llama_cpp.llama_sampler_apply(grammar, ctypes.byref(self._array))
        return not math.isinf(entry.logit)


class _Frame:
    """An open JSON container: `[` or `{`; for an array, its elements so far and where the one
    being written starts, and whether the last one repeated an earlier one."""

    __slots__ = ("kind", "repeated", "seen", "start")

    def __init__(self, kind: bytes):
        self.kind = kind
        self.seen: list[bytes] = []
        self.start: int | None = None
        self.repeated = False


class RepeatGuard:
    """Watches the JSON a generation writes and says when an array has just received an element
    identical to an earlier one of the same array (the same event listed again, the same sentence
    cited twice): a model that repeats itself under greedy decoding repeats for ever (gemma3 lists
    one event until the token limit), and the copy adds nothing, since the service merges equal
    events. The sampler refuses a token that `would_continue` such an array, so the grammar closes it.
    """

    def __init__(self) -> None:
        self.text = bytearray()
        self._in_string = False
        self._escape = False
        self._stack: list[_Frame] = []
        self.repeats = 0
        self.continued = False  # a "," went on in an array after a repeated element

    def would_continue(self, piece: bytes) -> bool:
        """True when writing `piece` next would add another element to an array whose last element
        repeats an earlier one (a token may close the copy and start the next: '",')."""
        if b"," not in piece:
            return False
        trial = RepeatGuard()
        trial.text = bytearray(self.text)
        trial._in_string, trial._escape = self._in_string, self._escape
        for frame in self._stack:
            copy = _Frame(frame.kind)
            copy.seen, copy.start, copy.repeated = list(frame.seen), frame.start, frame.repeated
            trial._stack.append(copy)
        trial.feed(piece)
        return trial.continued

    def feed(self, piece: bytes) -> None:
        """Read the bytes a token wrote."""
        for byte in piece:
            self.text.append(byte)
            self._step(byte, len(self.text) - 1)

    def _array(self) -> _Frame | None:
        return self._stack[-1] if self._stack and self._stack[-1].kind == b"[" else None

    def _start(self, at: int) -> None:
        array = self._array()
        if array is not None and array.start is None:
            array.start = at

    def _complete(self, end: int) -> None:
        """An element of the innermost array, if it is one, ends at `end` (inclusive)."""
        array = self._array()
        if array is None or array.start is None:
            return
        element = bytes(self.text[array.start : end + 1])
        array.start = None
        if element in array.seen:
            array.repeated = True
            self.repeats += 1
        else:
            array.seen.append(element)

    def _step(self, byte: int, at: int) -> None:
        ch = bytes([byte])
        if self._in_string:
            if self._escape:
                self._escape = False
            elif ch == b"\\":
                self._escape = True
            elif ch == b'"':
                self._in_string = False
                self._complete(at)
            return
        if ch == b'"':
            self._start(at)
            self._in_string = True
        elif ch in (b"{", b"["):
            self._start(at)
            self._stack.append(_Frame(ch))
        elif ch in (b"}", b"]"):
            if self._stack:
                self._stack.pop()
            self._complete(at)
        elif ch == b"," and (array := self._array()) is not None:
            array.start = None
            self.continued = self.continued or array.repeated


class LazyGrammarSampler:
    """Greedy sampling under a grammar, checking the grammar on the best token first.

    Used in place of llama-cpp-python's sampler chain for one generation: `sample(ctx, idx)` is
    the only method `Llama` calls on it. The chain keeps llama-cpp-python's penalties and greedy
    selection; a step between them asks the grammar about the best token alone, when it refuses
    that token about the next best ones one by one, and about the whole vocabulary only when it
    refuses them all. The grammar then accepts the chosen token.
    """

    def __init__(
        self,
        model: Any,
        grammar: Any,
        penalties: dict[str, Any],
        jump: JumpTable | None = None,
        close_repeats: bool = False,
        probed: int = 1024,
    ):
        """Build the chain for one generation.

        Args:
            model: the Llama's `_internals.LlamaModel` (its vocabulary compiles the grammar).
            grammar: the request's `LlamaGrammar`.
            penalties: `add_penalties` keyword arguments, as llama-cpp-python passes them.
            jump: the model's byte tokens, when forced text is to be written without the model
                (`forced`); None = every token is sampled.
            close_repeats: close an array once an element repeats an earlier one (`RepeatGuard`).
            probed: when the grammar refuses the best token, how many of the next best it is asked
                about one by one before it sees the whole vocabulary (0: at once).
        """
        self.model = model
        self.guard = RepeatGuard() if close_repeats else None
        self._pieces: dict[int, bytes] = {}
        self.grammar = llama_cpp.llama_sampler_init_grammar(
            model.vocab, grammar._grammar.encode("utf-8"), grammar._root.encode("utf-8")
        )
        self.full_checks = 0  # tokens the grammar refused, for which it saw the whole vocabulary
        self.probed_choices = 0  # tokens the grammar refused, replaced by one of the next best
        self.probed = probed
        self.tokens = 0
        self.jump = jump
        self.pending: list[int] = []  # forced tokens `sample` hands out before sampling again
        self.forced_tokens = 0
        self._probe = _OneToken()
        self.n_vocab = int(penalties["n_vocab"])
        # With probes on, a token is chosen straight from the model's logits where it can be
        # (`_direct`): llama.cpp's chain copies the whole vocabulary into a candidate array and
        # looks every entry up in its table of recent tokens at every token (262,144 entries for
        # Gemma 3); the same penalties are applied here to the recent tokens' entries alone.
        self.direct = bool(probed)
        self.last_n = int(penalties["penalty_last_n"]) if self.direct else 0
        self.repeat = float(penalties["penalty_repeat"])
        self.freq = float(penalties["penalty_freq"])
        self.present = float(penalties["penalty_present"])
        self.recent: collections.deque[int] = collections.deque()
        self.counts: collections.Counter[int] = collections.Counter()
        self.direct_choices = 0  # tokens chosen from the logits, without the chain
        self.chain = _internals.LlamaSampler()
        if not self.direct:
            self.chain.add_penalties(**penalties)
        self.chain.add_custom(self._constrain)
        self.chain.add_greedy()

    def _penalised(self) -> bool:
        return bool(self.counts) and (self.repeat != 1.0 or self.freq != 0.0 or self.present != 0.0)

    def _penalise(self, logits: Any, ids: Any = None) -> None:
        """llama.cpp's penalties (`llama_sampler_init_penalties`) on the recent tokens' entries: a
        repeated token's logit divided by the repeat penalty (multiplied when not above zero), less
        its count times the frequency penalty and the presence penalty.

        Args:
            logits: the entries' logits, changed in place.
            ids: the token of each entry; None = entry t is token t (the model's logits).
        """
        recent = np.fromiter(self.counts.keys(), dtype=np.intc, count=len(self.counts))
        at: Any = recent  # the chain's array, and the logits, hold token t at index t
        if ids is not None and (len(ids) != self.n_vocab or not bool(np.all(ids[recent] == recent))):
            at = np.nonzero(np.isin(ids, recent))[0]
        tokens = recent if ids is None else ids[at]
        counts = np.array([self.counts[int(t)] for t in tokens], dtype=np.single)
        values = logits[at]
        values = np.where(values <= 0, values * self.repeat, values / self.repeat)
        logits[at] = values - counts * self.freq - (counts > 0) * self.present

    def _accepted(self, token: int) -> None:
        """Count the token among the last `last_n`, as llama.cpp's penalties step does."""
        if self.last_n <= 0:
            return
        self.counts[token] += 1
        if len(self.recent) >= self.last_n:
            old = self.recent.popleft()
            self.counts[old] -= 1
            if self.counts[old] == 0:
                del self.counts[old]
        self.recent.append(token)

    def _direct(self, ctx: Any, idx: int) -> int | None:
        """The token greedy selection would choose, read straight from the model's logits: the best
        after the penalties, if the grammar allows it, else the best of the next `probed` it allows.
        None where the repeat guard has a say or none of them is allowed (the chain decides then).
        """
        pointer = llama_cpp.llama_get_logits_ith(ctx.ctx, idx)
        logits = np.ctypeslib.as_array(pointer, shape=(self.n_vocab,))
        if self._penalised():
            logits = logits.copy()
            self._penalise(logits)
        best = int(np.argmax(logits))  # the first of equal bests, as greedy selection picks
        if self._probe.allows(self.grammar, best):
            chosen: int | None = best
        else:
            chosen = next(
                (int(i) for i in self._next_best(logits) if self._probe.allows(self.grammar, int(i))), None
            )
            if chosen is not None:
                self.probed_choices += 1
        if chosen is None or (self.guard is not None and self.guard.would_continue(self._piece(chosen))):
            return None
        self.tokens += 1
        self.direct_choices += 1
        return chosen

    def _next_best(self, logits: Any) -> Any:
        """The indices of the next `probed` best logits after the best, best first (of equal
        logits the first), without those already excluded (-inf)."""
        probed = min(self.probed, len(logits) - 1)
        top = np.argpartition(-logits, probed)[: probed + 1]
        top = top[np.lexsort((top, -logits[top]))][1:]
        return top[~np.isinf(logits[top])]

    def _constrain(self, cur_p: Any) -> None:
        size = cur_p.contents.size
        data = np.ctypeslib.as_array(
            (llama_cpp.llama_token_data * size).from_address(ctypes.addressof(cur_p.contents.data.contents))
        ).view(_TOKEN_DATA)
        if self.direct and self._penalised():
            logits = data["logit"].copy()
            self._penalise(logits, data["id"])
            data["logit"] = logits
        best = int(np.argmax(data["logit"]))  # the first of equal bests, as greedy selection picks
        self.tokens += 1
        if self.guard is not None and self.guard.would_continue(self._piece(int(data["id"][best]))):
            self.full_checks += 1
            llama_cpp.llama_sampler_apply(self.grammar, cur_p)
            self._close_repeated(data)
            return
        if not self._probe.allows(self.grammar, int(data["id"][best])):
            self.full_checks += 1
            llama_cpp.llama_sampler_apply(self.grammar, cur_p)
            # The best token the grammar allows may be the one that goes on (" ," after a copy).
            allowed = int(np.argmax(data["logit"]))
            if self.guard is not None and self.guard.would_continue(self._piece(int(data["id"][allowed]))):
                self._close_repeated(data)

    def _piece(self, token: int) -> bytes:
        found = self._pieces.get(token)
        if found is None:
            found = self._pieces[token] = self.model.detokenize([token])
        return found

    def _close_repeated(self, data: Any) -> None:
        """Of the candidates the grammar has already filtered, leave only the best one that does not
        add another element to the array whose last element repeated an earlier one."""
        assert self.guard is not None
        for i in np.argsort(-data["logit"], kind="stable"):
            logit = float(data["logit"][i])
            if math.isinf(logit):
                break
            if not self.guard.would_continue(self._piece(int(data["id"][i]))):
                data["logit"][:] = -np.inf
                data["logit"][i] = logit
                break

    def sample(self, ctx: Any, idx: int = -1) -> int:
        """The next token (greedy, allowed by the grammar), which the grammar then accepts; a forced
        token (`forced`) is handed out without reading the model's logits."""
        if self.pending:
            token = self.pending.pop(0)
            if not self.direct:
                llama_cpp.llama_sampler_accept(self.chain.sampler, token)  # the penalties see it too
        else:
            direct = self._direct(ctx, idx) if self.direct else None
            token = direct if direct is not None else self.chain.sample(ctx, idx)
        self._accepted(int(token))  # the penalties see forced tokens too
        llama_cpp.llama_sampler_accept(self.grammar, token)
        if self.guard is not None:
            self.guard.feed(self._piece(int(token)))
        return int(token)

    def forced(self, context: Any = ()) -> list[int]:
        """The tokens of the text the grammar now allows in one way only (the rest of a key, of an
        enum value once its first words settle it), queued for `sample`; none when the next byte
        is open. Under greedy decoding the model would write the same text; the tokens are cut as
        the tokenizer cuts that text after the context's last tokens (`context`: the token ids so
        far), which is how the model, trained on the tokenizer's output, cuts it too."""
        if self.jump is None or self.pending:
            return []
        text = self.jump.forced_text(self.grammar)
        tokens = self.jump.tokens_of(text, self.grammar, context) if text else []
        self.pending = list(tokens)
        self.forced_tokens += len(tokens)
        return tokens

    def close(self) -> None:
        """Free the grammar and the chain (also done when the sampler is collected)."""
        if self.grammar is not None:
            llama_cpp.llama_sampler_free(self.grammar)
            self.grammar = None
        self.chain.close()

    def __del__(self) -> None:
        self.close()


# Bytes a vocabulary may lack a token for and jump-forward still work: no grammar of a JSON answer
# allows them as the only next byte. Control characters other than tab, line feed and carriage
# return are never written unescaped in JSON; 0xC0, 0xC1 and 0xF5-0xFF occur in no UTF-8 text;
# 0xF1-0xF4 open only code points beyond U+3FFFF, which only a class of all characters allows,
# and such a class allows many bytes at once. SmolLM2's vocabulary lacks 21 of these.
NEVER_FORCED = frozenset(
    [*(b for b in range(0x20) if b not in (0x09, 0x0A, 0x0D)), 0xC0, 0xC1, *range(0xF1, 0x100)]
)


class JumpTable:
    """What a model's vocabulary needs for jump-forward decoding: a token for every byte that can
    be forced, so the grammar can be asked which bytes may come next, all at once.

    Built once per model (`for_model`); None where the vocabulary lacks a token for a byte outside
    `NEVER_FORCED` (the question could not be asked completely, so nothing is forced).
    """

    MAX_BYTES = 400  # a forced run longer than any article sentence the grammar may hold
    SEAM_TOKENS = 8  # context tokens tokenised with a forced run: enough to reach a word's start

    def __init__(self, llama: Llama, byte_tokens: dict[int, int]):
        """Set up the question for one model.

        Args:
            llama: the model.
            byte_tokens: a token for each byte the vocabulary has one for, by byte value.
        """
        self.llama = llama
        self.bytes = sorted(byte_tokens)  # position in the question -> byte value
        self.byte_tokens = byte_tokens
        self.eog = [t for t in (llama.token_eos(),) if t >= 0]
        ids = [*(byte_tokens[b] for b in self.bytes), *self.eog]
        self._data = (llama_cpp.llama_token_data * len(ids))()
        self._ids = np.array(ids, dtype=np.intc)
        self._array = llama_cpp.llama_token_data_array(
            data=self._data, size=len(ids), selected=-1, sorted=False
        )
        self._view = np.ctypeslib.as_array(self._data).view(_TOKEN_DATA)
        self._one = _OneToken()
        self._pieces: dict[int, bytes] = {}

    @classmethod
    def for_model(cls, llama: Llama) -> JumpTable | None:
        """The model's table, or None when a byte that can be forced has no token of its own."""
        found: dict[int, int] = {}
        # Byte-level vocabularies keep their byte tokens first (GPT-2 style at 0-255, SentencePiece
        # byte fallback "<0x00>"... right after the control tokens): the scan stops once all are seen.
        for token in range(llama.n_vocab()):
            piece = llama.detokenize([token])
            if len(piece) == 1 and piece[0] not in found:
                found[piece[0]] = token
                if len(found) == 256:
                    break
        if any(b not in found for b in range(256) if b not in NEVER_FORCED):
            return None
        return cls(llama, found)

    def _open(self, grammar: Any) -> list[int]:
        """The bytes the grammar allows next (256 = it may end here)."""
        self._view["id"] = self._ids
        self._view["logit"] = 0.0
        self._array.size, self._array.selected = len(self._ids), -1
        llama_cpp.llama_sampler_apply(grammar, ctypes.byref(self._array))
        allowed = np.flatnonzero(~np.isinf(self._view["logit"][: self._array.size]))
        return [self.bytes[i] if i < len(self.bytes) else 256 for i in allowed]

    def forced_text(self, grammar: Any) -> bytes:
        """The bytes the grammar allows in one way only from its state (a copy is advanced)."""
        probe = llama_cpp.llama_sampler_clone(grammar)
        out = bytearray()
        try:
            while len(out) < self.MAX_BYTES:
                allowed = self._open(probe)
                if len(allowed) != 1 or allowed[0] >= 256:
                    break
                out.append(allowed[0])
                llama_cpp.llama_sampler_accept(probe, self.byte_tokens[allowed[0]])
        finally:
            llama_cpp.llama_sampler_free(probe)
        return _whole_characters(bytes(out))

    def piece(self, token: int) -> bytes:
        """The token's bytes (cached: asked for every token of every forced run's context)."""
        found = self._pieces.get(token)
        if found is None:
            found = self._pieces[token] = self.llama.detokenize([token])
        return found

    def tokens_of(self, text: bytes, grammar: Any, context: Any = ()) -> list[int]:
        """The text's tokens as the tokenizer cuts it after the context, if the grammar accepts
        them one by one (else none).

        The last few context tokens are tokenised together with the text, because a token may
        span the seam (Qwen writes `"` then `participants` but `":` as one token): the text's
        tokens are those after the seam, and none when the tokenizer would merge the context's last
        token with the text (the model then writes the merged token itself). The last token is left
        to the model as well: it may merge with what follows, which the grammar leaves open.
        """
        before = b"".join(self.piece(int(t)) for t in list(context)[-self.SEAM_TOKENS :])
        while before and 0x80 <= before[0] < 0xC0:  # the window began inside a character
            before = before[1:]
        whole = before + text
        tokens = self.llama.tokenize(whole, add_bos=False, special=False)
        cut: list[int] = []
        at = 0
        for token in tokens:
            if at >= len(before):
                cut.append(token)
            at += len(self.piece(token))
            if at > len(before) and not cut:
                return []  # a token spans the seam
        if at != len(whole):
            return []  # the tokenizer added or dropped text (a leading space): cut nothing
        cut = cut[:-1]
        probe = llama_cpp.llama_sampler_clone(grammar)
        try:
            for token in cut:
                if not self._one.allows(probe, token):
                    return []
                llama_cpp.llama_sampler_accept(probe, token)
        finally:
            llama_cpp.llama_sampler_free(probe)
        return cut


def _whole_characters(data: bytes) -> bytes:
    """The bytes up to the last whole UTF-8 character (a forced run may stop inside one)."""
    end = len(data)
    for back in range(1, min(4, end) + 1):
        lead = data[end - back]
        if lead < 0x80:
            return data  # ASCII last: whole
        if lead >= 0xC0:  # the last character's lead byte: whole only if all its bytes are there
            size = 2 if lead < 0xE0 else 3 if lead < 0xF0 else 4
            return data if back == size else data[: end - back]
    return data


class ForcedContinuation(LlamaDraftModel):
    """A "draft model" that drafts only what the grammar forces, so llama-cpp-python's generate
    evaluates forced tokens as one batch after the sampled one (the cost of prompt evaluation,
    not of a generated token each) and the sampler hands them out without reading logits."""

    def __init__(self, llama: Llama):
        self.llama = llama
        self.num_pred_tokens = 0  # `_eval` leaves these batches to llama-cpp-python (no drafts there)

    def __call__(self, input_ids: Any, /, **kwargs: Any) -> Any:
        """The forced tokens after the sampled one (none outside a lazy grammar request)."""
        sampler = getattr(self.llama, "_sampler", None)
        if not isinstance(sampler, LazyGrammarSampler):
            return np.array([], dtype=np.intc)
        room = self.llama.n_ctx() - self.llama.n_tokens - 2
        return np.array(sampler.forced(input_ids)[: max(0, room)], dtype=np.intc)


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
    jump = getattr(self, "_jump_table", None)
    return LazyGrammarSampler(
        self._model, grammar, penalties, jump, close_repeats=_CLOSE_REPEATS, probed=_PROBED
    )


_CLOSE_REPEATS = False
_PROBED = 1024


def install(close_repeats: bool = False, probed: int = 1024) -> None:
    """Make every Llama in this process sample greedy grammar requests lazily (and, with
    `close_repeats`, close an array that repeats an element: `RepeatGuard`)."""
    global _CLOSE_REPEATS, _PROBED
    _CLOSE_REPEATS, _PROBED = close_repeats, probed
    Llama._init_sampler = _init_sampler  # type: ignore[method-assign]


_init_before_jump = Llama.__init__


def _init_jumping(self: Llama, *args: Any, **kwargs: Any) -> None:
    """Llama.__init__, then jump-forward decoding set up where no draft model is configured."""
    _init_before_jump(self, *args, **kwargs)
    if self.draft_model is None:
        self._jump_table = JumpTable.for_model(self)  # type: ignore[attr-defined]
        if self._jump_table is not None:  # type: ignore[attr-defined]
            # Set after __init__, so llama-cpp-python keeps logits for the last position only.
            self.draft_model = ForcedContinuation(self)


def install_jumping() -> None:
    """Make every Llama in this process write grammar-forced text without the model (with the lazy
    sampler, which hands the forced tokens out)."""
    Llama.__init__ = _init_jumping  # type: ignore[method-assign]


class LatestLookupDecoding(LlamaDraftModel):
    """Prompt-lookup drafts: what followed the latest earlier occurrence of the last n tokens.

    An extraction answer copies names, phrases and whole sentences of the article, so the tokens
    that followed the same few tokens earlier in the context are a good guess for the next ones.
    llama-cpp-python's `LlamaPromptLookupDecoding` takes the *first* occurrence, which in this
    service's prompts is usually in the instructions or the worked example; the latest one is
    usually the article or the answer so far. Drafts never change the answer: every drafted token
    is checked against the model's own greedy choice, and the first mismatch ends the draft.
    """

    def __init__(self, min_ngram_size: int = 3, num_pred_tokens: int = 10):
        """Args:
        min_ngram_size: the shortest run of last tokens looked up; runs two tokens longer are
            tried first. On a CPU a drafted token costs about a third of a generated one even
            when it is refused, so short runs, which match anywhere, draft at a loss.
        num_pred_tokens: tokens drafted per step at most.
        """
        self.min_ngram_size = max(1, min_ngram_size)
        self.num_pred_tokens = num_pred_tokens

    def __call__(self, input_ids: Any, /, **kwargs: Any) -> Any:
        """The drafted tokens (possibly none) after `input_ids`, the context so far."""
        ids = np.asarray(input_ids, dtype=np.intc)
        n = ids.shape[0]
        for size in range(min(self.min_ngram_size + 2, n - 1), self.min_ngram_size - 1, -1):
            # Windows that end before the last token, so each one has a continuation.
            windows = np.lib.stride_tricks.sliding_window_view(ids[:-1], size)
            hits = np.flatnonzero((windows == ids[-size:]).all(axis=1))
            if hits.size:
                start = int(hits[-1]) + size
                return ids[start : start + self.num_pred_tokens]
        return np.array([], dtype=np.intc)


_original_init = Llama.__init__
_original_eval = Llama.eval


def _init(self: Llama, *args: Any, **kwargs: Any) -> None:
    """Llama.__init__, without the every-position logits that a draft model would switch on.

    llama-cpp-python turns `logits_all` on whenever there is a draft model, so that drafts can
    be checked against every position's logits; it then computes and copies the logits of every
    prompt position too (152,000 floats each with Qwen's vocabulary: prompt evaluation 4x slower
    on 2 cores). Only a draft's own positions need them, which `_eval` asks for; nothing in the
    server reads the copied scores unless logprobs are asked for, which then fail plainly
    ("logprobs is not supported ... logits_all=False") instead of reading stale scores.
    """
    _original_init(self, *args, **kwargs)
    if self.draft_model is not None and not kwargs.get("logits_all", False):
        self._logits_all = False


def _eval(self: Llama, tokens: Any) -> None:
    """Llama.eval, with logits for every position of a draft step and for no other position.

    `generate` evaluates a draft step as one batch, the last sampled token then the drafted
    ones, and samples at each of them; a prompt is evaluated as before, with the logits of each
    batch's last position only (same batches, so the same numbers).
    """
    draft = self.draft_model
    if draft is None or self._logits_all or len(tokens) > 1 + int(getattr(draft, "num_pred_tokens", 0)):
        _original_eval(self, tokens)
        return
    self._ctx.kv_cache_seq_rm(-1, self.n_tokens, -1)
    n_past, n = self.n_tokens, len(tokens)
    self._batch.set_batch(batch=tokens, n_past=n_past, logits_all=True)
    self._ctx.decode(self._batch)
    self.input_ids[n_past : n_past + n] = tokens
    self.n_tokens += n
    self._requires_eval = False


def install_drafting(min_match: int) -> None:
    """Make llama_cpp.server's prompt-lookup drafts cheap: latest-occurrence drafts after a run of
    at least `min_match` tokens, draft-only logits."""
    llama_speculative.LlamaPromptLookupDecoding = functools.partial(  # type: ignore[misc,assignment]
        LatestLookupDecoding, min_match
    )
    Llama.__init__ = _init  # type: ignore[method-assign]
    Llama.eval = _eval  # type: ignore[method-assign]


# A GBNF rule body's parts: a literal, a character class, or anything between them.
_GBNF_PART = re.compile(r'"(?:\\.|[^"\\])*"|\[(?:\\.|[^\]\\])*\]|[^"\[]+')
_SPACE_REF = re.compile(r"(?<![\w-])space(?![\w-])")
_LEADING_SPACE_REF = re.compile(r"\s*space(?![\w-])")  # the reference right after a separator
_SEPARATORS = {'","': '", "', '":"': '": "'}


def canonical_spacing(gbnf: str) -> str:
    """A JSON grammar from llama.cpp's schema converter, with the whitespace json.dumps writes.

    The converter lets an optional space (`space ::= " "?`) follow every `{`, `[`, `,`, `:` and
    value, so the next byte is open at each of them and jump-forward stops there: the model itself
    writes `": "` and `, ` between keys it cannot choose. Here a space follows every `,` and `:`
    and nothing else follows anything, as in `{"key": "value", "list": [1, 2]}`: every key that
    must come next is forced text, and the model chooses only between values and between going on
    and closing.

    Args:
        gbnf: the converter's grammar (one rule per line).

    Returns:
        The grammar with its `space` references resolved; the input unchanged where a rule does not
        split into literals, classes and references as expected.
    """
    out = []
    for line in gbnf.splitlines():
        name, sep, body = line.partition(" ::= ")
        parts = _GBNF_PART.findall(body)
        if not sep or name.strip() == "space" or "".join(parts) != body:
            out.append(line)
            continue
        new: list[str] = []
        for part in parts:
            if part[0] in '"[':
                new.append(part)
                continue
            if new and new[-1] in _SEPARATORS and _LEADING_SPACE_REF.match(part):
                new[-1] = _SEPARATORS[new[-1]]  # the separator takes the space that follows it
            new.append(_SPACE_REF.sub("", part))
        out.append(f"{name}{sep}{''.join(new)}")
    return "\n".join(out)


_original_to_gbnf = llama_grammar.json_schema_to_gbnf


def _canonical_to_gbnf(schema: str, prop_order: Any = None) -> str:
    return canonical_spacing(_original_to_gbnf(schema, prop_order))


def install_canonical_spacing() -> None:
    """Make every JSON-schema grammar in this process write json.dumps's whitespace only."""
    llama_grammar.json_schema_to_gbnf = _canonical_to_gbnf


# The child's own switches; everything else on the command line is llama_cpp.server's.
LAZY_FLAG = "--child-lazy-grammar"
JUMP_FLAG = "--child-jump-forward"
REPEAT_FLAG = "--child-close-repeats"
DRAFT_FLAG = "--child-draft-min-match"  # followed by the number of tokens
PROBE_FLAG = "--child-probe"  # followed by the number of next best tokens asked about one by one
SPACING_FLAG = "--child-canonical-spacing"


def main(argv: list[str]) -> None:
    """Install the switched-on patches, then run llama_cpp.server with the remaining arguments."""
    argv = list(argv)
    close_repeats = REPEAT_FLAG in argv
    if close_repeats:
        argv.remove(REPEAT_FLAG)
    probed = 1024
    if PROBE_FLAG in argv:
        at = argv.index(PROBE_FLAG)
        probed = int(argv[at + 1])
        del argv[at : at + 2]
    if LAZY_FLAG in argv:
        argv.remove(LAZY_FLAG)
        install(close_repeats, probed)
    if JUMP_FLAG in argv:
        argv.remove(JUMP_FLAG)
        install_jumping()
    if SPACING_FLAG in argv:
        argv.remove(SPACING_FLAG)
        install_canonical_spacing()
    if DRAFT_FLAG in argv:
        at = argv.index(DRAFT_FLAG)
        install_drafting(int(argv[at + 1]))
        del argv[at : at + 2]
    sys.argv = argv
    runpy.run_module("llama_cpp.server", run_name="__main__", alter_sys=True)


if __name__ == "__main__":
    main(sys.argv)
