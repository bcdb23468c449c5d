"""A home session, one step at a time: hello, games, a nurture moment, goodbye.

The timer is gentle on purpose: a slow bar and "about N min left", no seconds ticking, no red,
no flashing, no sound. When a step's time is up it only says "when you are ready, next"."""

from __future__ import annotations

import math
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Container, Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Button, Footer, Header, Static

from companion.domain.activity import Activity
from companion.domain.family import Child
from companion.domain.session_plan import SessionPlan, SessionStep
from companion.tui.base import CompanionNode
from companion.tui.screens.choice import ChoiceScreen
from companion.tui.widgets.card_text import (
    INVITATION,
    card_facts,
    how_to_play,
    notice_and_variations,
)

ROLE_LABELS = {
    "hello": "Hello",
    "game": "Game",
    "nurture": "Nurture moment",
    "goodbye": "Goodbye",
}
BAR_WIDTH = 30
WIDE_WIDTH = 110  # from here the steps and what to notice sit side by side
WHEN_READY = "When you are ready, next (n)."


class SessionScreen(Screen[tuple[Activity, ...]], CompanionNode):
    """Dismisses with the activities played, in order (empty when none was reached)."""

    CSS_PATH = "session.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("n", "next_step", "Next", id="session-next"),
        Binding("enter", "next_step", "Next", id="session-next-enter", show=False),
        Binding("p", "pause", "Pause", id="session-pause", tooltip="Pause or carry on"),
        Binding("escape", "end_early", "End", id="session-end", tooltip="End the session here"),
    ]

    # How long a minute lasts, and how often the bar moves: tests shorten them.
    SECONDS_PER_MINUTE: ClassVar[float] = 60.0
    TICK_SECONDS: ClassVar[float] = 1.0

    def __init__(self, child: Child, plan: SessionPlan) -> None:
        super().__init__()
        self.child = child
        self.plan = plan
        self.index = 0
        self.elapsed = 0.0
        self.paused = False
        self.played: list[Activity] = []
        self._timer: Timer | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="session"):
            yield Static("", id="step-count", classes="hint")
            yield Static("", id="step-title")
            with VerticalScroll(id="step-body", classes="panel"):
                with Container(id="step-details"):
                    yield Static("", id="step-how")
                    yield Static("", id="step-notice")
                yield Static(INVITATION, id="step-invitation", classes="hint")
            yield Static("", id="step-timer")
            yield Static("", id="step-next", classes="hint")
            with Horizontal(id="session-buttons"):
                yield Button("Next", id="next", variant="primary", compact=True)
                yield Button("Pause", id="pause", compact=True)
                yield Button("End here", id="end", compact=True)
        yield Footer()

    def on_mount(self) -> None:
        # Keys do the work; the buttons are for the mouse, so enter always means "next".
        for button in self.query(Button):
            button.can_focus = False
        self._timer = self.set_interval(self.TICK_SECONDS, self.tick)
        self._show_step()

    def on_resize(self) -> None:
        self.set_class(self.size.width >= WIDE_WIDTH, "wide")

    @property
    def step(self) -> SessionStep:
        return self.plan.steps[self.index]

    def _show_step(self) -> None:
        step = self.step
        activity = step.card.activity
        if activity not in self.played:
            self.played.append(activity)
        role = ROLE_LABELS.get(step.role, step.role.capitalize())
        count = len(self.plan.steps)
        # Names and card words are shown as written: as Text, never read as markup.
        self.query_one("#step-count", Static).update(
            Text(
                f"{self.plan.minutes}-minute session with {self.child.name} · "
                f"step {self.index + 1} of {count} · {role}"
            )
        )
        self.query_one("#step-title", Static).update(Text(f"{role}: {activity.title}"))
        self.query_one("#step-body", VerticalScroll).border_title = Text(
            card_facts(activity, step.minutes)
        )
        self.query_one("#step-how", Static).update(
            how_to_play(activity, no_touch=step.no_touch, child_name=self.child.name)
        )
        self.query_one("#step-notice", Static).update(
            notice_and_variations(activity, no_touch=step.no_touch)
        )
        self.query_one("#step-body", VerticalScroll).scroll_home(animate=False)
        following = self.plan.steps[self.index + 1] if self.index + 1 < count else None
        self.query_one("#step-next", Static).update(
            Text(f"Then: {following.card.activity.title}")
            if following
            else "Then: the end, well done."
        )
        self.query_one("#next", Button).label = "Next" if following else "Finish"
        self._show_timer()

    def tick(self) -> None:
        """One tick of the gentle timer (the app calls it every TICK_SECONDS); none while
        paused."""
        if self.paused:
            return
        self.elapsed += self.TICK_SECONDS
        self._show_timer()

    def _show_timer(self) -> None:
        total = max(self.step.minutes, 1) * self.SECONDS_PER_MINUTE
        self.query_one("#step-timer", Static).update(
            gentle_timer(self.elapsed, total, self.SECONDS_PER_MINUTE, paused=self.paused)
        )

    @on(Button.Pressed, "#next")
    def action_next_step(self) -> None:
        if self.index + 1 >= len(self.plan.steps):
            self._finish()
            return
        self.index += 1
        self.elapsed = 0.0
        self._show_step()

    @on(Button.Pressed, "#pause")
    def action_pause(self) -> None:
        self.paused = not self.paused
        self.query_one("#pause", Button).label = "Carry on" if self.paused else "Pause"
        self._show_timer()

    @on(Button.Pressed, "#end")
    def action_end_early(self) -> None:
        self.app.push_screen(
            ChoiceScreen(
                "End the session here?",
                [("End here", True), ("Keep going", False)],
                hint="Stopping early is fine. You can still write a few words.",
            ),
            self._end_answered,
        )

    def _end_answered(self, end: bool | None) -> None:
        if end:
            self._finish()

    def _finish(self) -> None:
        if self._timer is not None:
            self._timer.stop()
        self.dismiss(tuple(self.played))


def gentle_timer(elapsed: float, total: float, per_minute: float, *, paused: bool) -> str:
    """A slow bar and a few plain words; shapes, not colours, show what is done."""
    done = min(elapsed / total, 1.0)
    filled = round(done * BAR_WIDTH)
    bar = "▰" * filled + "▱" * (BAR_WIDTH - filled)
    if paused:
        words = "Paused. Press p to carry on."
    elif done >= 1.0:
        words = WHEN_READY
    else:
        left = math.ceil((total - elapsed) / per_minute)
        words = f"About {left} min left."
    return f"{bar}  {words}"
