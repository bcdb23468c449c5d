"""The Routines screens: the list, the editor (typing, steps reordered, problems in place),
pause and resume, delete and undo, check-off by whom with a note, the week grid, a different
day, and routine names with square brackets shown as written. Every change is read back
through a fresh Services on the same folder."""

from __future__ import annotations

import time as time_module
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

import msgspec
import pytest
from textual.command import CommandPalette
from textual.widgets import DataTable, Input, OptionList, Select
from textual.worker import Worker, WorkerState

from companion.services import Services
from companion.tui.app import CompanionApp
from companion.tui.screens.check_off import CheckOffScreen
from companion.tui.screens.day_change import DayChangeScreen
from companion.tui.screens.home import HomeScreen
from companion.tui.screens.now_next import NowNextScreen
from companion.tui.screens.routine_editor import RoutineEditorScreen, StepRow
from companion.tui.screens.routines import RoutinesScreen
from companion.tui.screens.week import WeekScreen
from companion.tui.widgets.marked_checkbox import MarkedCheckbox
from tests.tui.conftest import SIZES, flat, make_app, screen_text, settle

TODAY = date(2026, 11, 23)  # the fixed clock's Monday


@pytest.fixture
def bedtime(family_services: Services) -> Services:
    family_services.routines.add(
        "Bedtime", at="19:30", steps=["Bath:15", "Brush teeth:3", "Story:10"], children=["Mia"]
    )
    return family_services


async def open_routines(app: CompanionApp, pilot: Any) -> RoutinesScreen:
    await settle(pilot)
    app.push_screen(RoutinesScreen())
    await settle(pilot)
    assert isinstance(app.screen, RoutinesScreen)
    return app.screen


async def type_into(pilot: Any, selector: str, text: str) -> None:
    """Empty a box, then type into it as a person would (a key a character)."""
    box = pilot.app.screen.query_one(selector, Input)
    box.value = ""
    box.focus()
    await pilot.press(*text)


async def fill(pilot: Any, selector: str, text: str) -> None:
    """Put longer words in a box at once (typing them key by key only takes time)."""
    box = pilot.app.screen.query_one(selector, Input)
    box.focus()
    box.value = text
    await pilot.pause()


def list_text(app: CompanionApp) -> str:
    options = app.screen.query_one("#routines-list", OptionList).options
    return "\n".join(str(option.prompt) for option in options)


def fresh(data_dir: Path) -> Services:
    return Services(data_dir)


@pytest.mark.parametrize("size", SIZES)
async def test_a_routine_added_in_the_editor_with_steps_reordered(
    family_services: Services, data_dir: Path, size: tuple[int, int]
) -> None:
    app = make_app(family_services)
    async with app.run_test(size=size) as pilot:
        await open_routines(app, pilot)
        assert "No routines yet. Press a to add one" in flat(screen_text(app))
        await pilot.press("a")
        await settle(pilot)
        editor = app.screen
        assert isinstance(editor, RoutineEditorScreen)
        assert app.focused is editor.query_one("#routine-name")
        await pilot.press(*"Bedtime")
        await type_into(pilot, "#routine-at", "19:00")
        await type_into(pilot, ".step-text", "Bath")
        await pilot.press("tab", "backspace", "1", "5")  # into its minutes: 5 becomes 15
        await pilot.press("ctrl+n", *"Story", "tab", "backspace", "1", "0")
        await pilot.press("ctrl+n", *"Teeth", "tab", "backspace", "3")
        assert [row.values()[0] for row in editor.step_rows()] == ["Bath", "Story", "Teeth"]
        await pilot.press("ctrl+up")  # the step being typed moves up, before the story
        assert [row.values()[0] for row in editor.step_rows()] == ["Bath", "Teeth", "Story"]
        numbers = [str(row.query_one(".step-number").render()) for row in editor.step_rows()]
        assert numbers == ["1.", "2.", "3."]
        editor.query_one("#day-sat", MarkedCheckbox).value = False
        editor.query_one(".child", MarkedCheckbox).value = True  # Mia
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, RoutinesScreen)
        shown = list_text(app)
        assert "Bedtime  19:00 mon, tue, wed, thu, fri, sun · 28 min" in shown
        assert "Bath (15 min) → Teeth (3 min) → Story (10 min)" in shown
        assert "For Mia; reminds everyone 10 min before." in shown
        assert "Bedtime" in screen_text(app)
    [saved] = fresh(data_dir).routines.all()
    assert saved.name == "Bedtime" and saved.start == time(19, 0)
    assert [(s.text, s.minutes) for s in saved.steps] == [
        ("Bath", 15),
        ("Teeth", 3),
        ("Story", 10),
    ]
    assert saved.days == frozenset({0, 1, 2, 3, 4, 6})
    assert saved.children == (family_services.family().child_named("Mia").id,)


async def test_the_editor_says_what_to_put_right_under_each_field(
    bedtime: Services, data_dir: Path
) -> None:
    app = make_app(bedtime)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_routines(app, pilot)
        await pilot.press("a")
        await settle(pilot)
        editor = app.screen
        assert isinstance(editor, RoutineEditorScreen)
        await type_into(pilot, "#routine-at", "25:00")
        await type_into(pilot, ".step-text", "Bath")
        await type_into(pilot, ".step-minutes", "0")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, RoutineEditorScreen)
        problems = {
            line.id: str(line.render()) for line in editor.query(".field-problem") if line.display
        }
        assert problems == {
            "problem-name": '↑ Please give the routine a name, like "Bedtime".',
            "problem-timing": '↑ "25:00" is not a start time I can read; write it like 19:30 '
            "(24-hour clock).",
            "problem-steps": "↑ Step 1 takes 1 to 120 minutes; please change it.",
        }
        assert app.focused is editor.query_one("#routine-name")
        # Put right; the name is taken already: the service says so under the form.
        await pilot.press(*"bedtime")
        await type_into(pilot, "#routine-at", "7:30")
        await type_into(pilot, ".step-minutes", "5")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, RoutineEditorScreen)
        assert not any(line.display for line in editor.query(".field-problem"))
        assert "There is already a routine called Bedtime; pick another name." in flat(
            screen_text(app)
        )
        await fill(pilot, "#routine-name", "Morning")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, RoutinesScreen)
    names = {r.name for r in fresh(data_dir).routines.all()}
    assert names == {"Bedtime", "Morning"}


async def test_leaving_the_editor_with_changes_asks_first(bedtime: Services) -> None:
    app = make_app(bedtime)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_routines(app, pilot)
        await pilot.press("e")
        await settle(pilot)
        await pilot.press("escape")  # nothing changed: straight back
        await settle(pilot)
        assert isinstance(app.screen, RoutinesScreen)
        await pilot.press("enter")  # enter opens the editor too
        await settle(pilot)
        await pilot.press("ctrl+r")  # no step has the focus: nothing is taken away
        await type_into(pilot, ".step-text", "Shower")
        await pilot.press("ctrl+r")  # the step being typed is taken away
        await settle(pilot)
        editor = app.screen
        assert isinstance(editor, RoutineEditorScreen)
        assert [row.values()[0] for row in editor.query(StepRow)] == ["Brush teeth", "Story"]
        await pilot.click(".step-down")  # the mouse moves steps too: the first goes down
        assert [row.values()[0] for row in editor.query(StepRow)] == ["Story", "Brush teeth"]
        await pilot.press("escape")
        await settle(pilot)
        assert "Leave without saving?" in screen_text(app)
        await pilot.press("y")
        await settle(pilot)
        assert isinstance(app.screen, RoutinesScreen)
    [kept] = Services(bedtime.root).routines.all()
    assert len(kept.steps) == 3


async def test_editing_the_time_keeps_the_rest(bedtime: Services, data_dir: Path) -> None:
    app = make_app(bedtime)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_routines(app, pilot)
        await pilot.press("e")
        await settle(pilot)
        editor = app.screen
        assert isinstance(editor, RoutineEditorScreen)
        assert editor.query_one("#routine-at", Input).value == "19:30"
        await type_into(pilot, "#routine-at", "20:00")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, RoutinesScreen)
        assert "Bedtime  20:00 every day" in list_text(app)
    [saved] = fresh(data_dir).routines.all()
    assert saved.start == time(20, 0)
    assert [s.text for s in saved.steps] == ["Bath", "Brush teeth", "Story"]
    assert saved.children == (bedtime.family().child_named("Mia").id,)


@pytest.mark.parametrize("size", SIZES)
async def test_pause_and_resume_in_words(
    bedtime: Services, data_dir: Path, size: tuple[int, int]
) -> None:
    app = make_app(bedtime)
    async with app.run_test(size=size) as pilot:
        await open_routines(app, pilot)
        assert "paused" not in list_text(app)
        await pilot.press("p")
        await settle(pilot)
        assert "Bedtime  19:30 every day · 28 min · paused (no reminders)" in list_text(app)
        assert fresh(data_dir).routines.named("Bedtime").paused
        await pilot.press("p")
        await settle(pilot)
        assert "paused" not in list_text(app)
        assert "Bedtime: nothing to count yet this week." in list_text(app)
    assert not fresh(data_dir).routines.named("Bedtime").paused


async def test_delete_then_undo(bedtime: Services, data_dir: Path) -> None:
    bedtime.routines.add("Morning", at="7:30", steps=["Dress:10"])
    bedtime.routines.check_off("Morning", day=date(2026, 11, 22), by="Sam")
    app = make_app(bedtime)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_routines(app, pilot)
        assert "u" not in screen.active_bindings  # nothing to undo: not in the footer
        await pilot.press("d")
        await settle(pilot)
        assert "Morning" not in list_text(app) and "Bedtime  19:30" in list_text(app)
        assert [r.name for r in fresh(data_dir).routines.all()] == ["Bedtime"]
        assert "u" in screen.active_bindings
        assert "u Undo" in screen_text(app)  # shown in the footer now
        # Only the last one deleted can come back: another delete asks first.
        await pilot.press("d")
        await settle(pilot)
        assert "Delete Bedtime too?" in screen_text(app)
        assert "Morning could not come back then." in screen_text(app)
        await pilot.press("n")
        await settle(pilot)
        assert app.screen is screen and "Bedtime  19:30" in list_text(app)
        await pilot.press("u")
        await settle(pilot)
        assert "Morning  07:30" in list_text(app)
        assert "u" not in screen.active_bindings
    again = fresh(data_dir)
    assert sorted(r.name for r in again.routines.all()) == ["Bedtime", "Morning"]
    assert len(again.routines.checked_off(date(2026, 11, 22), date(2026, 11, 22))) == 1


@pytest.mark.parametrize("size", SIZES)
async def test_check_off_partly_by_jordan_with_a_note(
    bedtime: Services, data_dir: Path, size: tuple[int, int]
) -> None:
    app = make_app(bedtime)
    async with app.run_test(size=size) as pilot:
        await open_routines(app, pilot)
        await pilot.press("c")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, CheckOffScreen)
        await pilot.press("right", "space")  # from Done to Partly done
        form.query_one("#check-off-by", Select).value = "Jordan"
        await fill(pilot, "#check-off-note", "Tired, but [/] we read")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, RoutinesScreen)
        shown = flat(screen_text(app))
        assert 'Mon 23 Nov: partly done, by Jordan · "Tired, but [/] we read"' in shown
        assert "Bedtime happened 1 of 1 evening this week." in shown
        # Yesterday, by whoever checked off last (offered again), done.
        await pilot.press("c")
        await settle(pilot)
        again = app.screen
        assert isinstance(again, CheckOffScreen)
        assert again.query_one("#check-off-by", Select).value == "Jordan"
        again.query_one("#check-off-day", Select).value = "2026-11-22"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, RoutinesScreen)
    checkoffs = fresh(data_dir).routines.checked_off(date(2026, 11, 22), TODAY)
    jordan = bedtime.family().caregiver_named("Jordan").id
    found = sorted((c.day, c.status, c.by, c.note) for c in checkoffs)
    assert found == [
        (date(2026, 11, 22), "done", jordan, ""),
        (TODAY, "partly", jordan, "Tired, but [/] we read"),
    ]


async def test_the_check_off_closes_only_once_its_save_has_finished(
    bedtime: Services, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Closing a screen cancels its running workers: a save that closed its own form from
    # inside the thread ended as cancelled (harmless to the file, but a race CI caught).
    saves: list[Worker[Any]] = []
    start_save = CheckOffScreen.start_save

    def watched(form: CheckOffScreen) -> Worker[Any] | None:
        saves.append(start_save(form))
        return saves[-1]

    monkeypatch.setattr(CheckOffScreen, "start_save", watched)
    app = make_app(bedtime)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_routines(app, pilot)
        for _ in range(3):  # a race: a few times over
            await pilot.press("c")
            await settle(pilot)
            assert isinstance(app.screen, CheckOffScreen)
            await pilot.press("ctrl+s")
            await settle(pilot)
            assert isinstance(app.screen, RoutinesScreen)
    assert [save.state for save in saves] == [WorkerState.SUCCESS] * 3
    checkoffs = fresh(data_dir).routines.checked_off(TODAY, TODAY)
    assert [(c.day, c.status) for c in checkoffs] == [(TODAY, "done")] * 3


@pytest.fixture
def slow_check_off(bedtime: Services, monkeypatch: pytest.MonkeyPatch) -> Services:
    """A slow laptop: the next key comes while the check-off is being saved."""
    check_off = bedtime.routines.check_off

    def slowly(*args: Any, **kwargs: Any) -> Any:
        time_module.sleep(0.3)
        return check_off(*args, **kwargs)

    monkeypatch.setattr(bedtime.routines, "check_off", slowly)
    return bedtime


async def test_save_pressed_twice_or_escape_while_saving_checks_off_once(
    slow_check_off: Services, data_dir: Path
) -> None:
    app = make_app(slow_check_off)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_routines(app, pilot)
        await pilot.press("c")
        await settle(pilot)
        await pilot.press("ctrl+s", "ctrl+s", "escape")
        assert isinstance(app.screen, CheckOffScreen)  # still there until it is saved
        await settle(pilot)
        assert isinstance(app.screen, RoutinesScreen)
        assert "Bedtime happened 1 of 1 evening this week." in flat(screen_text(app))
    checkoffs = fresh(data_dir).routines.checked_off(TODAY, TODAY)
    assert [(c.day, c.status) for c in checkoffs] == [(TODAY, "done")]


async def test_a_save_that_ends_under_the_palette_closes_its_form_once_the_palette_is_gone(
    slow_check_off: Services, data_dir: Path
) -> None:
    app = make_app(slow_check_off)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_routines(app, pilot)
        await pilot.press("c")
        await settle(pilot)
        form = app.screen
        await pilot.press("ctrl+s", "ctrl+p")
        await settle(pilot)
        assert isinstance(app.screen, CommandPalette)  # not closed in the form's place
        assert form in app.screen_stack
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, RoutinesScreen)
        assert "Bedtime happened 1 of 1 evening this week." in flat(screen_text(app))


async def test_check_off_can_be_left_without_writing(bedtime: Services, data_dir: Path) -> None:
    app = make_app(bedtime)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_routines(app, pilot)
        await pilot.press("c")
        await settle(pilot)
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, RoutinesScreen)
    assert fresh(data_dir).routines.checked_off(TODAY, TODAY) == []


@pytest.mark.parametrize("size", SIZES)
async def test_the_week_grid_shows_marks_blanks_and_sentences(
    bedtime: Services, size: tuple[int, int]
) -> None:
    routines = bedtime.routines
    routines.add("Morning", at="7:30", steps=["Dress:10"], days="weekdays")
    # Bedtime has been the family's for weeks: last week's unchecked days are blanks.
    routines.save(msgspec.structs.replace(routines.named("Bedtime"), added=datetime(2026, 11, 1)))
    for day, status, by, note in (
        (16, "done", "Sam", ""),
        (17, "partly", "Jordan", "Only [/] the story"),
        (18, "skipped", "Sam", ""),
        (20, "done", None, ""),
    ):
        routines.check_off("Bedtime", day=date(2026, 11, day), status=status, by=by, note=note)
    routines.check_off("Morning", day=TODAY, by="Sam")
    app = make_app(bedtime)
    async with app.run_test(size=size) as pilot:
        await open_routines(app, pilot)
        await pilot.press("w")
        await settle(pilot)
        week = app.screen
        assert isinstance(week, WeekScreen)
        shown = flat(screen_text(app))
        assert "Week of Mon 23 Nov 2026 (this week)." in shown
        assert "Morning happened 1 of 1 morning this week." in shown
        assert "Bedtime: nothing to count yet this week." in shown
        assert "w" not in week.active_bindings  # already this week
        table = week.query_one("#week-grid", DataTable)
        morning = routines.named("Morning").id
        assert [str(c) for c in table.get_row(morning)][1] == "✓" + (
            " done" if size[0] >= 110 else ""
        )

        await pilot.press("p")
        await settle(pilot)
        shown = flat(screen_text(app))
        assert "Week of Mon 16 Nov 2026 (last week)." in shown
        assert "Bedtime happened 3 of 7 evenings that week." in shown
        assert "✓ done ◐ partly - not today · not planned blank: nothing checked off" in shown
        cells = [str(c).split(" ")[0] for c in table.get_row(routines.named("Bedtime").id)[1:]]
        assert cells == ["✓", "◐", "-", "", "✓", "", ""]  # blank where nobody checked off
        assert all(
            "red" not in str(cell.style) for cell in table.get_row(routines.named("Bedtime").id)[1:]
        )
        # Who did what, for the day under the cursor.
        table.move_cursor(row=1, column=2)
        await pilot.pause()
        assert 'Bedtime, Tue 17 Nov: partly done, by Jordan · "Only [/] the story".' in flat(
            screen_text(app)
        )
        assert "w" in week.active_bindings
        await pilot.press("n", "n")
        await settle(pilot)
        assert "Week of Mon 30 Nov 2026 (next week)." in flat(screen_text(app))
        await pilot.press("w")
        await settle(pilot)
        assert "(this week)" in screen_text(app)
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, RoutinesScreen)


async def test_a_different_day_with_a_line_for_the_child(bedtime: Services, data_dir: Path) -> None:
    app = make_app(bedtime)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_routines(app, pilot)
        await pilot.press("g")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, DayChangeScreen)
        assert form.query_one("#change-day", Select).value == "2026-11-24"  # tomorrow
        assert not form.query_one("#change-time-cell").display
        await pilot.click("#kind-move")
        assert form.query_one("#change-time-cell").display
        await type_into(pilot, "#change-time", "20:30")
        await fill(pilot, "#change-say", "A late one, we go to the [party]!")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, RoutinesScreen)
        shown = flat(screen_text(app))
        assert "Tue 24 Nov: Bedtime is at 20:30 instead." in shown
        assert 'To say: "A late one, we go to the [party]!"' in shown
        [change] = fresh(data_dir).routines.changes()
        assert (change.day, change.kind, change.new_start) == (
            date(2026, 11, 24),
            "move",
            time(20, 30),
        )
        assert change.say_to_child == "A late one, we go to the [party]!"

        # As planned again: the day's change is taken away.
        await pilot.press("g")
        await settle(pilot)
        assert "now: Bedtime is at 20:30 instead" in screen_text(app)
        await pilot.click("#change-as-planned")
        await settle(pilot)
        assert isinstance(app.screen, RoutinesScreen)
        assert "20:30" not in screen_text(app)
    assert fresh(data_dir).routines.changes() == []


async def test_someone_else_needs_a_name_said_in_place(bedtime: Services, data_dir: Path) -> None:
    app = make_app(bedtime)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_routines(app, pilot)
        await pilot.press("g")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, DayChangeScreen)
        await pilot.click("#kind-someone_else")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, DayChangeScreen)
        assert "Who does Bedtime that day? Give a name, like Grandma." in flat(screen_text(app))
        await fill(pilot, "#change-who", "Grandma")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, RoutinesScreen)
        assert "Tue 24 Nov: Grandma does bedtime." in flat(screen_text(app))
    [change] = fresh(data_dir).routines.changes()
    assert (change.kind, change.who) == ("someone_else", "Grandma")


async def test_now_and_next_opens_for_the_highlighted_routine(bedtime: Services) -> None:
    bedtime.routines.add("Morning", at="7:30", steps=["Dress:10"])
    app = make_app(bedtime)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_routines(app, pilot)
        await pilot.press("down", "n")  # Morning comes first; Bedtime is the second
        await settle(pilot)
        assert isinstance(app.screen, NowNextScreen)
        assert app.screen.routine.name == "Bedtime"
        assert "Bath" in screen_text(app)
        await pilot.press("ctrl+x")
        await settle(pilot)
        assert isinstance(app.screen, RoutinesScreen)
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)


NAME = "Hat [/] time [b]"


async def test_a_routine_name_with_brackets_is_shown_as_written_everywhere(
    family_services: Services,
) -> None:
    family_services.routines.add(
        NAME, at="18:00", steps=["Put on [red]the hat[/red]:2", "Take it [/] off:1"]
    )
    family_services.routines.check_off(NAME, day=TODAY, note="[/] fine")
    app = make_app(family_services)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_routines(app, pilot)
        assert f"{NAME}  18:00" in screen_text(app)
        assert "Put on [red]the hat[/red] (2 min)" in flat(screen_text(app))
        for key, screen_type in (
            ("e", RoutineEditorScreen),
            ("c", CheckOffScreen),
            ("g", DayChangeScreen),
            ("w", WeekScreen),
        ):
            await pilot.press(key)
            await settle(pilot)
            assert isinstance(app.screen, screen_type)
            assert NAME in screen_text(app)
            await pilot.press("escape")
            await settle(pilot)
            assert isinstance(app.screen, RoutinesScreen)
        await pilot.press("n")
        await settle(pilot)
        assert isinstance(app.screen, NowNextScreen)
        assert "Put on [red]the hat[/red]" in screen_text(app)
        assert "Next: Take it [/] off" in screen_text(app)
