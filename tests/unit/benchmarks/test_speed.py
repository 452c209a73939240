"""The speed benchmark's reading of llama.cpp's timings, its variants and its table."""

# ruff: noqa: E501  (log lines as llama.cpp writes them)

from __future__ import annotations

import pytest

from benchmarks.speed import MAX_CHARS, _rates, articles, parse_calls, parse_variant, speed_table

# Two completions as llama-cpp-python's server logs them (verbose), with noise between.
LOG = """\
Llama.generate: 812 prefix-match hit, remaining 231 prompt tokens to eval
llama_perf_context_print:        load time =     612.10 ms
llama_perf_context_print: prompt eval time =    2100.00 ms /   231 tokens (    9.09 ms per token,   110.00 tokens per second)
llama_perf_context_print:        eval time =    6000.50 ms /   150 runs   (   40.00 ms per token,    25.00 tokens per second)
llama_perf_context_print:       total time =    8150.25 ms /   381 tokens
INFO:     127.0.0.1:50000 - "POST /v1/chat/completions HTTP/1.1" 200 OK
llama_perf_context_print: prompt eval time =      90.00 ms /     4 tokens (   22.50 ms per token,    44.44 tokens per second)
llama_perf_context_print:        eval time =    1200.00 ms /    30 runs   (   40.00 ms per token,    25.00 tokens per second)
llama_perf_context_print:       total time =    1300.00 ms /    34 tokens
llama_perf_context_print: prompt eval time =      10.00 ms /     2 tokens
"""


def test_parse_calls_reads_each_completed_block() -> None:
    calls = parse_calls(LOG)
    assert len(calls) == 2  # the last block has no total line yet
    first, second = calls
    assert (first.prompt_tokens, first.prompt_ms, first.gen_tokens, first.gen_ms) == (
        231,
        2100.0,
        150,
        6000.5,
    )
    assert first.total_ms == 8150.25
    assert (second.prompt_tokens, second.gen_tokens) == (4, 30)


def test_rates_leave_out_tiny_prompt_evaluations() -> None:
    prompt_s, gen_s = _rates(parse_calls(LOG))
    assert prompt_s == pytest.approx(2.1 / 231)  # the 4-token call is overhead, not a rate
    assert gen_s == pytest.approx(7.2005 / 180)


def test_parse_variant() -> None:
    assert parse_variant("default") == ("default", {})
    assert parse_variant("pld8:LLM_DRAFT_TOKENS=8, LLM_N_BATCH=256") == (
        "pld8",
        {"LLM_DRAFT_TOKENS": "8", "LLM_N_BATCH": "256"},
    )
    with pytest.raises(ValueError, match="not ENV=VALUE"):
        parse_variant("bad:LLM_FLASH_ATTN")


def test_articles_are_short_and_a_subset_spans_the_sets() -> None:
    every = articles(None)
    assert every and all(len(text) < MAX_CHARS for _, text, _ in every)
    subset = articles(9)
    assert len(subset) == 9
    assert {name.split("/")[0] for name, _, _ in subset} == {name.split("/")[0] for name, _, _ in every}


def test_speed_table_has_a_row_per_variant() -> None:
    summary = {
        "median_s": 12.0,
        "median_floor_s": 5.0,
        "ratio_to_floor": 2.4,
        "median_prompt_tokens": 300,
        "median_gen_tokens": 200,
        "median_prompt_s": 3.0,
        "median_gen_s": 8.0,
        "median_sampling_s": 1.5,
        "median_extra_calls_s": 0.0,
        "median_own_s": 0.05,
    }
    table = speed_table(
        {
            "models": {
                "qwen05": {
                    "variants": {"default": summary, "pld": {**summary, "identical_to_first": "9 of 10"}}
                }
            }
        }
    )
    rows = table.splitlines()[2:]
    assert rows[0].startswith("| qwen05 | default | 12.0 | 5.0 | 2.40 |") and "(reference)" in rows[0]
    assert rows[1].endswith("| 9 of 10 |")
    assert "| 3.0 | 8.0 | 1.5 | 0.0 | 0.05 |" in rows[0]  # prompt, generation, sampling, extra, own
    assert table.splitlines()[0].count("|") == table.splitlines()[1].count("|") == rows[0].count("|")
