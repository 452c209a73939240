"""service.llm.llama_child.canonical_spacing: JSON grammars with json.dumps's whitespace only."""

from __future__ import annotations

import json

import pytest

llama_child = pytest.importorskip("service.llm.llama_child")
llama_grammar = pytest.importorskip("llama_cpp.llama_grammar")

SCHEMA = {
    "type": "object",
    "properties": {
        "who": {"type": "array", "items": {"type": "string", "enum": ["Bo, in space", "Ann"]}},
        "city": {"type": ["string", "null"]},
    },
    "required": ["who", "city"],
}


def _rules(gbnf: str) -> dict[str, str]:
    """Each rule's body, its runs of blanks between parts made one."""
    return {
        name: " ".join(body.split()) for name, body in (line.split(" ::= ", 1) for line in gbnf.splitlines())
    }


def test_a_space_follows_each_comma_and_colon_and_nothing_else() -> None:
    plain = _rules(llama_grammar.json_schema_to_gbnf(json.dumps(SCHEMA)))
    assert plain["root"] == '"{" space who-kv "," space city-kv "}" space'
    rules = _rules(llama_child.canonical_spacing(llama_grammar.json_schema_to_gbnf(json.dumps(SCHEMA))))
    assert rules["root"] == '"{" who-kv ", " city-kv "}"'
    assert rules["who-kv"] == '"\\"who\\"" ": " who'
    assert rules["who"] == '"[" (who-item (", " who-item)*)? "]"'
    assert rules["null"] == '"null"' and rules["string"] == '"\\"" char* "\\""'
    # Literals are text, not structure: the enum's comma and its word "space" stay as they are.
    assert rules["who-item"] == plain["who-item"] == '"\\"Bo, in space\\"" | "\\"Ann\\""'
    assert rules["char"] == plain["char"]  # character classes too
    assert rules["space"] == '" "?'  # the rule stays, unused


def test_the_grammar_still_parses_and_a_rule_it_cannot_read_is_left_alone() -> None:
    canonical = llama_child.canonical_spacing(llama_grammar.json_schema_to_gbnf(json.dumps(SCHEMA)))
    llama_grammar.LlamaGrammar.from_string(canonical, verbose=False)  # raises if llama.cpp cannot parse it
    odd = 'root ::= "a" space\nspace ::= " "?\nbroken ::= "unterminated space'
    assert llama_child.canonical_spacing(odd).splitlines() == [
        'root ::= "a" ',
        'space ::= " "?',
        'broken ::= "unterminated space',
    ]
