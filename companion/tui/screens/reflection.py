"""The quick reflection: thirty seconds, one key from anywhere, remembering the last choices."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Select, Static, TextArea

from companion import messages
from companion.domain.family import Family
from companion.tui.base import CompanionNode
from companion.tui.widgets.marked_checkbox import MarkedCheckbox


@dataclass(frozen=True)
class ReflectionDefaults:
    """What the form remembers from the last reflection written in this session."""

    children: tuple[str, ...] = ()
    by: str | None = None
    # What was just played (card ids, and their titles to show); never remembered past one form.
    activities: tuple[str, ...] = ()
    activity_titles: tuple[str, ...] = ()


class ReflectionScreen(ModalScreen[ReflectionDefaults | None], CompanionNode):
    CSS_PATH = "reflection.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "save", "Save", id="reflection-save", priority=True),
        Binding("escape", "cancel", "Cancel", id="reflection-cancel"),
    ]

    def __init__(self, family: Family, defaults: ReflectionDefaults) -> None:
        super().__init__()
        self.family = family
        self.defaults = defaults

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="reflection-form"):
            yield Static("A quick reflection", id="reflection-title")
            yield Static(
                "How did it go? What did you notice in your child, and in yourself?", classes="hint"
            )
            yield TextArea(
                self._opening_words(), id="text", soft_wrap=True, show_line_numbers=False
            )
            if self.defaults.activities:
                yield Static(Text(f"Played: {self._played_titles()}"), id="played")
                yield MarkedCheckbox(self._enjoyed_label(), id="enjoyed", compact=True)
            if len(self.family.children) > 1:
                with Horizontal(id="children"):
                    yield Label("About")
                    for child in self.family.children:
                        yield MarkedCheckbox(
                            Text(child.name),
                            child.name in self.defaults.children,
                            compact=True,
                            name=child.name,
                            classes="child",
                        )
            with Horizontal(id="reflection-details"):
                yield Select(
                    [(Text(c.name), c.name) for c in self.family.caregivers],
                    prompt="Written by",
                    value=self._default_author(),
                    id="by",
                    compact=True,
                )
                yield Input(placeholder="tags, e.g. bedtime calm", id="tags", compact=True)
            yield MarkedCheckbox("Bring this to our therapist", id="therapist", compact=True)
            yield Static("", id="reflection-error", classes="error-line")
            with Horizontal(id="reflection-buttons"):
                yield Button("Save", id="save", variant="primary")
                yield Button("Cancel", id="cancel")

    def _default_author(self) -> str | object:
        if self.defaults.by:
            return self.defaults.by
        if len(self.family.caregivers) == 1:
            return self.family.caregivers[0].name
        return Select.NULL

    def _played_titles(self) -> str:
        return ", ".join(self.defaults.activity_titles or self.defaults.activities)

    def _opening_words(self) -> str:
        # After a game the form can be saved as it is; the caregiver may add more.
        return "We played together. " if self.defaults.activities else ""

    def _enjoyed_label(self) -> Text:
        names = self.defaults.children
        return Text(f"{names[0]} enjoyed it" if len(names) == 1 else "My child enjoyed it")

    def on_mount(self) -> None:
        text = self.query_one("#text", TextArea)
        text.focus()
        text.move_cursor(text.document.end)

    @on(Button.Pressed, "#save")
    def action_save(self) -> None:
        text = self.query_one("#text", TextArea).text
        children = tuple(
            box.name or "" for box in self.query(".child").results(MarkedCheckbox) if box.value
        )
        author = self.query_one("#by", Select).value
        by = author if isinstance(author, str) else None
        tags = tuple(self.query_one("#tags", Input).value.split())
        therapist = self.query_one("#therapist", MarkedCheckbox).value
        enjoyed = self.defaults.activities if self._enjoyed() else ()
        self.query_one("#save", Button).disabled = True
        self._save(text, children, by, tags, therapist, enjoyed)

    def _enjoyed(self) -> bool:
        boxes = self.query("#enjoyed").results(MarkedCheckbox)
        return any(box.value for box in boxes)

    @work(thread=True, exclusive=True, exit_on_error=False)
    def _save(
        self,
        text: str,
        children: tuple[str, ...],
        by: str | None,
        tags: tuple[str, ...],
        therapist: bool,
        enjoyed: tuple[str, ...],
    ) -> None:
        self.companion.services.add_reflection(
            text,
            children=children,
            by=by,
            tags=tags,
            for_therapist=therapist,
            activities=self.defaults.activities,
            enjoyed=enjoyed,
        )
        self.app.call_from_thread(self._saved, ReflectionDefaults(children, by))

    def _saved(self, defaults: ReflectionDefaults) -> None:
        self.app.notify(messages.SAVED_REFLECTION, timeout=4, markup=False)
        self.dismiss(defaults)

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)

    def show_worker_error(self, text: str) -> bool:
        self.query_one("#reflection-error", Static).update(Text(text))
        self.query_one("#save", Button).disabled = False
        return True
