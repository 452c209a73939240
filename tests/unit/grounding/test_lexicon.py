"""grounding.lexicon: language knowledge is data, checked at start-up, and stays out of the code."""

from __future__ import annotations

import ast
import re
import shutil
from pathlib import Path

import pytest
import yaml

from grounding.lexicon import LEXICON_DIR, SCHEMA, LexiconError, check_lexicon, load, patterns, words

GROUNDING = Path(__file__).resolve().parents[3] / "grounding"
# An English word (or a phrase of them) as a list item: "president", "press secretary", "as of".
_WORD = re.compile(r"[A-Za-z][a-z'\u2019-]*(?: [A-Za-z][a-z'\u2019-]*)*")
# An alternation of English words in a regex: "meet|met", "(?:in|at|to)".
_ALTERNATION = re.compile(r"[A-Za-z]{2,}\|[A-Za-z]{2,}")
# Module-level tuples of labels that are types (Literal values), not words read in an article.
_LABELS = {"NOT_REPORTED"}


def _copy(tmp_path: Path) -> Path:
    for name in SCHEMA:
        shutil.copy(LEXICON_DIR / f"{name}.yaml", tmp_path / f"{name}.yaml")
    return tmp_path


def _rewrite(directory: Path, name: str, change: dict[str, object]) -> None:
    data = yaml.safe_load((directory / f"{name}.yaml").read_text(encoding="utf-8"))
    data.update(change)
    (directory / f"{name}.yaml").write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")


def test_the_shipped_lexicon_passes_its_check() -> None:
    check_lexicon()
    check_lexicon(LEXICON_DIR)
    assert set(SCHEMA) == {p.stem for p in LEXICON_DIR.glob("*.yaml")}


def test_a_copy_of_the_lexicon_passes(tmp_path: Path) -> None:
    check_lexicon(_copy(tmp_path))


def test_a_missing_key_fails(tmp_path: Path) -> None:
    directory = _copy(tmp_path)
    data = yaml.safe_load((directory / "meetings.yaml").read_text(encoding="utf-8"))
    del data["reporting_words"]
    (directory / "meetings.yaml").write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    with pytest.raises(LexiconError, match="missing keys \\['reporting_words'\\]"):
        check_lexicon(directory)


def test_an_unknown_key_fails(tmp_path: Path) -> None:
    directory = _copy(tmp_path)
    _rewrite(directory, "people", {"unused_words": ["a", "b"]})
    with pytest.raises(LexiconError, match="unknown keys \\['unused_words'\\]"):
        check_lexicon(directory)


def test_a_pattern_that_does_not_compile_fails(tmp_path: Path) -> None:
    directory = _copy(tmp_path)
    _rewrite(directory, "meetings", {"call": "\\b(?:phone"})
    with pytest.raises(LexiconError, match="'call'"):
        check_lexicon(directory)
    directory = _copy(tmp_path)
    _rewrite(directory, "modality", {"denied": ["(unclosed {scoped_meeting_words}"]})
    with pytest.raises(LexiconError, match="'denied'"):
        check_lexicon(directory)


def test_a_wrong_type_fails(tmp_path: Path) -> None:
    directory = _copy(tmp_path)
    _rewrite(directory, "people", {"title_words": "president"})
    with pytest.raises(LexiconError, match="list of strings"):
        check_lexicon(directory)
    directory = _copy(tmp_path)
    _rewrite(directory, "countries", {"aliases": {"norwegian": False}})  # bare NO reads as false
    with pytest.raises(LexiconError, match="mapping of strings"):
        check_lexicon(directory)
    directory = _copy(tmp_path)
    _rewrite(directory, "english", {"min_share": "low"})
    with pytest.raises(LexiconError, match="number"):
        check_lexicon(directory)


def test_a_placeholder_must_name_a_word_list(tmp_path: Path) -> None:
    directory = _copy(tmp_path)
    _rewrite(directory, "calendar", {"period_phrase": "\\bin (?:{no_such_list})\\b"})
    with pytest.raises(LexiconError, match="no_such_list"):
        check_lexicon(directory)


def test_office_terms_must_follow_each_other(tmp_path: Path) -> None:
    directory = _copy(tmp_path)
    data = yaml.safe_load((directory / "offices.yaml").read_text(encoding="utf-8"))
    del data["offices"][0]["holders"][3]  # a gap of three years between two Prime Ministers
    (directory / "offices.yaml").write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    with pytest.raises(LexiconError, match="does not end where"):
        check_lexicon(directory)


def test_every_holder_has_dates_and_a_source() -> None:
    for office in load("offices")["offices"]:
        for holder in office["holders"]:
            assert holder["name"] and holder["from"] and holder["source"].startswith("https://")


def test_accessors_name_their_kind() -> None:
    assert words("calendar", "weekdays")[0] == "monday"
    with pytest.raises(LexiconError, match="not a key"):
        patterns("modality", "scoped_meeting_words")
    with pytest.raises(LexiconError, match="not a key"):
        words("meetings", "no_such_key")


def _word_strings(node: ast.AST) -> list[str]:
    return [n.value for n in ast.walk(node) if isinstance(n, ast.Constant) and isinstance(n.value, str)]


def _is_word_list(value: ast.expr) -> bool:
    if (
        isinstance(value, ast.Call)
        and isinstance(value.func, ast.Name)
        and value.func.id
        in {
            "frozenset",
            "set",
            "tuple",
            "list",
        }
    ):
        value = value.args[0] if value.args else value
    if isinstance(value, ast.Dict):
        items = [k for k in value.keys if k is not None] + list(value.values)
    elif isinstance(value, ast.Tuple | ast.List | ast.Set):
        items = list(value.elts)
    else:
        return False
    strings = [i.value for i in items if isinstance(i, ast.Constant) and isinstance(i.value, str)]
    return sum(bool(_WORD.fullmatch(s)) for s in strings) >= 3


def _regex_calls(tree: ast.AST) -> list[ast.Call]:
    return [
        n
        for n in ast.walk(tree)
        if isinstance(n, ast.Call)
        and isinstance(n.func, ast.Attribute)
        and isinstance(n.func.value, ast.Name)
        and n.func.value.id == "re"
        and n.func.attr in {"compile", "search", "match", "fullmatch", "finditer", "findall", "sub", "split"}
    ]


def _sources() -> list[Path]:
    """The product code: the lexicon's loader aside, no English word list belongs in it (the
    scorer in evals/ keeps its own independent rules, as evals/README.md says)."""
    roots = [GROUNDING, GROUNDING.parent / "service", GROUNDING.parent / "schemas"]
    return [p for root in roots for p in root.rglob("*.py") if p.parent.name != "lexicon"]


def test_no_english_word_lists_in_code() -> None:
    found: list[str] = []
    for path in _sources():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for stmt in tree.body:
            targets = (
                stmt.targets
                if isinstance(stmt, ast.Assign)
                else [stmt.target]
                if isinstance(stmt, ast.AnnAssign)
                else []
            )
            value = stmt.value if isinstance(stmt, ast.Assign | ast.AnnAssign) else None
            names = [t.id for t in targets if isinstance(t, ast.Name)]
            if value is not None and not set(names) & _LABELS and _is_word_list(value):
                found.append(f"{path.relative_to(GROUNDING.parent)}:{stmt.lineno} {names}")
            elif value is not None and any(_ALTERNATION.search(s) for s in _word_strings(value)):
                where = f"{path.relative_to(GROUNDING.parent)}:{stmt.lineno}"
                found.append(f"{where} {names} (a pattern's words)")
        for call in _regex_calls(tree):
            if call.args and any(_ALTERNATION.search(s) for s in _word_strings(call.args[0])):
                found.append(f"{path.relative_to(GROUNDING.parent)}:{call.lineno} re.{call.func.attr}")  # type: ignore[attr-defined]
    assert not found, f"English word lists or alternations belong in grounding/lexicon/*.yaml: {found}"


def test_the_word_list_check_catches_a_list() -> None:
    tree = ast.parse('X = frozenset({"meet", "met", "talks"})\nY = re.compile(r"\\b(?:in|at|to)\\s+")\n')
    assert _is_word_list(tree.body[0].value)  # type: ignore[attr-defined]
    assert _regex_calls(tree) and _ALTERNATION.search(_word_strings(_regex_calls(tree)[0].args[0])[0])


def test_no_module_imports_a_private_name_of_another() -> None:
    private: list[str] = []
    for path in [*_sources(), *GROUNDING.parent.joinpath("service").rglob("*.py")]:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("grounding"):
                private += [
                    f"{path.name}: {node.module}.{a.name}" for a in node.names if a.name.startswith("_")
                ]
    assert not private


def test_text_utilities_never_import_rules() -> None:
    for path in (GROUNDING / "text").glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            modules = [node.module or ""] if isinstance(node, ast.ImportFrom) else []
            modules += [a.name for a in node.names] if isinstance(node, ast.Import) else []
            assert not any(m.startswith(("grounding.rules", "grounding.article")) for m in modules), path.name
