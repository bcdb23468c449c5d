"""The full reflection: how the child joined in and how they were before and after, how I was,
and the written parts (what happened, what I noticed, rupture and repair, questions).

Also the editor of a reflection already written. Nothing typed is lost by one key: escape asks
first, and an error is shown on the form with every word left in place."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime
from typing import ClassVar

from rich.text import Text
from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Grid, Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Footer, Input, Label, Select, Static, TextArea

from companion.domain import messages
from companion.domain.dates import day_words
from companion.domain.family import Family
from companion.domain.reflection import PROMPTS, WRITTEN_PARTS, Reflection, ReflectionDraft
from companion.domain.states import (
    CHILD_STATES,
    ENGAGEMENT_WORDS,
    FEELING_WORDS,
    FEELINGS,
)
from companion.tui.base import CompanionNode
from companion.tui.screens.choice import ChoiceScreen
from companion.tui.screens.reflection import ReflectionDefaults
from companion.tui.widgets.marked_checkbox import MarkedCheckbox

SAVED_CHANGES = "Saved your changes."
LEAVE_QUESTION = "Leave without saving? Your words will be lost."
WIDE_WIDTH = 110  # from here the written parts sit in two columns
TODAY = "today"


@dataclass(frozen=True)
class _Filled:
    """What the form holds: the draft, and the day as typed (read by the service on save)."""

    draft: ReflectionDraft
    day: str


class FullReflectionScreen(ModalScreen[ReflectionDefaults | None], CompanionNode):
    CSS_PATH = "reflection_full.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "save", "Save", id="full-reflection-save", priority=True),
        Binding(
            "ctrl+g",
            "prompt",
            "A prompt",
            id="full-reflection-prompt",
            tooltip="Begin where you are writing with a gentle prompt",
        ),
        Binding("escape", "cancel", "Back", id="full-reflection-cancel"),
    ]

    def __init__(
        self,
        family: Family,
        defaults: ReflectionDefaults,
        *,
        editing: Reflection | None = None,
        draft: ReflectionDraft | None = None,
    ) -> None:
        super().__init__()
        self.family = family
        self.defaults = defaults
        self.editing = editing
        self.given = draft
        self.played_titles = defaults.activity_titles if editing is None else ()
        self.next_prompt = 0
        self.writing_in = "text"  # the written part a prompt goes into
        self.routines_loaded = False

    def _prepare(self) -> None:
        # What counts as "nothing typed yet": the stored reflection, or the form as it opens.
        editing, draft = self.editing, self.given
        self.untouched = self._from_reflection(editing) if editing else self._from_defaults()
        self.filled = _Filled(draft, self._day_text(draft.day)) if draft else self.untouched
        # A session (hello, games, goodbye) is shown as played; one game or none is a choice.
        self.whole_session = len(self.filled.draft.activities) > 1
        self.game = self.filled.draft.activities[0] if self.filled.draft.activities else None

    # -- what the form opens with -----------------------------------------------------------

    def _from_defaults(self) -> _Filled:
        known = {c.name for c in self.family.children}
        draft = ReflectionDraft(
            # After a game the form can be saved as it is, as the quick one can.
            text="We played together. " if self.defaults.activities else "",
            children=tuple(n for n in self.defaults.children if n in known),
            by=self.defaults.by or self._only_caregiver(),
            activities=self.defaults.activities,
            routine=self.defaults.routine,
            feeling=self.companion.state.feeling,
        )
        return _Filled(draft, TODAY)

    def _from_reflection(self, reflection: Reflection) -> _Filled:
        family = self.family
        children = {c.id: c.name for c in family.children}
        caregivers = {c.id: c.name for c in family.caregivers}
        draft = ReflectionDraft(
            text=reflection.text,
            children=tuple(children[c] for c in reflection.children if c in children),
            by=caregivers.get(reflection.by or ""),
            tags=reflection.tags,
            for_therapist=reflection.for_therapist,
            activities=reflection.activities,
            enjoyed=reflection.enjoyed,
            routine=reflection.routine,  # an id until the routines are loaded, then its name
            engagement=reflection.engagement,
            before=reflection.before,
            after=reflection.after,
            feeling=reflection.feeling,
            noticed_child=reflection.noticed_child,
            noticed_self=reflection.noticed_self,
            rupture=reflection.rupture,
            repair=reflection.repair,
            questions=reflection.questions,
        )
        return _Filled(draft, self._day_text(reflection.day))

    def _day_text(self, day: date | None) -> str:
        return TODAY if day is None else day.isoformat()

    def _only_caregiver(self) -> str | None:
        return self.family.caregivers[0].name if len(self.family.caregivers) == 1 else None

    # -- layout -------------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        self._prepare()
        draft = self.filled.draft
        with VerticalScroll(id="full-form"):
            yield Static(
                "Edit reflection" if self.editing else "A full reflection", id="full-title"
            )
            if self.editing:
                yield Static(Text(self._written_line(self.editing)), id="full-written")
            else:
                yield Static("Every part is optional: write what helps.", classes="hint")
            # Where a problem is said (the view comes back up to it): one sentence, words kept.
            yield Static("", id="full-error", classes="error-line")
            with Horizontal(classes="row"):
                with Vertical(classes="field", id="day-field"):
                    yield Label("Day")
                    yield Input(
                        self.filled.day,
                        placeholder="today, yesterday, 2026-11-20",
                        id="day",
                        compact=True,
                    )
                with Vertical(classes="field", id="routine-field"):
                    yield Label("A routine it was about")
                    yield Select(
                        self._routine_options(),
                        prompt="none",
                        value=self._routine_value(),
                        id="routine",
                        compact=True,
                    )
            if self.whole_session:
                yield Static(Text(self._played_line()), id="played")
            with Horizontal(classes="row"):
                if not self.whole_session:
                    with Vertical(classes="field", id="activity-field"):
                        yield Label("A game it was about")
                        yield Select(
                            self._activity_options(),
                            prompt="none",
                            value=draft.activities[0] if draft.activities else Select.NULL,
                            id="activity",
                            compact=True,
                        )
                enjoyed = MarkedCheckbox(
                    self._enjoyed_label(), bool(draft.enjoyed), id="enjoyed", compact=True
                )
                enjoyed.display = bool(draft.activities)
                yield enjoyed
            if len(self.family.children) > 1:
                with Horizontal(id="children"):
                    yield Label("About")
                    for child in self.family.children:
                        yield MarkedCheckbox(
                            Text(child.name),
                            child.name in draft.children,
                            compact=True,
                            name=child.name,
                            classes="child",
                        )
            with Horizontal(classes="row"):
                with Vertical(classes="field", id="engagement-field"):
                    yield Label("How they joined in")
                    yield Select(
                        [(f"{n} {words}", n) for n, words in ENGAGEMENT_WORDS.items()],
                        prompt="not noted",
                        value=draft.engagement or Select.NULL,
                        id="engagement",
                        compact=True,
                    )
                for name, label, value in (
                    ("before", "Before", draft.before),
                    ("after", "After", draft.after),
                ):
                    with Vertical(classes="field state-field"):
                        yield Label(label)
                        yield Select(
                            [(state, state) for state in CHILD_STATES],
                            prompt="not noted",
                            value=value or Select.NULL,
                            id=name,
                            compact=True,
                        )
            with Horizontal(classes="row"):
                with Vertical(classes="field", id="feeling-field"):
                    yield Label("How I was")
                    yield Select(
                        [(FEELING_WORDS[f], f) for f in FEELINGS],
                        prompt="not noted",
                        value=draft.feeling or Select.NULL,
                        id="how-i-am",
                        compact=True,
                    )
                with Vertical(classes="field", id="by-field"):
                    yield Label("Written by")
                    yield Select(
                        [(Text(c.name), c.name) for c in self.family.caregivers],
                        prompt="choose",
                        value=draft.by or Select.NULL,
                        id="by",
                        compact=True,
                    )
                with Vertical(classes="field", id="tags-field"):
                    yield Label("Tags")
                    yield Input(
                        " ".join(draft.tags),
                        placeholder="e.g. bedtime calm",
                        id="tags",
                        compact=True,
                    )
            yield Static(self._prompt_hint(), id="prompt-hint", classes="hint")
            with Grid(id="written"):
                for name, label in WRITTEN_PARTS:
                    with Vertical(classes="part"):
                        yield Label(label + (", one a line" if name == "questions" else ""))
                        yield TextArea(
                            getattr(draft, name),
                            id=name,
                            soft_wrap=True,
                            show_line_numbers=False,
                            classes="written",
                        )
            with Horizontal(id="full-buttons"):
                yield MarkedCheckbox(
                    "Discuss with our therapist", draft.for_therapist, id="therapist", compact=True
                )
                yield Button("Save (ctrl+s)", id="save", variant="primary")
                yield Button("Cancel", id="cancel")
        yield Footer()

    def _written_line(self, reflection: Reflection) -> str:
        today = self.companion.services.today()

        def when(moment: datetime) -> str:
            return f"{day_words(moment.date(), today)} {moment:%H:%M}"

        line = f"First written {when(reflection.written_at)}"
        if reflection.edited_at is not None:
            line += f"; edited {when(reflection.edited_at)}"
        return line + "."

    def _routine_options(self) -> list[tuple[Text, str]]:
        # Until the family's routines are loaded: only the one it is about (when known by name).
        value = self._routine_value()
        return [(Text(value), value)] if isinstance(value, str) else []

    def _routine_value(self) -> str | object:
        routine = self.filled.draft.routine
        if routine is None or (self.editing and routine == self.editing.routine):
            return Select.NULL  # an id: shown once the routines are loaded
        return routine

    def _activity_options(self) -> list[tuple[Text, str]]:
        # Until the library is loaded: only the game it is about, by title when known.
        chosen = self.filled.draft.activities
        return [(Text(self._played_line().removeprefix("Played: ")), chosen[0])] if chosen else []

    def _played_line(self) -> str:
        return "Played: " + ", ".join(self.played_titles or self.filled.draft.activities)

    def _enjoyed_label(self) -> Text:
        names = self.filled.draft.children
        return Text(f"{names[0]} enjoyed it" if len(names) == 1 else "My child enjoyed it")

    def _prompt_hint(self) -> Text:
        prompt = PROMPTS[self.next_prompt % len(PROMPTS)]
        return Text(f'Not sure how to begin? ctrl+g writes "{prompt}"')

    def on_mount(self) -> None:
        self.set_class(self.app.size.width >= WIDE_WIDTH, "wide")
        text = self.query_one("#text", TextArea)
        text.focus()
        text.move_cursor(text.document.end)
        self._load()

    def on_resize(self, event: events.Resize) -> None:
        self.set_class(event.size.width >= WIDE_WIDTH, "wide")

    # -- the family's routines, and the titles of the games an edited reflection names -------

    @work(thread=True, exclusive=True, exit_on_error=False, group="full-reflection-load")
    def _load(self) -> None:
        services = self.companion.services
        routines = [(r.id, r.name) for r in services.routines.all()]
        games = {card.id: card.activity.title for card in services.cards.all()}
        played = self.filled.draft.activities
        titles = tuple(games.get(a, a) for a in played) if self.editing and played else ()
        self.app.call_from_thread(self._loaded, routines, titles, games)

    def _loaded(
        self, routines: list[tuple[str, str]], titles: tuple[str, ...], games: dict[str, str]
    ) -> None:
        select = self.query_one("#routine", Select)
        chosen = select.value
        names = [name for _, name in routines]
        if self.editing and self.editing.routine:
            # Its name is what the form shows and hands back (none when it has gone since).
            named = dict(routines).get(self.editing.routine)
            self.untouched = self._with_routine(self.untouched, named)
            self.filled = self._with_routine(self.filled, named)
            if chosen == Select.NULL and named is not None:
                chosen = named
        if isinstance(chosen, str) and chosen not in names:
            names.append(chosen)  # kept as it was; the service says if it is no longer known
        select.set_options([(Text(name), name) for name in names])
        if isinstance(chosen, str):
            select.value = chosen
        self.routines_loaded = True
        if titles:
            self.played_titles = titles
            for played in self.query("#played").results(Static):
                played.update(Text(self._played_line()))
        for select in self.query("#activity").results(Select):
            self._offer_games(select, games)

    def _offer_games(self, select: Select[str], games: dict[str, str]) -> None:
        """Every game in the library by title; one no longer there is kept, by its id."""
        chosen = select.value
        if isinstance(chosen, str) and chosen not in games:
            games = {**games, chosen: chosen}
        by_title = sorted(games.items(), key=lambda game: game[1].casefold())
        with select.prevent(Select.Changed):  # the same game, only more to choose from
            select.set_options([(Text(title), card_id) for card_id, title in by_title])
            if isinstance(chosen, str):
                select.value = chosen

    @on(Select.Changed, "#activity")
    def _game_chosen(self, event: Select.Changed) -> None:
        game = event.value if isinstance(event.value, str) else None
        enjoyed = self.query_one("#enjoyed", MarkedCheckbox)
        enjoyed.display = game is not None
        if game != self.game:  # another game (Select also says so of the first one shown)
            self.game = game
            enjoyed.value = False  # it was said of the game before

    @staticmethod
    def _with_routine(filled: _Filled, name: str | None) -> _Filled:
        return replace(filled, draft=replace(filled.draft, routine=name))

    # -- writing --------------------------------------------------------------------------------

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        if isinstance(event.widget, TextArea) and event.widget.id:
            self.writing_in = event.widget.id

    def action_prompt(self) -> None:
        """The next gentle prompt, at the cursor of the part being written."""
        area = self.query_one(f"#{self.writing_in}", TextArea)
        words = PROMPTS[self.next_prompt % len(PROMPTS)].removesuffix("...") + " "
        row, column = area.cursor_location
        before = area.document.get_line(row)[:column]
        if before.strip():
            words = "\n" + words  # a new thought on a line of its own
        area.focus()
        area.insert(words)
        area.scroll_visible()
        self.next_prompt += 1
        self.query_one("#prompt-hint", Static).update(self._prompt_hint())

    def _read(self) -> _Filled:
        """Everything on the form as it stands."""
        opened = self.filled.draft

        def chosen(selector: str) -> str | None:
            value = self.query_one(selector, Select).value
            return value if isinstance(value, str) else None

        engagement = self.query_one("#engagement", Select).value
        if len(self.family.children) > 1:
            children = tuple(
                box.name or "" for box in self.query(".child").results(MarkedCheckbox) if box.value
            )
        else:
            children = opened.children  # one child (or none to choose): as it was
        activities = opened.activities
        for select in self.query("#activity").results(Select):
            activities = (select.value,) if isinstance(select.value, str) else ()
        box = self.query_one("#enjoyed", MarkedCheckbox)
        if activities == opened.activities and box.value == bool(opened.enjoyed):
            enjoyed = opened.enjoyed  # as it was (perhaps some of a session's games)
        else:
            enjoyed = activities if box.value else ()

        def written(name: str) -> str:
            return self.query_one(f"#{name}", TextArea).text

        draft = ReflectionDraft(
            children=children,
            by=chosen("#by"),
            tags=tuple(self.query_one("#tags", Input).value.split()),
            for_therapist=self.query_one("#therapist", MarkedCheckbox).value,
            activities=activities,
            enjoyed=enjoyed,
            routine=chosen("#routine") if self.routines_loaded else opened.routine,
            engagement=engagement if isinstance(engagement, int) else None,
            before=chosen("#before"),
            after=chosen("#after"),
            feeling=chosen("#how-i-am"),
            text=written("text"),
            noticed_child=written("noticed_child"),
            noticed_self=written("noticed_self"),
            rupture=written("rupture"),
            repair=written("repair"),
            questions=written("questions"),
        )
        return _Filled(draft, self.query_one("#day", Input).value)

    # -- saving ---------------------------------------------------------------------------------

    def action_save(self) -> None:
        save = self.query_one("#save", Button)
        if save.disabled:
            return  # already on its way
        save.disabled = True
        self.query_one("#full-error", Static).display = False
        self.when_done(self._save(self._read()), self._saved)

    @on(Button.Pressed, "#save")
    def _save_pressed(self) -> None:
        self.action_save()

    @work(thread=True, exclusive=True, exit_on_error=False, group="full-reflection-save")
    def _save(self, filled: _Filled) -> ReflectionDefaults:
        services = self.companion.services
        day = services.parse_day(filled.day, "day") if filled.day.strip() else None
        services.save_reflection(replace(filled.draft, day=day), editing=self.editing)
        return ReflectionDefaults(filled.draft.children, filled.draft.by)

    def _saved(self, defaults: ReflectionDefaults) -> None:
        said = SAVED_CHANGES if self.editing else messages.SAVED_REFLECTION
        self.app.notify(said, timeout=4, markup=False)
        self.dismiss(defaults)

    def show_worker_error(self, text: str) -> bool:
        error = self.query_one("#full-error", Static)
        error.update(Text(text))
        error.display = True
        self.query_one("#full-form", VerticalScroll).scroll_home(animate=False)
        self.query_one("#save", Button).disabled = False
        return True

    # -- leaving --------------------------------------------------------------------------------

    def action_cancel(self) -> None:
        if self.saving:  # one save at a time; the form closes when it is done
            return
        if self._read() == self.untouched:
            self.dismiss(None)
            return
        answers = [("Stay and keep writing", False), ("Leave without saving", True)]
        self.app.push_screen(ChoiceScreen[bool](LEAVE_QUESTION, answers), self._leave_if)

    @on(Button.Pressed, "#cancel")
    def _cancel_pressed(self) -> None:
        self.action_cancel()

    def _leave_if(self, leave: bool | None) -> None:
        if leave:
            self.dismiss(None)
