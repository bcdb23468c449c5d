"""The house's walls: the domain stays plain Python, and the CLI stays light."""

from __future__ import annotations

import os
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
    assert "companion.services.briefs" not in loaded


def test_import_linter_contracts_hold() -> None:
    lint_imports = shutil.which("lint-imports", path=str(Path(sys.executable).parent))
    if lint_imports is None:
        pytest.fail("import-linter is not installed: pip install '.[test]'")
    result = subprocess.run([lint_imports], capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Contracts: 4 kept, 0 broken." in result.stdout


def test_a_domain_module_that_imports_the_store_breaks_the_layers(tmp_path: Path) -> None:
    """The layers contract has teeth: the same check on a copy where one domain module
    imports the store fails, and says which import broke it."""
    lint_imports = shutil.which("lint-imports", path=str(Path(sys.executable).parent))
    assert lint_imports is not None, "import-linter is not installed: pip install '.[test]'"
    shutil.copytree(ROOT / "companion", tmp_path / "companion")
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    text = tmp_path / "companion" / "domain" / "text.py"
    text.write_text(text.read_text() + "\nimport companion.store.files  # noqa: E402\n")
    result = subprocess.run(
        [lint_imports],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env={**os.environ, "PYTHONPATH": str(tmp_path)},
    )
    assert result.returncode == 1
    assert "companion.domain is not allowed to import companion.store" in result.stdout
    assert "companion.domain.text -> companion.store.files" in result.stdout
