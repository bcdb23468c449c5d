"""Home's routine corner: the next routine and its first step, a changed day the day before,
and reminders that came while nothing ran, asked about once."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from textual.widgets import Button

from companion.services import Services
from companion.tui.app import CompanionApp
from companion.tui.screens.home import HomeScreen
from companion.tui.screens.missed import MissedScreen
from tests.conftest import Clock
from tests.tui.conftest import SIZES, flat, make_app, screen_text, settle


def panel_text(app: CompanionApp, selector: str) -> str:
    """One panel's words as seen on screen, its wrapped lines joined."""
    region = app.screen.query_one(selector).region
    lines = screen_text(app).splitlines()[region.y : region.bottom]
    return flat("\n".join(line[region.x : region.right] for line in lines))


@pytest.fixture
def bedtime(family_services: Services, clock: Clock) -> Services:
    clock.now = datetime(2026, 11, 21, 9, 0)  # added on Saturday morning
    family_services.routines.add(
        "Bedtime", at="19:30", steps=["Bath:15", "Brush teeth:3", "Story:10"], children=["Mia"]
    )
    family_services.routines.missed()  # the app watched from then on
    clock.now = datetime(2026, 11, 23, 9, 0)
    return family_services


@pytest.mark.parametrize("size", SIZES)
async def test_home_shows_the_next_routine_and_tomorrows_change(
    bedtime: Services, clock: Clock, size: tuple[int, int]
) -> None:
    for day in (21, 22):
        bedtime.routines.check_off("Bedtime", day=date(2026, 11, day))
    bedtime.routines.change_day(
        "Bedtime", date(2026, 11, 24), "move", new_start="20:30", say_to_child="A late one!"
    )
    app = make_app(bedtime)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)  # nothing was missed: no question
        shown = panel_text(app, "#next-routine")
        assert "Bedtime at 19:30 today" in shown
        assert "First: Bath (15 min)" in shown
        assert "Then: Brush teeth" in shown
        assert "Tomorrow: Bedtime is at 20:30 instead." in shown
        assert 'To say: "A late one!"' in shown


async def test_reminders_that_came_while_closed_are_asked_about_once(
    bedtime: Services, clock: Clock
) -> None:
    app = make_app(bedtime)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, MissedScreen)
        shown = flat(screen_text(app))
        assert "Bedtime reminder at 19:20 on Sat 21 Nov wasn't seen." in shown
        assert "Bedtime reminder at 19:20 on Sun 22 Nov wasn't seen." in shown
        assert "missed" not in shown.replace("wasn't seen", "")
        await pilot.click("#done-0")
        await settle(pilot)
        await pilot.click("#skip-1")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        assert not app.screen.query(Button).filter("#done-0")
    later = Services(bedtime.root, clock=clock)
    assert later.routines.missed() == []
    [checkoff] = later.routines.checked_off(date(2026, 11, 21), date(2026, 11, 22))
    assert (checkoff.day, checkoff.status) == (date(2026, 11, 21), "done")


async def test_home_opens_the_routines_and_the_childs_now_and_next(
    bedtime: Services, clock: Clock
) -> None:
    from companion.tui.screens.now_next import NowNextScreen
    from companion.tui.screens.routines import RoutinesScreen

    for day in (21, 22):
        bedtime.routines.check_off("Bedtime", day=date(2026, 11, day))
    app = make_app(bedtime)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert "n Now/next" in screen_text(app).splitlines()[-1]
        await pilot.press("n")
        await settle(pilot)
        assert isinstance(app.screen, NowNextScreen)
        assert "Bath" in screen_text(app)
        await pilot.press("ctrl+x")
        await settle(pilot)
        await pilot.press("o")
        await settle(pilot)
        assert isinstance(app.screen, RoutinesScreen)
        assert "Bedtime" in screen_text(app)
