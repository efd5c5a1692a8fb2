"""Which precis module may import which (issue 18, item 7: house).

Imports are read from the source (every ``import``, at module level or inside a function, under
``TYPE_CHECKING`` too), so a cycle hidden in a function body is caught as well as one at the top.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src"
PACKAGE = SRC / "precis"


def module_name(path: Path) -> str:
    parts = path.relative_to(SRC).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports_of(path: Path) -> set[str]:
    """Every module ``path`` imports, relative imports resolved."""
    name = module_name(path)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            found.add(base)
            found.update(f"{base}.{alias.name}" for alias in node.names)
    return found


def modules_under(prefix: str) -> list[Path]:
    return [
        p
        for p in sorted(PACKAGE.rglob("*.py"))
        if module_name(p) == prefix or module_name(p).startswith(prefix + ".")
    ]


def reaches(imported: set[str], target: str) -> bool:
    return any(name == target or name.startswith(target + ".") for name in imported)


@pytest.mark.parametrize(
    ("importer", "forbidden"),
    [
        ("precis.batch", "precis.cli"),  # precis.cli registers batch: one direction only
        ("precis.options", "precis.extractive"),  # options sit below the algorithms
        ("precis.extractive", "precis.ingest"),  # algorithms see Documents, not adapters
        ("precis.cli_options", "precis.cli"),  # the modules both commands share
        ("precis.cli_base", "precis.cli"),
        ("precis.cli_help", "precis.cli"),
    ],
)
def test_layers_module_does_not_import(importer: str, forbidden: str) -> None:
    paths = modules_under(importer)
    assert paths, f"no module {importer}"
    offenders = [module_name(p) for p in paths if reaches(imports_of(p), forbidden)]
    assert not offenders, f"{offenders} import {forbidden}"


def test_layers_importing_batch_command_loads_no_cli() -> None:
    code = "import sys, precis.batch.command; print('precis.cli' in sys.modules)"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "False"


SHARED_FLAGS = (
    "--sentences",
    "--words",
    "--ratio",
    "--chars",
    "--method",
    "--per-section",
    "--query",
    "--keyphrases",
    "--abstractive",
    "--model",
    "--remote-model",
    "--guard",
    "--input-format",
    "--no-clean",
    "--allow-private",
    "--nli",
    "--nli-threshold",
    "--guard-embeddings",
)


@pytest.mark.parametrize("flag", SHARED_FLAGS)
def test_layers_each_shared_option_is_declared_once(flag: str) -> None:
    """``precis summarize`` and ``precis batch`` declared the same options twice, and they
    drifted (``-q`` on one, other help on the other)."""
    declared = [
        module_name(path)
        for path in PACKAGE.rglob("*.py")
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.Call)
        and getattr(node.func, "attr", getattr(node.func, "id", None)) == "Option"
        and any(isinstance(a, ast.Constant) and a.value == flag for a in node.args)
    ]
    assert len(declared) == 1, f"{flag} declared in {declared}"
