"""A radio button whose state reads without colour."""

from textual.widgets import RadioButton


class MarkedRadioButton(RadioButton):
    """A radio button whose state reads without colour: a dot when chosen, blank when not."""

    def watch_value(self) -> None:
        super().watch_value()
        self._show_dot()

    def on_mount(self) -> None:
        self._show_dot()

    def _show_dot(self) -> None:
        self.BUTTON_INNER = "●" if self.value else " "
