"""The week at a glance: days across, routines down. A day nobody checked off is blank, never
red; each mark has its word in the legend (and beside it on a wide screen); under the grid,
a plain sentence per routine, and who did what on the day under the cursor."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.message import Message
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Static

from companion.domain.consistency import WeekRow, week_start
from companion.domain.dates import day_words
from companion.domain.family import Family
from companion.domain.routine import Checkoff, CheckoffStatus, DayChange
from companion.tui.base import CompanionNode
from companion.tui.screens.routine_view import MARKS, NOT_PLANNED, checkoff_line

WORDS_WIDTH = 110  # from here each mark has its word beside it in the grid too
LEGEND = "✓ done  ◐ partly  - not today  · not planned  blank: nothing checked off"
CELL_WORDS: dict[CheckoffStatus, str] = {"done": "done", "partly": "partly", "skipped": "not today"}
NAME_WIDTH = 18


@dataclass(frozen=True)
class WeekView:
    monday: date
    today: date
    rows: tuple[WeekRow, ...]
    latest: dict[tuple[str, date], Checkoff]  # the check-off each cell shows
    changes: dict[tuple[str, date], DayChange]
    family: Family


class WeekScreen(Screen[None], CompanionNode):
    CSS_PATH = "week.tcss"
    TITLE = "The week"
    SUB_TITLE = "routines, day by day"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("p", "previous_week", "Previous week", id="week-previous"),
        Binding("n", "next_week", "Next week", id="week-next"),
        Binding("w", "this_week", "This week", id="week-this",
                tooltip="Back to this week"),
        Binding("escape", "back", "Back", id="week-back"),
    ]  # fmt: skip

    class Loaded(Message):
        def __init__(self, view: WeekView) -> None:
            super().__init__()
            self.view = view

    def __init__(self, day: date | None = None) -> None:
        super().__init__()
        self.day = day  # a day in the week shown; None: this week
        self.view: WeekView | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="week-body"):
            yield Static("Opening the week…", id="week-title")
            yield DataTable(id="week-grid", cursor_type="cell", zebra_stripes=False)
            yield Static(LEGEND, id="week-legend", classes="hint")
            yield Static("", id="week-cell")
            yield Static("", id="week-sentences", classes="panel")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.query_one("#week-sentences").border_title = "How the week went"
        self.query_one("#week-grid").focus()
        self._load(self.day)

    def on_resize(self) -> None:
        wide = self.size.width >= WORDS_WIDTH
        if wide != self.has_class("wide"):
            self.set_class(wide, "wide")
            if self.view is not None:
                self._show(self.view)

    # -- loading ----------------------------------------------------------------------------

    @work(thread=True, exclusive=True, exit_on_error=False, group="week")
    def _load(self, day: date | None) -> None:
        services = self.companion.services
        routines = services.routines
        today = services.today()
        monday = week_start(day or today)
        sunday = monday + timedelta(days=6)
        latest: dict[tuple[str, date], Checkoff] = {}
        for checkoff in sorted(routines.checked_off(monday, sunday), key=lambda c: c.written_at):
            latest[(checkoff.routine_id, checkoff.day)] = checkoff
        rows = sorted(routines.week(monday), key=lambda r: (r.routine.start, r.routine.name))
        changes = {
            (c.routine_id, c.day): c for c in routines.changes() if monday <= c.day <= sunday
        }
        view = WeekView(monday, today, tuple(rows), latest, changes, services.family())
        self.post_message(self.Loaded(view))

    @on(Loaded)
    def _loaded(self, event: Loaded) -> None:
        self._show(event.view)

    def _show(self, view: WeekView) -> None:
        was_at = self.query_one("#week-grid", DataTable).cursor_coordinate
        same_week = self.view is not None and self.view.monday == view.monday
        self.view = view
        self.query_one("#week-title", Static).update(week_title(view.monday, view.today))
        table = self.query_one("#week-grid", DataTable)
        table.clear(columns=True)
        wide = self.has_class("wide")
        name_width = NAME_WIDTH + (2 if wide else 0)
        table.add_column("Routine", key="routine", width=name_width)
        for offset in range(7):
            day = view.monday + timedelta(days=offset)
            style = "bold underline" if day == view.today else ""
            label = Text(f"{day:%a} {day.day}", style=style)
            table.add_column(label, key=day.isoformat(), width=11 if wide else 6)
        for row in view.rows:
            table.add_row(
                Text(_fit(f"{row.routine.name} {row.routine.start:%H:%M}", name_width)),
                *(cell_text(cell.status, cell.planned, wide=wide) for cell in row.cells),
                key=row.routine.id,
            )
        if not view.rows:
            self.query_one("#week-sentences", Static).update(
                "No routines yet. Add one on the Routines screen (a)."
            )
            self.query_one("#week-cell", Static).update("")
        else:
            self.query_one("#week-sentences", Static).update(
                Text("\n".join(row.sentence(view.today) for row in view.rows))
            )
            if same_week:
                table.move_cursor(row=was_at.row, column=was_at.column, animate=False)
            else:  # today's column, or Monday's in another week
                column = (view.today - view.monday).days + 1
                table.move_cursor(row=0, column=column if 1 <= column <= 7 else 1, animate=False)
        self._describe_cell()
        self.refresh_bindings()

    @on(DataTable.CellHighlighted, "#week-grid")
    def _describe_cell(self) -> None:
        """Who did what on the day under the cursor, with their note."""
        view = self.view
        table = self.query_one("#week-grid", DataTable)
        line = self.query_one("#week-cell", Static)
        if view is None or not view.rows:
            line.update("")
            return
        row_index, column = table.cursor_coordinate
        row = view.rows[min(row_index, len(view.rows) - 1)]
        column = max(column, 1)
        day = view.monday + timedelta(days=column - 1)
        cell = row.cells[column - 1]
        found = view.latest.get((row.routine.id, day))
        change = view.changes.get((row.routine.id, day))
        if found is not None:
            said = checkoff_line(found, view.family, view.today)
        elif not cell.planned:
            said = f"{day_words(day, view.today)}: not planned"
        elif day > view.today:
            said = f"{day_words(day, view.today)}: still to come"
        else:
            said = f"{day_words(day, view.today)}: nothing checked off"
        text = Text(f"{row.routine.name}, {said}.")
        if change is not None:
            text.append(f" {change.describe(row.routine.name)}.", style="italic")
        line.update(text)

    # -- keys -------------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "this_week":
            view = self.view
            return view is not None and view.monday != week_start(view.today)
        return True

    def _shown_monday(self) -> date | None:
        return self.view.monday if self.view else None

    def action_previous_week(self) -> None:
        monday = self._shown_monday()
        if monday is not None:
            self._load(monday - timedelta(days=7))

    def action_next_week(self) -> None:
        monday = self._shown_monday()
        if monday is not None:
            self._load(monday + timedelta(days=7))

    def action_this_week(self) -> None:
        self._load(None)

    def action_back(self) -> None:
        self.dismiss(None)


def week_title(monday: date, today: date) -> Text:
    weeks = (week_start(today) - monday).days // 7
    if weeks == 0:
        which = "this week"
    elif weeks == 1:
        which = "last week"
    elif weeks == -1:
        which = "next week"
    elif weeks > 0:
        which = f"{weeks} weeks ago"
    else:
        which = f"in {-weeks} weeks"
    text = Text()
    text.append(f"Week of {monday:%a %d %b %Y}", style="bold")
    text.append(f" ({which}). Today is {today:%a %d %b}.")
    return text


def cell_text(status: CheckoffStatus | None, planned: bool, *, wide: bool) -> Text:
    """A mark (and on a wide screen its word); blank when nothing was checked off."""
    if status is not None:
        words = f" {CELL_WORDS[status]}" if wide else ""
        return Text(f"{MARKS[status]}{words}", style="bold" if status == "done" else "")
    if not planned:
        return Text(NOT_PLANNED, style="dim")
    return Text("")


def _fit(label: str, width: int) -> str:
    return label if len(label) <= width else label[: width - 1] + "…"
