"""Reminders that came while nothing was running, asked about kindly once: done, or not today."""

from __future__ import annotations

from functools import partial
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from companion.domain.routine import Missed
from companion.tui.base import CompanionNode


class MissedScreen(ModalScreen[None], CompanionNode):
    CSS_PATH = "missed.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "Later", id="missed-later"),
    ]

    def __init__(self, missed: tuple[Missed, ...]) -> None:
        super().__init__()
        self.missed = missed
        self.answered: set[int] = set()

    def compose(self) -> ComposeResult:
        with Vertical(id="missed"):
            yield Static("While companion was closed", id="missed-title")
            with VerticalScroll(id="missed-list"):
                for number, item in enumerate(self.missed):
                    with Vertical(classes="missed-item", id=f"missed-{number}"):
                        yield Static(Text(f"{item.sentence()}."))
                        with Horizontal(classes="missed-answers"):
                            yield Button("Done", id=f"done-{number}", variant="primary")
                            yield Button("Not today", id=f"skip-{number}")
            yield Static("Escape: ask me next time.", classes="hint")

    def on_mount(self) -> None:
        self.query(Button).first().focus()

    @on(Button.Pressed)
    def _answered(self, event: Button.Pressed) -> None:
        answer, number = (event.button.id or "").split("-")
        self.answered.add(int(number))
        self._save(self.missed[int(number)], "done" if answer == "done" else "skip")
        if len(self.answered) == len(self.missed):
            self.dismiss(None)
            return
        self.query_one(f"#missed-{number}").remove()
        self.query(
            f"#missed-{min(set(range(len(self.missed))) - self.answered)} Button"
        ).first().focus()

    def _save(self, missed: Missed, answer: str) -> None:
        # The app's worker, not this screen's: the screen may close before the save is done.
        routines = self.companion.services.routines
        self.app.run_worker(
            partial(routines.answer_missed, missed, answer),
            thread=True,
            exit_on_error=False,
            group="missed",
        )

    def action_close(self) -> None:
        self.dismiss(None)
