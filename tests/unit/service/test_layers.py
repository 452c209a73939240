"""The service's parts import one way: cli -> api -> serving -> pipeline -> llm, core beside them all."""

from __future__ import annotations

import ast
from pathlib import Path

import service

# Higher imports lower, never the reverse; `core` is imported by all and imports none of them.
ORDER = ("core", "llm", "pipeline", "serving", "api", "cli")
ROOT = Path(service.__file__).parent


def _part(module: str) -> str | None:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 and parts[0] == "service" and parts[1] in ORDER else None


def _imports(path: Path) -> list[str]:
    """Every module a file imports, at any depth (imports inside functions count too)."""
    found: list[str] = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            # `from service import api` names the part in the alias
            found += [f"service.{a.name}" for a in node.names] if node.module == "service" else [node.module]
    return found


def violations(root: Path = ROOT) -> list[str]:
    """The imports under `root` (a `service` folder) that run against the order, as 'file: module'."""
    out: list[str] = []
    for path in sorted(root.rglob("*.py")):
        rel = path.relative_to(root.parent)
        own = _part(".".join(rel.with_suffix("").parts))
        if own is None:
            continue  # service/__init__.py and __main__.py wire the parts together
        for module in _imports(path):
            other = _part(module)
            if other is None or other == own:
                continue
            if other != "core" and (own == "core" or ORDER.index(other) > ORDER.index(own)):
                out.append(f"{rel}: {module}")
    return sorted(set(out))


def test_every_module_lives_in_a_part() -> None:
    loose = [p.name for p in ROOT.glob("*.py") if p.name not in {"__init__.py", "__main__.py"}]
    assert loose == []


def test_imports_run_one_way() -> None:
    assert violations() == []


def test_the_check_sees_upward_and_core_imports(tmp_path: Path) -> None:
    root = tmp_path / "service"
    for part, body in {
        "llm": "def f():\n    from service.api.app import create_app\n",  # upward, inside a function
        "core": "import service.llm.models\n",  # core imports no part
        "api": "from service.pipeline import extractor\nfrom service.core.config import Settings\n",
    }.items():
        (root / part).mkdir(parents=True)
        (root / part / "m.py").write_text(body, encoding="utf-8")
    assert violations(root) == ["service/core/m.py: service.llm.models", "service/llm/m.py: service.api.app"]
