"""The companion App: built from its services by `build_app`, used by the CLI and the tests."""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from rich.text import Text
from textual import work
from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.screen import ModalScreen, Screen

from companion.domain import messages
from companion.domain.errors import CompanionError
from companion.domain.family import Family
from companion.services import Services
from companion.store import error_log
from companion.tui.base import CompanionNode
from companion.tui.screens.help import HelpScreen
from companion.tui.screens.home import HomeScreen
from companion.tui.screens.library import LibraryScreen
from companion.tui.screens.reflection import ReflectionDefaults, ReflectionScreen

if TYPE_CHECKING:
    from companion.domain.reflection import ReflectionDraft
    from companion.domain.states import Feeling

LIGHT_THEME = "textual-light"
REMINDERS_AFTER_SECONDS = 1.5
DARK_THEME = "textual-dark"


@dataclass
class AppState:
    """What the screens share: the family as last loaded, and what was just written."""

    family: Family
    reflection_defaults: ReflectionDefaults
    feeling: Feeling | None = None  # how the caregiver said they are, for this run only
    missed_shown: bool = False  # reminders that came while nothing ran: asked once per run


class CompanionApp(App[None], CompanionNode):
    TITLE = "companion"
    SUB_TITLE = "connection games, routines, reflections"
    CSS_PATH = "app.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("r", "reflect", "Reflect", id="reflect", tooltip="Write a quick reflection"),
        Binding(
            "l",
            "open_library",
            "Library",
            id="library",
            tooltip="Every connection game: search, mark, add your own",
        ),
        Binding("t", "open_today", "Today", id="today", tooltip="Today's connection game"),
        Binding(
            "o",
            "open_routines",
            "Routines",
            id="routines",
            tooltip="The family's routines: check off, the week, now and next",
        ),
        Binding(
            "v",
            "open_reflections",
            "Reflections",
            id="reflections",
            tooltip="Everything written: search, read in full, change, delete (with undo)",
        ),
        Binding(
            "b",
            "open_brief",
            "Brief",
            id="brief",
            tooltip="The session brief, to bring to our therapist",
        ),
        Binding("question_mark", "help", "Help", id="help", key_display="?"),
        # Kept out of the footer, so the places fit at 80 columns; Help names them.
        Binding("ctrl+t", "toggle_theme", "Light/dark", id="toggle-theme", show=False),
        Binding("ctrl+q", "quit", "Quit", id="quit", priority=True, show=False),
    ]

    def __init__(self, services: Services, theme: str = DARK_THEME, *, debug: bool = False) -> None:
        super().__init__()
        self.services = services
        self.state = AppState(Family(), ReflectionDefaults())
        self.theme = theme if theme in (LIGHT_THEME, DARK_THEME) else DARK_THEME
        self.debugging = debug or error_log.debugging()
        self._unexpected: Exception | None = None

    # -- an error nobody foresaw ------------------------------------------------------------

    def keep_error(self, error: BaseException) -> Path | None:
        """Keep the traceback in the data folder's error log; where it went (None if not)."""
        return error_log.keep(error, self.services.root)

    def _handle_exception(self, error: Exception) -> None:
        self._unexpected = error
        super()._handle_exception(error)

    def _fatal_error(self) -> None:
        # Textual would print the traceback with its locals, a family's words among them:
        # it goes to the error log, and the family is told one sentence as the app closes.
        error = self._unexpected
        log = self.keep_error(error) if error is not None else None
        if self.debugging or error is None:
            super()._fatal_error()
            return
        self.panic(Text(messages.unexpected(error, log)))

    # Home as a mode (not the default screen) so its own home.tcss is loaded with it.
    MODES: ClassVar[dict[str, str | Callable[[], Screen[Any]]]] = {"home": HomeScreen}
    DEFAULT_MODE = "home"

    def on_mount(self) -> None:
        self._tidy_data_files()
        from companion.reminders.in_app import InAppReminders  # APScheduler loads in start

        self.reminders = InAppReminders(self, self.services.routines)
        # A moment after Home has its words: planning reads every routine and check-off, and
        # a reminder due meanwhile is still given (up to half an hour late).
        self.set_timer(REMINDERS_AFTER_SECONDS, self.reminders.start)

    def on_unmount(self) -> None:
        self.reminders.stop()

    @work(thread=True, exit_on_error=False, group="tidy")
    def _tidy_data_files(self) -> None:
        """Once per start: finish migrations and clear what an interrupted save left.
        Best effort: a file it cannot read is reported by the Home screen, once."""
        with contextlib.suppress(CompanionError):
            self.services.bring_files_up_to_date()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # Reflections and games need a family to be about: not during the first-run setup
        # (the Library, too, would cover the setup a new family is in the middle of).
        if action in (
            "reflect",
            "open_today",
            "start_session",
            "open_library",
            "open_routines",
            "open_reflections",
            "open_brief",
        ):
            return self.state.family.is_set_up
        return True

    # -- actions, each also in the command palette ------------------------------------

    def action_reflect(self) -> None:
        self.reflect_on(self.state.reflection_defaults)

    def action_reflect_full(self) -> None:
        self.reflect_on(self.state.reflection_defaults, full=True)

    def reflect_on(
        self,
        defaults: ReflectionDefaults,
        *,
        full: bool = False,
        draft: ReflectionDraft | None = None,
    ) -> None:
        """The reflection form, prefilled (after a game: what was played). `full`: the full
        form, with what the quick one held (`draft`) when it came from there."""
        from companion.tui.screens.reflection_full import FullReflectionScreen

        family = self.state.family
        if isinstance(self.screen, ReflectionScreen | FullReflectionScreen) or not family.is_set_up:
            return
        form: ReflectionScreen | FullReflectionScreen = (
            FullReflectionScreen(family, defaults, draft=draft)
            if full
            else ReflectionScreen(family, defaults)
        )
        self.push_screen(form, self._after_reflection)

    def action_open_today(self, start_session: bool = False) -> None:
        from companion.tui.screens.session import SessionScreen
        from companion.tui.screens.today import TodayScreen

        # Not on top of itself, a session under way, or a form or question in front.
        if isinstance(self.screen, TodayScreen | SessionScreen | ModalScreen):
            return
        self.push_screen(TodayScreen(start_session=start_session))

    def action_start_session(self) -> None:
        self.action_open_today(start_session=True)

    def _after_reflection(self, saved: ReflectionDefaults | None) -> None:
        if saved is None:
            return
        self.state.reflection_defaults = saved
        if isinstance(self.screen, HomeScreen):
            self.screen.reload()

    def action_help(self) -> None:
        if isinstance(self.screen, HelpScreen):
            return
        self.push_screen(HelpScreen(self.screen.active_bindings.values()))

    def action_open_library(self) -> None:
        # Not on top of itself, nor behind a form or question in front.
        if isinstance(self.screen, LibraryScreen | ModalScreen):
            return
        self.push_screen(LibraryScreen())

    def action_open_routines(self) -> None:
        from companion.tui.screens.routines import RoutinesScreen

        if isinstance(self.screen, RoutinesScreen | ModalScreen):  # now-and-next is modal
            return
        for screen in self.screen_stack:  # from the week grid: back to the list, not a second
            if isinstance(screen, RoutinesScreen):
                while self.screen is not screen:
                    self.pop_screen()
                return
        self.push_screen(RoutinesScreen())

    def action_open_reflections(self) -> None:
        from companion.tui.screens.reflections import ReflectionsScreen

        # Not on top of itself, nor behind a form or question in front.
        if isinstance(self.screen, ReflectionsScreen | ModalScreen):
            return
        self.push_screen(ReflectionsScreen())

    def action_open_brief(self, appointments: bool = False) -> None:
        """The session brief; `appointments`: with the appointments on top (to add one)."""
        from companion.tui.screens.brief import BriefScreen

        # Not on top of itself, nor behind a form or question in front.
        if isinstance(self.screen, BriefScreen | ModalScreen):
            return
        for screen in self.screen_stack:  # from the appointments: back to the brief
            if isinstance(screen, BriefScreen):
                while self.screen is not screen:
                    self.pop_screen()
                return
        self.push_screen(BriefScreen(show_appointments=appointments))

    def action_toggle_theme(self) -> None:
        self.theme = LIGHT_THEME if self.theme == DARK_THEME else DARK_THEME
        self._remember_theme(self.theme)

    @work(thread=True, exit_on_error=False, group="settings")
    def _remember_theme(self, theme: str) -> None:
        self.services.set_theme(theme)

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        yield SystemCommand(
            "Write a reflection", "A quick note on how it went (r)", self.action_reflect
        )
        yield SystemCommand(
            "Write a full reflection",
            "Engagement, before and after, what I noticed, rupture and repair, questions",
            self.action_reflect_full,
        )
        yield SystemCommand(
            "Today's connection game", "A game for each child, and why (t)", self.action_open_today
        )
        yield SystemCommand(
            "Start a home session",
            "Hello, games, a nurture moment, goodbye: 5, 10 or 15 minutes",
            self.action_start_session,
        )
        yield SystemCommand(
            "Library",
            "Every connection game: search, filter, mark, add your own (l)",
            self.action_open_library,
        )
        yield SystemCommand(
            "Routines",
            "Morning, after school, bedtime: check off, the week, now and next (o)",
            self.action_open_routines,
        )
        yield SystemCommand(
            "Reflections",
            "Everything written, newest first: search, filter, read, change, delete (v)",
            self.action_open_reflections,
        )
        yield SystemCommand(
            "Session brief",
            "Since the last appointment, for our therapist: preview, save as a file (b)",
            self.action_open_brief,
        )
        yield SystemCommand(
            "Help", "The keys of this screen, and what companion is for (?)", self.action_help
        )
        yield SystemCommand(
            "Light or dark",
            "Switch between the light and dark look (ctrl+t)",
            self.action_toggle_theme,
        )
        yield SystemCommand("Home", "Back to the start screen", self.action_go_home)
        yield SystemCommand("Quit", "Close companion (ctrl+q)", self.action_quit)

    def action_go_home(self) -> None:
        while len(self.screen_stack) > 1:
            self.pop_screen()


def build_app(services: Services, *, debug: bool = False) -> CompanionApp:
    """The one place an App is made. Reading the saved theme here runs before the event
    loop starts, so no TinyDB call happens on it."""
    return CompanionApp(services, theme=services.theme(), debug=debug)
