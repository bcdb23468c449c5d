"""The search box and the filters above the list of reflections: about which child, written by
whom, a tag, the days from and until, and only those for our therapist."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Grid, Vertical
from textual.message import Message
from textual.timer import Timer
from textual.widgets import Input, Select, Static

from companion.domain.dates import parse_date
from companion.domain.errors import CompanionError
from companion.domain.family import Family
from companion.domain.reflection import ReflectionQuery
from companion.tui.widgets.marked_checkbox import MarkedCheckbox

WRONG_WAY_ROUND = "The first date is after the second; swap them and the list will follow."
DATE_PATIENCE = 1.0  # seconds of no typing before a date that cannot be read is mentioned


class ReflectionFilters(Vertical):
    """Posts `Asked` with what the filters ask for whenever it changes; a date that cannot
    be read keeps the last ask and is said beside the boxes (while typing, after a pause)."""

    class Asked(Message):
        def __init__(self, query: ReflectionQuery) -> None:
            super().__init__()
            self.query = query

    def __init__(self, family: Family, *, today: Callable[[], date]) -> None:
        super().__init__(id="reflections-filters")
        self.family = family
        self.today = today
        self._date_timer: Timer | None = None

    def compose(self) -> ComposeResult:
        yield Input(
            placeholder="Search what was written, e.g. bath",
            id="reflections-search",
            compact=True,
        )
        with Grid(id="reflections-filter-grid"):
            yield Select(
                [(Text(f"About {c.name}"), c.id) for c in self.family.children],
                prompt="Any child",
                id="reflections-child",
                compact=True,
            )
            yield Select(
                [(Text(f"By {c.name}"), c.id) for c in self.family.caregivers],
                prompt="Written by anyone",
                id="reflections-by",
                compact=True,
            )
            yield Select[str]([], prompt="Any tag", id="reflections-tag", compact=True)
            yield Input(
                placeholder="From (e.g. 30 days ago)",
                id="reflections-since",
                compact=True,
            )
            yield Input(
                placeholder="Until (e.g. 2026-11-01)",
                id="reflections-until",
                compact=True,
            )
            yield MarkedCheckbox("For our therapist", id="reflections-flagged", compact=True)
        yield Static("", id="reflections-date-problem", classes="error-line")

    def on_mount(self) -> None:
        self.query_one("#reflections-date-problem").display = False

    @on(Input.Changed, "#reflections-search")
    @on(Select.Changed)
    @on(MarkedCheckbox.Changed)
    @on(Input.Blurred, "#reflections-since, #reflections-until")
    def _changed(self, event: Message) -> None:
        event.stop()
        self.ask()

    @on(Input.Changed, "#reflections-since, #reflections-until")
    def _date_typed(self, event: Input.Changed) -> None:
        event.stop()
        self.ask(patient=True)  # it may become a date yet

    def ask(self, patient: bool = False) -> bool:
        """Read the filters and post what they ask for; True when they could be read. A
        date that cannot be read is said at once, or (`patient`) after a pause in typing."""
        if self._date_timer is not None:
            self._date_timer.stop()
            self._date_timer = None
        query = self.read_query(self.today())
        if isinstance(query, str):
            if patient:
                self._date_timer = self.set_timer(DATE_PATIENCE, self.ask)
            else:
                self.say_date_problem(query)
            return False
        self.say_date_problem("")
        self.post_message(self.Asked(query))
        return True

    def show_tags(self, tags: list[str]) -> None:
        select: Select[str] = self.query_one("#reflections-tag", Select)
        chosen = select.value
        with select.prevent(Select.Changed):
            select.set_options([(Text(f"#{tag}"), tag) for tag in tags])
            if isinstance(chosen, str) and chosen in tags:
                select.value = chosen

    def read_query(self, today: date) -> ReflectionQuery | str:
        """What the filters ask for, or the sentence that says which date cannot be read."""

        def chosen(widget_id: str) -> str | None:
            value = self.query_one(f"#{widget_id}", Select).value
            return value if isinstance(value, str) else None

        days: list[date | None] = []
        for widget_id in ("reflections-since", "reflections-until"):
            typed = self.query_one(f"#{widget_id}", Input).value
            try:
                days.append(parse_date(typed, today=today) if typed.strip() else None)
            except CompanionError as error:
                return error.message
        since, until = days
        if since and until and since > until:
            return WRONG_WAY_ROUND
        return ReflectionQuery.build(
            since=since,
            until=until,
            search=self.query_one("#reflections-search", Input).value,
            tag=chosen("reflections-tag"),
            child_id=chosen("reflections-child"),
            for_therapist_only=self.query_one("#reflections-flagged", MarkedCheckbox).value,
            by=chosen("reflections-by"),
        )

    def say_date_problem(self, sentence: str) -> None:
        problem = self.query_one("#reflections-date-problem", Static)
        problem.update(Text(sentence))
        problem.display = bool(sentence)

    @property
    def date_problem_shown(self) -> bool:
        return self.query_one("#reflections-date-problem").display
