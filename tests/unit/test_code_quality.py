"""ruff and mypy are part of the suite, so a change that breaks them does not land."""

from __future__ import annotations

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
