"""What every form shares: saving once, leaving without losing words by accident, and saying a
problem in place.

- ctrl+s (or the Save button) saves. The form reads itself in `start_save` and hands back the
  thread worker that saves; a second ctrl+s while that worker runs waits for it, and so does
  escape, so nothing is saved twice and no answer is dropped. The form closes with the saved
  result once the worker has finished (`CompanionNode.when_done`), never from inside it.
- escape (or Cancel) leaves. A form that would lose words (`has_changes`) asks first, and
  staying is the first answer, so a tired enter keeps them.
- A problem (a check, or the services' one sentence) shows in the form's error line, and the
  Save button comes back.
"""

from __future__ import annotations

from typing import Any, ClassVar, Generic, TypeVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.screen import ModalScreen
from textual.widgets import Button, Static
from textual.worker import Worker

from companion.tui.base import CompanionNode
from companion.tui.screens.choice import ChoiceScreen

Result = TypeVar("Result")


class LeaveScreen(ChoiceScreen[bool]):
    """Leave a form and lose what was written? y leaves; n, escape or enter stays."""

    CSS_PATH = "screens/choice.tcss"  # relative to this module, not to ChoiceScreen's

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("y", "answer(True)", "Leave", id="leave-yes"),
        Binding("n", "answer(False)", "Stay", id="leave-no"),
    ]

    def __init__(self, question: str) -> None:
        super().__init__(
            question, [("Keep writing (n)", False), ("Leave without saving (y)", True)]
        )

    def action_answer(self, leave: bool) -> None:
        self.dismiss(leave)

    def action_close(self) -> None:
        self.dismiss(False)


class FormScreen(ModalScreen[Result | None], CompanionNode, Generic[Result]):
    """A form that saves in a thread and closes with what it saved (None when left)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "save", "Save", id="form-save", priority=True),
        Binding("escape", "cancel", "Cancel", id="form-cancel"),
    ]
    # Where problems are said; forms with a layout of their own name their error line.
    ERROR_LINE: ClassVar[str] = "#form-error"
    # Asked before leaving a form with changes; "" leaves at once.
    LEAVE_QUESTION: ClassVar[str] = ""

    def buttons(self, *more: Button) -> ComposeResult:
        """The error line and the Save and Cancel buttons, for the small forms."""
        yield Static("", id="form-error", classes="error-line")
        with Horizontal(classes="form-buttons"):
            yield from more
            yield Button("Save", id="save", variant="primary", compact=True)
            yield Button("Cancel", id="cancel", compact=True)

    # -- saving ------------------------------------------------------------------------------

    def start_save(self) -> Worker[Any] | None:
        """Read and check the form; start the worker that saves it, or say why not (None)."""
        raise NotImplementedError

    def saved(self, result: Any) -> None:
        """On the event loop, with what the save worker returned, once it is on disk: by
        default the form closes with it (a form whose worker says more overrides this)."""
        self.dismiss(result)

    @on(Button.Pressed, "#save")
    def _save_pressed(self) -> None:
        self.action_save()

    def action_save(self) -> None:
        if self.saving or self.save_button.disabled:
            return  # one save at a time; the form closes when it is done
        self.say("")
        worker = self.start_save()
        if worker is not None:
            self.busy(True)
            self.when_done(worker, self.saved)

    # -- leaving -----------------------------------------------------------------------------

    def has_changes(self) -> bool:
        """Whether leaving now would lose something written or chosen."""
        return False

    @on(Button.Pressed, "#cancel")
    def _cancel_pressed(self) -> None:
        self.action_cancel()

    def action_cancel(self) -> None:
        if self.saving:
            return  # the save's answer is on its way; the form closes with it
        if not self.LEAVE_QUESTION or not self.has_changes():
            self.dismiss(None)
            return
        self.app.push_screen(LeaveScreen(self.LEAVE_QUESTION), self._leave_if)

    def _leave_if(self, leave: bool | None) -> None:
        if leave:
            self.dismiss(None)

    # -- saying --------------------------------------------------------------------------------

    @property
    def save_button(self) -> Button:
        return self.query_one("#save", Button)

    def say(self, words: str) -> None:
        """A problem in one sentence (words may quote what was typed: never markup)."""
        self.query_one(self.ERROR_LINE, Static).update(Text(words))

    def busy(self, busy: bool) -> None:
        self.save_button.disabled = busy

    def show_worker_error(self, text: str) -> bool:
        self.say(text)
        self.busy(False)
        return True
