"""What every companion screen shares: typed access to the app, and how failures of
thread workers (where every TinyDB call runs) reach the person: one kind sentence,
never a traceback."""

from typing import TYPE_CHECKING, cast

from textual import on
from textual.dom import DOMNode
from textual.worker import Worker, WorkerState

from companion import messages
from companion.domain.errors import CompanionError

if TYPE_CHECKING:
    from companion.tui.app import CompanionApp


class CompanionNode(DOMNode):
    """Mix into a screen after its Textual base (`class X(Screen[None], CompanionNode)`):
    Textual takes styles from the first base only. Its workers use `exit_on_error=False`."""

    @property
    def companion(self) -> "CompanionApp":
        """The app, typed: its services and shared state."""
        return cast("CompanionApp", self.app)

    @on(Worker.StateChanged)
    def _report_failed_worker(self, event: Worker.StateChanged) -> None:
        if event.state != WorkerState.ERROR:
            return
        error = event.worker.error
        if isinstance(error, CompanionError):
            text = error.message
        else:
            text = messages.UNEXPECTED.format(detail=f"{type(error).__name__}: {error}")
        if not self.show_worker_error(text):
            # The words may quote what was typed or a card's title: never read as markup.
            self.app.notify(
                text, title="That did not work", severity="error", timeout=12, markup=False
            )

    def show_worker_error(self, text: str) -> bool:
        """Screens that show errors in place override this and return True."""
        return False
