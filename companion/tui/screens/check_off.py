"""Checking a routine off: done, partly done or not today; by whom; a note; today or a day
of the last two weeks."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Input, Label, RadioSet, Select, Static
from textual.worker import Worker

from companion.domain.dates import day_words
from companion.domain.family import Family
from companion.domain.routine import Checkoff, CheckoffStatus, Routine
from companion.tui.forms import FormScreen
from companion.tui.screens.routine_view import LOOK_BACK_DAYS, day_label
from companion.tui.widgets.marked_radio import MarkedRadioButton


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

    CSS_PATH = "routine_forms.tcss"

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

    def start_save(self) -> Worker[CheckedOff]:
        pressed = self.query_one("#check-off-status", RadioSet).pressed_index
        status = STATUS_CHOICES[max(pressed, 0)][0]
        chosen = self.query_one("#check-off-by", Select).value
        by = chosen if isinstance(chosen, str) else None
        day = date.fromisoformat(str(self.query_one("#check-off-day", Select).value))
        note = self.query_one("#check-off-note", Input).value
        return self._save(status, by, day, note)

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
