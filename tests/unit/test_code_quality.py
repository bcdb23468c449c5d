"""ruff, mypy and the shape of the code are part of the suite, so a change that breaks them
does not land."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent


def run_tool(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(BIN / args[0]), *args[1:]], capture_output=True, text=True, cwd=ROOT)


def test_ruff_finds_nothing() -> None:
    result = run_tool("ruff", "check", "companion", "tests", "bench")
    assert result.returncode == 0, result.stdout


def test_ruff_format_is_kept() -> None:
    result = run_tool("ruff", "format", "--check", "companion", "tests", "bench")
    assert result.returncode == 0, result.stdout


def test_mypy_strict_is_clean() -> None:
    result = run_tool("mypy")
    assert result.returncode == 0, result.stdout


# Small modules with one job, and functions that fit on a screen: the code a newcomer reads.
MAX_MODULE_LINES = 400
MAX_FUNCTION_LINES = 60


def _sources() -> list[Path]:
    return sorted([*(ROOT / "companion").rglob("*.py"), *(ROOT / "bench").rglob("*.py")])


def test_no_module_is_over_400_lines() -> None:
    long = {
        str(path.relative_to(ROOT)): lines
        for path in _sources()
        if (lines := path.read_text(encoding="utf-8").count("\n")) > MAX_MODULE_LINES
    }
    assert long == {}


def test_no_function_is_over_60_lines() -> None:
    long = []
    for path in _sources():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                length = (node.end_lineno or node.lineno) - node.lineno + 1
                if length > MAX_FUNCTION_LINES:
                    long.append(f"{path.relative_to(ROOT)}:{node.lineno} {node.name} ({length})")
    assert long == []


def test_every_bench_script_imports() -> None:
    # The figures are not in the suite, but their scripts must keep up with the code they time.
    import importlib

    for path in sorted((ROOT / "bench").glob("*.py")):
        if path.stem != "__init__":
            importlib.import_module(f"bench.{path.stem}")
