"""A new user: the installed command in a real terminal, set up by keystrokes."""

from __future__ import annotations

import json
import subprocess
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from tests.e2e.outside import outside_today
from tests.e2e.tmux import Terminal, installed_companion


@pytest.fixture
def terminal(tmp_path: Path) -> Iterator[Terminal]:
    term = Terminal([installed_companion(), "--data-dir", str(tmp_path / "family")])
    yield term
    term.close()


def test_first_run_setup_then_home_then_a_reflection(terminal: Terminal, tmp_path: Path) -> None:
    terminal.wait_for("What should I call you?")
    # The app reads the real clock here: born on 1 January eight years ago, Mia is 8 on
    # any day of the year the suite runs.
    born = date(outside_today().year - 8, 1, 1).isoformat()
    terminal.type("Sam", "Enter", "Mia", "Enter", born, "Enter", "Tab", "Enter")
    terminal.wait_for("this week")
    home = terminal.wait_for("r Reflect")  # the key to write appears once there is a family
    assert "Hello, Sam." in home
    assert "With Mia (8)." in home
    assert "Today's connection game" in home
    assert "Next routine" in home
    assert "Recent reflections" in home
    assert "Nothing written yet" in home
    assert "? Help" in home

    terminal.type("r")
    terminal.wait_for("A quick reflection")
    terminal.type("We blew bubbles on the step", "C-s")
    # The count and the list are drawn one after the other: wait for both.
    terminal.wait_for("1 reflection this week")
    home = terminal.wait_for("We blew bubbles on the step")
    assert "1 reflection this week" in home

    terminal.type("C-q")
    listed = subprocess.run(
        [installed_companion(), "--data-dir", str(tmp_path / "family"), "log", "list", "--json"],
        capture_output=True,
        check=True,
    )
    [saved] = json.loads(listed.stdout)["reflections"]
    assert (saved["text"], saved["children"]) == ("We blew bubbles on the step", ["Mia"])
    family = tmp_path / "family"
    assert family.stat().st_mode & 0o777 == 0o700
    assert all(p.stat().st_mode & 0o777 == 0o600 for p in family.rglob("*.json"))
