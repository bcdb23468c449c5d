"""Appointments: the list (past ones dim, the next one said in words), adding one key by key,
a day that cannot be read, delete and undo; and Home's line about the next appointment, with
the offer to prepare the brief the day before. What is stored is read back from the folder."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest
from textual.widgets import Input, OptionList

from companion.services import Services
from companion.tui.app import CompanionApp
from companion.tui.screens.appointments import AddAppointmentScreen, AppointmentsScreen
from companion.tui.screens.brief import BriefScreen
from companion.tui.screens.home import HomeScreen
from tests.conftest import Clock
from tests.tui.conftest import SIZES, Notes, flat, make_app, screen_text, settle


@pytest.fixture
def with_appointments(family_services: Services) -> Services:
    family_services.briefs.add_appointment("2026-11-02", "with Dr Okafor")
    family_services.briefs.add_appointment("2026-11-26")
    return family_services


def stored_days(data_dir: Path) -> list[date]:
    return sorted(a.day for a in Services(data_dir).briefs.appointments())


def panel_text(app: CompanionApp, selector: str) -> str:
    """One panel's words as seen on screen, its wrapped lines joined."""
    region = app.screen.query_one(selector).region
    lines = screen_text(app).splitlines()[region.y : region.bottom]
    return flat("\n".join(line[region.x : region.right] for line in lines))


async def open_appointments(app: CompanionApp, pilot: Any) -> AppointmentsScreen:
    """As a person does: b for the brief, then a."""
    await settle(pilot)
    await pilot.press("b")
    await settle(pilot)
    assert isinstance(app.screen, BriefScreen)
    await pilot.press("a")
    await settle(pilot)
    assert isinstance(app.screen, AppointmentsScreen)
    return app.screen


def list_lines(app: CompanionApp) -> list[str]:
    options = app.screen.query_one("#appointments-list", OptionList).options
    return [str(option.prompt) for option in options]


@pytest.mark.parametrize("size", SIZES)
async def test_an_appointment_added_key_by_key_is_stored_and_marked_next(
    family_services: Services, data_dir: Path, size: tuple[int, int]
) -> None:
    app = make_app(family_services)
    async with app.run_test(size=size) as pilot:
        await open_appointments(app, pilot)
        assert "No appointments noted yet. Press a to add the next one" in flat(screen_text(app))
        await pilot.press("a")
        await settle(pilot)
        assert isinstance(app.screen, AddAppointmentScreen)
        await pilot.press(*"2026-12-03")
        await pilot.press("tab")
        await pilot.press(*"Dr Okafor [bring] the school report")
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, AppointmentsScreen)
        assert stored_days(data_dir) == [date(2026, 12, 3)]
        [stored] = Services(data_dir).briefs.appointments()
        assert stored.note == "Dr Okafor [bring] the school report"
        shown = flat(screen_text(app))
        assert "Thu 3 Dec (in 10 days) · next" in shown
        assert "Dr Okafor [bring] the school report" in shown  # as written, brackets and all
        assert "Noted the appointment on Thu 3 Dec." in shown
        region = app.screen.query_one("#appointments-list").region
        assert region.right <= size[0] and region.bottom <= size[1]


async def test_words_for_a_day_work_too_and_a_day_not_read_is_said_in_place(
    family_services: Services, data_dir: Path
) -> None:
    app = make_app(family_services)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_appointments(app, pilot)
        await pilot.press("a")
        await settle(pilot)
        await pilot.press(*"next thursday", "enter")
        await settle(pilot)
        assert isinstance(app.screen, AddAppointmentScreen)  # nothing lost: the form stays
        shown = flat(screen_text(app))
        assert '"next thursday" is not a' in shown  # one sentence, with what to write
        assert "please write it like 2026-03-14." in shown
        assert app.screen.query_one("#appointment-day", Input).value == "next thursday"
        assert stored_days(data_dir) == []
        app.screen.query_one("#appointment-day", Input).value = ""
        await pilot.press(*"in 10 days", "enter")
        await settle(pilot)
        assert isinstance(app.screen, AppointmentsScreen)
        assert stored_days(data_dir) == [date(2026, 12, 3)]


async def test_the_same_day_twice_is_said_once_and_not_stored(
    with_appointments: Services, data_dir: Path
) -> None:
    app = make_app(with_appointments)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_appointments(app, pilot)
        await pilot.press("a")
        await settle(pilot)
        await pilot.press(*"2026-11-26", "enter")
        await settle(pilot)
        assert "There is already an appointment on Thu 26 Nov 2026" in flat(screen_text(app))
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, AppointmentsScreen)
        assert stored_days(data_dir) == [date(2026, 11, 2), date(2026, 11, 26)]


@pytest.mark.parametrize("size", SIZES)
async def test_the_list_says_next_and_last_and_delete_comes_back_with_u(
    with_appointments: Services, data_dir: Path, size: tuple[int, int]
) -> None:
    app = make_app(with_appointments)
    async with app.run_test(size=size) as pilot:
        screen = await open_appointments(app, pilot)
        lines = list_lines(app)
        assert lines[0].startswith("Thu 26 Nov (in 3 days) · next")
        assert lines[1].startswith("Mon 2 Nov (21 days ago) · last: the brief starts here")
        assert "with Dr Okafor" in lines[1]
        assert "u Undo" not in screen_text(app).splitlines()[-1]
        # The next one is highlighted first; d deletes it, u brings it back.
        assert screen.highlighted() is not None
        assert screen.highlighted().day == date(2026, 11, 26)  # type: ignore[union-attr]
        await pilot.press("d")
        await settle(pilot)
        assert stored_days(data_dir) == [date(2026, 11, 2)]
        shown = flat(screen_text(app))
        assert "The appointment on Thu 26 Nov is deleted. Press u to bring it back." in shown
        assert "u Undo" in screen_text(app).splitlines()[-1]
        await pilot.press("u")
        await settle(pilot)
        assert stored_days(data_dir) == [date(2026, 11, 2), date(2026, 11, 26)]
        assert "The appointment on Thu 26 Nov is back." in flat(screen_text(app))
        assert "u Undo" not in screen_text(app).splitlines()[-1]


async def test_a_second_delete_asks_first_since_only_the_last_comes_back(
    with_appointments: Services, data_dir: Path
) -> None:
    app = make_app(with_appointments)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_appointments(app, pilot)
        await pilot.press("d")
        await settle(pilot)
        await pilot.press("d")  # the one left: Mon 2 Nov
        await settle(pilot)
        assert "Delete Mon 2 Nov too? Thu 26 Nov could not come back then." in flat(
            screen_text(app)
        )
        await pilot.press("n")
        await settle(pilot)
        assert stored_days(data_dir) == [date(2026, 11, 2)]
        await pilot.press("u")
        await settle(pilot)
        assert stored_days(data_dir) == [date(2026, 11, 2), date(2026, 11, 26)]


# -- Home ------------------------------------------------------------------------------------


@pytest.mark.parametrize("size", SIZES)
async def test_home_shows_the_next_appointment(
    with_appointments: Services, size: tuple[int, int]
) -> None:
    app = make_app(with_appointments)
    notes = Notes()
    async with app.run_test(message_hook=notes, size=size) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        assert "Next appointment: Thu 26 Nov (in 3 days)" in panel_text(app, "#family")
        assert "Hello, Sam and Jordan." in panel_text(app, "#family")
        assert not notes.posted  # three days ahead: nothing to prepare yet
        for panel in ("#family", "#week", "#today-pick", "#next-routine", "#recent"):
            region = app.screen.query_one(panel).region
            assert region.right <= size[0] and region.bottom <= size[1] - 1, panel


@pytest.mark.parametrize("size", SIZES)
async def test_the_day_before_home_offers_to_prepare_the_brief_once(
    with_appointments: Services, clock: Clock, size: tuple[int, int]
) -> None:
    clock.now = datetime(2026, 11, 25, 7, 40)
    app = make_app(with_appointments)
    notes = Notes()
    async with app.run_test(message_hook=notes, size=size) as pilot:
        await settle(pilot)
        shown = panel_text(app, "#family")
        assert "Appointment tomorrow. Press b to prepare the brief." in shown
        assert notes.said == [
            "The appointment is tomorrow. When you have a quiet moment, press b to prepare "
            "the brief."
        ]
        # Back from the brief, the line stays and the note is not said again.
        await pilot.press("b")
        await settle(pilot)
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        assert "Appointment tomorrow." in panel_text(app, "#family")
        assert len(notes.posted) == 1  # not said again


async def test_with_no_appointment_home_says_how_to_add_one_and_the_line_is_a_door(
    family_services: Services, data_dir: Path
) -> None:
    app = make_app(family_services)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert "No appointment noted yet. Add one: b, then a." in panel_text(app, "#family")
        await pilot.click("#appointment")
        await settle(pilot)
        # The brief, with the appointments on top to add one.
        assert isinstance(app.screen, AppointmentsScreen)
        assert isinstance(app.screen_stack[-2], BriefScreen)
        await pilot.press("a")
        await settle(pilot)
        await pilot.press(*"2026-11-30", "enter")
        await settle(pilot)
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, BriefScreen)
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        assert "Next appointment: Mon 30 Nov (in 7 days)" in panel_text(app, "#family")
        await pilot.click("#appointment")
        await settle(pilot)
        assert isinstance(app.screen, BriefScreen)  # with one noted: the brief itself


async def test_a_move_of_the_clock_to_the_day_turns_the_line_into_today(
    with_appointments: Services, clock: Clock
) -> None:
    clock.now = datetime(2026, 11, 26, 8, 0)
    app = make_app(with_appointments)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert "Appointment today. Press b to prepare the brief." in panel_text(app, "#family")
