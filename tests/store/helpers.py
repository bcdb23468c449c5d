"""What the store tests share: the real command line in a subprocess, and looks at the folder."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

import companion.cli.root
from companion.services import Services
from tests.conftest import Clock


def run_companion(data_dir: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """`companion --data-dir DATA_DIR ARGS...` as a person runs it: a new process, real clock."""
    return subprocess.run(
        [sys.executable, "-m", "companion", "--data-dir", str(data_dir), *args],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def use_clock(monkeypatch: pytest.MonkeyPatch, clock: Clock) -> None:
    """Let the in-process command line (`companion.cli.run`) follow the test's clock, even as
    the test moves it (the `cli` fixture holds one moment per run instead)."""

    class ClockedServices(Services):
        def __init__(self, root: Path) -> None:
            super().__init__(root, clock=clock)

    monkeypatch.setattr(companion.cli.root, "Services", ClockedServices)


def folder_bytes(folder: Path) -> dict[str, bytes]:
    """Every file in the folder (backups included, the lock file left out), by relative path."""
    return {
        str(path.relative_to(folder)): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file() and path.name != ".lock"
    }


def data_bytes(folder: Path) -> dict[str, bytes]:
    """The data files only: what `log list` reads, not the backups."""
    return {
        name: raw for name, raw in folder_bytes(folder).items() if not name.startswith("backups/")
    }


def temp_files(folder: Path) -> list[Path]:
    """Half-finished saves, wherever they are (backups included)."""
    return sorted(folder.rglob(".*.tmp"))


def one_sentence(stderr: str) -> bool:
    """One line, ending like a sentence, no traceback."""
    return stderr.count("\n") == 1 and stderr.endswith(".\n") and "Traceback" not in stderr
