"""First run: who are you, who is your child. A minute, no more."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Button, Footer, Input, Label, Select, Static

from companion.domain.family import Family, TouchComfort
from companion.tui.base import CompanionNode

TOUCH_CHOICES = [(comfort.label.capitalize(), comfort.value) for comfort in TouchComfort]


class SetupScreen(Screen[bool], CompanionNode):
    CSS_PATH = "setup.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [Binding("ctrl+s", "start", "Start", id="setup-start")]

    def __init__(self, family: Family) -> None:
        super().__init__()
        self.family = family

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="setup"):
            yield Static("Welcome to companion", id="setup-title")
            yield Static(
                "Let's get to know your family; it takes a minute. "
                "Everything stays on this computer.",
                classes="hint",
            )
            if not self.family.caregivers:
                yield Label("What should I call you?")
                yield Input(placeholder="Your first name", id="caregiver", compact=True)
            yield Label("Who is your child?")
            yield Input(placeholder="Their first name", id="child", compact=True)
            yield Label("When were they born?")
            yield Input(placeholder="YYYY-MM-DD, e.g. 2019-05-02", id="born", compact=True)
            yield Label("How do they feel about touch?")
            yield Select(
                TOUCH_CHOICES,
                value=TouchComfort.COMFORTABLE.value,
                allow_blank=False,
                id="touch",
                compact=True,
            )
            yield Static("", id="setup-error", classes="error-line")
            yield Button("Start", id="start", variant="primary")
        yield Footer()

    def on_mount(self) -> None:
        self.query(Input).first().focus()

    @on(Input.Submitted)
    def _next_field(self) -> None:
        self.focus_next()

    @on(Button.Pressed, "#start")
    def action_start(self) -> None:
        if self.saving:  # one save at a time; the form closes when it is done
            return
        self.query_one("#setup-error", Static).update("")
        caregiver = None if self.family.caregivers else self.query_one("#caregiver", Input).value
        self.query_one("#start", Button).disabled = True
        saving = self._save(
            caregiver,
            self.query_one("#child", Input).value,
            self.query_one("#born", Input).value,
            str(self.query_one("#touch", Select).value),
        )
        self.when_done(saving, self.dismiss)

    @work(thread=True, exclusive=True, exit_on_error=False)
    def _save(self, caregiver: str | None, child: str, born: str, touch: str) -> bool:
        self.companion.services.set_up_family(caregiver, child, born, touch)
        return True

    def show_worker_error(self, text: str) -> bool:
        self.query_one("#setup-error", Static).update(Text(text))  # it may quote what was typed
        self.query_one("#start", Button).disabled = False
        return True
