"""What every companion screen shares: typed access to the app; how a screen acts on what
its thread workers (where every TinyDB call runs) bring back; and how their failures reach
the person: one kind sentence, never a traceback."""

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING, Any, TypeVar, cast
from weakref import WeakKeyDictionary

from textual import events, on
from textual.dom import DOMNode
from textual.screen import Screen
from textual.worker import Worker, WorkerState

from companion.domain import messages
from companion.domain.errors import CompanionError

if TYPE_CHECKING:
    from companion.tui.app import CompanionApp

ResultType = TypeVar("ResultType")

# What to do with a worker's result once it has finished; see `when_done`.
_WHEN_DONE: "WeakKeyDictionary[Worker[Any], Callable[[Any], object]]" = WeakKeyDictionary()
# Results for a screen that something else (the command palette) was over when they came.
_WHEN_SHOWN: "WeakKeyDictionary[DOMNode, list[Callable[[], object]]]" = WeakKeyDictionary()


class CompanionNode(DOMNode):
    """Mix into a screen after its Textual base (`class X(Screen[None], CompanionNode)`):
    Textual takes styles from the first base only. Its workers use `exit_on_error=False`."""

    @property
    def companion(self) -> "CompanionApp":
        """The app, typed: its services and shared state."""
        return cast("CompanionApp", self.app)

    def when_done(self, worker: Worker[ResultType], then: Callable[[ResultType], object]) -> None:
        """Call `then` with the worker's result here, on the event loop, once it has finished.

        A screen closes this way rather than from inside its own thread worker: closing a
        screen cancels its running workers, and a worker still waiting on
        `call_from_thread(self.dismiss, ...)` is running, so it ended as cancelled."""
        _WHEN_DONE[worker] = then

    @property
    def saving(self) -> bool:
        """A worker of this node's has a `when_done` still to come. A form asked to save
        again, or to close, meanwhile would save twice or drop the first save's answer."""
        return any(worker.node is self and not worker.is_finished for worker in list(_WHEN_DONE))

    @on(Worker.StateChanged)
    def _worker_changed(self, event: Worker.StateChanged) -> None:
        if not event.worker.is_finished:
            return
        then = _WHEN_DONE.pop(event.worker, None)
        if event.state == WorkerState.SUCCESS and then is not None:
            self._when_shown(partial(then, event.worker.result))
        elif event.state == WorkerState.ERROR:
            self._report_failed(event.worker)

    def _when_shown(self, call: Callable[[], object]) -> None:
        """Act now if this screen is the one shown (`dismiss` closes whichever is on top);
        when it is under another, once it is back; when it has closed, not at all."""
        if not isinstance(self, Screen) or self.app.screen is self:
            call()
        elif self in self.app.screen_stack:
            _WHEN_SHOWN.setdefault(self, []).append(call)

    @on(events.ScreenResume)
    def _shown_again(self) -> None:
        for call in _WHEN_SHOWN.pop(self, []):
            call()

    def _report_failed(self, worker: Worker[Any]) -> None:
        error = worker.error
        if isinstance(error, CompanionError):
            text = error.message
        elif error is None:
            return  # not failed after all
        else:
            text = messages.unexpected(error, self.companion.keep_error(error))
        if not self.show_worker_error(text):
            # The words may quote what was typed or a card's title: never read as markup.
            self.app.notify(
                text, title="That did not work", severity="error", timeout=12, markup=False
            )

    def show_worker_error(self, text: str) -> bool:
        """Screens that show errors in place override this and return True."""
        return False
