"""Now and next: the child's room. One step, large; the next one small beneath it; a slow,
calm countdown; one big "done" (space, or a click) to move on. At the end a quiet "All done",
and the routine is checked off for the day.

Nothing else is on screen: no header, no footer, no notifications (they wait for the grown-up
screens). It is a modal screen so the app's single keys (r, l, t, ?) do nothing here, and
escape does nothing either: leaving needs ctrl+x, a key a small child won't press by chance.
No red, no flashing, no sound; the countdown's words change once a minute at most."""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from datetime import date
from typing import ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Center, Vertical
from textual.screen import ModalScreen
from textual.timer import Timer
from textual.widgets import Button, Static

from companion.domain.dates import day_words
from companion.domain.routine import Routine, Step
from companion.tui.base import CompanionNode

MAX_DOTS = 12  # the countdown's dots: one a minute, up to this many
LEAVE_HINT = "Grown-ups: ctrl+x to leave."
TAKE_YOUR_TIME = "Take your time."


class NowNextScreen(ModalScreen[None], CompanionNode):
    CSS_PATH = "now_next.tcss"
    AUTO_FOCUS = None  # nothing to focus: space is the screen's key, the button the mouse's
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("space", "done", "Done", id="now-next-done", show=False),
        Binding("ctrl+x", "leave", "Leave", id="now-next-leave", show=False, priority=True),
    ]

    def __init__(
        self,
        routine: Routine,
        *,
        day: date | None = None,
        by: str | None = None,
        seconds_per_minute: float = 60.0,
        tick_seconds: float = 5.0,
        steady_seconds: float = 1.0,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        """`day` is the day checked off at the end (default today); `by` the caregiver's
        name, if known. Tests shorten the minute and the tick; `steady_seconds` is how long
        "done" waits after a step appears (by `clock`), so a second press by an eager hand
        does not skip the next step unseen."""
        super().__init__()
        self.routine = routine
        self.day = day
        self.by = by
        self.seconds_per_minute = seconds_per_minute
        self.tick_seconds = tick_seconds
        self.steady_seconds = steady_seconds
        self.clock = clock
        self.index = 0
        self.elapsed = 0.0
        self.finished = False
        self.saved = False
        self._saving = False
        self._leave_when_saved = False
        self._countdown_shown = ""
        self._step_shown_at = 0.0
        self._timer: Timer | None = None

    def compose(self) -> ComposeResult:
        with Vertical(id="now-next"):
            yield Static("", id="now-where")
            yield Static("", id="now-step")
            yield Static("", id="now-countdown")
            yield Static("", id="now-then")
            with Center(id="now-done-row"):
                done = Button("Done", id="now-done", variant="primary")
                done.can_focus = False
                yield done
            yield Static(LEAVE_HINT, id="now-leave")

    def on_mount(self) -> None:
        self._timer = self.set_interval(self.tick_seconds, self.tick)
        self._show_step()

    @property
    def step(self) -> Step:
        return self.routine.steps[self.index]

    def _show_step(self) -> None:
        steps = self.routine.steps
        # The family's own words: Text, never markup.
        self.query_one("#now-where", Static).update(
            Text(f"{self.routine.name} · step {self.index + 1} of {len(steps)}")
        )
        self.query_one("#now-step", Static).update(Text(self.step.text))
        following = steps[self.index + 1] if self.index + 1 < len(steps) else None
        self.query_one("#now-then", Static).update(
            Text(f"Next: {following.text}") if following else Text("Next: all done")
        )
        self._step_shown_at = self.clock()
        self._show_countdown()

    def tick(self) -> None:
        """One tick of the slow timer (the app calls it every `tick_seconds`)."""
        if self.finished:
            return
        self.elapsed += self.tick_seconds
        self._show_countdown()

    def _show_countdown(self) -> None:
        total = max(self.step.minutes, 1) * self.seconds_per_minute
        shown = calm_countdown(self.elapsed, total, self.seconds_per_minute, self.step.minutes)
        if shown != self._countdown_shown:  # nothing is redrawn while the words stay the same
            self._countdown_shown = shown
            self.query_one("#now-countdown", Static).update(shown)

    @on(Button.Pressed, "#now-done")
    def action_done(self) -> None:
        if self.finished:
            return
        if self.clock() - self._step_shown_at < self.steady_seconds:
            return  # the step has only just appeared: a second press is let go
        if self.index + 1 >= len(self.routine.steps):
            self._finish()
            return
        self.index += 1
        self.elapsed = 0.0
        self._show_step()

    def _finish(self) -> None:
        self.finished = True
        if self._timer is not None:
            self._timer.stop()
        self.query_one("#now-where", Static).update(Text(self.routine.name))
        self.query_one("#now-step", Static).update("All done")
        self.query_one("#now-countdown", Static).update("Well done, everyone.")
        self.query_one("#now-then", Static).update("")
        self.query_one("#now-done-row").display = False
        self.add_class("finished")
        self._saving = True
        self.when_done(self._check_off(), self._checked_off)

    @work(thread=True, exclusive=True, exit_on_error=False, group="now-next")
    def _check_off(self) -> str:
        services = self.companion.services
        today = services.today()
        day = self.day or today
        services.routines.check_off(self.routine.id, day=day, status="done", by=self.by)
        when = "today" if day == today else day_words(day, today)
        return f"{self.routine.name} is checked off for {when}."

    def _checked_off(self, said: str) -> None:
        self._saving = False
        self.saved = True
        self.query_one("#now-leave", Static).update(Text(f"{said} {LEAVE_HINT}"))
        if self._leave_when_saved:
            self.dismiss(None)

    def show_worker_error(self, text: str) -> bool:
        # For the grown-up, in the small line: the child's screen stays calm.
        self.query_one("#now-leave", Static).update(
            Text(f"{text} It was not checked off; c on the Routines screen does it. {LEAVE_HINT}")
        )
        self._saving = False
        self._leave_when_saved = False
        return True

    def action_leave(self) -> None:
        if self._timer is not None:
            self._timer.stop()
        if self._saving:
            self._leave_when_saved = True  # the check-off is being written: leave once it is
            return
        self.dismiss(None)


def calm_countdown(elapsed: float, total: float, per_minute: float, minutes: int) -> str:
    """Soft dots, one a minute, going out slowly, and a few words. Once the time is up it
    only says "Take your time": nothing hurries, nothing turns red."""
    left = max(total - elapsed, 0.0)
    dots = min(max(minutes, 1), MAX_DOTS)
    lit = math.ceil(dots * left / total) if total else 0
    row = " ".join("●" * lit + "○" * (dots - lit))
    if left <= 0:
        return f"{row}\n{TAKE_YOUR_TIME}"
    minutes_left = math.ceil(left / per_minute)
    words = "About 1 minute" if minutes_left == 1 else f"About {minutes_left} minutes"
    return f"{row}\n{words}"
