"""A checkbox whose state reads without colour: a tick when on, blank when off."""

from textual.widgets import Checkbox


class MarkedCheckbox(Checkbox):
    def watch_value(self) -> None:
        self.BUTTON_INNER = "✓" if self.value else " "

    def on_mount(self) -> None:
        self.watch_value()
