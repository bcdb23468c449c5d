"""A different day for a routine: not today, at another time, or someone else does it, with
a line to say to the child; or as planned again."""

from __future__ import annotations

from datetime import date, timedelta

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Input, Label, RadioSet, Select, Static
from textual.worker import Worker

from companion.domain.routine import DayChange, Routine
from companion.tui.forms import FormScreen
from companion.tui.screens.routine_view import day_label
from companion.tui.widgets.marked_radio import MarkedRadioButton

LOOK_AHEAD_DAYS = 14  # how far ahead a day can be made different


CHANGE_CHOICES = (
    ("skip", "Not today"),
    ("move", "At another time"),
    ("someone_else", "Someone else does it"),
)


class DayChangeScreen(FormScreen[str]):
    """A one-off change for one day, with a line to say to the child. Dismisses with what
    was done, in a sentence (or None). "As planned" takes a day's change away again."""

    CSS_PATH = "routine_forms.tcss"

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

    def start_save(self) -> Worker[str] | None:
        day = self.chosen_day()
        if day is None:
            return None
        kind = self.chosen_kind()
        new_start = self.query_one("#change-time", Input).value.strip() if kind == "move" else ""
        who = self.query_one("#change-who", Input).value if kind == "someone_else" else ""
        say = self.query_one("#change-say", Input).value
        return self._save(day, kind, new_start, who, say)

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
            self.when_done(self._as_planned(day), self.saved)

    @work(thread=True, exclusive=True, exit_on_error=False)
    def _as_planned(self, day: date) -> str:
        self.companion.services.routines.as_planned(self.routine.id, day)
        return (
            f"{day_label(day, self.today)}: {self.routine.name} is as planned again, "
            f"at {self.routine.start:%H:%M}."
        )
