"""The quick reflection: thirty seconds, one key from anywhere, remembering the last choices."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

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


class ReflectionScreen(CompanionNode, ModalScreen[ReflectionDefaults | None]):
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
            yield TextArea(id="text", soft_wrap=True, show_line_numbers=False)
            if len(self.family.children) > 1:
                with Horizontal(id="children"):
                    yield Label("About")
                    for child in self.family.children:
                        yield MarkedCheckbox(
                            child.name,
                            child.name in self.defaults.children,
                            compact=True,
                            name=child.name,
                            classes="child",
                        )
            with Horizontal(id="reflection-details"):
                yield Select(
                    [(c.name, c.name) for c in self.family.caregivers],
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

    def on_mount(self) -> None:
        self.query_one("#text", TextArea).focus()

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
        self.query_one("#save", Button).disabled = True
        self._save(text, children, by, tags, therapist)

    @work(thread=True, exclusive=True, exit_on_error=False)
    def _save(
        self,
        text: str,
        children: tuple[str, ...],
        by: str | None,
        tags: tuple[str, ...],
        therapist: bool,
    ) -> None:
        self.companion.services.add_reflection(
            text, children=children, by=by, tags=tags, for_therapist=therapist
        )
        self.app.call_from_thread(self._saved, ReflectionDefaults(children, by))

    def _saved(self, defaults: ReflectionDefaults) -> None:
        self.app.notify(messages.SAVED_REFLECTION, timeout=4)
        self.dismiss(defaults)

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)

    def show_worker_error(self, text: str) -> bool:
        self.query_one("#reflection-error", Static).update(text)
        self.query_one("#save", Button).disabled = False
        return True
