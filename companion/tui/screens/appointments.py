"""Appointments: the therapy appointments the family noted, the next one marked, past ones dim;
add one (a day and a note), delete one (u brings it back). The brief runs from the last one.

Everything read or written goes through `services.briefs` in a thread."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Footer, Header, Input, Label, OptionList, Static
from textual.widgets.option_list import Option
from textual.worker import Worker

from companion.domain.appointment import Appointment, last_before, next_from
from companion.tui.base import CompanionNode
from companion.tui.forms import FormScreen

NO_APPOINTMENTS = (
    "No appointments noted yet. Press a to add the next one; the brief then runs from one "
    "appointment to the next."
)


def short_day(day: date, today: date) -> str:
    """ "Thu 26 Nov", with the year only when it is not this year's."""
    words = f"{day:%a} {day.day} {day:%b}"
    return words if day.year == today.year else f"{words} {day.year}"


def how_far(day: date, today: date) -> str:
    """ "today", "tomorrow", "in 3 days", "yesterday", "5 days ago"."""
    days = (day - today).days
    if days == 0:
        return "today"
    if days == 1:
        return "tomorrow"
    if days == -1:
        return "yesterday"
    return f"in {days} days" if days > 0 else f"{-days} days ago"


@dataclass(frozen=True)
class AppointmentsView:
    appointments: tuple[Appointment, ...]  # newest first
    today: date

    @property
    def next(self) -> Appointment | None:
        return next_from(self.appointments, self.today)

    @property
    def last(self) -> Appointment | None:
        """The one the brief starts from by default."""
        return last_before(self.appointments, self.today)

    def named(self, appointment_id: str | None) -> Appointment | None:
        return next((a for a in self.appointments if a.id == appointment_id), None)


def appointment_prompt(appointment: Appointment, view: AppointmentsView) -> Text:
    """One appointment in the list: the day, how far, "next" or "last" in words, the note."""
    today = view.today
    past = appointment.day < today
    text = Text(style="dim" if past else "")
    text.append(short_day(appointment.day, today), style="" if past else "bold")
    text.append(f" ({how_far(appointment.day, today)})")
    if view.next is not None and appointment.id == view.next.id:
        text.append(" · next", style="bold")
    elif view.last is not None and appointment.id == view.last.id:
        text.append(" · last: the brief starts here")
    if appointment.note:
        text.append("\n  " + " ".join(appointment.note.split()))
    return text


class AppointmentsScreen(Screen[None], CompanionNode):
    CSS_PATH = "appointments.tcss"
    TITLE = "Appointments"
    SUB_TITLE = "with our therapist"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("a", "add", "Add", id="appointments-add", tooltip="Note an appointment"),
        Binding("d", "delete", "Delete", id="appointments-delete",
                tooltip="Delete the highlighted appointment (u brings it back)"),
        Binding("u", "undo", "Undo", id="appointments-undo",
                tooltip="Bring back the appointment deleted last"),
        Binding("escape", "back", "Back", id="appointments-back"),
    ]  # fmt: skip

    class Loaded(Message):
        def __init__(self, view: AppointmentsView) -> None:
            super().__init__()
            self.view = view

    def __init__(self) -> None:
        super().__init__()
        self.view: AppointmentsView | None = None
        self.removed: Appointment | None = None  # the one deleted last, for u
        self._wanted: str | None = None  # the appointment to highlight after the next load
        self._busy = False  # a delete or undo is being saved: d and u wait

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="appointments-body"):
            yield Static("Opening your appointments…", id="appointments-status", classes="hint")
            yield OptionList(id="appointments-list")
            yield Static("", id="appointments-said")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.query_one("#appointments-list").focus()
        self.reload()

    def reload(self, highlight: str | None = None) -> None:
        if highlight is not None:
            self._wanted = highlight
        self._load()

    @work(thread=True, exclusive=True, exit_on_error=False, group="appointments")
    def _load(self) -> None:
        services = self.companion.services
        found = sorted(services.briefs.appointments(), key=lambda a: a.day, reverse=True)
        self.post_message(self.Loaded(AppointmentsView(tuple(found), services.today())))

    @on(Loaded)
    def _loaded(self, event: Loaded) -> None:
        view = self.view = event.view
        self._busy = False
        option_list = self.query_one("#appointments-list", OptionList)
        wanted = self._wanted or self.highlighted_id()
        self._wanted = None
        options: list[Option | None] = []
        for appointment in view.appointments:
            options += [Option(appointment_prompt(appointment, view), id=appointment.id), None]
        option_list.set_options(options[:-1])
        ids = [a.id for a in view.appointments]
        if ids:
            if wanted not in ids:  # first shown: the next one, else the last one
                soonest = view.next or view.last
                wanted = soonest.id if soonest else ids[0]
            option_list.highlighted = ids.index(wanted)
        self.query_one("#appointments-status", Static).update(describe_list(view))
        self.refresh_bindings()

    def highlighted_id(self) -> str | None:
        option = self.query_one("#appointments-list", OptionList).highlighted_option
        return option.id if option else None

    def highlighted(self) -> Appointment | None:
        return self.view.named(self.highlighted_id()) if self.view else None

    @on(OptionList.OptionHighlighted, "#appointments-list")
    def _highlight_moved(self) -> None:
        self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "undo":
            return self.removed is not None  # in the footer only when there is one to undo
        if action == "delete":
            return self.highlighted() is not None
        return True

    def show_worker_error(self, text: str) -> bool:
        self._busy = False
        self.say(text)
        return True

    def say(self, words: str) -> None:
        """What was just done (or what went wrong), in place under the list."""
        self.query_one("#appointments-said", Static).update(Text(words))

    # -- add --------------------------------------------------------------------------------

    def action_add(self) -> None:
        self.app.push_screen(AddAppointmentScreen(), self._added)

    def _added(self, appointment: Appointment | None) -> None:
        if appointment is None:
            return
        today = self.companion.services.today()
        self.say(f"Noted the appointment on {short_day(appointment.day, today)}.")
        self.reload(highlight=appointment.id)

    # -- delete, and undo -------------------------------------------------------------------

    def action_delete(self) -> None:
        from companion.tui.screens.choice import AskScreen

        appointment = self.highlighted()
        if appointment is None or self._busy or self.view is None:
            return
        if self.removed is None:
            self._busy = True
            self._remove(appointment)
            return
        # Only the appointment deleted last can come back: say so before another one goes.
        today = self.view.today
        earlier = short_day(self.removed.day, today)

        def answered(delete: bool | None) -> None:
            if delete and not self._busy:
                self._busy = True
                self._remove(appointment)

        question = (
            f"Delete {short_day(appointment.day, today)} too? {earlier} could not come back then."
        )
        self.app.push_screen(AskScreen(question, "Delete", "Keep it"), answered)

    @work(thread=True, exit_on_error=False, group="appointments-change")
    def _remove(self, appointment: Appointment) -> None:
        removed = self.companion.services.briefs.remove_appointment(appointment)
        self.app.call_from_thread(self._removed, removed)

    def _removed(self, appointment: Appointment) -> None:
        self.removed = appointment
        today = self.companion.services.today()
        self.say(
            f"The appointment on {short_day(appointment.day, today)} is deleted. "
            "Press u to bring it back."
        )
        self.reload()

    def action_undo(self) -> None:
        if self.removed is not None and not self._busy:
            self._busy = True
            self._undo(self.removed)

    @work(thread=True, exit_on_error=False, group="appointments-change")
    def _undo(self, appointment: Appointment) -> None:
        self.companion.services.briefs.undo_remove_appointment(appointment)
        self.app.call_from_thread(self._undone, appointment)

    def _undone(self, appointment: Appointment) -> None:
        self.removed = None
        today = self.companion.services.today()
        self.say(f"The appointment on {short_day(appointment.day, today)} is back.")
        self.reload(highlight=appointment.id)

    def action_back(self) -> None:
        self.dismiss(None)


def describe_list(view: AppointmentsView) -> str:
    if not view.appointments:
        return NO_APPOINTMENTS
    count = len(view.appointments)
    noun = "appointment" if count == 1 else "appointments"
    return f"{count} {noun}, newest first. a adds one; d deletes one (u brings it back)."


class AddAppointmentScreen(FormScreen[Appointment]):
    """The day (2026-12-03, tomorrow, in 10 days) and a note if you like."""

    CSS_PATH = "appointments.tcss"

    def compose(self) -> ComposeResult:
        with Vertical(id="add-appointment", classes="appointment-form"):
            yield Static("Note an appointment", classes="form-title")
            yield Label("Which day", classes="field-label")
            yield Input(placeholder="2026-12-03, tomorrow, in 10 days", id="appointment-day")
            yield Label("A note (if you like)", classes="field-label")
            yield Input(
                placeholder="With Dr Okafor; bring the school report", id="appointment-note"
            )
            yield from self.buttons()

    def on_mount(self) -> None:
        self.query_one("#appointment-day", Input).focus()

    @on(Input.Submitted)
    def _submitted(self) -> None:
        self.action_save()

    def start_save(self) -> Worker[Appointment] | None:
        day = self.query_one("#appointment-day", Input).value
        note = self.query_one("#appointment-note", Input).value
        if not day.strip():
            self.say("Which day is the appointment? Write it like 2026-12-03, or tomorrow.")
            self.query_one("#appointment-day", Input).focus()
            return None
        return self._save(day, note)

    @work(thread=True, exclusive=True, exit_on_error=False)
    def _save(self, day: str, note: str) -> Appointment:
        return self.companion.services.briefs.add_appointment(day, note)
