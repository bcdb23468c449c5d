"""Routines: the family's routines with their time, days, steps and who is reminded, and the
keys to add, change, pause, delete (with undo), check off, see the week, show the child what
comes next, and make a day different.

Everything read or written goes through `services.routines` in a thread; the screen only shows
what the last load found, so a routine changed elsewhere (the CLI) shows on the next load."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Footer, Header, OptionList, Static
from textual.widgets.option_list import Option

from companion.domain.routine import Routine
from companion.tui.base import CompanionNode
from companion.tui.screens.check_off import CheckedOff, CheckOffScreen
from companion.tui.screens.day_change import DayChangeScreen
from companion.tui.screens.routine_view import (
    RoutinesView,
    load_view,
    routine_detail,
    routine_prompt,
    when,
)

# Below this width the list and the routine's week sit one above the other.
TWO_COLUMNS_WIDTH = 100
NO_ROUTINES = (
    "No routines yet. Press a to add one, like Bedtime at 19:30 with a bath, teeth and a story."
)


class RoutinesScreen(Screen[None], CompanionNode):
    CSS_PATH = "routines.tcss"
    TITLE = "Routines"
    SUB_TITLE = "shared by every caregiver"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("a", "add", "Add", id="routines-add", tooltip="Add a routine"),
        Binding("u", "undo", "Undo", id="routines-undo",
                tooltip="Bring back the routine deleted last"),
        Binding("e", "edit", "Edit", id="routines-edit",
                tooltip="Change the routine: its time, days, steps, who is reminded"),
        Binding("c", "check_off", "Check off", id="routines-check-off",
                tooltip="Done, partly done or not today, by whom, today or a past day"),
        Binding("n", "now_next", "Now/next", id="routines-now-next",
                tooltip="Show your child the routine one step at a time"),
        Binding("w", "week", "Week", id="routines-week",
                tooltip="The week at a glance: days across, routines down"),
        Binding("g", "different_day", "Other day", id="routines-different-day",
                tooltip="A one-off change: not today, another time, or someone else does it"),
        Binding("p", "toggle_pause", "Pause", id="routines-pause",
                tooltip="Pause the routine (no reminders), or bring it back"),
        Binding("d", "delete", "Delete", id="routines-delete",
                tooltip="Delete the routine (u brings it back)"),
        Binding("escape", "back", "Back", id="routines-back"),
    ]  # fmt: skip

    class Loaded(Message):
        def __init__(self, view: RoutinesView) -> None:
            super().__init__()
            self.view = view

    def __init__(self) -> None:
        super().__init__()
        self.view: RoutinesView | None = None
        self.deleted: str | None = None  # the name of the routine deleted last, for u
        self.last_by: str | None = None  # who checked off last, offered again
        self._wanted: str | None = None  # the routine to highlight after the next load
        self._busy: set[str] = set()  # routines being paused or deleted: keys wait till done

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="routines-body"):
            yield Static("Opening your routines…", id="routines-status", classes="hint")
            with Horizontal(id="routines-columns"):
                yield OptionList(id="routines-list")
                with VerticalScroll(id="routine-detail", classes="panel"):
                    yield Static("", id="routine-detail-text")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.query_one("#routines-list").focus()

    def on_screen_resume(self) -> None:
        # First shown, and back from the editor, the week or the child's view: load again.
        self.reload()

    def on_resize(self) -> None:
        self.set_class(self.size.width < TWO_COLUMNS_WIDTH, "narrow")

    # -- loading --------------------------------------------------------------------------

    def reload(self, highlight: str | None = None) -> None:
        if highlight is not None:
            self._wanted = highlight
        self._load()

    @work(thread=True, exclusive=True, exit_on_error=False, group="routines")
    def _load(self) -> None:
        self.post_message(self.Loaded(load_view(self.companion)))

    @on(Loaded)
    def _loaded(self, event: Loaded) -> None:
        view = event.view
        self._busy.clear()
        option_list = self.query_one("#routines-list", OptionList)
        wanted = self._wanted or self.highlighted_id()
        self._wanted = None
        self.view = view
        options: list[Option | None] = []
        for routine in view.routines:  # a line between routines (None adds no option)
            options += [Option(routine_prompt(routine, view), id=routine.id), None]
        option_list.set_options(options[:-1])
        ids = [r.id for r in view.routines]
        if ids:
            option_list.highlighted = ids.index(wanted) if wanted in ids else 0
        status = self.query_one("#routines-status", Static)
        if not ids:
            status.update(NO_ROUTINES)
        else:
            count = f"{len(ids)} routine{'s' if len(ids) != 1 else ''}"
            status.update(f"{count}, earliest first. Enter changes one; c checks one off.")
        self._show_detail()
        self.refresh_bindings()

    def highlighted_id(self) -> str | None:
        option = self.query_one("#routines-list", OptionList).highlighted_option
        return option.id if option else None

    def highlighted(self) -> Routine | None:
        """The routine the keys act on: the one under the list's cursor."""
        return self.view.named(self.highlighted_id()) if self.view else None

    @on(OptionList.OptionHighlighted, "#routines-list")
    def _highlight_moved(self) -> None:
        self._show_detail()
        self.refresh_bindings()

    def _show_detail(self) -> None:
        routine = self.highlighted()
        text = self.query_one("#routine-detail-text", Static)
        panel = self.query_one("#routine-detail")
        panel.display = routine is not None
        if routine is None or self.view is None:
            text.update("")
            return
        panel.border_title = Text(routine.name)
        text.update(routine_detail(routine, self.view))

    # -- keys -------------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "undo":
            return self.deleted is not None  # in the footer only when there is one to undo
        if action in (
            "edit",
            "check_off",
            "now_next",
            "different_day",
            "toggle_pause",
            "delete",
        ):
            return self.highlighted() is not None  # with no routine, not in the footer
        return True

    def action_add(self) -> None:
        from companion.tui.screens.routine_editor import RoutineEditorScreen

        family = self.view.family if self.view else self.companion.state.family
        self.app.push_screen(RoutineEditorScreen(family), self._saved)

    @on(OptionList.OptionSelected, "#routines-list")
    def action_edit(self) -> None:
        from companion.tui.screens.routine_editor import RoutineEditorScreen

        routine = self.highlighted()
        if routine is None or self.view is None:
            return
        self.app.push_screen(RoutineEditorScreen(self.view.family, routine), self._saved)

    def _saved(self, routine: Routine | None) -> None:
        if routine is None:
            return
        self.changed(routine.id, f"{routine.name} is saved: {when(routine)}.")

    def changed(self, routine_id: str | None, said: str) -> None:
        """After a change was saved: say so, load again, and plan the reminders again."""
        self.notify(said, timeout=5, markup=False)
        self.reload(highlight=routine_id)
        reminders = getattr(self.companion, "reminders", None)
        if reminders is not None:
            reminders.routines_changed()

    def _ready(self) -> Routine | None:
        """The highlighted routine, unless a change to it is still being saved (a second
        press of p or d acts on what the first one did, not on the list as it was)."""
        routine = self.highlighted()
        if routine is None or routine.id in self._busy:
            return None
        self._busy.add(routine.id)
        return routine

    def show_worker_error(self, text: str) -> bool:
        self._busy.clear()
        return False  # said in a notification, as everywhere

    def action_toggle_pause(self) -> None:
        routine = self._ready()
        if routine is not None:
            self._set_paused(routine.id, not routine.paused)

    @work(thread=True, exit_on_error=False, group="routines-change")
    def _set_paused(self, routine_id: str, paused: bool) -> None:
        routine = self.companion.services.routines.set_paused(routine_id, paused)
        said = (
            f"{routine.name} is paused: no reminders until you press p again."
            if paused
            else f"{routine.name} is back on: {when(routine)}."
        )
        self.app.call_from_thread(self.changed, routine.id, said)

    def action_delete(self) -> None:
        from companion.tui.screens.choice import AskScreen

        routine = self._ready()
        if routine is None:
            return
        if self.deleted is None:
            self._delete(routine.id)
            return
        # Only the routine deleted last can come back: say so before another one goes.
        earlier = self.deleted

        def answered(delete: bool | None) -> None:
            self._busy.discard(routine.id)
            if delete:
                self._busy.add(routine.id)
                self._delete(routine.id)

        # Only the routine deleted last can come back.
        question = f"Delete {routine.name} too? {earlier} could not come back then."
        self.app.push_screen(AskScreen(question, "Delete", "Keep it"), answered)

    @work(thread=True, exit_on_error=False, group="routines-change")
    def _delete(self, routine_id: str) -> None:
        routine = self.companion.services.routines.delete(routine_id)
        self.app.call_from_thread(self._deleted, routine)

    def _deleted(self, routine: Routine) -> None:
        self.deleted = routine.name
        self.changed(
            None,
            f"{routine.name} is deleted. Press u to bring it back, with its check-offs "
            "and changes.",
        )

    def action_undo(self) -> None:
        if self.deleted is not None:
            self._undo()

    @work(thread=True, exit_on_error=False, group="routines-change")
    def _undo(self) -> None:
        routine = self.companion.services.routines.undo_delete()
        self.app.call_from_thread(self._undone, routine)

    def _undone(self, routine: Routine) -> None:
        self.deleted = None
        self.changed(routine.id, f"{routine.name} is back, with its check-offs and changes.")

    def action_check_off(self) -> None:
        routine = self.highlighted()
        if routine is None or self.view is None:
            return
        screen = CheckOffScreen(routine, self.view.family, self.view.today, self.last_by)
        self.app.push_screen(screen, self._checked_off)

    def _checked_off(self, result: CheckedOff | None) -> None:
        if result is None:
            return
        if result.by is not None:
            self.last_by = result.by
        self.notify(result.sentence, timeout=5, markup=False)
        self.reload(highlight=result.checkoff.routine_id)

    def action_week(self) -> None:
        from companion.tui.screens.week import WeekScreen

        self.app.push_screen(WeekScreen())

    def action_now_next(self) -> None:
        from companion.tui.screens.now_next import NowNextScreen

        routine = self.highlighted()
        if routine is None or self.view is None:
            return
        caregivers = self.view.family.caregivers
        # Checked off at the end by the one caregiver there is; with more, by nobody in
        # particular (c on this screen says who, if it matters).
        by = caregivers[0].name if len(caregivers) == 1 else None
        self.app.push_screen(NowNextScreen(routine, by=by))

    def action_different_day(self) -> None:
        routine = self.highlighted()
        if routine is None or self.view is None:
            return
        screen = DayChangeScreen(routine, self.view.today, self.view.coming.get(routine.id, ()))
        self.app.push_screen(screen, lambda said: self._day_changed(routine.id, said))

    def _day_changed(self, routine_id: str, said: str | None) -> None:
        if said is not None:
            self.changed(routine_id, said)

    def action_back(self) -> None:
        self.dismiss(None)
