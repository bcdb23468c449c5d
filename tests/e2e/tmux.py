"""Drive a real terminal: the installed `companion` in tmux, keys in, screen text out."""

from __future__ import annotations

import shlex
import shutil
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest

NAMED_KEYS = {"Enter", "Tab", "BTab", "Escape", "Space"}


def installed_companion() -> str:
    found = shutil.which("companion", path=str(Path(sys.executable).parent)) or shutil.which(
        "companion"
    )
    if found is None:
        pytest.fail("The `companion` command is not installed: pip install '.[test]'")
    return found


class Terminal:
    def __init__(self, command: list[str], width: int = 80, height: int = 24) -> None:
        if shutil.which("tmux") is None:
            pytest.fail("These tests need tmux (apt-get install tmux).")
        self.socket = f"companion-test-{uuid.uuid4().hex[:8]}"
        self.session = "app"
        shell_line = " ".join(shlex.quote(part) for part in command)
        self._tmux(
            "new-session",
            "-d",
            "-s",
            self.session,
            "-x",
            str(width),
            "-y",
            str(height),
            f"{shell_line}; sleep 600",
        )

    def _tmux(self, *args: str) -> str:
        result = subprocess.run(
            ["tmux", "-L", self.socket, *args], capture_output=True, text=True, check=True
        )
        return result.stdout

    def screen(self) -> str:
        return self._tmux("capture-pane", "-p", "-t", self.session)

    def wait_for(self, text: str, timeout: float = 20.0) -> str:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            shown = self.screen()
            if text in shown:
                return shown
            time.sleep(0.05)
        raise AssertionError(f"{text!r} never appeared; the screen showed:\n{self.screen()}")

    def type(self, *keys: str) -> None:
        """One key or word at a time, as a person types (a burst would look like a paste)."""
        for key in keys:
            if key in NAMED_KEYS or key.startswith("C-"):
                self._tmux("send-keys", "-t", self.session, key)
            else:
                self._tmux("send-keys", "-t", self.session, "-l", key)
            time.sleep(0.08)

    def pane_pid(self) -> int:
        return int(self._tmux("display", "-p", "-t", self.session, "#{pane_pid}").strip())

    def close(self) -> None:
        subprocess.run(["tmux", "-L", self.socket, "kill-server"], capture_output=True)
