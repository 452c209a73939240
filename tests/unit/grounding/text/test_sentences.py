"""grounding.text.sentences: sentence boundaries and the sentences a model may cite."""

from __future__ import annotations

import json
import re

from grounding.text.sentences import MAX_SENTENCE, numbered, sentence_spans, sentences
from service.cli.articles import read_article
from tests.conftest import ROOT


def test_sentence_spans_exclude_the_whitespace_between() -> None:
    text = 'He said "Yes." Then they left!\n\nA new paragraph'
    assert [text[s:e] for s, e in sentence_spans(text)] == [
        'He said "Yes."',
        "Then they left!",
        "A new paragraph",
    ]


def test_sentences_are_distinct_and_bounded() -> None:
    long_one = "x" * (MAX_SENTENCE + 1) + "."
    text = f"Leaders met in Rome. Short. Leaders met in Rome. {long_one} They agreed on trade."
    assert sentences(text) == ["Leaders met in Rome.", "They agreed on trade."]


def test_no_sentence_spans_a_line_break() -> None:
    text = (
        "Meloni meets Ruto\nROME - Prime Minister Ann Lee met  \r\n President Bo Kim on Monday. "
        "They agreed.\u2028End"
    )
    spans = sentence_spans(text)
    assert [text[s:e] for s, e in spans] == [
        "Meloni meets Ruto",
        "ROME - Prime Minister Ann Lee met",
        "President Bo Kim on Monday.",
        "They agreed.",
        "End",
    ]
    for s, e in spans:
        assert not any(ch in text[s:e] for ch in "\n\r\u2028")
    assert sentences(text) == [
        "Meloni meets Ruto",
        "ROME - Prime Minister Ann Lee met",
        "President Bo Kim on Monday.",
        "They agreed.",
    ]


def test_numbered_marks_every_sentence_and_keeps_the_layout() -> None:
    text = "PARIS, May 3\nMacron met Olaf Scholz in Paris on Monday. They discussed trade.\n\nEnd here."
    shown, cited = numbered(text)
    assert shown == (
        "[1] PARIS, May 3\n[2] Macron met Olaf Scholz in Paris on Monday. [3] They discussed trade.\n\n"
        "[4] End here."
    )
    assert cited == (
        "PARIS, May 3",
        "Macron met Olaf Scholz in Paris on Monday.",
        "They discussed trade.",
        "End here.",
    )
    # Removing the markers gives the text back: nothing else changes.
    assert re.sub(r"\[[0-9]+\] ", "", shown) == text
    assert numbered("") == ("", ())


def test_abbreviations_and_initials_do_not_end_a_sentence() -> None:
    text = (
        "Secretary of State Antony J. Blinken met Mr. Kim in the U.S. on May 3. They talked at 2 p.m. "
        "local time.\nDr. Lee\tspoke later."
    )
    assert [text[s:e] for s, e in sentence_spans(text)] == [
        "Secretary of State Antony J. Blinken met Mr. Kim in the U.S. on May 3.",
        "They talked at 2 p.m. local time.",
        "Dr. Lee\tspoke later.",
    ]


def test_the_gold_evidence_lies_in_whole_sentences() -> None:
    # The article grammar offers whole sentences: a gold quote cut in two cannot be cited whole.
    inside = total = 0
    for gold in sorted((ROOT / "evals" / "gold").glob("*/*.json")):
        case = json.loads(gold.read_text(encoding="utf-8"))
        article = gold.with_suffix(".txt")
        text, _ = read_article(article if article.exists() else ROOT / "seeds" / f"{gold.stem}.txt")
        spans = sentence_spans(text)
        for event in case["events"]:
            for ev in event["evidence"]:
                total += 1
                inside += any(s <= ev["start"] and ev["end"] <= e for s, e in spans)
    assert total >= 90 and inside / total >= 0.95


def test_an_honorific_s_full_stop_ends_no_sentence() -> None:
    text = (
        "He met the Rt. Hon. Rishi Sunak, Prime Minister, and Amb. Ann Lee. Then he left.\nHon.\nLee spoke."
    )
    assert [text[a:b] for a, b in sentence_spans(text)] == [
        "He met the Rt. Hon. Rishi Sunak, Prime Minister, and Amb. Ann Lee.",
        "Then he left.",
        "Hon.",  # a line of its own: a line break still ends it
        "Lee spoke.",
    ]
