"""The full reflection: how the child joined in and how they were before and after, how I was,
and the written parts (what happened, what I noticed, rupture and repair, questions).

Also the editor of a reflection already written. Nothing typed is lost by one key: escape asks
first, and an error is shown on the form with every word left in place."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from typing import ClassVar

import msgspec
from rich.text import Text
from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Grid, Horizontal, Vertical, VerticalScroll
from textual.widgets import Button, Footer, Input, Label, Select, Static, TextArea
from textual.worker import Worker

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
from companion.tui.forms import FormScreen
from companion.tui.screens.reflection import ReflectionDefaults
from companion.tui.screens.reflection_opening import (
    Filled,
    day_text,
    from_defaults,
    from_reflection,
)
from companion.tui.widgets.form_fields import child_boxes, choice, labelled, offer
from companion.tui.widgets.marked_checkbox import MarkedCheckbox

SAVED_CHANGES = "Saved your changes."
WIDE_WIDTH = 110  # from here the written parts sit in two columns


class FullReflectionScreen(FormScreen[ReflectionDefaults]):
    CSS_PATH = "reflection_full.tcss"
    ERROR_LINE = "#full-error"
    LEAVE_QUESTION = "Leave without saving? Your words will be lost."
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "ctrl+g",
            "prompt",
            "A prompt",
            id="full-reflection-prompt",
            tooltip="Begin where you are writing with a gentle prompt",
        ),
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
        self.untouched = (
            from_reflection(self.family, editing)
            if editing
            else from_defaults(self.family, self.defaults, self.companion.state.feeling)
        )
        self.filled = Filled(draft, day_text(draft.day)) if draft else self.untouched
        # A session (hello, games, goodbye) is shown as played; one game or none is a choice.
        self.whole_session = len(self.filled.draft.activities) > 1
        self.game = self.filled.draft.activities[0] if self.filled.draft.activities else None

    # -- layout -------------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        self._prepare()
        with VerticalScroll(id="full-form"):
            yield from self._heading()
            # Where a problem is said (the view comes back up to it): one sentence, words kept.
            yield Static("", id="full-error", classes="error-line")
            yield from self._what_it_was_about()
            yield from self._how_they_were()
            yield from self._how_i_was()
            yield Static(self._prompt_hint(), id="prompt-hint", classes="hint")
            with Grid(id="written"):
                for name, label in WRITTEN_PARTS:
                    with Vertical(classes="part"):
                        yield Label(label + (", one a line" if name == "questions" else ""))
                        yield TextArea(
                            getattr(self.filled.draft, name),
                            id=name,
                            soft_wrap=True,
                            show_line_numbers=False,
                            classes="written",
                        )
            with Horizontal(id="full-buttons"):
                yield MarkedCheckbox(
                    "Discuss with our therapist",
                    self.filled.draft.for_therapist,
                    id="therapist",
                    compact=True,
                )
                yield Button("Save (ctrl+s)", id="save", variant="primary")
                yield Button("Cancel", id="cancel")
        yield Footer()

    def _heading(self) -> ComposeResult:
        yield Static("Edit reflection" if self.editing else "A full reflection", id="full-title")
        if self.editing:
            yield Static(Text(self._written_line(self.editing)), id="full-written")
        else:
            yield Static("Every part is optional: write what helps.", classes="hint")

    def _what_it_was_about(self) -> ComposeResult:
        """The day, the routine and the game (or the session played), and which children."""
        draft = self.filled.draft
        with Horizontal(classes="row"):
            yield labelled(
                "Day",
                Input(
                    self.filled.day,
                    placeholder="today, yesterday, 2026-11-20",
                    id="day",
                    compact=True,
                ),
                id="day-field",
            )
            routine = choice("routine", self._routine_options(), self._routine_value(), "none")
            yield labelled("A routine it was about", routine, id="routine-field")
        if self.whole_session:
            yield Static(Text(self._played_line()), id="played")
        with Horizontal(classes="row"):
            if not self.whole_session:
                game = draft.activities[0] if draft.activities else Select.NULL
                select = choice("activity", self._activity_options(), game, "none")
                yield labelled("A game it was about", select, id="activity-field")
            enjoyed = MarkedCheckbox(
                self._enjoyed_label(), bool(draft.enjoyed), id="enjoyed", compact=True
            )
            enjoyed.display = bool(draft.activities)
            yield enjoyed
        yield from child_boxes(self.family, draft.children)

    def _how_they_were(self) -> ComposeResult:
        draft = self.filled.draft
        with Horizontal(classes="row"):
            engagement = [(f"{n} {words}", n) for n, words in ENGAGEMENT_WORDS.items()]
            yield labelled(
                "How they joined in",
                choice("engagement", engagement, draft.engagement, "not noted"),
                id="engagement-field",
            )
            states = [(state, state) for state in CHILD_STATES]
            for name, label, value in (
                ("before", "Before", draft.before),
                ("after", "After", draft.after),
            ):
                select = choice(name, states, value, "not noted")
                yield labelled(label, select, classes="state-field")

    def _how_i_was(self) -> ComposeResult:
        draft = self.filled.draft
        with Horizontal(classes="row"):
            feelings = [(FEELING_WORDS[f], f) for f in FEELINGS]
            yield labelled(
                "How I was",
                choice("how-i-am", feelings, draft.feeling, "not noted"),
                id="feeling-field",
            )
            caregivers = [(Text(c.name), c.name) for c in self.family.caregivers]
            yield labelled(
                "Written by", choice("by", caregivers, draft.by, "choose"), id="by-field"
            )
            tags = Input(
                " ".join(draft.tags), placeholder="e.g. bedtime calm", id="tags", compact=True
            )
            yield labelled("Tags", tags, id="tags-field")

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
        if self.editing and self.editing.routine:
            # Its name is what the form shows and hands back (none when it has gone since).
            named = dict(routines).get(self.editing.routine)
            self.untouched = self._with_routine(self.untouched, named)
            self.filled = self._with_routine(self.filled, named)
            if select.value == Select.NULL and named is not None:
                select.set_options([(Text(named), named)])
                select.value = named
        offer(select, {name: name for _, name in routines})
        self.routines_loaded = True
        if titles:
            self.played_titles = titles
            for played in self.query("#played").results(Static):
                played.update(Text(self._played_line()))
        by_title = dict(sorted(games.items(), key=lambda game: game[1].casefold()))
        for select in self.query("#activity").results(Select):
            offer(select, by_title)

    @on(Select.Changed, "#activity")
    def _game_chosen(self, event: Select.Changed) -> None:
        game = event.value if isinstance(event.value, str) else None
        enjoyed = self.query_one("#enjoyed", MarkedCheckbox)
        enjoyed.display = game is not None
        if game != self.game:  # another game (Select also says so of the first one shown)
            self.game = game
            enjoyed.value = False  # it was said of the game before

    @staticmethod
    def _with_routine(filled: Filled, name: str | None) -> Filled:
        return replace(filled, draft=msgspec.structs.replace(filled.draft, routine=name))

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

    def _read(self) -> Filled:
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
        return Filled(draft, self.query_one("#day", Input).value)

    # -- saving ---------------------------------------------------------------------------------

    def start_save(self) -> Worker[ReflectionDefaults]:
        return self._save(self._read())

    @work(thread=True, exclusive=True, exit_on_error=False, group="full-reflection-save")
    def _save(self, filled: Filled) -> ReflectionDefaults:
        services = self.companion.services
        day = services.parse_day(filled.day, "day") if filled.day.strip() else None
        draft = msgspec.structs.replace(filled.draft, day=day)
        services.save_reflection(draft, editing=self.editing)
        return ReflectionDefaults(filled.draft.children, filled.draft.by)

    def saved(self, defaults: ReflectionDefaults) -> None:
        said = SAVED_CHANGES if self.editing else messages.SAVED_REFLECTION
        self.app.notify(said, timeout=4, markup=False)
        self.dismiss(defaults)

    def say(self, words: str) -> None:
        # Hidden until there is something to say; then the view comes back up to it.
        super().say(words)
        self.query_one("#full-error", Static).display = bool(words)
        if words:
            self.query_one("#full-form", VerticalScroll).scroll_home(animate=False)

    # -- leaving --------------------------------------------------------------------------------

    def has_changes(self) -> bool:
        return self._read() != self.untouched
