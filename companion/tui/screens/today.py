"""Today: one question about the caregiver, then today's connection game for each child,
explained, with another one on request and a home session a key away."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from typing import ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Container, Horizontal, Vertical, VerticalScroll
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Button, Footer, Header, Select, Static, Tab, Tabs

from companion.domain.activity import Activity
from companion.domain.family import Child
from companion.domain.picker import Conditions, TodaysPick
from companion.domain.session_plan import SessionPlan
from companion.domain.states import Feeling
from companion.tui.base import CompanionNode
from companion.tui.screens.choice import ChoiceScreen
from companion.tui.screens.reflection import ReflectionDefaults
from companion.tui.screens.session import SessionScreen
from companion.tui.widgets.card_text import (
    INVITATION,
    card_facts,
    how_to_play,
    notice_and_variations,
)
from companion.tui.widgets.pick_filters import PickFilters

FEELINGS: tuple[tuple[Feeling, str], ...] = (
    ("calm", "Calm"),
    ("stretched", "Stretched"),
    ("empty", "Running on empty"),
)
SESSION_LENGTHS = [("5 minutes", 5), ("10 minutes", 10), ("15 minutes", 15)]
WIDE_WIDTH = 110  # from here the steps and what to notice sit side by side


class TodayScreen(Screen[None], CompanionNode):
    CSS_PATH = "today.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("1", "feel('calm')", "Calm", id="today-calm"),
        Binding("2", "feel('stretched')", "Stretched", id="today-stretched"),
        Binding("3", "feel('empty')", "Running on empty", id="today-empty"),
        Binding("a", "another", "Another one", id="today-another"),
        Binding("s", "start_session", "Session", id="today-session", tooltip="Start a session"),
        Binding("p", "played", "We played it", id="today-played", tooltip="Note that we played it"),
        Binding("c", "next_child", "Next child", id="today-next-child"),
        Binding("f", "ask_feeling", "How I am", id="today-feeling", tooltip="Say how I am today"),
        Binding("escape", "back", "Back", id="today-back"),
    ]

    class Loaded(Message):
        def __init__(self, picks: list[tuple[Child, TodaysPick]], request: int) -> None:
            super().__init__()
            self.picks = picks
            self.request = request

    class PlanReady(Message):
        def __init__(self, child: Child, plan: SessionPlan) -> None:
            super().__init__()
            self.child = child
            self.plan = plan

    def __init__(self, *, start_session: bool = False) -> None:
        super().__init__()
        self.children_here = self.companion.state.family.children
        self.current = 0
        self.picks: dict[str, TodaysPick] = {}
        self.another: dict[str, int] = {}
        # Each load is numbered; a child's picks come only from the newest load asked for them.
        self._requests = 0
        self._newest: dict[str, int] = {}  # child id -> the number of their newest load
        self.asking = False
        self.session_when_ready = start_session

    # -- layout ---------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="feeling", classes="panel"):
            yield Static("How are you today?", id="feeling-question")
            yield Static(
                "There is no wrong answer. It helps choose a game that fits your day.",
                classes="hint",
            )
            with Horizontal(id="feeling-answers"):
                for number, (feeling, label) in enumerate(FEELINGS, start=1):
                    yield Button(f"{label} ({number})", id=f"feel-{feeling}", classes="feel")
        with Vertical(id="today-body"):
            if len(self.children_here) > 1:
                yield Tabs(
                    *(Tab(Text(c.name), id=f"child-{n}") for n, c in enumerate(self.children_here)),
                    id="child-tabs",
                )
            yield PickFilters(id="filters")
            yield Static("", id="rest-line", classes="panel")
            with VerticalScroll(id="pick", classes="panel"):
                yield Static("Choosing a game…", id="pick-title")
                yield Static("", id="pick-why")
                with Container(id="pick-details"):
                    yield Static("", id="pick-how")
                    yield Static("", id="pick-notice")
                yield Static(INVITATION, id="pick-invitation", classes="hint")
        yield Footer()

    def on_mount(self) -> None:
        if self.companion.state.feeling is None:
            self.action_ask_feeling()
        else:
            self._show_picks_area()

    def on_resize(self) -> None:
        self.set_class(self.size.width >= WIDE_WIDTH, "wide")

    def action_ask_feeling(self) -> None:
        self.asking = True
        self.query_one("#feeling").display = True
        self.query_one("#today-body").display = False
        self.query(".feel").first(Button).focus()
        self.refresh_bindings()

    @on(Button.Pressed, ".feel")
    def _feeling_pressed(self, event: Button.Pressed) -> None:
        self.action_feel((event.button.id or "feel-calm").removeprefix("feel-"))

    def action_feel(self, feeling: str) -> None:
        self.companion.state.feeling = next((f for f, _ in FEELINGS if f == feeling), "calm")
        self.another.clear()
        self._show_picks_area()

    def _show_picks_area(self) -> None:
        self.asking = False
        self.query_one("#feeling").display = False
        self.query_one("#today-body").display = True
        self.query_one("#pick").focus()
        self.refresh_bindings()
        self._reload_all()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "feel":
            return self.asking
        if action in ("another", "played"):
            return not self.asking and self._shown_pick() is not None
        if action == "next_child":
            return not self.asking and len(self.children_here) > 1
        if action in ("start_session", "ask_feeling"):
            return not self.asking
        return True

    # -- loading picks, always in a thread --------------------------------------------------

    def _conditions(self) -> Conditions:
        return self.query_one(PickFilters).conditions(self.companion.state.feeling or "calm")

    def _reload_all(self) -> None:
        self.picks.clear()
        self.another.clear()
        self._render_child()
        self._load(self._conditions(), None, 0, self._new_request(self.children_here))

    @on(Select.Changed, "#filters Select")
    def _filters_changed(self) -> None:
        if not self.asking:
            self._reload_all()

    def _new_request(self, children: Iterable[Child]) -> int:
        """Number a new load of these children's picks: older loads no longer count for them."""
        self._requests += 1
        for child in children:
            self._newest[child.id] = self._requests
        return self._requests

    # Not exclusive: cancelling a thread worker does not stop it (its result still comes,
    # and is told apart by its number), while one cancelled before it started never would.
    @work(thread=True, exit_on_error=False, group="today-picks")
    def _load(self, conditions: Conditions, child: str | None, another: int, request: int) -> None:
        picks = self.companion.services.picks.for_today(conditions, child=child, another=another)
        self.post_message(self.Loaded(picks, request))

    @on(Loaded)
    def _loaded(self, event: Loaded) -> None:
        fresh = [(c, t) for c, t in event.picks if self._newest.get(c.id) == event.request]
        if not fresh:
            return  # a newer load for these children is on its way
        for child, todays in fresh:
            self.picks[child.id] = todays
        self._render_child()
        self.refresh_bindings()
        if self.session_when_ready:
            self.session_when_ready = False
            self.action_start_session()

    # -- showing one child's pick -------------------------------------------------------

    def _child(self) -> Child | None:
        if not self.children_here:
            return None
        return self.children_here[self.current % len(self.children_here)]

    def _shown_pick(self) -> Activity | None:
        child = self._child()
        todays = self.picks.get(child.id) if child else None
        return todays.pick.card.activity if todays and todays.pick else None

    def _render_child(self) -> None:
        child = self._child()
        panel = self.query_one("#pick", VerticalScroll)
        rest_line = self.query_one("#rest-line", Static)
        todays = self.picks.get(child.id) if child else None
        panel.border_title = Text(f"Today's connection game for {child.name}" if child else "")
        if child is None or todays is None:
            rest_line.display = False
            panel.display = True
            self._fill(Text("Choosing a game…"), Text(), Text(), Text())
            return
        rest_line.display = todays.rest_is_fine or todays.pick is None
        rest_line.update(Text(todays.message))
        panel.display = todays.pick is not None
        if todays.pick is None:
            return
        pick = todays.pick
        activity = pick.card.activity
        title = Text(activity.title, style="bold")
        title.append(f"\n{card_facts(activity)}", style="dim")
        self._fill(
            title,
            Text(f"Why today: {pick.explanation()}"),
            how_to_play(activity, no_touch=pick.no_touch, child_name=child.name),
            notice_and_variations(activity, no_touch=pick.no_touch),
        )
        panel.scroll_home(animate=False)

    def _fill(self, title: Text, why: Text, how: Text, notice: Text) -> None:
        self.query_one("#pick-title", Static).update(title)
        self.query_one("#pick-why", Static).update(why)
        self.query_one("#pick-how", Static).update(how)
        self.query_one("#pick-notice", Static).update(notice)

    @on(Tabs.TabActivated, "#child-tabs")
    def _child_chosen(self, event: Tabs.TabActivated) -> None:
        self.current = int((event.tab.id or "child-0").removeprefix("child-"))
        self._render_child()
        self.refresh_bindings()

    def action_next_child(self) -> None:
        tabs = self.query_one("#child-tabs", Tabs)
        tabs.active = f"child-{(self.current + 1) % len(self.children_here)}"

    def action_another(self) -> None:
        child = self._child()
        if child is None:
            return
        self.another[child.id] = self.another.get(child.id, 0) + 1
        request = self._new_request((child,))
        self._load(self._conditions(), child.name, self.another[child.id], request)

    # -- a home session ---------------------------------------------------------------------

    def action_start_session(self) -> None:
        child = self._child()
        if child is None:
            return
        self.app.push_screen(
            ChoiceScreen(
                "How long do you have?",
                SESSION_LENGTHS,
                hint=f"A short session with {child.name}: hello, games, a nurture moment, goodbye.",
            ),
            self._plan_session,
        )

    def _plan_session(self, minutes: int | None) -> None:
        child = self._child()
        if minutes is None or child is None:
            return
        self._make_plan(minutes, child.name, replace(self._conditions(), minutes=None))

    @work(thread=True, exclusive=True, exit_on_error=False, group="today-plan")
    def _make_plan(self, minutes: int, child: str, conditions: Conditions) -> None:
        chosen, plan = self.companion.services.picks.session(
            minutes, child=child, conditions=conditions
        )
        self.post_message(self.PlanReady(chosen, plan))

    @on(PlanReady)
    def _start(self, event: PlanReady) -> None:
        child = event.child
        self.app.push_screen(
            SessionScreen(child, event.plan),
            lambda played: self._after_session(child, played),
        )

    def _after_session(self, child: Child, played: tuple[Activity, ...] | None) -> None:
        """Straight to a short reflection on what was played; then Home, the day's work done."""
        if not played:
            return
        self.app.pop_screen()
        # Asked by the app, not by this screen: the form's answer must outlive Today.
        self.app.call_later(self.companion.reflect_on, played_defaults(self, child, played))

    def action_played(self) -> None:
        child, activity = self._child(), self._shown_pick()
        if child is not None and activity is not None:
            self.companion.reflect_on(played_defaults(self, child, (activity,)))

    def action_back(self) -> None:
        self.dismiss(None)

    def show_worker_error(self, text: str) -> bool:
        # In place and calm: "no game fits a session here" is news, not an alarm.
        line = self.query_one("#rest-line", Static)
        line.update(Text(text))
        line.display = True
        return True


def played_defaults(
    screen: CompanionNode, child: Child, played: tuple[Activity, ...]
) -> ReflectionDefaults:
    """The reflection form's defaults after a game: the child, and what was played."""
    return replace(
        screen.companion.state.reflection_defaults,
        children=(child.name,),
        activities=tuple(a.id for a in played),
        activity_titles=tuple(a.title for a in played),
    )
