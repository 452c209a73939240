"""service.llm.llama_child.RepeatGuard: when an array's element repeats an earlier one."""

from __future__ import annotations

import pytest

llama_child = pytest.importorskip("service.llm.llama_child")


def _fed(text: str, by: int = 3) -> object:
    guard = llama_child.RepeatGuard()
    data = text.encode()
    for i in range(0, len(data), by):  # tokens cut anywhere, even inside a character
        guard.feed(data[i : i + by])
    return guard


def test_another_element_after_the_same_event_listed_again_is_refused() -> None:
    event = '{"who": ["Ann Lee", "Bo Kim"], "city": "Oslo"}'
    guard = _fed('{"events": [' + event + ", " + event)
    assert guard.repeats == 1
    assert guard.would_continue(b", ") and guard.would_continue(b",")
    assert not guard.would_continue(b"]") and not guard.would_continue(b" ]}")
    assert not guard.continued  # asking does not write


def test_a_different_event_or_an_unfinished_copy_may_go_on() -> None:
    first = '{"who": ["Ann Lee", "Bo Kim"], "city": "Oslo"}'
    assert not _fed(
        '{"events": [' + first + ', {"who": ["Ann Lee", "Bo Kim"], "city": "Rome"}'
    ).would_continue(b",")
    # Inside the copy, a comma is the copy's own ("Os, ..."), not another element.
    assert not _fed('{"events": [' + first + ', {"who": ["Ann Lee", "Bo Kim"], "city": "Os').would_continue(
        b","
    )


def test_a_token_that_ends_a_repeated_string_and_goes_on_is_refused() -> None:
    guard = _fed('{"evidence": ["Lee met Kim.", "Lee met Kim.')
    assert guard.would_continue(b'",') and not guard.would_continue(b'"]')
    # An escaped quote does not end the string.
    assert not _fed('{"evidence": ["Lee met Kim.", "Lee met Kim. \\"Good\\"').would_continue(b",")
    # A closed list is no longer watched: the event's next field may follow.
    assert not _fed('{"evidence": ["Lee met Kim.", "Lee met Kim."]').would_continue(b', "city"')


def test_non_ascii_text_cut_inside_a_character_is_read_whole() -> None:
    event = '{"who": ["Sedat Önal", "Hà Nội"]}'
    assert _fed('{"events": [' + event + ", " + event, by=1).would_continue(b",")
