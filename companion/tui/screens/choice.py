"""A small question with a few answers as buttons: how long a session, whether to stop."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar, Generic, TypeVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static

Answer = TypeVar("Answer")


class ChoiceScreen(ModalScreen[Answer | None], Generic[Answer]):
    """Dismisses with the chosen answer, or None when closed with escape."""

    CSS_PATH = "choice.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "Back", id="choice-close"),
        Binding("left", "app.focus_previous", "Previous", id="choice-left", show=False),
        Binding("right", "app.focus_next", "Next", id="choice-right", show=False),
    ]

    def __init__(
        self, question: str, answers: Sequence[tuple[str, Answer]], hint: str = ""
    ) -> None:
        super().__init__()
        self.question = question
        self.hint = hint
        self.answers = list(answers)

    def compose(self) -> ComposeResult:
        with Vertical(id="choice"):
            # Questions may name a child or a card: shown as written, never read as markup.
            yield Static(Text(self.question), id="choice-question")
            if self.hint:
                yield Static(Text(self.hint), classes="hint")
            with Horizontal(id="choice-answers"):
                for number, (label, _) in enumerate(self.answers):
                    yield Button(Text(label), id=f"answer-{number}", classes="answer")

    def on_mount(self) -> None:
        self.query(".answer").first(Button).focus()

    @on(Button.Pressed, ".answer")
    def _chosen(self, event: Button.Pressed) -> None:
        number = int((event.button.id or "answer-0").removeprefix("answer-"))
        self.dismiss(self.answers[number][1])

    def action_close(self) -> None:
        self.dismiss(None)


class AskScreen(ChoiceScreen[bool]):
    """A yes-or-no question: y or its button is yes; n, escape or its button is no."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("y", "answer(True)", "Yes", id="ask-yes"),
        Binding("n", "answer(False)", "No", id="ask-no"),
    ]

    def __init__(self, question: str, yes: str, no: str = "Not now") -> None:
        super().__init__(question, [(f"{yes} (y)", True), (f"{no} (n)", False)])

    def action_answer(self, yes: bool) -> None:
        self.dismiss(yes)

    def action_close(self) -> None:
        self.dismiss(False)
