"""Help: the keys of the screen it was opened from, and what companion is (and is not)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import ClassVar

from rich.table import Table
from textual.app import ComposeResult
from textual.binding import ActiveBinding, Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from companion.domain import messages

ABOUT = (
    "companion helps you keep small daily moments of connection: a game, steady routines, "
    "a few words on how it went, and a brief for your next appointment. "
    "Everything stays on this computer, readable only by you."
)


class HelpScreen(ModalScreen[None]):
    CSS_PATH = "help.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,question_mark,q", "close", "Close", id="help-close"),
    ]

    def __init__(self, bindings: Iterable[ActiveBinding]) -> None:
        super().__init__()
        self.keys = keys_table(bindings)

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help"):
            yield Static("Help", id="help-title")
            yield Static(ABOUT)
            yield Static(messages.NOT_A_THERAPIST, id="not-a-therapist")
            yield Static(self.keys, id="help-keys")
            yield Static(
                "ctrl+p finds every action by name, ctrl+t switches light and dark, ctrl+q "
                "quits. The mouse works everywhere too.",
                classes="hint",
            )

    def action_close(self) -> None:
        self.dismiss(None)


def keys_table(bindings: Iterable[ActiveBinding]) -> Table:
    table = Table(show_header=True, box=None, padding=(0, 2))
    table.add_column("Key", style="bold")
    table.add_column("Does")
    seen: set[str] = set()
    for active in bindings:
        binding = active.binding
        # The keys the footer shows; scrolling and focus keys are the terminal's usual ones.
        if not binding.show or not binding.description or binding.description in seen:
            continue
        seen.add(binding.description)
        key = binding.key_display or binding.key.split(",")[0]
        table.add_row(key, binding.tooltip or binding.description)
    return table
