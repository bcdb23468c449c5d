"""A checkbox whose state reads without colour: a tick when on, blank when off."""

from textual.widgets import Checkbox


class MarkedCheckbox(Checkbox):
    @property  # type: ignore[override]
    def BUTTON_INNER(self) -> str:  # noqa: N802 - Textual's name for the glyph
        return "✓" if self.value else " "
