"""A new user reaches today's connection game: the installed command in a real terminal."""

from __future__ import annotations

import json
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.e2e.tmux import Terminal, installed_companion
from tests.tui.conftest import flat


@pytest.fixture
def terminal(tmp_path: Path) -> Iterator[Terminal]:
    term = Terminal([installed_companion(), "--data-dir", str(tmp_path / "family")])
    yield term
    term.close()


def companion_json(folder: Path, *args: str) -> dict[str, Any]:
    """What the command line says, on the same data folder."""
    done = subprocess.run(
        [installed_companion(), "--data-dir", str(folder), *args, "--json"],
        capture_output=True,
        check=True,
    )
    answer: dict[str, Any] = json.loads(done.stdout)
    return answer


def card_title(shown: str) -> str:
    """The line under the card's border title: the game's own title."""
    lines = shown.splitlines()
    [border] = [n for n, line in enumerate(lines) if "Today's connection game for" in line]
    return lines[border + 1].strip(" │")


def wait_for_another(terminal: Terminal, title: str, timeout: float = 20.0) -> str:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        shown = terminal.screen()
        if "Why today:" in shown and card_title(shown) != title:
            return shown
        time.sleep(0.05)
    raise AssertionError(f"{title} was still shown after another one:\n{terminal.screen()}")


def wait_for_words(terminal: Terminal, words: str, timeout: float = 20.0) -> None:
    """Like wait_for, for words a narrow panel may wrap over two lines."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if words in flat(terminal.screen()):
            return
        time.sleep(0.05)
    raise AssertionError(f"{words!r} never appeared; the screen showed:\n{terminal.screen()}")


def test_first_run_then_todays_pick_with_its_reasons(terminal: Terminal, tmp_path: Path) -> None:
    terminal.wait_for("What should I call you?")
    terminal.type("Sam", "Enter", "Mia", "Enter", "2018-03-14", "Enter", "Tab", "Enter")
    assert "Mia:" in terminal.wait_for("Press t for the whole game")

    terminal.type("t")
    terminal.wait_for("How are you today?")
    terminal.type("3")  # running on empty
    first = terminal.wait_for("Why today:")
    assert "It is fine to skip today" in first
    assert "Today's connection game for Mia" in first
    terminal.type("a")  # another one
    second = wait_for_another(terminal, card_title(first))
    terminal.type("Escape")
    wait_for_words(terminal, f"Mia: {card_title(first)}")  # Home follows how I said I am
    terminal.type("C-q")

    # The same games the command line picks for someone running on empty, from the library.
    family = tmp_path / "family"
    titles = {c["title"] for c in companion_json(family, "activities", "list")["activities"]}
    [pick] = companion_json(family, "today", "--feeling", "empty")["picks"]
    [another] = companion_json(family, "today", "--feeling", "empty", "--another")["picks"]
    title, next_title = pick["activity"]["title"], another["activity"]["title"]
    assert {title, next_title} <= titles and title != next_title
    assert card_title(first) == title
    assert card_title(second) == next_title
