"""A checkbox whose state reads without colour: a tick when on, blank when off."""

from textual.widgets import Checkbox


class MarkedCheckbox(Checkbox):
    def watch_value(self) -> None:
        super().watch_value()  # Checkbox's own: the -on class and the Changed message
        self._show_tick()

    def on_mount(self) -> None:
        self._show_tick()

    def _show_tick(self) -> None:
        self.BUTTON_INNER = "✓" if self.value else " "
