"""Home: one glance at the family, today, what comes next and what was noticed lately."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Grid, Vertical, VerticalScroll
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Footer, Header, Label, Static

from companion.domain.appointment import Appointment
from companion.domain.family import Child, Family
from companion.domain.reflection import Reflection
from companion.domain.routine import DayChange, Occurrence, Routine
from companion.services import HomeSummary
from companion.tui.base import CompanionNode

if TYPE_CHECKING:
    from companion.domain.picker import Pick, TodaysPick
    from companion.domain.routine import Missed
    from companion.domain.states import Feeling

NARROW_WIDTH = 60
PICK_PLACEHOLDER = "Choosing today's connection game…"
ROUTINE_PLACEHOLDER = "Your routines will show here, with their first step and what comes next."


class HomeScreen(Screen[None], CompanionNode):
    CSS_PATH = "home.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("n", "now_next", "Now/next", id="home-now-next", tooltip="The child's view"),
    ]
    glance: RoutinesAtAGlance | None = None
    appointment: Appointment | None = None  # the next one, as last loaded
    offered_brief = False  # the day before an appointment, a note is shown once per run

    class Loaded(Message):
        def __init__(self, summary: HomeSummary) -> None:
            super().__init__()
            self.summary = summary

    class PicksLoaded(Message):
        def __init__(self, picks: list[tuple[Child, TodaysPick]]) -> None:
            super().__init__()
            self.picks = picks

    class AppointmentLoaded(Message):
        def __init__(self, appointment: Appointment | None, prepare: bool) -> None:
            super().__init__()
            self.appointment = appointment
            self.prepare = prepare  # tomorrow (or today): time to prepare the brief

    class RoutinesLoaded(Message):
        def __init__(self, routines: RoutinesAtAGlance) -> None:
            super().__init__()
            self.routines = routines

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="home-body"):
            yield Static("", id="home-notice", classes="panel")
            with Grid(id="home-grid"):
                with Vertical(id="family", classes="panel"):
                    yield Static("Opening your family's notes…", id="family-words")
                    yield KeptTogether(id="appointment")
                yield Static("", id="week", classes="panel")
                yield Static(PICK_PLACEHOLDER, id="today-pick", classes="panel hint")
                yield Static(ROUTINE_PLACEHOLDER, id="next-routine", classes="panel hint")
            yield VerticalScroll(id="recent", classes="panel")
        # Every place's key fits at 80 columns; ctrl+p is named in Help.
        yield Footer(compact=True, show_command_palette=False)

    def on_mount(self) -> None:
        self.query_one("#family").border_title = "Our family"
        self.query_one("#week").border_title = "This week"
        self.query_one("#today-pick").border_title = "Today's connection game"
        self.query_one("#next-routine").border_title = "Next routine"
        self.query_one("#recent").border_title = "Recent reflections"
        self.query_one("#home-notice").border_title = "Please look"
        self.reload()

    def on_resize(self) -> None:
        self.set_class(self.size.width < NARROW_WIDTH, "narrow")

    RECENT_COUNT = 20

    def reload(self) -> None:
        self._load()

    @work(thread=True, exclusive=True, exit_on_error=False, group="home")
    def _load(self) -> None:
        self.post_message(self.Loaded(self.companion.services.home_summary(self.RECENT_COUNT)))

    @on(Loaded)
    def _show(self, event: Loaded) -> None:
        summary = event.summary
        self.companion.state.family = summary.family
        self.app.refresh_bindings()  # "r Reflect" appears once there is a family
        if not summary.family.is_set_up:
            from companion.tui.screens.setup import SetupScreen

            self.app.push_screen(SetupScreen(summary.family), lambda _: self.reload())
            return
        today = self.companion.services.today()
        self.query_one("#family-words", Static).update(describe_family(summary.family, today))
        self.query_one("#week", Static).update(describe_week(summary.reflections_this_week))
        self._show_recent(summary)
        self._load_picks(self.companion.state.feeling or "calm")
        self._load_routines()
        self._load_appointment()

    def on_screen_resume(self) -> None:
        # Back from Today: the caregiver may have said how they are, so the picks may differ.
        if self.companion.state.family.is_set_up:
            self._load_picks(self.companion.state.feeling or "calm")
            self._load_appointment()  # one may have been added in the brief

    @work(thread=True, exclusive=True, exit_on_error=False, group="home-picks")
    def _load_picks(self, feeling: Feeling) -> None:
        from companion.domain.picker import Conditions

        picks = self.companion.services.picks.for_today(Conditions(feeling=feeling))
        self.post_message(self.PicksLoaded(picks))

    @on(PicksLoaded)
    def _show_picks(self, event: PicksLoaded) -> None:
        self.query_one("#today-pick", Static).update(describe_picks(event.picks))
        self.query_one("#today-pick").set_class(False, "hint")

    @work(thread=True, exclusive=True, exit_on_error=False, group="home-routines")
    def _load_routines(self) -> None:
        routines = self.companion.services.routines
        glance = RoutinesAtAGlance(
            next_up=routines.next_up(),
            heads_up=tuple(routines.heads_up(self.companion.services.today())),
            missed=tuple(routines.missed()),
        )
        self.post_message(self.RoutinesLoaded(glance))

    @on(RoutinesLoaded)
    def _show_routines(self, event: RoutinesLoaded) -> None:
        glance = self.glance = event.routines
        self.refresh_bindings()  # "n Now and next" only when a routine is coming
        panel = self.query_one("#next-routine", Static)
        panel.update(describe_routines(glance, self.companion.services.today()))
        panel.set_class(glance.next_up is None and not glance.heads_up, "hint")
        if glance.missed and not self.companion.state.missed_shown:
            from companion.tui.screens.missed import MissedScreen

            self.companion.state.missed_shown = True  # once per run; answered ones go for good
            self.app.push_screen(MissedScreen(glance.missed), self._reload_routines)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "now_next":  # today's routines only: the child checks off today
            up = self.glance.next_up if self.glance else None
            return up is not None and up.day == self.companion.services.today()
        return True

    @on(events.Click, "#next-routine")
    def action_now_next(self) -> None:
        """The child's full-screen view of the next routine (checked off for today)."""
        from companion.tui.screens.now_next import NowNextScreen

        up = self.glance.next_up if self.glance else None
        if up is None or up.day != self.companion.services.today():
            return
        carers = self.companion.state.family.caregivers
        only = carers[0].name if len(carers) == 1 else None
        self.app.push_screen(NowNextScreen(up.routine, by=only), self._reload_routines)

    def _reload_routines(self, _: object) -> None:
        """Back from a routine screen: what is next may have changed."""
        self._load_routines()

    @work(thread=True, exclusive=True, exit_on_error=False, group="home-appointment")
    def _load_appointment(self) -> None:
        briefs = self.companion.services.briefs
        coming = briefs.next_appointment()
        self.post_message(self.AppointmentLoaded(coming, briefs.time_to_prepare(coming)))

    @on(AppointmentLoaded)
    def _show_appointment(self, event: AppointmentLoaded) -> None:
        from companion.tui.screens.appointments import how_far

        today = self.companion.services.today()
        coming = self.appointment = event.appointment
        line = self.query_one("#appointment", KeptTogether)
        line.show(*describe_appointment(coming, event.prepare, today))
        line.set_class(coming is None, "hint")
        if coming is not None and event.prepare and not self.offered_brief:
            self.offered_brief = True  # once per run, on the day before (or the day)
            self.notify(
                f"The appointment is {how_far(coming.day, today)}. "
                "When you have a quiet moment, press b to prepare the brief.",
                title="Our therapist",
                timeout=10,
                markup=False,
            )

    @on(events.Click, "#appointment")
    def _open_brief(self) -> None:
        # With no appointment yet, the brief opens with the appointments on top, to add one.
        self.companion.action_open_brief(appointments=self.appointment is None)

    @on(events.Click, "#today-pick")
    def _open_today(self) -> None:
        self.companion.action_open_today()

    @on(events.Click, "#recent, #recent *")
    def _open_reflections(self) -> None:
        self.companion.action_open_reflections()

    def show_worker_error(self, text: str) -> bool:
        notice = self.query_one("#home-notice", Static)
        notice.update(Text(text))
        notice.display = True
        return True

    def _show_recent(self, summary: HomeSummary) -> None:
        recent = self.query_one("#recent", VerticalScroll)
        recent.remove_children()
        if not summary.recent:
            recent.mount(
                Label("Nothing written yet. Press r whenever you are ready.", classes="hint")
            )
            return
        recent.mount_all(
            Label(reflection_line(r, summary.family), classes="reflection-line")
            for r in summary.recent
        )


@dataclass(frozen=True)
class RoutinesAtAGlance:
    next_up: Occurrence | None
    heads_up: tuple[tuple[Routine, DayChange], ...]
    missed: tuple[Missed, ...]


def describe_routines(glance: RoutinesAtAGlance, today: date) -> Text:
    """The next routine with its first step and what comes next, then any changed day."""
    up = glance.next_up
    if up is None and not glance.heads_up:
        return Text(ROUTINE_PLACEHOLDER)
    text = Text()
    if up is not None:
        day = "today" if up.day == today else "tomorrow"
        text.append(f"{up.routine.name} at {up.start:%H:%M} {day}\n", style="bold")
        first, *rest = up.routine.steps
        text.append(f"First: {first.text} ({first.minutes} min)\n")
        if rest:
            text.append(f"Then: {rest[0].text}\n", style="dim")
    for routine, change in glance.heads_up:
        day = "Today" if change.day == today else "Tomorrow"
        text.append(f"{day}: {change.describe(routine.name)}.\n", style="italic")
        if change.say_to_child:
            text.append(f'To say: "{change.say_to_child}"\n', style="dim")
    text.rstrip()
    return text


class KeptTogether(Static):
    """Words in two parts, on one line when they fit, else each part on a line of its own
    (so "(in 3 days)" never splits on a narrow screen)."""

    parts: tuple[str, str] = ("", "")

    def show(self, first: str, second: str, style: str = "") -> None:
        self.parts = (first, second)
        self.styles.text_style = style or "none"
        self._fit()

    def on_resize(self) -> None:
        self._fit()

    def _fit(self) -> None:
        first, second = self.parts
        width = self.content_size.width
        fits = not width or len(first) + 1 + len(second) <= width
        self.update(Text(f"{first} {second}" if fits else f"{first}\n{second}"))


def describe_appointment(
    appointment: Appointment | None, prepare: bool, today: date
) -> tuple[str, str, str]:
    """The line under the family, in two parts and a style: the next appointment, and the
    day before it, the offer to prepare the brief."""
    from companion.tui.screens.appointments import how_far, short_day

    if appointment is None:
        return "No appointment noted yet.", "Add one: b, then a.", ""
    far = how_far(appointment.day, today)
    if prepare:
        return f"Appointment {far}.", "Press b to prepare the brief.", "bold"
    return f"Next appointment: {short_day(appointment.day, today)}", f"({far})", ""


def describe_family(family: Family, today: date) -> Text:
    caregivers = " and ".join(c.name for c in family.caregivers)
    children = ", ".join(f"{c.name} ({c.age_on(today)})" for c in family.children)
    return Text(f"Hello, {caregivers}.\nWith {children}.")


def describe_picks(picks: list[tuple[Child, TodaysPick]]) -> Text:
    """Each child's game and why, a line each; the panel is a door to Today."""
    text = Text()
    for child, todays in picks:
        text.append(f"{child.name}: ", style="bold")
        if todays.pick is None:
            text.append(todays.message + "\n")
            continue
        text.append(todays.pick.card.activity.title + "\n", style="bold")
        text.append(strongest_reason(todays.pick) + "\n", style="dim")
    text.append("Press t for the whole game.", style="italic")
    return text


def strongest_reason(pick: Pick) -> str:
    """The one reason Home has room for; Today shows them all."""
    telling = [r for r in pick.reasons if r.kind not in ("no_touch_version", "needs_nothing")]
    return (telling or list(pick.reasons))[0].text if pick.reasons else ""


def describe_week(count: int) -> str:
    if count == 0:
        return "No reflections yet this week. A few words whenever you can (press r)."
    noun = "reflection" if count == 1 else "reflections"
    return f"{count} {noun} this week. Thank you for noticing."


def reflection_line(reflection: Reflection, family: Family) -> Text:
    line = Text()
    line.append(f"{reflection.day:%a %d %b}", style="bold")
    names = ", ".join(family.name_of(i) for i in reflection.children)
    if names:
        line.append(f"  {names}")
    if reflection.for_therapist:
        line.append("  [for our therapist]", style="italic")
    line.append("  " + " ".join(reflection.text.split()))
    return line
