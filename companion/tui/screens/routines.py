"""Routines: the family's routines with their time, days, steps and who is reminded, and the
keys to add, change, pause, delete (with undo), check off, see the week, show the child what
comes next, and make a day different.

Everything read or written goes through `services.routines` in a thread; the screen only shows
what the last load found, so a routine changed elsewhere (the CLI) shows on the next load."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import ClassVar, Generic, TypeVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.message import Message
from textual.screen import ModalScreen, Screen
from textual.widgets import (
    Button,
    Footer,
    Header,
    Input,
    Label,
    OptionList,
    RadioButton,
    RadioSet,
    Select,
    Static,
)
from textual.widgets.option_list import Option

from companion.domain.consistency import WeekRow
from companion.domain.dates import day_words
from companion.domain.family import Family
from companion.domain.routine import STATUS_WORDS, Checkoff, CheckoffStatus, DayChange, Routine
from companion.domain.text import and_list
from companion.tui.base import CompanionNode

# Below this width the list and the routine's week sit one above the other.
TWO_COLUMNS_WIDTH = 100
LOOK_BACK_DAYS = 14  # how far back a check-off can be made, and "lately" reaches
LOOK_AHEAD_DAYS = 14  # how far ahead a day can be made different

# A mark per status, always beside a word somewhere on screen; no check-off stays blank.
MARKS: dict[CheckoffStatus, str] = {"done": "✓", "partly": "◐", "skipped": "-"}
NOT_PLANNED = "·"
NO_ROUTINES = (
    "No routines yet. Press a to add one, like Bedtime at 19:30 with a bath, teeth and a story."
)


@dataclass(frozen=True)
class RoutinesView:
    """What one load found: the routines (earliest first) and what the screen says of each."""

    routines: tuple[Routine, ...]
    family: Family
    today: date
    rows: dict[str, WeekRow] = field(default_factory=dict)
    lately: dict[str, tuple[Checkoff, ...]] = field(default_factory=dict)  # newest first
    coming: dict[str, tuple[DayChange, ...]] = field(default_factory=dict)  # soonest first

    def named(self, routine_id: str | None) -> Routine | None:
        return next((r for r in self.routines if r.id == routine_id), None)


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


def load_view(node: CompanionNode) -> RoutinesView:
    """Everything the list shows, read once (in a thread)."""
    services = node.companion.services
    routines = services.routines
    today = services.today()
    found = sorted(routines.all(), key=lambda r: (r.start, r.name.casefold()))
    rows = {row.routine.id: row for row in routines.week(today)}
    lately: dict[str, list[Checkoff]] = {}
    checkoffs = routines.checked_off(today - timedelta(days=LOOK_BACK_DAYS - 1), today)
    for checkoff in sorted(checkoffs, key=lambda c: (c.day, c.written_at), reverse=True):
        lately.setdefault(checkoff.routine_id, []).append(checkoff)
    coming: dict[str, list[DayChange]] = {}
    for change in sorted(routines.changes(), key=lambda c: c.day):
        if change.day >= today:
            coming.setdefault(change.routine_id, []).append(change)
    return RoutinesView(
        routines=tuple(found),
        family=services.family(),
        today=today,
        rows=rows,
        lately={k: tuple(v) for k, v in lately.items()},
        coming={k: tuple(v) for k, v in coming.items()},
    )


# -- how a routine reads (words a family wrote: always Text, never markup) ---------------------


def when(routine: Routine) -> str:
    return f"{routine.start:%H:%M} {routine.days_text()}"


def for_whom(routine: Routine, family: Family) -> str:
    kids = and_list([family.name_of(i) for i in routine.children]) or "the whole family"
    reminded = and_list([family.name_of(i) for i in routine.remind]) or "everyone"
    return f"For {kids}; reminds {reminded} {routine.lead_minutes} min before."


def steps_line(routine: Routine) -> str:
    return " → ".join(f"{step.text} ({step.minutes} min)" for step in routine.steps)


def routine_prompt(routine: Routine, view: RoutinesView) -> Text:
    """One routine in the list: what, when, the steps, for whom, and how this week went."""
    text = Text()
    text.append(routine.name, style="bold")
    text.append(f"  {when(routine)} · {routine.total_minutes} min")
    if routine.paused:
        text.append(" · paused (no reminders)", style="italic")
    text.append("\n  " + steps_line(routine))
    text.append("\n  " + for_whom(routine, view.family), style="dim")
    row = view.rows.get(routine.id)
    if routine.paused:
        text.append("\n  Paused: p brings it back.", style="dim")
    elif row is not None:
        text.append("\n  " + row.sentence(view.today), style="dim")
    return text


def cell_mark(status: CheckoffStatus | None, planned: bool) -> str:
    if status is not None:
        return MARKS[status]
    return "" if planned else NOT_PLANNED


def routine_detail(routine: Routine, view: RoutinesView) -> Text:
    """Beside the list: a different day to come first, then the routine's week in marks,
    then who did what lately."""
    text = Text()
    for change in view.coming.get(routine.id, ()):
        text.append(f"{day_words(change.day, view.today)}: {change.describe(routine.name)}.\n")
        if change.say_to_child:
            text.append(f'  To say: "{change.say_to_child}"\n', style="dim")
    if text:
        text.append("\n")
    row = view.rows.get(routine.id)
    if row is not None:
        for cell in row.cells:
            mark = cell_mark(cell.status, cell.planned) or " "
            style = "bold underline" if cell.day == view.today else ""
            text.append(f"{cell.day:%a}", style=style)
            text.append(f" {mark} ")
        text.rstrip()
        text.append("\n✓ done ◐ partly - not today · not planned\n", style="dim")
        text.append(row.sentence(view.today) + "\n")
    lately = view.lately.get(routine.id, ())
    text.append("\nLately\n", style="bold")
    if not lately:
        text.append("Nothing checked off in the last two weeks.\n", style="dim")
    for checkoff in lately[:5]:
        text.append(checkoff_line(checkoff, view.family, view.today) + "\n")
    text.rstrip()
    return text


def checkoff_line(checkoff: Checkoff, family: Family, today: date) -> str:
    by = f", by {family.name_of(checkoff.by)}" if checkoff.by else ""
    note = f' · "{checkoff.note}"' if checkoff.note else ""
    return f"{day_words(checkoff.day, today)}: {STATUS_WORDS[checkoff.status]}{by}{note}"


def day_label(day: date, today: date) -> str:
    words = day_words(day, today)
    if day == today:
        return f"Today, {words}"
    if day == today - timedelta(days=1):
        return f"Yesterday, {words}"
    if day == today + timedelta(days=1):
        return f"Tomorrow, {words}"
    return words


# -- small forms: a check-off, a different day -------------------------------------------------


class MarkedRadioButton(RadioButton):
    """A radio button whose state reads without colour: a dot when chosen, blank when not."""

    def watch_value(self) -> None:
        super().watch_value()
        self._show_dot()

    def on_mount(self) -> None:
        self._show_dot()

    def _show_dot(self) -> None:
        self.BUTTON_INNER = "●" if self.value else " "


Result = TypeVar("Result")


class FormScreen(ModalScreen[Result | None], CompanionNode, Generic[Result]):
    """What the small routine forms share: ctrl+s saves, escape closes (with None), errors in
    place, under the form."""

    CSS_PATH = "routines.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "save", "Save", id="routine-form-save", priority=True),
        Binding("escape", "cancel", "Cancel", id="routine-form-cancel"),
    ]

    def buttons(self, *more: Button) -> ComposeResult:
        yield Static("", id="form-error", classes="error-line")
        with Horizontal(classes="form-buttons"):
            yield from more
            yield Button("Save", id="form-save", variant="primary", compact=True)
            yield Button("Cancel", id="form-cancel", compact=True)

    @on(Button.Pressed, "#form-save")
    def _save_pressed(self) -> None:
        self.action_save()

    def action_save(self) -> None:
        raise NotImplementedError

    @on(Button.Pressed, "#form-cancel")
    def action_cancel(self) -> None:
        if self.saving:  # one save at a time; the form closes when it is done
            return
        self.dismiss(None)

    def say(self, words: str) -> None:
        self.query_one("#form-error", Static).update(Text(words))

    def busy(self, busy: bool) -> None:
        self.query_one("#form-save", Button).disabled = busy

    def show_worker_error(self, text: str) -> bool:
        self.say(text)
        self.busy(False)
        return True


@dataclass(frozen=True)
class CheckedOff:
    checkoff: Checkoff
    sentence: str
    by: str | None  # the caregiver's name as chosen


STATUS_CHOICES: tuple[tuple[CheckoffStatus, str], ...] = (
    ("done", "Done"),
    ("partly", "Partly done"),
    ("skipped", "Not today"),
)


class CheckOffScreen(FormScreen[CheckedOff]):
    """Done, partly done or not today; by whom; a note if you like; today or a past day."""

    def __init__(self, routine: Routine, family: Family, today: date, by: str | None) -> None:
        super().__init__()
        self.routine = routine
        self.family = family
        self.today = today
        self.by = by

    def compose(self) -> ComposeResult:
        with Vertical(id="check-off", classes="routine-form"):
            yield Static(Text(f"Check off {self.routine.name}"), classes="form-title")
            yield Label("How did it go?", classes="field-label")
            with RadioSet(id="check-off-status"):
                for number, (status, label) in enumerate(STATUS_CHOICES):
                    yield MarkedRadioButton(label, number == 0, id=f"status-{status}")
            with Horizontal(classes="form-row"):
                with Vertical(classes="form-cell"):
                    yield Label("Who", classes="field-label")
                    yield Select(
                        [(Text(c.name), c.name) for c in self.family.caregivers],
                        prompt="Who did it",
                        value=self._default_by(),
                        id="check-off-by",
                        compact=True,
                    )
                with Vertical(classes="form-cell"):
                    yield Label("Which day", classes="field-label")
                    days = [self.today - timedelta(days=n) for n in range(LOOK_BACK_DAYS)]
                    yield Select(
                        [(day_label(d, self.today), d.isoformat()) for d in days],
                        value=self.today.isoformat(),
                        allow_blank=False,
                        id="check-off-day",
                        compact=True,
                    )
            yield Label("A note (if you like)", classes="field-label")
            yield Input(placeholder="How it went, in a few words", id="check-off-note")
            yield from self.buttons()

    def _default_by(self) -> str | object:
        names = [c.name for c in self.family.caregivers]
        if self.by in names:
            return self.by
        if len(names) == 1:
            return names[0]
        return Select.NULL

    def on_mount(self) -> None:
        self.query_one("#check-off-status", RadioSet).focus()

    def action_save(self) -> None:
        if self.saving:  # one save at a time; the form closes when it is done
            return
        pressed = self.query_one("#check-off-status", RadioSet).pressed_index
        status = STATUS_CHOICES[max(pressed, 0)][0]
        chosen = self.query_one("#check-off-by", Select).value
        by = chosen if isinstance(chosen, str) else None
        day = date.fromisoformat(str(self.query_one("#check-off-day", Select).value))
        note = self.query_one("#check-off-note", Input).value
        self.say("")
        self.busy(True)
        self.when_done(self._save(status, by, day, note), self.dismiss)

    @work(thread=True, exclusive=True, exit_on_error=False)
    def _save(self, status: CheckoffStatus, by: str | None, day: date, note: str) -> CheckedOff:
        checkoff = self.companion.services.routines.check_off(
            self.routine.id, day=day, status=status, by=by, note=note
        )
        sentence = checked_off_sentence(self.routine, checkoff, by, self.today)
        return CheckedOff(checkoff, sentence, by)


def checked_off_sentence(routine: Routine, checkoff: Checkoff, by: str | None, today: date) -> str:
    day = "today" if checkoff.day == today else day_words(checkoff.day, today)
    who = f", by {by}" if by else ""
    if checkoff.status == "done":
        return f"{routine.name} is checked off for {day}{who}."
    if checkoff.status == "partly":
        return f"{routine.name} is checked off as partly done for {day}{who}."
    return f"{routine.name} is marked not today for {day}{who}."


CHANGE_CHOICES = (
    ("skip", "Not today"),
    ("move", "At another time"),
    ("someone_else", "Someone else does it"),
)


class DayChangeScreen(FormScreen[str]):
    """A one-off change for one day, with a line to say to the child. Dismisses with what
    was done, in a sentence (or None). "As planned" takes a day's change away again."""

    def __init__(self, routine: Routine, today: date, coming: tuple[DayChange, ...]) -> None:
        super().__init__()
        self.routine = routine
        self.today = today
        self.coming = {change.day: change for change in coming}
        self.days = [
            day
            for day in (today + timedelta(days=n) for n in range(LOOK_AHEAD_DAYS))
            if day.weekday() in routine.days
        ]

    def compose(self) -> ComposeResult:
        with Vertical(id="day-change", classes="routine-form"):
            yield Static(Text(f"A different day for {self.routine.name}"), classes="form-title")
            yield Static(
                "For one day only; the routine stays as it is on the others.", classes="hint"
            )
            yield Label("Which day", classes="field-label")
            yield Select(
                [(self._day_option(day), day.isoformat()) for day in self.days],
                value=self._first_day(),
                allow_blank=False,
                id="change-day",
                compact=True,
            )
            yield Label("What is different", classes="field-label")
            with RadioSet(id="change-kind"):
                for number, (kind, label) in enumerate(CHANGE_CHOICES):
                    yield MarkedRadioButton(label, number == 0, id=f"kind-{kind}")
            with Horizontal(classes="form-row"):
                with Vertical(classes="form-cell", id="change-time-cell"):
                    yield Label("At what time", classes="field-label")
                    yield Input(placeholder="20:30", id="change-time", compact=True)
                with Vertical(classes="form-cell", id="change-who-cell"):
                    yield Label("Who does it", classes="field-label")
                    yield Input(placeholder="Grandma", id="change-who", compact=True)
            yield Label("A line to say to the child (if you like)", classes="field-label")
            yield Input(placeholder="Tomorrow Grandma reads your story", id="change-say")
            yield from self.buttons(
                Button("As planned again", id="change-as-planned", compact=True)
            )

    def _day_option(self, day: date) -> Text:
        label = day_label(day, self.today)
        change = self.coming.get(day)
        if change is not None:
            label += f" · now: {change.describe(self.routine.name)}"
        return Text(label)

    def _first_day(self) -> str | object:
        if not self.days:
            return Select.NULL
        tomorrow = self.today + timedelta(days=1)
        return (tomorrow if tomorrow in self.days else self.days[0]).isoformat()

    def on_mount(self) -> None:
        self.query_one("#change-day", Select).focus()
        self._kind_changed()
        self._day_changed()
        if not self.days:
            self.say(
                f"{self.routine.name} is not planned in the next two weeks "
                f"(it runs {self.routine.days_text()})."
            )
            self.busy(True)

    def chosen_day(self) -> date | None:
        value = self.query_one("#change-day", Select).value
        return date.fromisoformat(value) if isinstance(value, str) else None

    def chosen_kind(self) -> str:
        pressed = self.query_one("#change-kind", RadioSet).pressed_index
        return CHANGE_CHOICES[max(pressed, 0)][0]

    @on(RadioSet.Changed, "#change-kind")
    def _kind_changed(self) -> None:
        kind = self.chosen_kind()
        self.query_one("#change-time-cell").display = kind == "move"
        self.query_one("#change-who-cell").display = kind == "someone_else"

    @on(Select.Changed, "#change-day")
    def _day_changed(self) -> None:
        day = self.chosen_day()
        change = self.coming.get(day) if day else None
        self.query_one("#change-as-planned", Button).display = change is not None
        if change is not None:
            self.query_one("#change-say", Input).value = change.say_to_child

    def action_save(self) -> None:
        if self.saving:  # one save at a time; the form closes when it is done
            return
        day = self.chosen_day()
        if day is None:
            return
        kind = self.chosen_kind()
        new_start = self.query_one("#change-time", Input).value.strip() if kind == "move" else ""
        who = self.query_one("#change-who", Input).value if kind == "someone_else" else ""
        say = self.query_one("#change-say", Input).value
        self.say("")
        self.busy(True)
        self.when_done(self._save(day, kind, new_start, who, say), self.dismiss)

    @work(thread=True, exclusive=True, exit_on_error=False)
    def _save(self, day: date, kind: str, new_start: str, who: str, say: str) -> str:
        change = self.companion.services.routines.change_day(
            self.routine.id, day, kind, say_to_child=say, new_start=new_start or None, who=who
        )
        return f"{day_label(day, self.today)}: {change.describe(self.routine.name)}."

    @on(Button.Pressed, "#change-as-planned")
    def _as_planned_pressed(self) -> None:
        if self.saving:  # one save at a time; the form closes when it is done
            return
        day = self.chosen_day()
        if day is not None:
            self.busy(True)
            self.when_done(self._as_planned(day), self.dismiss)

    @work(thread=True, exclusive=True, exit_on_error=False)
    def _as_planned(self, day: date) -> str:
        self.companion.services.routines.as_planned(self.routine.id, day)
        return (
            f"{day_label(day, self.today)}: {self.routine.name} is as planned again, "
            f"at {self.routine.start:%H:%M}."
        )
