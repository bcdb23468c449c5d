"""The house's walls: the domain stays plain Python, and the CLI stays light."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
HEAVY = ("textual", "tinydb", "apscheduler")


def modules_loaded_after(code: str) -> set[str]:
    probe = f"{code}\nimport sys\nprint('\\n'.join(sys.modules))"
    result = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True, cwd=ROOT
    )
    return {name.split(".")[0] for name in result.stdout.split()}


def test_the_domain_imports_no_ui_storage_or_scheduler() -> None:
    loaded = modules_loaded_after(
        "import companion.domain.family, companion.domain.reflection, companion.domain.dates"
    )
    assert "companion" in loaded
    assert not loaded & set(HEAVY)


def test_the_command_line_does_not_load_textual(tmp_path: Path) -> None:
    loaded = modules_loaded_after(
        "from companion.cli import run\n"
        f"assert run(['--data-dir', {str(tmp_path)!r}, 'log', 'add', 'hello']) == 0\n"
        f"assert run(['--data-dir', {str(tmp_path)!r}, 'log', 'list']) == 0"
    )
    assert "tinydb" in loaded  # it did reach the store
    assert "textual" not in loaded
    assert "apscheduler" not in loaded
    # Appointments and the brief load only where they are shown.
    assert "companion.domain.appointment" not in loaded
    assert "companion.brief_service" not in loaded


def test_import_linter_contracts_hold() -> None:
    lint_imports = shutil.which("lint-imports", path=str(Path(sys.executable).parent))
    if lint_imports is None:
        pytest.fail("import-linter is not installed: pip install '.[test]'")
    result = subprocess.run([lint_imports], capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Contracts: 2 kept, 0 broken." in result.stdout
