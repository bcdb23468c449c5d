"""Adding or changing a routine: its name, start time, days, who it is for, who is reminded
and how early, and its steps in order (each with its minutes), moved up and down with
ctrl+up and ctrl+down or the buttons beside each step.

What can be checked here is checked as you save, each problem under its field in plain
words; the rest (a name used twice, a person not in the family) comes back from the service
in one sentence under the form. Nothing is written until it is all right."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widget import Widget
from textual.widgets import Button, Footer, Input, Label, Static
from textual.worker import Worker

from companion.domain.errors import CompanionError
from companion.domain.family import Family
from companion.domain.numbers import whole_number
from companion.domain.routine import (
    MAX_LEAD_MINUTES,
    MAX_STEP_MINUTES,
    WEEKDAYS,
    Routine,
    parse_time,
)
from companion.tui.forms import FormScreen
from companion.tui.widgets.field_problems import problem_line, show_field_problems
from companion.tui.widgets.marked_checkbox import MarkedCheckbox

DAY_LABELS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
NEW_STEP_MINUTES = "5"


@dataclass(frozen=True)
class RoutineForm:
    """What the form holds, as typed: compared to tell whether anything changed."""

    name: str = ""
    at: str = ""
    days: tuple[int, ...] = tuple(range(7))
    children: tuple[str, ...] = ()  # names
    remind: tuple[str, ...] = ()  # names
    lead: str = "10"
    steps: tuple[tuple[str, str], ...] = (("", NEW_STEP_MINUTES),)  # (text, minutes)

    @classmethod
    def of(cls, routine: Routine, family: Family) -> RoutineForm:
        return cls(
            name=routine.name,
            at=f"{routine.start:%H:%M}",
            days=tuple(sorted(routine.days)),
            children=tuple(family.name_of(i) for i in routine.children),
            remind=tuple(family.name_of(i) for i in routine.remind),
            lead=str(routine.lead_minutes),
            steps=tuple((step.text, str(step.minutes)) for step in routine.steps),
        )

    def problems(self) -> list[tuple[str, str]]:
        """(field, sentence) for each thing to put right before saving."""
        found: list[tuple[str, str]] = []
        if not " ".join(self.name.split()):
            found.append(("name", 'Please give the routine a name, like "Bedtime".'))
        if not self.at.strip():
            found.append(("timing", "When does it start? Write the time like 19:30."))
        else:
            try:
                parse_time(self.at, "start time")
            except CompanionError as error:
                found.append(("timing", error.message))
        lead = whole_number(self.lead)
        if lead is None or not 0 <= lead <= MAX_LEAD_MINUTES:
            found.append(
                (
                    "timing",
                    f"The reminder comes 0 to {MAX_LEAD_MINUTES} minutes before the start; "
                    "please write a number of minutes.",
                )
            )
        if not self.days:
            found.append(("days", "Tick at least one day."))
        steps = self.written_steps()
        if not steps:
            found.append(("steps", 'A routine needs at least one step, like "Brush teeth".'))
        for number, (text, minutes) in enumerate(self.steps, start=1):  # as numbered on screen
            if not text.strip():
                continue
            count = whole_number(minutes)
            if count is None or not 1 <= count <= MAX_STEP_MINUTES:
                found.append(
                    (
                        "steps",
                        f"Step {number} takes 1 to {MAX_STEP_MINUTES} minutes; please change it.",
                    )
                )
        return found

    def written_steps(self) -> list[tuple[str, str]]:
        """The steps with words in them (a row left empty is let go)."""
        return [(t, m) for t, m in self.steps if t.strip()]

    def step_texts(self) -> list[str]:
        """As the service reads steps: "Brush teeth:3"."""
        return [f"{' '.join(t.split())}:{m.strip()}" for t, m in self.written_steps()]

    def days_text(self) -> str:
        return ",".join(WEEKDAYS[d] for d in self.days)


class StepRow(Horizontal):
    """One step: its words, its minutes, and buttons to move or remove it."""

    def __init__(self, text: str = "", minutes: str = NEW_STEP_MINUTES) -> None:
        super().__init__(classes="step-row")
        self.text = text
        self.minutes = minutes

    def compose(self) -> ComposeResult:
        yield Label("", classes="step-number")
        yield Input(
            self.text,
            placeholder="What happens, like Brush teeth",
            classes="step-text",
            compact=True,
        )
        yield Input(
            self.minutes, placeholder="min", type="integer", classes="step-minutes", compact=True
        )
        yield Label("min", classes="step-unit")
        for name, label, tip in (
            ("up", "↑", "Move this step up (ctrl+up)"),
            ("down", "↓", "Move this step down (ctrl+down)"),
            ("remove", "Remove", "Take this step away (ctrl+r)"),
        ):
            button = Button(label, classes=f"step-{name}", compact=True, tooltip=tip)
            button.can_focus = False  # keys do it from the step's own box; these are for the mouse
            yield button

    def values(self) -> tuple[str, str]:
        return (
            self.query_one(".step-text", Input).value,
            self.query_one(".step-minutes", Input).value,
        )


class RoutineEditorScreen(FormScreen[Routine]):
    """Dismisses with the routine as saved, or None when left without saving."""

    CSS_PATH = "routine_editor.tcss"
    ERROR_LINE = "#routine-editor-error"
    LEAVE_QUESTION = "Leave without saving? The changes to this routine will be lost."
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+n", "add_step", "Add step", id="routine-editor-add-step"),
        Binding("ctrl+up", "move_step(-1)", "Step up", id="routine-editor-step-up"),
        Binding("ctrl+down", "move_step(1)", "Step down", id="routine-editor-step-down"),
        Binding("ctrl+r", "remove_step", "Remove step", id="routine-editor-remove-step"),
    ]

    def __init__(self, family: Family, routine: Routine | None = None) -> None:
        super().__init__()
        self.family = family
        self.routine = routine
        self.start = RoutineForm.of(routine, family) if routine else RoutineForm()

    def compose(self) -> ComposeResult:
        heading = f"Change {self.routine.name}" if self.routine else "A new routine"
        with Vertical(id="routine-editor"):
            yield Static(Text(heading), id="routine-editor-title")
            with VerticalScroll(id="routine-editor-form"):
                yield from self._when_fields()
                yield from self._who_fields()
                yield Label("Steps, in order", classes="field-label")
                with Vertical(id="routine-steps"):
                    for text, minutes in self.start.steps:
                        yield StepRow(text, minutes)
                yield problem_line("steps")
                yield Button("Add a step (ctrl+n)", id="add-step", compact=True)
            yield Static("", id="routine-editor-error", classes="error-line")
            with Horizontal(id="routine-editor-buttons"):
                yield Button("Save", id="save", variant="primary", compact=True)
                yield Button("Cancel", id="cancel", compact=True)
        yield Footer(compact=True)

    def _when_fields(self) -> ComposeResult:
        """The name, the time and how early to remind, and the days."""
        start = self.start
        yield Label("Name", classes="field-label")
        yield Input(start.name, placeholder="Bedtime", id="routine-name", compact=True)
        yield problem_line("name")
        with Horizontal(classes="timing"):
            yield Label("Starts at", classes="inline-label")
            yield Input(start.at, placeholder="19:30", id="routine-at", compact=True)
            yield Label("Remind", classes="inline-label")
            yield Input(start.lead, type="integer", id="routine-lead", compact=True)
            yield Label("min before", classes="inline-label")
        yield problem_line("timing")
        yield Label("Days", classes="field-label")
        with Horizontal(classes="boxes", id="routine-days"):
            for number, label in enumerate(DAY_LABELS):
                yield MarkedCheckbox(
                    label,
                    number in start.days,
                    name=str(number),
                    classes="day",
                    id=f"day-{WEEKDAYS[number]}",
                    compact=True,
                )
        yield problem_line("days")

    def _who_fields(self) -> ComposeResult:
        """Which children it is for, and which caregivers are reminded."""
        groups = (
            ("For (none ticked: the whole family)", self.family.children, "child"),
            ("Remind (none ticked: everyone)", self.family.caregivers, "caregiver"),
        )
        chosen = {"child": self.start.children, "caregiver": self.start.remind}
        for label, people, group in groups:
            if not people:
                continue
            yield Label(label, classes="field-label")
            with Horizontal(classes="boxes"):
                for person in people:
                    yield MarkedCheckbox(
                        Text(person.name),
                        person.name in chosen[group],
                        name=person.name,
                        classes=group,
                        compact=True,
                    )

    def on_mount(self) -> None:
        self._number_steps()
        self.query_one("#routine-name", Input).focus()

    # -- reading the form -------------------------------------------------------------------

    def step_rows(self) -> list[StepRow]:
        return list(self.query_one("#routine-steps").query_children(StepRow))

    def read_form(self) -> RoutineForm:
        def typed(widget_id: str) -> str:
            return self.query_one(f"#{widget_id}", Input).value

        def ticked(group: str) -> tuple[str, ...]:
            boxes = self.query(f".{group}").results(MarkedCheckbox)
            return tuple(box.name or "" for box in boxes if box.value)

        return RoutineForm(
            name=typed("routine-name"),
            at=typed("routine-at"),
            days=tuple(int(d) for d in ticked("day")),
            children=ticked("child"),
            remind=ticked("caregiver"),
            lead=typed("routine-lead"),
            steps=tuple(row.values() for row in self.step_rows()),
        )

    # -- steps ------------------------------------------------------------------------------

    def _number_steps(self) -> None:
        for number, row in enumerate(self.step_rows(), start=1):
            row.query_one(".step-number", Label).update(f"{number}.")

    def current_row(self) -> StepRow | None:
        """The step whose box has the focus."""
        node = self.focused
        while node is not None and not isinstance(node, StepRow):
            node = node.parent if isinstance(node.parent, Widget) else None
        return node

    @on(Button.Pressed, "#add-step")
    async def action_add_step(self) -> None:
        row = StepRow()
        await self.query_one("#routine-steps").mount(row)
        self._number_steps()
        row.query_one(".step-text", Input).focus()
        row.scroll_visible(animate=False)

    def action_move_step(self, by: int, row: StepRow | None = None) -> None:
        row = row or self.current_row()
        if row is None:
            return
        rows = self.step_rows()
        index = rows.index(row)
        target = index + by
        if not 0 <= target < len(rows):
            return
        steps = self.query_one("#routine-steps")
        if by < 0:
            steps.move_child(row, before=rows[target])
        else:
            steps.move_child(row, after=rows[target])
        self._number_steps()
        row.scroll_visible(animate=False)

    async def action_remove_step(self, row: StepRow | None = None) -> None:
        row = row or self.current_row()
        if row is None:
            return
        rows = self.step_rows()
        index = rows.index(row)
        await row.remove()
        rest = self.step_rows()
        self._number_steps()
        if rest:
            rest[min(index, len(rest) - 1)].query_one(".step-text", Input).focus()
        else:
            self.query_one("#add-step", Button).focus()

    @on(Button.Pressed, ".step-up, .step-down, .step-remove")
    async def _step_button(self, event: Button.Pressed) -> None:
        row = next(n for n in event.button.ancestors if isinstance(n, StepRow))
        if event.button.has_class("step-remove"):
            await self.action_remove_step(row)
        else:
            self.action_move_step(-1 if event.button.has_class("step-up") else 1, row)

    # -- saving -----------------------------------------------------------------------------

    def start_save(self) -> Worker[Routine] | None:
        form = self.read_form()
        return self._save(form) if self._show_problems(form.problems()) else None

    def _show_problems(self, problems: list[tuple[str, str]]) -> bool:
        """Each problem under its field; True when there are none."""
        summary = self.query_one("#routine-editor-error", Static)
        return show_field_problems(self, problems, summary, self._field_widget)

    def _field_widget(self, name: str) -> Widget:
        if name == "timing":
            return self.query_one("#routine-at")
        if name == "days":
            return self.query_one("#day-mon")
        if name == "steps":
            rows = self.step_rows()
            return rows[0].query_one(".step-text") if rows else self.query_one("#add-step")
        return self.query_one("#routine-name")

    @work(thread=True, exclusive=True, exit_on_error=False)
    def _save(self, form: RoutineForm) -> Routine:
        routines = self.companion.services.routines
        if self.routine is None:
            saved = routines.add(
                form.name,
                at=form.at,
                steps=form.step_texts(),
                days=form.days_text(),
                children=form.children,
                remind=form.remind,
                lead_minutes=int(form.lead),
            )
        else:
            saved = routines.edit(
                self.routine.id,
                new_name=form.name,
                at=form.at,
                steps=form.step_texts(),
                days=form.days_text(),
                children=form.children,
                remind=form.remind,
                lead_minutes=int(form.lead),
            )
        return saved

    def has_changes(self) -> bool:
        return self.read_form() != self.start
