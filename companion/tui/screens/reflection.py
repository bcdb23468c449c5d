"""The quick reflection: thirty seconds, one key from anywhere, remembering the last choices.
One more key ("More") carries what was typed into the full form."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Button, Input, Select, Static, TextArea
from textual.worker import Worker

from companion.domain import messages
from companion.domain.family import Family
from companion.domain.reflection import ReflectionDraft
from companion.domain.states import FEELING_WORDS, FEELINGS
from companion.tui.forms import FormScreen
from companion.tui.widgets.form_fields import child_boxes
from companion.tui.widgets.marked_checkbox import MarkedCheckbox


@dataclass(frozen=True)
class ReflectionDefaults:
    """What the form remembers from the last reflection written in this session."""

    children: tuple[str, ...] = ()
    by: str | None = None
    # What was just played (card ids, and their titles to show); never remembered past one form.
    activities: tuple[str, ...] = ()
    activity_titles: tuple[str, ...] = ()
    # A routine's name, when the reflection is about one (the full form's "which routine").
    routine: str | None = None


class ReflectionScreen(FormScreen[ReflectionDefaults]):
    CSS_PATH = "reflection.tcss"
    ERROR_LINE = "#reflection-error"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "ctrl+o",
            "more",
            "More",
            id="reflection-more",
            tooltip="The full form: engagement, before and after, what I noticed",
        ),
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
            if self.defaults.routine:
                yield Static(Text(f"Routine: {self.defaults.routine}"), id="routine")
            yield from child_boxes(self.family, self.defaults.children)
            with Horizontal(id="reflection-details"):
                yield Select(
                    [(Text(c.name), c.name) for c in self.family.caregivers],
                    prompt="Written by",
                    value=self._default_author(),
                    id="by",
                    compact=True,
                )
                yield Select(
                    [(FEELING_WORDS[f], f) for f in FEELINGS],
                    prompt="How I am",
                    value=self.companion.state.feeling or Select.NULL,
                    id="how-i-am",
                    compact=True,
                )
                yield Input(placeholder="tags, e.g. bedtime calm", id="tags", compact=True)
            yield MarkedCheckbox("Bring this to our therapist", id="therapist", compact=True)
            yield Static("", id="reflection-error", classes="error-line")
            with Horizontal(id="reflection-buttons"):
                yield Button("More (ctrl+o)", id="more", tooltip="Switch to the full form")
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

    def _draft(self) -> ReflectionDraft:
        """Everything on the form as it stands."""
        author = self.query_one("#by", Select).value
        feeling = self.query_one("#how-i-am", Select).value
        return ReflectionDraft(
            text=self.query_one("#text", TextArea).text,
            children=tuple(
                box.name or "" for box in self.query(".child").results(MarkedCheckbox) if box.value
            ),
            by=author if isinstance(author, str) else None,
            tags=tuple(self.query_one("#tags", Input).value.split()),
            for_therapist=self.query_one("#therapist", MarkedCheckbox).value,
            activities=self.defaults.activities,
            enjoyed=self.defaults.activities if self._enjoyed() else (),
            routine=self.defaults.routine,
            feeling=feeling if isinstance(feeling, str) else None,
        )

    def start_save(self) -> Worker[ReflectionDefaults]:
        return self._save(self._draft())

    def _enjoyed(self) -> bool:
        boxes = self.query("#enjoyed").results(MarkedCheckbox)
        return any(box.value for box in boxes)

    @work(thread=True, exclusive=True, exit_on_error=False)
    def _save(self, draft: ReflectionDraft) -> ReflectionDefaults:
        self.companion.services.save_reflection(draft)
        return ReflectionDefaults(draft.children, draft.by)

    def saved(self, defaults: ReflectionDefaults) -> None:
        self.app.notify(messages.SAVED_REFLECTION, timeout=4, markup=False)
        self.dismiss(defaults)

    @on(Button.Pressed, "#more")
    def action_more(self) -> None:
        """The full form in this one's place, with every word and choice carried over."""
        if self.save_button.disabled:
            return  # already on its way to being saved
        app, draft = self.companion, self._draft()
        self.dismiss(None)
        app.reflect_on(self.defaults, full=True, draft=draft)
