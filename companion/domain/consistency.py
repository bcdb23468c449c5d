"""How steady the routines were: a week grid and a plain sentence. No streaks: a day without
a check-off is simply blank."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from companion.domain.routine import Checkoff, CheckoffStatus, DayChange, Routine, occurrences


@dataclass(frozen=True)
class Cell:
    day: date
    planned: bool  # the routine was planned that day (after one-off changes)
    status: CheckoffStatus | None  # the day's check-off, if anyone made one


@dataclass(frozen=True)
class WeekRow:
    routine: Routine
    cells: tuple[Cell, ...]  # Monday to Sunday

    def _counted(self, today: date) -> list[Cell]:
        # Past planned days; today only once someone checked it off (it may still be to come).
        return [
            c
            for c in self.cells
            if c.planned and (c.day < today or (c.day == today and c.status is not None))
        ]

    def happened(self, today: date) -> int:
        return sum(1 for c in self._counted(today) if c.status in ("done", "partly"))

    def planned_so_far(self, today: date) -> int:
        return len(self._counted(today))

    def sentence(self, today: date) -> str:
        """ "Bedtime happened 6 of 7 evenings this week." Counted up to today; a past week
        is "that week"."""
        planned = self.planned_so_far(today)
        part = part_of_day(self.routine)
        past = self.cells[-1].day < today
        week = "that week" if past else "this week"
        if planned == 0:
            if past:
                return f"{self.routine.name} was not planned that week."
            return f"{self.routine.name}: nothing to count yet this week."
        noun = part if planned != 1 else part.removesuffix("s")
        return f"{self.routine.name} happened {self.happened(today)} of {planned} {noun} {week}."


def week_start(day: date) -> date:
    return day - timedelta(days=day.weekday())


def week_grid(
    routines: Iterable[Routine],
    checkoffs: Iterable[Checkoff],
    changes: Iterable[DayChange],
    monday: date,
) -> list[WeekRow]:
    """One row per routine for the week starting `monday`; the newest check-off of a day wins."""
    sunday = monday + timedelta(days=6)
    latest: dict[tuple[str, date], Checkoff] = {}
    for checkoff in sorted(checkoffs, key=lambda c: c.written_at):
        if monday <= checkoff.day <= sunday:
            latest[(checkoff.routine_id, checkoff.day)] = checkoff
    changes = list(changes)
    rows = []
    for routine in routines:
        # Before the routine was added, only days someone checked off count as planned.
        added = routine.added.date() if routine.added else monday
        planned = {
            o.day
            for o in occurrences(routine, changes, monday, sunday)
            if o.day >= added or (routine.id, o.day) in latest
        }
        cells = []
        for offset in range(7):
            day = monday + timedelta(days=offset)
            found = latest.get((routine.id, day))
            cells.append(Cell(day, day in planned, found.status if found else None))
        rows.append(WeekRow(routine, tuple(cells)))
    return rows


def part_of_day(routine: Routine) -> str:
    """ "mornings", "afternoons" or "evenings", by when the routine starts."""
    hour = routine.start.hour
    if hour < 12:
        return "mornings"
    if hour < 17:
        return "afternoons"
    return "evenings"
