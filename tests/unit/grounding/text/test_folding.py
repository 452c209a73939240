"""grounding.text.folding: folded text keeps a map back to source offsets."""

from __future__ import annotations

from grounding.text.folding import fold, fold_plain, words


def test_fold_keeps_offsets() -> None:
    folded = fold("  Đà  Nẵng ")
    assert folded.text == "da nang"
    assert folded.to_source(0, 7) == (2, 10)


def test_fold_plain_removes_what_quoting_changes() -> None:
    assert fold_plain("“Hà Nội” — Łódź\u00a0 Tuesday") == '"ha noi" - lodz tuesday'


def test_words_keep_inner_hyphens_and_apostrophes() -> None:
    assert words(fold_plain("Governor-General O’Neil met Kim.")) == [
        "governor-general",
        "o'neil",
        "met",
        "kim",
    ]
