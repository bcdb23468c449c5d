"""Now and next, the child's room: one step large and the next small, a slow calm countdown,
space (or a click) for done, a quiet "All done" that checks the routine off, and leaving only
with ctrl+x. Nothing else on screen, and the app's single keys do nothing here."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
from textual.widgets import Footer, Header

from companion.domain.routine import Routine
from companion.services import Services
from companion.tui.app import CompanionApp
from companion.tui.screens.home import HomeScreen
from companion.tui.screens.now_next import TAKE_YOUR_TIME, NowNextScreen, calm_countdown
from tests.tui.conftest import flat, make_app, screen_text, settle

TODAY = date(2026, 11, 23)


@pytest.fixture
def bedtime(family_services: Services) -> Services:
    family_services.routines.add(
        "Bedtime", at="19:30", steps=["Bath:15", "Brush teeth:3", "Story:10"]
    )
    return family_services


async def open_now_next(app: CompanionApp, pilot: Any, **timing: Any) -> NowNextScreen:
    await settle(pilot)
    routine = app.services.routines.named("Bedtime")
    # No waiting between presses, and a tick that never comes by itself unless asked for.
    timing = {"steady_seconds": 0.0, "tick_seconds": 600.0, **timing}
    app.push_screen(NowNextScreen(routine, **timing))
    await settle(pilot)
    assert isinstance(app.screen, NowNextScreen)
    return app.screen


def step_shown(screen: NowNextScreen) -> str:
    return str(screen.query_one("#now-step").render())


def countdown_shown(screen: NowNextScreen) -> str:
    return str(screen.query_one("#now-countdown").render())


async def test_step_through_with_space_then_all_done_checks_it_off(
    bedtime: Services, data_dir: Path
) -> None:
    app = make_app(bedtime)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_now_next(app, pilot)
        assert not screen.query(Header) and not screen.query(Footer)  # nothing else on screen
        shown = screen_text(app)
        assert "Bedtime · step 1 of 3" in shown
        assert step_shown(screen) == "Bath"
        assert "Next: Brush teeth" in shown
        assert "About 15 minutes" in shown
        assert "Grown-ups: ctrl+x to leave." in shown
        await pilot.press("space")
        assert step_shown(screen) == "Brush teeth"
        assert "Next: Story" in screen_text(app)
        assert "About 3 minutes" in screen_text(app)
        await pilot.click("#now-done")  # the big button works too
        assert step_shown(screen) == "Story"
        assert "Next: all done" in screen_text(app)
        assert bedtime.routines.checked_off(TODAY, TODAY) == []  # not until the end
        await pilot.press("space")
        await settle(pilot)
        shown = flat(screen_text(app))
        assert "All done" in shown and "Well done, everyone." in shown
        assert "Bedtime is checked off for today. Grown-ups: ctrl+x to leave." in shown
        await pilot.press("space")  # nothing more to do
        [checkoff] = Services(data_dir).routines.checked_off(TODAY, TODAY)
        assert (checkoff.status, checkoff.by) == ("done", None)
        await pilot.press("ctrl+x")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
    assert len(Services(data_dir).routines.checked_off(TODAY, TODAY)) == 1


async def test_a_child_pressing_keys_stays_in_the_room(bedtime: Services, data_dir: Path) -> None:
    app = make_app(bedtime)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        screen = await open_now_next(app, pilot)
        # escape, the app's single keys (reflect, library, today, help, theme) and letters.
        await pilot.press("escape", "escape", "r", "l", "t", "question_mark", "q", "enter", "x")
        await settle(pilot)
        assert app.screen is screen
        assert step_shown(screen) == "Bath"
        app.notify("Bedtime in 10 minutes")  # a reminder waits for the grown-up screens
        await pilot.pause()
        assert "Bedtime in 10 minutes" not in screen_text(app)
        await pilot.press("ctrl+x")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
    assert Services(data_dir).routines.checked_off(TODAY, TODAY) == []  # left, not checked off


async def test_an_eager_second_press_does_not_skip_a_step(bedtime: Services) -> None:
    app = make_app(bedtime)
    now = [100.0]  # the screen's clock, moved by the test: no waiting on the real one
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_now_next(app, pilot, steady_seconds=1.0, clock=lambda: now[0])
        now[0] += 1.0
        await pilot.press("space", "space", "space")
        assert step_shown(screen) == "Brush teeth"  # the step just shown is not skipped
        now[0] += 0.9
        await pilot.press("space")
        assert step_shown(screen) == "Brush teeth"  # not yet a second
        now[0] += 0.1
        await pilot.press("space")
        assert step_shown(screen) == "Story"


async def test_the_countdown_changes_slowly_once_a_minute(bedtime: Services) -> None:
    app = make_app(bedtime)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_now_next(app, pilot, tick_seconds=10.0)
        await pilot.press("space")  # Brush teeth: 3 minutes
        first = countdown_shown(screen)
        assert first == "● ● ●\nAbout 3 minutes"
        for _ in range(5):  # 50 seconds: the words stay as they are
            screen.tick()
        assert countdown_shown(screen) == first
        screen.tick()  # a minute
        assert countdown_shown(screen) == "● ● ○\nAbout 2 minutes"
        for _ in range(12):  # the time is up: nothing hurries, nothing turns red
            screen.tick()
        assert countdown_shown(screen) == f"○ ○ ○\n{TAKE_YOUR_TIME}"
        assert step_shown(screen) == "Brush teeth"  # it never moves on by itself
        await pilot.press("space")
        assert countdown_shown(screen) == "● ● ● ● ● ● ● ● ● ●\nAbout 10 minutes"


async def test_the_timer_ticks_by_itself(bedtime: Services) -> None:
    app = make_app(bedtime)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_now_next(app, pilot, tick_seconds=0.02, seconds_per_minute=0.05)
        await pilot.press("space")  # 3 "minutes" of 0.05 s
        for _ in range(100):
            if TAKE_YOUR_TIME in countdown_shown(screen):
                break
            await pilot.pause(0.02)
        assert TAKE_YOUR_TIME in countdown_shown(screen)


def test_the_countdown_words() -> None:
    assert calm_countdown(0, 60, 60, 1) == "●\nAbout 1 minute"
    assert calm_countdown(59, 60, 60, 1) == "●\nAbout 1 minute"
    assert calm_countdown(60, 60, 60, 1) == f"○\n{TAKE_YOUR_TIME}"
    # A long step has at most twelve dots, going out slowly.
    long = calm_countdown(0, 30 * 60, 60, 30)
    assert long.splitlines() == ["● " * 11 + "●", "About 30 minutes"]


async def test_brackets_in_steps_are_words(family_services: Services) -> None:
    routine: Routine = family_services.routines.add(
        "Hat [/] time", at="18:00", steps=["[b]Hat[/b] on [/]:1", "Off [red]:1"]
    )
    app = make_app(family_services)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.push_screen(NowNextScreen(routine, steady_seconds=0.0, tick_seconds=600.0))
        await settle(pilot)
        shown = screen_text(app)
        assert "Hat [/] time · step 1 of 2" in shown
        assert "[b]Hat[/b] on [/]" in shown and "Next: Off [red]" in shown
        await pilot.press("space", "space")
        await settle(pilot)
        assert "Hat [/] time is checked off for today." in flat(screen_text(app))
