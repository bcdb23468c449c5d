"""Blocking work (every TinyDB call) runs in thread workers; this is how their failures
reach the person: one kind sentence in a toast, never a traceback."""

from textual import on
from textual.dom import DOMNode
from textual.worker import Worker, WorkerState

from companion import messages
from companion.domain.errors import CompanionError


class ReportsWorkerErrors(DOMNode):
    """Mix into a screen whose workers use `exit_on_error=False`."""

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
            self.app.notify(text, title="That did not work", severity="error", timeout=12)

    def show_worker_error(self, text: str) -> bool:
        """Screens that show errors in place override this and return True."""
        return False
