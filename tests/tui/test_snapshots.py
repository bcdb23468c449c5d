"""What each main screen looks like at 80x24, in the light and the dark look: an SVG kept
beside the tests (tests/tui/__snapshots__/), compared on every run. A change meant to show
is accepted with `pytest tests/tui/test_snapshots.py --snapshot-update`, and the SVGs are
looked at before they are committed.

The family is the demo family, on a fixed day and time, so every run draws the same."""

from __future__ import annotations

import shutil
from collections.abc import Awaitable, Callable, Iterator
from datetime import datetime
from pathlib import Path
from typing import Protocol

import pytest
import time_machine
from textual.pilot import Pilot
from textual.widgets import Input, TextArea

from companion.services import Services
from companion.services.demo import seed_if_empty
from companion.tui.app import DARK_THEME, LIGHT_THEME, CompanionApp
from tests.conftest import Clock
from tests.tui.conftest import settle

MONDAY_EVENING = datetime(2026, 11, 23, 18, 50)  # a while before bedtime, on a school day


class SnapCompare(Protocol):
    def __call__(
        self,
        app: CompanionApp,
        *,
        press: tuple[str, ...] = (),
        terminal_size: tuple[int, int] = (80, 24),
        run_before: Callable[[Pilot[None]], Awaitable[None]] | None = None,
    ) -> bool: ...


@pytest.fixture(scope="module")
def demo_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("snapshots") / "demo"
    seed_if_empty(Services(folder, clock=Clock(MONDAY_EVENING)))
    return folder


@pytest.fixture
def demo_services(demo_folder: Path, tmp_path: Path) -> Iterator[Services]:
    # A copy for each picture: opening a screen may write (a backup, a tidied file).
    folder = tmp_path / "demo"
    shutil.copytree(demo_folder, folder)
    with time_machine.travel(MONDAY_EVENING.astimezone(), tick=False):
        yield Services(folder, clock=Clock(MONDAY_EVENING))


async def _still(pilot: Pilot[None]) -> None:
    """Loaded, and nothing blinking or coming and going: the same picture every time (a
    note in the corner shows for a few seconds, so whether it is in the picture is chance)."""
    await settle(pilot)
    for widget in pilot.app.screen.query("Input, TextArea").results():
        if isinstance(widget, Input | TextArea):
            widget.cursor_blink = False
    pilot.app.clear_notifications()
    await pilot.pause()


def _opened(*keys: str) -> Callable[[Pilot[None]], Awaitable[None]]:
    async def run_before(pilot: Pilot[None]) -> None:
        await settle(pilot)
        for key in keys:
            await pilot.press(key)
            await settle(pilot)
        await _still(pilot)

    return run_before


SCREENS = {
    "home": (),
    "today": ("t",),
    "library": ("l",),
    "routines": ("o",),
    "now-and-next": ("n",),
    "reflections": ("v",),
    "brief": ("b",),
    "help": ("question_mark",),
}


@pytest.mark.parametrize("theme", [LIGHT_THEME, DARK_THEME], ids=["light", "dark"])
@pytest.mark.parametrize("screen", list(SCREENS))
def test_the_main_screens_look_as_they_should(
    snap_compare: SnapCompare, demo_services: Services, screen: str, theme: str
) -> None:
    app = CompanionApp(demo_services, theme=theme)
    # The reminders that came while nothing ran are asked about once per run; asked already,
    # so a question does not cover the screen at a moment that depends on the machine's speed.
    app.state.missed_shown = True
    assert snap_compare(app, terminal_size=(80, 24), run_before=_opened(*SCREENS[screen]))
